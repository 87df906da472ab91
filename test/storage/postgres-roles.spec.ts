/**
 * Against an insider with the application's database credentials: with separate roles
 * (DATABASE_URL the application's, DATABASE_ADMIN_URL the operator's, which owns the tables) the
 * application's role may append and read access records, and nothing else — not change, delete or
 * truncate them, nor switch off the guards, nor write a purge checkpoint or the chain's identity.
 */
import { Client } from 'pg';
import { openStorage } from '../../storage';
import { openPostgres } from '../../storage/database';
import { MIGRATIONS, migrate } from '../../storage/migrations';
import { grantApplicationRole } from '../../storage/privileges';
import type { Storage } from '../../storage/types';
import { freshCheckpointDir, SPEC_CHAIN_KEY } from './support/backends';
import { createLoginRole, dropSchema, freshSchemaName, testDatabaseUrl, type LoginRole } from './support/postgres';
import { accessRecord, accessRecords, consentGrant, NOW } from './support/records';

describe('PostgreSQL roles: the application appends access records and cannot rewrite them', () => {
  let adminUrl: string;
  let app: LoginRole;
  const schemas: string[] = [];
  const opened: Storage[] = [];
  const clients: Client[] = [];
  const schema = () => {
    const name = freshSchemaName();
    schemas.push(name);
    return name;
  };
  const open = async (options: Parameters<typeof openStorage>[0]) => {
    const storage = await openStorage({ chainKey: SPEC_CHAIN_KEY, checkpointDir: freshCheckpointDir(), ...options });
    opened.push(storage);
    return storage;
  };
  /** A raw connection as the application's role: what someone holding its credentials can do. */
  const connectAsApplication = async (inSchema: string) => {
    const client = new Client({ connectionString: app.url, options: `-c search_path=${inSchema}` });
    await client.connect();
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    adminUrl = await testDatabaseUrl();
    app = await createLoginRole(adminUrl);
  });
  afterAll(async () => {
    for (const client of clients) await client.end().catch(() => undefined);
    for (const storage of opened) await storage.close();
    for (const name of schemas) await dropSchema(adminUrl, name);
    await app?.drop();
  });

  it('migrates and grants as the operator; the application appends, reads and works, but cannot UPDATE, DELETE or TRUNCATE records', async () => {
    const inSchema = schema();
    const storage = await open({ databaseUrl: app.url, adminUrl, schema: inSchema, requireLeastPrivilege: true });
    expect(storage.notes).toEqual([]);
    await storage.accessRecords.append(accessRecords(3));
    expect(await storage.accessRecords.checkpoint()).toMatchObject({ sequence: 3 });
    expect(await storage.accessRecords.verifyChain()).toMatchObject({ ok: true, records: 3 });
    // The working tables stay the application's to change.
    const consent = await storage.consents.grant(consentGrant());
    expect(await storage.consents.revoke(consent.id, consent.subjectKey, NOW)).toMatchObject({ status: 'REVOKED' });

    const client = await connectAsApplication(inSchema);
    const refused = (sql: string) => expect(client.query(sql)).rejects.toMatchObject({ code: '42501' });
    await refused("UPDATE access_records SET purpose = 'MARKETING' WHERE sequence = 2");
    await refused('DELETE FROM access_records WHERE sequence = 3');
    await refused('TRUNCATE access_records');
    // Not with the purge's setting, and not by switching off the guards either.
    await client.query("SET hpf.access_record_purge = 'on'");
    await refused('DELETE FROM access_records');
    await refused('ALTER TABLE access_records DISABLE TRIGGER USER');
    await refused('DROP TABLE access_records');
    // Nor a purge checkpoint or chain identity of its own making.
    await refused("INSERT INTO access_record_checkpoints (sequence, hash, purged_before, records_purged) VALUES (3, 'x', now(), 3)");
    await refused('DELETE FROM access_record_checkpoints');
    await refused('UPDATE access_record_chain SET keyed_from = 9');
    await refused('DELETE FROM schema_migrations');
    expect((await client.query('SELECT count(*)::int AS n FROM access_records')).rows).toEqual([{ n: 3 }]);
    // The stores on the application's role refuse a purge too: only the operator command purges.
    await expect(storage.accessRecords.purgeOlderThan(new Date(Date.UTC(2100, 0, 1)))).rejects.toMatchObject({ code: '42501' });
  });

  it('purges as the operator, and the application verifies the rest against the checkpoint the purge signed', async () => {
    const inSchema = schema();
    const checkpointDir = freshCheckpointDir();
    const storage = await open({ databaseUrl: app.url, adminUrl, schema: inSchema, checkpointDir });
    await storage.accessRecords.append(accessRecords(4));
    const operator = await open({ databaseUrl: app.url, adminUrl, schema: inSchema, checkpointDir, connectAs: 'operator' });
    expect(operator.notes).toEqual([]);
    expect(await operator.accessRecords.purgeOlderThan(accessRecord(3).accessedAt)).toBe(2);
    expect(await storage.accessRecords.verifyChain()).toEqual({ ok: true, records: 2, checkpoint: { sequence: 4, at: expect.any(Date), count: 2 } });
  });

  it('works on one role for everything, as in development, and says so; production refuses that role', async () => {
    const inSchema = schema();
    const storage = await open({ databaseUrl: adminUrl, schema: inSchema });
    expect(storage.notes).toEqual([expect.stringMatching(/^the database role ".+" can change and delete access records .*DATABASE_ADMIN_URL/)]);
    await expect(open({ databaseUrl: adminUrl, schema: inSchema, requireLeastPrivilege: true })).rejects.toMatchObject({
      code: 'ROLE_TOO_POWERFUL',
      message: expect.stringMatching(/^refusing to start in production: /),
    });
    // An operator command on that role reports it, and runs.
    expect((await open({ databaseUrl: adminUrl, schema: inSchema, requireLeastPrivilege: true, connectAs: 'operator' })).notes).toHaveLength(1);
  });

  it('tells an application role it cannot apply a pending migration itself', async () => {
    const inSchema = schema();
    const admin = await openPostgres(adminUrl, { schema: inSchema });
    try {
      await migrate(admin, MIGRATIONS.filter((migration) => migration.version < 7));
      await grantApplicationRole(admin, inSchema, app.role);
    } finally {
      await admin.close();
    }
    await expect(open({ databaseUrl: app.url, schema: inSchema })).rejects.toMatchObject({
      code: 'MIGRATION_REFUSED',
      message: expect.stringMatching(/needs migration #7.*run it with DATABASE_ADMIN_URL/),
    });
  });
});
