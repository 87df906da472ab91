import { createStorage } from '../../storage';
import { openPostgres } from '../../storage/database';
import type { Storage } from '../../storage/types';
import { postgresBackend } from './support/backends';
import { dropSchema, freshSchemaName, testDatabaseUrl } from './support/postgres';
import { startTcpProxy, throughProxy, type TcpProxy } from '../support/tcp-proxy';
import { accessRecord, loanSubmission } from './support/records';
import { describeStorageContract } from './support/storage-contract';

describeStorageContract(postgresBackend);

describe('PostgreSQL that goes away (a network cut between the process and the server)', () => {
  let url: string;
  let proxy: TcpProxy;
  let storage: Storage;
  const schema = freshSchemaName();

  beforeAll(async () => {
    url = await testDatabaseUrl();
    const server = new URL(url);
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    storage = await createStorage(await openPostgres(throughProxy(url, proxy), { schema, connectTimeoutMs: 1000 }));
  });
  afterAll(async () => {
    await storage?.close();
    await proxy?.close();
    await dropSchema(url, schema);
  });

  it('fails statements and transactions as STORAGE_UNAVAILABLE while it is away, and serves again once it is back', async () => {
    const firstRecord = () => storage.accessRecords.list({}, { after: null, limit: 1 });
    await expect(firstRecord()).resolves.toEqual([]);
    await proxy.cut();
    await expect(firstRecord()).rejects.toMatchObject({ name: 'StorageError', code: 'STORAGE_UNAVAILABLE' });
    await expect(storage.accessRecords.append([accessRecord(1)])).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    await expect(storage.ping(2000)).resolves.toBe(false);
    await proxy.restore();
    await expect(storage.ping(2000)).resolves.toBe(true);
    await expect(firstRecord()).resolves.toEqual([]);
  });

  it('listens again for due work once it is back, and looks once at what it may have missed', async () => {
    let wakes = 0;
    const stop = storage.loans.onWorkDue(() => (wakes += 1));
    try {
      await waitFor(() => wakes >= 1); // the first look, as listening starts
      await proxy.cut();
      await proxy.restore();
      const before = wakes;
      await waitFor(() => wakes > before, 10_000);
      expect(wakes).toBeGreaterThan(before);
    } finally {
      stop();
    }
  });
});

async function waitFor(done: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('LoanStore (PostgreSQL, several processes)', () => {
  let url: string;
  const schema = freshSchemaName();
  const opened: Storage[] = [];
  beforeAll(async () => {
    url = await testDatabaseUrl();
  });
  afterAll(async () => {
    await Promise.all(opened.map((storage) => storage.close()));
    await dropSchema(url, schema);
  });

  it('wakes a worker in another process when a submission there makes work due', async () => {
    const [submitting, working] = [await createStorage(await openPostgres(url, { schema })), await createStorage(await openPostgres(url, { schema }))];
    opened.push(submitting, working);
    let wakes = 0;
    const stop = working.loans.onWorkDue(() => (wakes += 1));
    await waitFor(() => wakes >= 1);
    const before = wakes;
    await submitting.loans.submit(loanSubmission(1));
    await waitFor(() => wakes > before);
    expect(wakes).toBeGreaterThan(before);
    stop();
  });
});

describe('AccessRecordStore (PostgreSQL, several processes)', () => {
  let url: string;
  const schema = freshSchemaName();
  const opened: Storage[] = [];
  const processLike = async () => {
    // Its own pool, as another server process would have.
    const storage = await createStorage(await openPostgres(url, { schema }));
    opened.push(storage);
    return storage;
  };

  beforeAll(async () => {
    url = await testDatabaseUrl();
  });
  afterAll(async () => {
    await Promise.all(opened.map((storage) => storage.close()));
    await dropSchema(url, schema);
  });

  it('never forks the chain when two pools append concurrently', async () => {
    const [first, second] = await Promise.all([processLike(), processLike()]);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => [
        first!.accessRecords.append([accessRecord(i, { requestId: `first-${i}` })]),
        second!.accessRecords.append([accessRecord(i, { requestId: `second-${i}` })]),
      ]).flat(),
    );
    expect(await first!.accessRecords.verifyChain()).toEqual({ ok: true, records: 100, checkpoint: null });
    const page = (after: number | null) => second!.accessRecords.list({}, { after, limit: 200 });
    expect((await page(null)).map((record) => record.sequence)).toEqual(Array.from({ length: 100 }, (_, i) => 100 - i));
  });

  it("stores the records' subject lists compressed with lz4, which this server has", async () => {
    const storage = await processLike();
    await storage.accessRecords.append([accessRecord(1)]);
    const db = await openPostgres(url, { schema });
    try {
      const [column] = await db.query<{ compression: string }>(
        `SELECT attcompression AS compression FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = 'subjects'`,
        [`${schema}.access_records`],
      );
      expect(column?.compression).toBe('l');
    } finally {
      await db.close();
    }
  });

  it('keeps its tables in the schema it was given', async () => {
    const tables = await (await processLike()).accessRecords.list({}, { after: null, limit: 1 });
    expect(tables).toHaveLength(1);
    const other = freshSchemaName();
    const elsewhere = await createStorage(await openPostgres(url, { schema: other }));
    try {
      expect(await elsewhere.accessRecords.list({}, { after: null, limit: 1 })).toEqual([]);
    } finally {
      await elsewhere.close();
      await dropSchema(url, other);
    }
  });
});

describe('PostgreSQL statements with parameters', () => {
  const schema = freshSchemaName();
  let url: string;
  beforeAll(async () => {
    url = await testDatabaseUrl();
  });
  afterAll(() => dropSchema(url, schema));

  it('are prepared once per connection and then only executed, one name per text', async () => {
    const db = await openPostgres(url, { schema, maxConnections: 1 });
    try {
      const twice = 'SELECT $1::int + 1 AS next';
      await db.transaction(async (tx) => {
        expect(await tx.query(twice, [1])).toEqual([{ next: 2 }]);
        expect(await tx.query(twice, [41])).toEqual([{ next: 42 }]);
        expect(await tx.query('SELECT $1::int * 2 AS double', [21])).toEqual([{ double: 42 }]);
        const prepared = await tx.query<{ statement: string }>(`SELECT statement FROM pg_prepared_statements WHERE name LIKE 'hpf\\_%' ORDER BY statement`);
        expect(prepared.map((row) => row.statement)).toEqual(['SELECT $1::int * 2 AS double', twice]);
      });
    } finally {
      await db.close();
    }
  });
});
