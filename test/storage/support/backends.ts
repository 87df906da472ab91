/**
 * The two engines the storage contract runs against, each opened empty and migrated, with a raw
 * SQL handle on the same database for what the stores' API must never allow: tampering. Consents
 * are stamped by a fixed clock (NOW), so the specs do not age. The access record is keyed with a
 * spec key and signs its checkpoints into a directory of its own, emptied with the tables.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStorage } from '../../../storage';
import { openEmbedded, openPostgres, type SqlDatabase, type SqlParam } from '../../../storage/database';
import type { Storage } from '../../../storage/types';
import { dropSchema, freshSchemaName, testDatabaseUrl } from './postgres';
import { NOW } from './records';

/** The chain key of the specs (what ACCESS_RECORD_CHAIN_KEY holds in a deployment). */
export const SPEC_CHAIN_KEY = 'spec-only-access-record-chain-key-7f3a9c1e5b';

export interface OpenBackend {
  storage: Storage;
  db: SqlDatabase;
  /** Where the store signs its checkpoints (outside the database). */
  checkpointDir: string;
  /** Empties every table and the checkpoint directory, between specs. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface StorageBackend {
  name: string;
  open(): Promise<OpenBackend>;
}

export function freshCheckpointDir(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hpf-checkpoints-')), 'checkpoints');
}

async function opened(db: SqlDatabase, cleanup: () => Promise<void>): Promise<OpenBackend> {
  const checkpointDir = freshCheckpointDir();
  const storage = await createStorage(db, { now: () => NOW, chainKey: SPEC_CHAIN_KEY, checkpointDir });
  return {
    storage,
    db,
    checkpointDir,
    async reset() {
      await emptyTables(db);
      fs.rmSync(checkpointDir, { recursive: true, force: true });
    },
    async close() {
      await storage.close();
      await cleanup();
      fs.rmSync(path.dirname(checkpointDir), { recursive: true, force: true });
    },
  };
}

export const embeddedBackend: StorageBackend = {
  name: 'embedded PGlite',
  async open() {
    return opened(await openEmbedded(), async () => undefined);
  },
};

export const postgresBackend: StorageBackend = {
  name: 'PostgreSQL',
  async open() {
    const url = await testDatabaseUrl();
    const schema = freshSchemaName();
    return opened(await openPostgres(url, { schema }), () => dropSchema(url, schema));
  },
};

/** The tables an insider would have to change behind the stores' back, their guards switched off. */
const GUARDED = ['access_records', 'access_record_checkpoints', 'access_record_chain'];

async function emptyTables(db: SqlDatabase): Promise<void> {
  await db.transaction(async (tx) => {
    for (const table of GUARDED) await tx.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    await tx.query(
      `TRUNCATE consents, access_records, access_record_checkpoints, proxy_authorizations, credit_queries,
         loan_reviews, loan_signatures, loan_events, loan_notice_deliveries, loan_notices, notice_webhooks, loan_steps, loan_applications`,
    );
    await tx.query('UPDATE access_record_chain SET keyed_from = 1');
    for (const table of GUARDED) await tx.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
  });
}

/** What an intruder with the table owner's rights could do: change stored rows behind the API. */
export async function tamper(db: SqlDatabase, sql: string, params: readonly SqlParam[] = []): Promise<void> {
  await tamperMany(db, [[sql, params]]);
}

/** Several changes behind the API in one transaction (on a schema of any version). */
export async function tamperMany(db: SqlDatabase, statements: ReadonlyArray<readonly [string, readonly SqlParam[]]>): Promise<void> {
  await db.transaction(async (tx) => {
    const guarded: string[] = [];
    for (const table of GUARDED) if ((await tx.query<{ name: string | null }>('SELECT to_regclass($1)::text AS name', [table]))[0]?.name) guarded.push(table);
    for (const table of guarded) await tx.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    for (const [sql, params] of statements) await tx.query(sql, params);
    for (const table of guarded) await tx.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
  });
}
