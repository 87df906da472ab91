/**
 * Opening the durable stores: PostgreSQL when a database URL is configured, else embedded PGlite
 * (persisted in `dataDir`, or in memory without one). Either way the schema is migrated first —
 * with the operator's role when one is configured (DATABASE_ADMIN_URL), which then grants the
 * application's role (DATABASE_URL) what it may do (storage/privileges.ts).
 * Open once per process; close on shutdown (an embedded store holds its directory until then).
 */
import type { Logger } from '../lib/logger';
import { createAccessRecordStore } from './access-record-store';
import { startCheckpointWriter, type CheckpointWriter } from './checkpoint-writer';
import { createConsentStore } from './consent-store';
import { createCreditQueryStore } from './credit-query-store';
import { createLoanStore } from './loan-store';
import { sealWebhookSecrets } from './notice-outbox';
import { sealingKeyOf } from './sealed-secrets';
import { DEVELOPMENT_CHAIN_KEY } from './access-chain';
import { createProxyAuthorizationStore } from './proxy-authorization-store';
import { openEmbedded, openPostgres, type SqlDatabase } from './database';
import { StorageError } from './errors';
import type { PreparedStore } from './embedded-database';
import { MIGRATIONS_DIGEST, migrate, pendingMigrations } from './migrations';
import { canRewriteAccessRecords, currentRole, grantApplicationRole } from './privileges';
import type { Storage } from './types';

export interface AccessRecordChainOptions {
  /** ACCESS_RECORD_CHAIN_KEY; the development default when absent. */
  chainKey?: string;
  /** ACCESS_RECORD_CHECKPOINT_DIR: signed checkpoints outside the database; none when absent. */
  checkpointDir?: string | null;
  /** Sign the chain's head at this interval (the processes that append); absent or 0: only purges sign. */
  checkpointIntervalMs?: number;
  /** Refuse a PostgreSQL role that can change or delete access records (production). */
  requireLeastPrivilege?: boolean;
}

export interface StorageOptions extends AccessRecordChainOptions {
  /** DATABASE_URL: the application's role. */
  databaseUrl: string | null;
  /** DATABASE_ADMIN_URL: the operator's role, owning the tables: migrations, grants, purge. */
  adminUrl?: string | null;
  /** Whose connection the stores use: the application's (servers) or the operator's (operator commands). */
  connectAs?: 'application' | 'operator';
  /** PostgreSQL schema for the tables (created if missing); default public. */
  schema?: string;
  /** Embedded store directory; in memory when absent. Ignored with a database URL. */
  dataDir?: string;
  /** Reports faults of idle PostgreSQL connections, checkpoints not written, and the store's notes. */
  logger?: Logger;
}

/** A new embedded store starts migrated: from a template of these migrations, made once per machine. */
const MIGRATED: PreparedStore = { kind: 'migrated', version: MIGRATIONS_DIGEST, prepare: (db) => migrate(db) };

export async function openStorage(options: StorageOptions): Promise<Storage> {
  const { db, notes } = options.databaseUrl
    ? await openPostgresAs(options.databaseUrl, options)
    : { db: await openEmbedded({ dataDir: options.dataDir, prepared: MIGRATED }), notes: [] };
  try {
    const storage = await createStorage(db, { ...options, notes });
    for (const note of notes) options.logger?.warn(note);
    return storage;
  } catch (error) {
    await db.close();
    throw error;
  }
}

/**
 * The application's connection, or the operator's; with both configured, migrated and granted by
 * the operator first. The notes are about the application's role, whichever connection is kept.
 */
