/**
 * Faults of the storage layer, each with a code so callers can tell a refused input from a store
 * that cannot be used. None of them reaches an API client as it is: the API masks them as internal
 * errors, except STORAGE_UNAVAILABLE, which it reports by code alone (retryable, HTTP 503). So
 * messages may name tables and sequences but never carry personal data.
 */
export type StorageErrorCode =
  /** A consent grant breaks a rule the data must keep (dates, scopes, written authorization). */
  | 'INVALID_CONSENT_GRANT'
  /** An access record cannot be written as given (e.g. an invalid date). */
  | 'INVALID_ACCESS_RECORD'
  /** The embedded store's directory is already open in another process (or twice in this one). */
  | 'STORE_IN_USE'
  /** The store was closed, or its embedded engine stopped. */
  | 'STORE_CLOSED'
  /**
   * The database could not be reached, or dropped the connection mid-statement (a restart, a
   * failover, a network cut): the operation did not happen, and the same one may succeed later.
   */
  | 'STORAGE_UNAVAILABLE'
  /** A schema name that is not a plain lower-case SQL identifier. */
  | 'INVALID_SCHEMA_NAME'
  /** The access record chain is broken where an operation needs it intact (purge, signing a checkpoint). */
  | 'CHAIN_BROKEN'
  /** The schema needs a migration that this database role may not apply (the operator's role must). */
  | 'MIGRATION_REFUSED'
  /** In production, a database role that could change or delete access records. */
  | 'ROLE_TOO_POWERFUL'
  /** A sealed secret (sealed-secrets.ts) that does not open under this deployment's key. */
  | 'SEALED_SECRET_INVALID'
  /** A centre's webhook URL registered already: its secret is not re-issued to whoever asks again. */
  | 'WEBHOOK_EXISTS'
  /** A centre has as many webhooks as it may (MAX_WEBHOOKS_PER_CENTRE). */
  | 'WEBHOOK_LIMIT';

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}
