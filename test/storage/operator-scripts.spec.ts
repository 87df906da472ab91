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

/** A store in a schema of its own, as a deployment's DATABASE_URL + DATABASE_SCHEMA would name it. */
async function postgresStore(url: string): Promise<{ storage: Storage; db: SqlDatabase; env: Record<string, string>; drop(): Promise<void> }> {
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

describe('verify-access-chain and purge-access-records', () => {
  let url: string;
  const cleanups: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    url = await testDatabaseUrl();
  });
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
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

  it('purges records past three years, leaves the rest verifiable, and refuses a shorter retention without --force', async () => {
    const store = await postgresStore(url);
    cleanups.push(store.drop);
    const now = Date.now();
    await store.storage.accessRecords.append([
      accessRecord(1, { accessedAt: new Date(now - 1200 * DAY) }),
      accessRecord(2, { accessedAt: new Date(now - 1100 * DAY) }),
      accessRecord(3, { accessedAt: new Date(now - 400 * DAY) }),
      accessRecord(4, { accessedAt: new Date(now - 10 * DAY) }),
    ]);

    const [refused, badDays] = await Promise.all([
      runScript('purge-access-records.ts', ['--days', '365'], store.env),
      runScript('purge-access-records.ts', ['--days', 'soon'], store.env),
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/refusing a retention of 365 days.*--force/);
    expect(badDays.code).toBe(2);
    expect(await store.storage.accessRecords.verifyChain()).toEqual({ ok: true, records: 4 });

    const purged = await runScript('purge-access-records.ts', [], store.env);
    expect(purged.code).toBe(0);
    expect(purged.stdout).toMatch(/^purged 2 access records older than \d{4}-\d\d-\d\dT[\d:.]+Z \(retention 1095 days\)\n$/);
    const forced = await runScript('purge-access-records.ts', ['--days', '365', '--force'], store.env);
    expect(forced.stdout).toMatch(/^purged 1 access records/);
    expect(await store.storage.accessRecords.verifyChain()).toEqual({ ok: true, records: 1 });
  });

  it('uses the embedded store in STORAGE_DIR without DATABASE_URL, and finds what an earlier process wrote there', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hpf-storage-')), 'pglite');
    cleanups.push(async () => fs.rmSync(path.dirname(dataDir), { recursive: true, force: true }));
    const db = await openEmbedded({ dataDir });
    const storage = await createStorage(db);
    try {
      await storage.accessRecords.append(accessRecords(3));
      await tamper(db, 'DELETE FROM access_records WHERE sequence = 2');
      const whileOpen = await runScript('verify-access-chain.ts', [], { STORAGE_DIR: dataDir });
      expect(whileOpen.code).toBe(2);
      expect(whileOpen.stderr).toMatch(/is open in process \d+/);
    } finally {
      await storage.close();
    }
    const run = await runScript('verify-access-chain.ts', [], { STORAGE_DIR: dataDir });
    expect(run).toEqual({ code: 1, stdout: 'access record chain BROKEN at record #2: sequence gap\n', stderr: '' });
  });
});
