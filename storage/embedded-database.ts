/**
 * PGlite (Postgres in WebAssembly) as a SqlDatabase: in memory, or persisted in a directory. The
 * engine runs in a worker thread (storage/embedded-worker.cjs says why). PGlite has one session,
 * so statements are serialized here: a transaction holds the session until it ends.
 *
 * The worker is referenced only while a statement is in flight: a process that forgets close()
 * still exits, and close() itself stops the engine cleanly, then terminates the thread.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SqlDatabase, SqlExecutor, SqlParam } from './database';
import { lockDirectory, type DirectoryLock } from './directory-lock';
import { StorageError } from './errors';
import { answersWithin } from './reachability';
import { PROJECT_ROOT } from '../schema/subgraphs';

export interface EmbeddedOptions {
  /** Directory to persist the store in; in memory when absent (gone when closed). */
  dataDir?: string;
  /** What a new store is made into before first use (migrated, say): done once per machine, then loaded. */
  prepared?: PreparedStore;
}

/**
 * The state a new store starts in. The first new store on a machine runs `prepare` and is saved
 * as a template under `kind` and `version`; later new stores load it and skip `prepare`. A new
 * `version` (the migrations changed) makes a new template, and the old ones of that kind go.
 */
export interface PreparedStore {
  kind: string;
  version: string;
  prepare(db: SqlDatabase): Promise<unknown>;
}

/** A statement the engine refused; `code` is the Postgres SQLSTATE, as pg's errors carry. */
export class EmbeddedDatabaseError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'EmbeddedDatabaseError';
  }
}

interface WorkerFault {
  message: string;
  code: string | null;
}
type WorkerMessage =
  | { type: 'ready'; loaded: 'prepared' | 'initdb' | null }
  | { type: 'failed'; error: WorkerFault }
  | { type?: undefined; id: number; rows?: unknown[]; error?: WorkerFault };

interface Pending {
  resolve(rows: unknown[]): void;
  reject(error: Error): void;
}

const WORKER_SCRIPT = path.join(__dirname, 'embedded-worker.cjs');
const PGLITE_ENTRY = require.resolve('@electric-sql/pglite');

/** A store that would run initdb: in memory, or an empty (just created) directory. */
function isNewStore(dataDir: string | undefined): boolean {
  return dataDir === undefined || fs.readdirSync(dataDir).length === 0;
}

/**
 * Where new stores find the data directory they start from (see the worker): the project's own
 * .data (ignored by git and docker; beside dist/, never in it), never a shared temporary
 * directory another user could write to; one file per PGlite version and template. Undefined
 * where it cannot be made (a read-only checkout, the image's /app): the store then starts
 * without one.
 */
function templateLocation(template: string): string | undefined {
  try {
    const dir = path.join(PROJECT_ROOT, '.data');
    fs.mkdirSync(dir, { recursive: true });
    return path.join(dir, `pglite-${PGLITE_VERSION}-${template}.tar`);
  } catch {
    return undefined;
  }
}

/** Templates of this kind but another version (or another PGlite): outdated once a new one is saved. */
function removeOutdatedTemplates(kind: string, current: string): void {
  const dir = path.dirname(current);
  for (const file of fs.readdirSync(dir)) {
    if (new RegExp(`^pglite-.+-${kind}-.+\\.tar$`).test(file) && path.join(dir, file) !== current) fs.rmSync(path.join(dir, file), { force: true });
  }
}

const PGLITE_DIST = path.dirname(PGLITE_ENTRY);
const PGLITE_VERSION = (JSON.parse(fs.readFileSync(path.join(PGLITE_DIST, '..', 'package.json'), 'utf8')) as { version: string }).version;

/**
 * PGlite's WebAssembly, compiled, and its file bundle, read: once per process rather than once per
 * store (a third of a new store's start). Nothing when this PGlite lays its files out otherwise:
 * the worker's PGlite then finds them itself.
 */
let engineAssets: Promise<{ pgliteWasmModule?: WebAssembly.Module; fsBundle?: Uint8Array }> | null = null;
function loadEngineAssets(): Promise<{ pgliteWasmModule?: WebAssembly.Module; fsBundle?: Uint8Array }> {
  engineAssets ??= (async () => {
    try {
      const [wasm, fsBundle] = await Promise.all([fs.promises.readFile(path.join(PGLITE_DIST, 'pglite.wasm')), fs.promises.readFile(path.join(PGLITE_DIST, 'pglite.data'))]);
      return { pgliteWasmModule: await WebAssembly.compile(wasm), fsBundle };
    } catch {
      return {};
    }
  })();
  return engineAssets;
}

/** How long close() waits for a running transaction and for the engine's own shutdown. */
const CLOSE_GRACE_MS = 5000;

