import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStorage, openStorage } from '../../storage';
import { openEmbedded, openPostgres, type SqlDatabase } from '../../storage/database';
import type { Storage } from '../../storage/types';
import { freshCheckpointDir, SPEC_CHAIN_KEY } from './support/backends';
import { checkpointLines, forgeCheckpointLine, insider, storedRecords } from './support/insider';
import { createLoginRole, dropSchema, freshSchemaName, testDatabaseUrl, type LoginRole } from './support/postgres';
import { accessRecord, accessRecords, DAY, personRecord } from './support/records';
import { runScript } from './support/run-script';

const ISO = '\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z';

interface PostgresStore {
  storage: Storage;
  db: SqlDatabase;
  checkpointDir: string;
  /** What a deployment sets to point the scripts at this store. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** A store on one all-powerful role (as in development), with `count` records signed at their head. */
async function postgresStore(url: string, count = 0): Promise<PostgresStore> {
  const schema = freshSchemaName();
  const checkpointDir = freshCheckpointDir();
  const db = await openPostgres(url, { schema });
  const storage = await createStorage(db, { chainKey: SPEC_CHAIN_KEY, checkpointDir });
  if (count > 0) {
    await storage.accessRecords.append(accessRecords(count));
    await storage.accessRecords.checkpoint();
  }
  return {
    storage,
    db,
    checkpointDir,
    env: { DATABASE_URL: url, DATABASE_SCHEMA: schema, ACCESS_RECORD_CHAIN_KEY: SPEC_CHAIN_KEY, ACCESS_RECORD_CHECKPOINT_DIR: checkpointDir },
    async drop() {
      await storage.close();
      await dropSchema(url, schema);
      fs.rmSync(path.dirname(checkpointDir), { recursive: true, force: true });
    },
  };
}

/**
 * An embedded store on disk, written and closed by this process: six records signed at their head
 * in the default checkpoint directory beside the store, then every record deleted behind the API.
 */
async function embeddedStoreOnDisk(dataDir: string): Promise<void> {
  const db = await openEmbedded({ dataDir });
  try {
    const storage = await createStorage(db, { chainKey: SPEC_CHAIN_KEY, checkpointDir: path.join(path.dirname(dataDir), 'checkpoints') });
    await storage.accessRecords.append(accessRecords(6));
    await storage.accessRecords.checkpoint();
    await insider.deleteEverything(db);
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
  const store = async (count = 0) => {
    const opened = await postgresStore(url, count);
    cleanups.push(opened.drop);
    return opened;
  };

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

  it('reports an intact chain with its length and its signed checkpoint and exits 0, noting a role that could rewrite it', async () => {
    const [signed, unsigned] = await Promise.all([store(3), store()]);
    await Promise.all([signed.storage.accessRecords.append([accessRecord(4)]), unsigned.storage.accessRecords.append(accessRecords(2))]);
    const [ok, unanchored] = await Promise.all([runScript('verify-access-chain.ts', [], signed.env), runScript('verify-access-chain.ts', [], unsigned.env)]);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.stdout).toMatch(new RegExp(`^access record chain intact: 4 records; held against the signed checkpoint of ${ISO} \\(record #3, 3 records\\)\\n$`));
    expect(ok.stderr).toMatch(/^verify-access-chain: note: the database role ".+" can change and delete access records .*DATABASE_ADMIN_URL/);
    expect(unanchored).toMatchObject({ code: 0, stdout: 'access record chain intact: 2 records; no signed checkpoint yet, so records removed from its end could not be told\n' });
  });

  it('names each way an insider with database write access hides an access, and exits 1', async () => {
    const cases: Array<[string, number, (s: PostgresStore) => Promise<void>, string | RegExp]> = [
      ['a record changed, every hash after it recomputed', 10, (s) => insider.rewrite(s.db, s.storage.accessRecords, 4, { purpose: 'MARKETING' }), 'at record #4: keyed hash (HMAC) does not match its contents: altered, or written without the chain key'],
      ['a record deleted, the rest renumbered', 10, (s) => insider.deleteAndRenumber(s.db, s.storage.accessRecords, 5), 'at record #5: keyed hash (HMAC) does not match its contents: altered, or written without the chain key'],
      ['the last 5 records cut off', 10, (s) => insider.truncate(s.db, 6), new RegExp(`at record #6: records #6–#10 are missing after #5: the signed checkpoint of ${ISO} saw the chain up to #10$`)],
      ['the last half cut off', 20, (s) => insider.truncate(s.db, 11), new RegExp(`at record #11: records #11–#20 are missing after #10: the signed checkpoint of ${ISO} saw the chain up to #20$`)],
      ['a forged record appended', 5, (s) => insider.forgeAppend(s.db, personRecord(6)), 'at record #6: keyed hash (HMAC) does not match its contents: altered, or written without the chain key'],
      ['the oldest records deleted behind a forged purge checkpoint', 10, (s) => insider.deleteOldestWithForgedCheckpoint(s.db, s.storage.accessRecords, 4), /at record #1: records #1–#4 were removed without a signed purge: /],
      [
        'the same with a checkpoint line they could not sign',
        10,
        async (s) => {
          const fourth = (await storedRecords(s.storage.accessRecords))[3]!;
          await insider.deleteOldestWithForgedCheckpoint(s.db, s.storage.accessRecords, 4);
          forgeCheckpointLine(s.checkpointDir, { kind: 'purge', start: { sequence: 4, hash: fourth.hash }, count: 6 });
        },
        /: checkpoint access-records-\d{4}-\d\d\.jsonl line 2 has an invalid signature \(forged, altered, or signed with another key\)$/,
      ],
      ['every record deleted', 10, (s) => insider.deleteEverything(s.db), new RegExp(`at record #1: records #1–#10 are missing: the table holds no records, but the signed checkpoint of ${ISO} counts 10$`)],
    ];
    const stores = await Promise.all(cases.map(([, count]) => store(count)));
    await Promise.all(cases.map(([, , tamper], i) => tamper(stores[i]!)));
    const runs = await Promise.all(stores.map((s) => runScript('verify-access-chain.ts', [], s.env)));
    cases.forEach(([what, , , expected], i) => {
      const { code, stdout } = runs[i]!;
      const line = stdout.replace(/\n$/, '');
      expect({ what, code, line }).toEqual({ what, code: 1, line: expect.stringMatching(typeof expected === 'string' ? `^access record chain BROKEN ${escape(expected)}$` : expected) });
      expect(line).toMatch(/^access record chain BROKEN/);
    });
  });

  it('purges as the operator (DATABASE_ADMIN_URL) past three years, signs a checkpoint, and leaves the rest verifiable; refuses the application role, and a shorter retention without --force', async () => {
    const app: LoginRole = await createLoginRole(url);
    const schema = freshSchemaName();
    const checkpointDir = freshCheckpointDir();
    const storage = await openStorage({ databaseUrl: app.url, adminUrl: url, schema, chainKey: SPEC_CHAIN_KEY, checkpointDir });
    const forced = await store();
    cleanups.push(async () => {
      await storage.close();
      await dropSchema(url, schema);
      await app.drop();
    });
    const now = Date.now();
    const ages = [1200, 1100, 400, 10].map((days, i) => accessRecord(i + 1, { accessedAt: new Date(now - days * DAY) }));
    await Promise.all([storage.accessRecords.append(ages), forced.storage.accessRecords.append(ages)]);
    const env = { DATABASE_URL: app.url, DATABASE_SCHEMA: schema, ACCESS_RECORD_CHAIN_KEY: SPEC_CHAIN_KEY, ACCESS_RECORD_CHECKPOINT_DIR: checkpointDir };

    const [refused, asApplication, migrated] = await Promise.all([
      runScript('purge-access-records.ts', ['--days', '365'], forced.env),
      runScript('purge-access-records.ts', [], env),
      runScript('migrate-storage.ts', [], { ...env, DATABASE_ADMIN_URL: url }),
    ]);
    expect(migrated).toEqual({ code: 0, stdout: 'storage schema up to date; the application role may only append and read access records\n', stderr: '' });
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toMatch(/refusing a retention of 365 days: .*at least 1095 days.*pass --force/);
    expect(asApplication).toMatchObject({ code: 2, stdout: '' });
    expect(asApplication.stderr).toMatch(/purge-access-records: this database role may not delete access records .*run the purge with DATABASE_ADMIN_URL/);

    const [purged, forcedRun] = await Promise.all([
      runScript('purge-access-records.ts', [], { ...env, DATABASE_ADMIN_URL: url }),
      runScript('purge-access-records.ts', ['--days', '365', '--force'], forced.env),
    ]);
    expect(purged).toMatchObject({ code: 0, stderr: '' });
    expect(purged.stdout).toMatch(/^purged 2 access records older than \d{4}-\d\d-\d\dT[\d:.]+Z \(retention 1095 days\)\n$/);
    expect(forcedRun).toMatchObject({ code: 0 });
    expect(forcedRun.stdout).toMatch(/^purged 3 access records older than .* \(retention 365 days\)\n$/);
    expect(checkpointLines(checkpointDir)).toEqual([expect.objectContaining({ kind: 'purge', sequence: 4, count: 2, start: expect.objectContaining({ sequence: 2 }) })]);

    const verified = await runScript('verify-access-chain.ts', [], env);
    expect(verified).toMatchObject({ code: 0, stderr: '' });
    expect(verified.stdout).toMatch(/^access record chain intact: 2 records; held against the signed checkpoint of .* \(record #4, 2 records\)\n$/);
    expect(await forced.storage.accessRecords.verifyChain()).toMatchObject({ ok: true, records: 1 });
  });

  it('without DATABASE_URL verifies the embedded store in STORAGE_DIR against the checkpoints beside it, as an earlier process left them', async () => {
    await embeddedReady;
    const run = await runScript('verify-access-chain.ts', [], { STORAGE_DIR: dataDir, ACCESS_RECORD_CHAIN_KEY: SPEC_CHAIN_KEY });
    expect(run).toMatchObject({ code: 1, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`^access record chain BROKEN at record #1: records #1–#6 are missing: the table holds no records, but the signed checkpoint of ${ISO} counts 6\\n$`));
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
