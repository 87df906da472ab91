/**
 * The two engines the storage contract runs against, each opened empty and migrated, with a raw
 * SQL handle on the same database for what the stores' API must never allow: tampering. Consents
 * are stamped by a fixed clock (NOW), so the specs do not age.
 */
import { createStorage } from '../../../storage';
import { openEmbedded, openPostgres, type SqlDatabase, type SqlParam } from '../../../storage/database';
import { PURGE_SETTING } from '../../../storage/migrations';
import type { Storage } from '../../../storage/types';
import { dropSchema, freshSchemaName, testDatabaseUrl } from './postgres';
import { NOW } from './records';

export interface OpenBackend {
  storage: Storage;
  db: SqlDatabase;
  /** Empties every table, between specs. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface StorageBackend {
  name: string;
  open(): Promise<OpenBackend>;
}

export const embeddedBackend: StorageBackend = {
  name: 'embedded PGlite',
  async open() {
    const db = await openEmbedded();
    const storage = await createStorage(db, { now: () => NOW });
    return { storage, db, reset: () => emptyTables(db), close: () => storage.close() };
  },
};

export const postgresBackend: StorageBackend = {
  name: 'PostgreSQL',
  async open() {
    const url = await testDatabaseUrl();
    const schema = freshSchemaName();
    const db = await openPostgres(url, { schema });
    const storage = await createStorage(db, { now: () => NOW });
    return {
      storage,
      db,
      reset: () => emptyTables(db),
      async close() {
        await storage.close();
        await dropSchema(url, schema);
      },
    };
  },
};

async function emptyTables(db: SqlDatabase): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`SELECT set_config('${PURGE_SETTING}', 'on', true)`);
    await tx.query(
      `TRUNCATE consents, access_records, access_record_checkpoints, proxy_authorizations, credit_queries,
         loan_reviews, loan_signatures, loan_events, loan_steps, loan_applications`,
    );
  });
}

/** What an intruder with the table owner's rights could do: change stored rows behind the API. */
export async function tamper(db: SqlDatabase, sql: string, params: readonly SqlParam[] = []): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('ALTER TABLE access_records DISABLE TRIGGER USER');
    await tx.query(sql, params);
    await tx.query('ALTER TABLE access_records ENABLE TRIGGER USER');
  });
}