export async function openEmbedded(options: EmbeddedOptions = {}): Promise<SqlDatabase> {
  const dataDir = options.dataDir === undefined ? undefined : path.resolve(options.dataDir);
  let lock: DirectoryLock | null = null;
  if (dataDir !== undefined) {
    lock = lockDirectory(dataDir);
    fs.mkdirSync(dataDir, { recursive: true });
  }

  const newStore = isNewStore(dataDir);
  const { prepared } = options;
  const preparedTemplatePath = newStore && prepared ? templateLocation(`${prepared.kind}-${prepared.version}`) : undefined;
  const worker = new Worker(WORKER_SCRIPT, {
    workerData: {
      pgliteEntry: PGLITE_ENTRY,
      dataDir,
      initdbTemplatePath: newStore ? templateLocation('initdb') : undefined,
      preparedTemplatePath,
      ...(await loadEngineAssets()),
    },
  });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let stopped: Error | null = null;

  const failAll = (error: Error) => {
    stopped ??= error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };

  const ready = new Promise<'prepared' | 'initdb' | null>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') return resolve(message.loaded);
      if (message.type === 'failed') return reject(new EmbeddedDatabaseError(message.error.message, message.error.code));
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      if (pending.size === 0) worker.unref();
      if (message.error) waiter.reject(new EmbeddedDatabaseError(message.error.message, message.error.code));
      else waiter.resolve(message.rows ?? []);
    });
    worker.on('error', (error) => {
      reject(error);
      failAll(new StorageError('STORE_CLOSED', `the embedded store stopped: ${error.message}`));
    });
    worker.on('exit', () => {
      reject(new StorageError('STORE_CLOSED', 'the embedded store stopped while starting'));
      failAll(new StorageError('STORE_CLOSED', 'the embedded store is closed'));
    });
  });

  let loaded: 'prepared' | 'initdb' | null;
  try {
    loaded = await ready;
  } catch (error) {
    await worker.terminate();
    lock?.release();
    throw error;
  }
  worker.unref();

  const send = (message: { type: 'query'; sql: string; params: readonly SqlParam[] } | { type: 'saveTemplate'; path: string } | { type: 'close' }): Promise<unknown[]> => {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    return new Promise<unknown[]>((resolve, reject) => {
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  };
  const statement = async <Row>(sql: string, params: readonly SqlParam[] = []): Promise<Row[]> =>
    (await send({ type: 'query', sql, params })) as Row[];

  // One session: each transaction (and each statement outside one) waits for the previous to end.
  let tail: Promise<unknown> = Promise.resolve();
  let closing = false;
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    if (closing) return Promise.reject(new StorageError('STORE_CLOSED', 'the embedded store is closed'));
    const result = tail.then(work);
    tail = result.catch(() => undefined);
    return result;
  };

  let closed: Promise<void> | null = null;
  const close = async (): Promise<void> => {
    closing = true;
    await withTimeout(tail, CLOSE_GRACE_MS);
    // The engine's own close flushes a persisted store; terminate() then ends the thread regardless.
    await withTimeout(
      send({ type: 'close' }).catch(() => undefined),
      CLOSE_GRACE_MS,
    );
    failAll(new StorageError('STORE_CLOSED', 'the embedded store is closed'));
    await worker.terminate();
    lock?.release();
  };

  const db: SqlDatabase = {
    engine: 'embedded',
    query: (sql, params) => exclusive(() => statement(sql, params)),
    transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      return exclusive(async () => {
        let open = true;
        const tx: SqlExecutor = {
          query: (sql, params) =>
            open ? statement(sql, params) : Promise.reject(new StorageError('STORE_CLOSED', 'this transaction has ended')),
        };
        await statement('BEGIN');
        try {
          const result = await work(tx);
          await statement('COMMIT');
          return result;
        } catch (error) {
          await statement('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          open = false;
        }
      });
    },
    // Behind the statements in flight, as every statement of the one session is.
    ping: (timeoutMs) => answersWithin(exclusive(() => statement('SELECT 1')), timeoutMs),
    close() {
      closed ??= close();
      return closed;
    },
  };

  if (newStore && prepared && loaded !== 'prepared') {
    try {
      await prepared.prepare(db);
    } catch (error) {
      await db.close();
      throw error;
    }
    if (preparedTemplatePath) {
      // Only a speed-up: a template not saved means the next new store prepares itself too.
      const saved = await exclusive(() => send({ type: 'saveTemplate', path: preparedTemplatePath })).then(() => true, () => false);
      if (saved) removeOutdatedTemplates(prepared.kind, preparedTemplatePath);
    }
  }
  return db;
}

async function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([promise.then(() => undefined, () => undefined), timeout]);
  clearTimeout(timer);
}
