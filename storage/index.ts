/**
 * Opening the durable stores: PostgreSQL when a database URL is configured, else embedded PGlite
 * (persisted in `dataDir`, or in memory without one). Either way the schema is migrated first.
 * Open once per process; close on shutdown (an embedded store holds its directory until then).
 */
import type { Logger } from '../lib/logger';
import { createAccessRecordStore } from './access-record-store';
import { createConsentStore } from './consent-store';
import { createCreditQueryStore } from './credit-query-store';
import { createLoanStore } from './loan-store';
import { createProxyAuthorizationStore } from './proxy-authorization-store';
import { openEmbedded, openPostgres, type SqlDatabase } from './database';
import { migrate } from './migrations';
import type { Storage } from './types';

export interface StorageOptions {
  databaseUrl: string | null;
  /** PostgreSQL schema for the tables (created if missing); default public. */
  schema?: string;
  /** Embedded store directory; in memory when absent. Ignored with a database URL. */
  dataDir?: string;
  /** Reports faults of idle PostgreSQL connections. */
  logger?: Logger;
}

export async function openStorage(options: StorageOptions): Promise<Storage> {
  const db = options.databaseUrl
    ? await openPostgres(options.databaseUrl, { schema: options.schema ?? 'public', logger: options.logger })
    : await openEmbedded({ dataDir: options.dataDir });
  try {
    return await createStorage(db);
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** The stores over an open database, after migrating it; closing the storage closes the database. */
export async function createStorage(db: SqlDatabase, options: { now?: () => Date } = {}): Promise<Storage> {
  await migrate(db);
  return {
    consents: createConsentStore(db, options),
    accessRecords: createAccessRecordStore(db),
    loans: createLoanStore(db),
    proxyAuthorizations: createProxyAuthorizationStore(db, options),
    creditQueries: createCreditQueryStore(db),
    close: () => db.close(),
  };
}

export { subjectKeyOf, maskIdNumberForRecord } from './subject';
export { storageLocation, DEFAULT_STORAGE_DIR, DEFAULT_DATABASE_SCHEMA, type StorageSettings } from './location';
export { StorageError, type StorageErrorCode } from './errors';
export { GENESIS_HASH, BREAK_REASONS, accessRecordHash } from './access-chain';
export { canonicalJson } from './canonical-json';
export type { SqlDatabase, SqlExecutor, SqlParam } from './database';
export { openEmbedded, openPostgres } from './database';
export type * from './types';
