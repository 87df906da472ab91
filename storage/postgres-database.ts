/**
 * PostgreSQL through a pg pool. Every connection starts with `search_path` set to one schema, so
 * a deployment can keep its tables apart from others in the same database, and each test run can
 * isolate itself in a fresh schema and drop it afterwards.
 */
import { createHash } from 'node:crypto';
import { Client, Pool, type PoolClient } from 'pg';
import type { Logger } from '../lib/logger';
import type { SqlDatabase, SqlExecutor, SqlParam } from './database';
import { answersWithin, storageFault } from './reachability';
import { StorageError } from './errors';

export interface PostgresOptions {
  /** Schema holding the tables; created if missing. Plain lower-case identifier. */
  schema: string;
  /** Where idle-connection faults are reported (a pool without a listener would crash the process). */
  logger?: Logger;
  /** Largest number of connections; pg's default is 10. */
  maxConnections?: number;
  /**
   * How long a statement waits for a connection (a new one, or a free one of the pool) before it
   * fails as STORAGE_UNAVAILABLE; DEFAULT_CONNECT_TIMEOUT_MS unless told. pg's own default is to
   * wait for ever, which turns a database that does not answer into requests that never end.
   */
  connectTimeoutMs?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
/** How soon a lost listening connection is opened again. */
const LISTEN_RECONNECT_MS = 1000;

/** Lower-case, unquoted-identifier shape: safe to splice into DDL and the connection options. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) {
    throw new StorageError('INVALID_SCHEMA_NAME', `schema "${schema}" must be a lower-case SQL identifier (a-z, 0-9, _)`);
  }
}

/**
 * The name a statement is prepared under on every connection: a digest of its text, so that one
 * text is parsed and planned once per connection and two texts never share a name. The texts are
 * the stores' own, a bounded set (values always go as parameters, never into the text).
 */
const preparedNames = new Map<string, string>();
function preparedName(sql: string): string {
  let name = preparedNames.get(sql);
  if (!name) {
    name = `hpf_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    preparedNames.set(sql, name);
  }
  return name;
}

export async function openPostgres(url: string, options: PostgresOptions): Promise<SqlDatabase> {
  assertSchemaName(options.schema);
  const pool = new Pool({
    connectionString: url,
    // Set at connection start-up, before any statement can run against the wrong schema.
    options: `-c search_path=${options.schema}`,
    max: options.maxConnections,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    application_name: 'hpf-storage',
  });
  pool.on('error', (error: Error & { code?: string }) => {
    options.logger?.warn('postgres idle connection failed', { code: error.code ?? null, reason: error.message });
  });

  try {
    await ensureSchema(pool, options.schema);
  } catch (error) {
    await pool.end();
    throw error;
  }

  const run = async <Row>(client: Pool | PoolClient, sql: string, params?: readonly SqlParam[]): Promise<Row[]> => {
    try {
      // A statement with parameters goes as a named prepared statement: each connection parses
      // and plans it once, then sends only its values (see preparedName).
      const result = params ? await client.query({ name: preparedName(sql), text: sql, values: [...params] }) : await client.query(sql);
      return result.rows as Row[];
    } catch (error) {
      throw storageFault(error);
    }
  };

  // LISTEN holds its connection for good, so each listener has a client of its own, outside the pool.
  const listeners = new Set<() => Promise<void>>();
  const listen = async (channel: string, onNotify: () => void): Promise<() => Promise<void>> => {
    if (!SCHEMA_NAME.test(channel)) throw new StorageError('INVALID_SCHEMA_NAME', `channel "${channel}" must be a lower-case SQL identifier`);
    let client: Client | null = null;
    let retry: NodeJS.Timeout | null = null;
    let stopped = false;
    const reconnectSoon = () => {
      if (stopped || retry) return;
      const lost = client;
      client = null;
      lost?.end().catch(() => undefined);
      retry = setTimeout(() => {
        retry = null;
        void connect();
      }, LISTEN_RECONNECT_MS);
      retry.unref();
    };
    const connect = async (): Promise<void> => {
      const candidate = new Client({ connectionString: url, options: `-c search_path=${options.schema}`, connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, application_name: 'hpf-storage-listen' });
      candidate.on('error', (error: Error & { code?: string }) => {
        options.logger?.warn('postgres listening connection lost; reconnecting', { code: error.code ?? null });
        if (client === candidate) reconnectSoon();
      });
      candidate.on('notification', (message) => {
        if (message.channel === channel) onNotify();
      });
      try {
        await candidate.connect();
        await candidate.query(`LISTEN ${channel}`);
        if (stopped) {
          await candidate.end();
          return;
        }
        client = candidate;
        onNotify(); // what was notified while away is lost: look once now
      } catch {
        candidate.end().catch(() => undefined);
        reconnectSoon();
      }
    };
    await connect();
    const stop = async () => {
      stopped = true;
      listeners.delete(stop);
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
      client = null;
    };
    listeners.add(stop);
    return stop;
  };

  let closing: Promise<void> | null = null;
  return {
    engine: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async transaction(work) {
      const client = await pool.connect().catch((error: unknown) => {
        throw storageFault(error);
      });
      // A checked-out client emits 'error' when the server drops it (a restart); the pool's listener
      // does not cover it, and without one the process would die. The transaction fails instead.
      const onError = (error: Error & { code?: string }) => options.logger?.warn('postgres connection lost in a transaction', { code: error.code ?? null });
      client.on('error', onError);
      const tx: SqlExecutor = { query: (sql, params) => run(client, sql, params) };
      try {
        await run(client, 'BEGIN');
        const result = await work(tx);
        await run(client, 'COMMIT');
        client.off('error', onError);
        client.release();
        return result;
      } catch (error) {
        // A connection whose ROLLBACK fails is in an unknown state: destroy it rather than reuse it.
        const rolledBack = await client.query('ROLLBACK').then(
          () => true,
          () => false,
        );
        client.off('error', onError);
        client.release(!rolledBack);
        throw error;
      }
    },
    ping: (timeoutMs) => answersWithin(pool.query('SELECT 1'), timeoutMs),
    listen,
    close() {
      closing ??= (async () => {
        await Promise.all([...listeners].map((stop) => stop()));
        await pool.end();
      })();
      return closing;
    },
  };
}

/**
 * Creates the schema only when it is missing: CREATE SCHEMA IF NOT EXISTS checks the CREATE
 * privilege on the database first, which a least-privilege deployment user need not have.
 */
async function ensureSchema(pool: Pool, schema: string): Promise<void> {
  const existing = await pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  if (existing.rowCount) return;
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (error) {
    // Two processes creating the same schema at once: one of them loses the race, harmlessly.
    if (!isDuplicateSchema(error)) throw error;
  }
}

function isDuplicateSchema(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // 42P06 duplicate_schema; 23505 when the catalogue's unique index catches the race first.
  return code === '42P06' || code === '23505';
}