async function openPostgresAs(databaseUrl: string, options: StorageOptions): Promise<{ db: SqlDatabase; notes: string[] }> {
  const schema = options.schema ?? 'public';
  const open = (url: string) => openPostgres(url, { schema, logger: options.logger });
  // Production servers refuse a role that could rewrite the record; an operator command only reports it.
  const strict = options.requireLeastPrivilege === true && options.connectAs !== 'operator';
  const separate = Boolean(options.adminUrl) && options.adminUrl !== databaseUrl;
  if (!separate) {
    const db = await open(databaseUrl);
    try {
      const pending = await pendingMigrations(db);
      if (pending.length > 0) await migrateOrExplain(db, pending);
      return { db, notes: await protectionNotes(db, strict) };
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  const admin = await open(options.adminUrl!);
  let app: SqlDatabase | null = null;
  let notes: string[];
  try {
    await migrate(admin);
    app = await open(databaseUrl);
    const role = await currentRole(app);
    if (role !== (await currentRole(admin))) await grantApplicationRole(admin, schema, role);
    notes = await protectionNotes(app, strict);
  } catch (error) {
    await app?.close();
    await admin.close();
    throw error;
  }
  if (options.connectAs === 'operator') {
    await app.close();
    return { db: admin, notes };
  }
  await admin.close();
  return { db: app, notes };
}

export interface CreateStorageOptions extends Omit<AccessRecordChainOptions, 'requireLeastPrivilege'> {
  /** The clock of consents and proxy authorizations (specs fix it). */
  now?: () => Date;
  logger?: Logger;
  /** What opening found about the database role (openStorage). */
  notes?: readonly string[];
}

/** The stores over an open database, after migrating it; closing the storage closes the database. */
export async function createStorage(db: SqlDatabase, options: CreateStorageOptions = {}): Promise<Storage> {
  const pending = await pendingMigrations(db);
  if (pending.length > 0) await migrateOrExplain(db, pending);
  const accessRecords = createAccessRecordStore(db, { chainKey: options.chainKey, checkpointDir: options.checkpointDir });
  // The key of the secrets the store keeps sealed, from the same secret outside the database as the chain's.
  const sealingKey = sealingKeyOf(options.chainKey ?? DEVELOPMENT_CHAIN_KEY);
  await sealWebhookSecrets(db, sealingKey);

  let writer: CheckpointWriter | null = null;
  if (options.checkpointDir && options.checkpointIntervalMs) {
    let lastFault = '';
    writer = startCheckpointWriter(() => accessRecords.checkpoint(), options.checkpointIntervalMs, (error) => {
      // Once per distinct fault, not once per tick; verification reports what it means.
      const reason = error instanceof Error ? error.message : String(error);
      if (reason !== lastFault) options.logger?.error('access record checkpoint not written', { reason, directory: options.checkpointDir });
      lastFault = reason;
    });
    await writer.started;
  }
  let closing: Promise<void> | null = null;
  return {
    consents: createConsentStore(db, options),
    accessRecords,
    loans: createLoanStore(db, sealingKey),
    proxyAuthorizations: createProxyAuthorizationStore(db, options),
    creditQueries: createCreditQueryStore(db),
    notes: Object.freeze([...(options.notes ?? [])]),
    ping: (timeoutMs) => db.ping(timeoutMs),
    close() {
      closing ??= (async () => {
        await writer?.stop();
        await db.close();
      })();
      return closing;
    },
  };
}

async function migrateOrExplain(db: SqlDatabase, pending: readonly number[]): Promise<void> {
  try {
    await migrate(db);
  } catch (error) {
    if ((error as { code?: unknown }).code !== '42501') throw error;
    throw new StorageError(
      'MIGRATION_REFUSED',
      `the schema needs migration ${pending.map((version) => `#${version}`).join(', ')}, which role "${await currentRole(db)}" may not apply: ` +
        'run it with DATABASE_ADMIN_URL set to the operator\'s role (any process or operator command given it migrates first)',
    );
  }
}

/** What the database role can do to the access record, said (development) or refused (production). */
async function protectionNotes(db: SqlDatabase, requireLeastPrivilege: boolean): Promise<string[]> {
  if (db.engine !== 'postgres' || !(await canRewriteAccessRecords(db))) return [];
  const note =
    `the database role "${await currentRole(db)}" can change and delete access records (it owns them, or was granted it): ` +
    'give DATABASE_URL a role with INSERT and SELECT only and DATABASE_ADMIN_URL the owner (docs/threat-model.md); ' +
    'until then only the chain key and the signed checkpoints reveal tampering';
  if (requireLeastPrivilege) throw new StorageError('ROLE_TOO_POWERFUL', `refusing to start in production: ${note}`);
  return [note];
}

export { subjectKeyOf, subjectKeyMemo, maskIdNumberForRecord } from './subject';
export { storageLocation, DEFAULT_STORAGE_DIR, DEFAULT_DATABASE_SCHEMA, type StorageSettings } from './location';
export { StorageError, type StorageErrorCode } from './errors';
export { GENESIS_HASH, BREAK_REASONS, accessRecordHmac, legacyAccessRecordHash, chainKeys, DEVELOPMENT_CHAIN_KEY } from './access-chain';
export { canonicalJson } from './canonical-json';
export type { SqlDatabase, SqlExecutor, SqlParam } from './database';
export { openEmbedded, openPostgres } from './database';
export type * from './types';
