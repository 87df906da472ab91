/**
 * The one SQL seam every store is written against. Two engines implement it with the same SQL:
 * PostgreSQL through a pg pool (production, docker-compose) and PGlite, which is real Postgres
 * compiled to WebAssembly (a developer's machine, single-process runs, tests).
 */
export { openPostgres, type PostgresOptions } from './postgres-database';
export { openEmbedded, type EmbeddedOptions } from './embedded-database';

/** What a query parameter may be. Arrays go to `text[]` columns; JSON goes in as text cast with `::jsonb`. */
export type SqlParam = string | number | boolean | null | Date | readonly string[];

export interface SqlExecutor {
  /** Runs one statement and returns its rows (empty for statements without a result). */
  query<Row>(sql: string, params?: readonly SqlParam[]): Promise<Row[]>;
}

export interface SqlDatabase extends SqlExecutor {
  readonly engine: 'postgres' | 'embedded';
  /**
   * Runs `work` inside BEGIN … COMMIT on one connection, rolling back if it throws. Inside `work`
   * use the handle it is given: on the embedded engine, which has a single session, a query on the
   * database itself would wait for the transaction to end and so never run.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Whether the database answers a trivial statement within `timeoutMs`: for readiness probes, so
   * it never throws and never waits longer than asked.
   */
  ping(timeoutMs: number): Promise<boolean>;
  /**
   * Calls `onNotify` for every NOTIFY on `channel` (a lower-case identifier), from any process, and
   * once more after each reconnection (notifications sent while away are lost, so listeners catch
   * up). Absent on the embedded engine, which only this process uses. Returns how to stop listening.
   */
  listen?(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  /** Releases every connection (or stops the embedded engine); safe to call more than once. */
  close(): Promise<void>;
}
