/**
 * The PostgreSQL every development machine and CI runs (127.0.0.1:5432, trust auth, database
 * `test`). Its superuser is `postgres` on some machines and the OS user (root in CI) on others,
 * so without TEST_DATABASE_URL both are tried. Each suite works in a fresh schema it drops after.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { Client } from 'pg';

let found: Promise<string> | null = null;

export function testDatabaseUrl(): Promise<string> {
  found ??= firstReachable();
  return found;
}

async function firstReachable(): Promise<string> {
  const explicit = process.env.TEST_DATABASE_URL;
  const candidates = explicit
    ? [explicit]
    : ['postgres://postgres@127.0.0.1:5432/test', `postgres://${encodeURIComponent(os.userInfo().username)}@127.0.0.1:5432/test`];
  const failures: string[] = [];
  for (const url of candidates) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      return url;
    } catch (error) {
      failures.push(`${url}: ${(error as Error).message}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  throw new Error(
    `no PostgreSQL for the storage specs (set TEST_DATABASE_URL, or start it: ` +
      `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)\n  ${failures.join('\n  ')}`,
  );
}

export function freshSchemaName(): string {
  return `storage_spec_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

export interface LoginRole {
  role: string;
  /** The test database's URL, signing in as this role. */
  url: string;
  /** Drops the role; drop the schemas it was granted privileges in first. */
  drop(): Promise<void>;
}

/** A fresh login role on the test server (trust authentication: no password), as an application's own. */
export async function createLoginRole(adminUrl: string): Promise<LoginRole> {
  const role = `hpf_spec_app_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE ${role} LOGIN`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.username = role;
  return {
    role,
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP OWNED BY ${role}`);
        await client.query(`DROP ROLE IF EXISTS ${role}`);
      } finally {
        await client.end();
      }
    },
  };
}
