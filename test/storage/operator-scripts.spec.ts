import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStorage } from '../../storage';
import { openEmbedded, openPostgres, type SqlDatabase } from '../../storage/database';
import type { Storage } from '../../storage/types';
import { tamper } from './support/backends';
import { dropSchema, freshSchemaName, testDatabaseUrl } from './support/postgres';
import { accessRecord, accessRecords, DAY } from './support/records';
import { runScript } from './support/run-script';

interface PostgresStore {
  storage: Storage;
  db: SqlDatabase;
  /** What a deployment sets to point the scripts at this store. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

async function postgresStore(url: string): Promise<PostgresStore> {
  const schema = freshSchemaName();
  const db = await openPostgres(url, { schema });
  const storage = await createStorage(db);
  return {
    storage,
    db,
    env: { DATABASE_URL: url, DATABASE_SCHEMA: schema },
    async drop() {
      await storage.close();
      await dropSchema(url, schema);
    },
  };
}

/** An embedded store on disk, written and closed by this process, with record #2 deleted behind the API. */
async function embeddedStoreOnDisk(dataDir: string): Promise<void> {
  const db = await openEmbedded({ dataDir });
  try {
    const storage = await createStorage(db);
    await storage.accessRecords.append(accessRecords(3));
    await tamper(db, 'DELETE FROM access_records WHERE sequence = 2');
    // One process per directory: a second engine on the same files would corrupt them.
    await expect(openEmbedded({ dataDir })).rejects.toMatchObject({ code: 'STORE_IN_USE' });
  } finally {
    await db.close();
  }
}

describe('verify-access-chain and purge-access-records', () => {
  let url: string;
  const cleanups: Array<() => Promise<void>> = [];
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hpf-storage-')), 'pglite');
  let embeddedReady: Promise<void>;

  beforeAll(async () => {
    // The embedded engine starts in a worker thread: let it initialise while the PostgreSQL specs run.
    embeddedReady = embeddedStoreOnDisk(dataDir);
    embeddedReady.catch(() => undefined);
    url = await testDatabaseUrl();
  });
  afterAll(async () => {
    await embeddedReady.catch(() => undefined);
    for (const cleanup of cleanups) await cleanup();
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('reports an intact chain with its length and exits 0; a broken one by its first broken record and exits 1', async () => {
    const [intact, broken] = await Promise.all([postgresStore(url), postgresStore(url)]);
    cleanups.push(intact.drop, broken.drop);
    await Promise.all([intact.storage.accessRecords.append(accessRecords(3)), broken.storage.accessRecords.append(accessRecords(4))]);
    await tamper(broken.db, "UPDATE access_records SET fields = '{Applicant.name}' WHERE sequence = 2");

    const [ok, notOk] = await Promise.all([
      runScript('verify-access-chain.ts', [], intact.env),
      runScript('verify-access-chain.ts', [], broken.env),
    ]);
    expect(ok).toEqual({ code: 0, stdout: 'access record chain intact: 3 records\n', stderr: '' });
    expect(notOk).toEqual({ code: 1, stdout: 'access record chain BROKEN at record #2: hash does not match its contents\n', stderr: '' });
  });

  it('purges records past three years, refuses a shorter retention without --force, and leaves the rest verifiable', async () => {
    const [store, forcedStore] = await Promise.all([postgresStore(url), postgresStore(url)]);
    cleanups.push(store.drop, forcedStore.drop);
    const now = Date.now();
    const ages = [1200, 1100, 400, 10].map((days, i) => accessRecord(i + 1, { accessedAt: new Date(now - days * DAY) }));
    await Promise.all([store.storage.accessRecords.append(ages), forcedStore.storage.accessRecords.append(ages)]);

    const [refused, purged, forced] = await Promise.all([
      runScript('purge-access-records.ts', ['--days', '365'], forcedStore.env),
      runScript('purge-access-records.ts', [], store.env),
      runScript('purge-access-records.ts', ['--days', '365', '--force'], forcedStore.env),
    ]);
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toMatch(/refusing a retention of 365 days: .*at least 1095 days.*pass --force/);
    expect(purged).toMatchObject({ code: 0, stderr: '' });
    expect(purged.stdout).toMatch(/^purged 2 access records older than \d{4}-\d\d-\d\dT[\d:.]+Z \(retention 1095 days\)\n$/);
    expect(forced).toMatchObject({ code: 0, stderr: '' });
    expect(forced.stdout).toMatch(/^purged 3 access records older than .* \(retention 365 days\)\n$/);
    expect(await store.storage.accessRecords.verifyChain()).toEqual({ ok: true, records: 2 });
    expect(await forcedStore.storage.accessRecords.verifyChain()).toEqual({ ok: true, records: 1 });
  });

  it('without DATABASE_URL verifies the embedded store in STORAGE_DIR, as an earlier process left it', async () => {
    await embeddedReady;
    const run = await runScript('verify-access-chain.ts', [], { STORAGE_DIR: dataDir });
    expect(run).toEqual({ code: 1, stdout: 'access record chain BROKEN at record #2: sequence gap\n', stderr: '' });
  });
});
