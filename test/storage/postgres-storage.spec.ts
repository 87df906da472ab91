import { createStorage } from '../../storage';
import { openPostgres } from '../../storage/database';
import type { Storage } from '../../storage/types';
import { postgresBackend } from './support/backends';
import { dropSchema, freshSchemaName, testDatabaseUrl } from './support/postgres';
import { startTcpProxy, throughProxy, type TcpProxy } from '../support/tcp-proxy';
import { accessRecord } from './support/records';
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
