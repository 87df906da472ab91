'use strict';
/**
 * Hosts PGlite in a worker thread for storage/embedded-database.ts. Plain CommonJS on purpose: a
 * worker starts in a bare Node context, without tsx or Jest's transform, so it must be JavaScript.
 *
 * Why a worker at all: PGlite runs Postgres synchronously on the thread that owns it, so on the
 * main thread every query would stall the servers' event loop; and PGlite loads its WebAssembly
 * with dynamic import(), which Jest's module sandbox refuses without --experimental-vm-modules
 * (electric-sql/pglite#224). A worker is a real Node context where both problems disappear.
 *
 * Protocol: the host posts { id, type: 'query', sql, params } or { id, type: 'close' }; the worker
 * answers { id, rows } or { id, error: { message, code } }. After start-up it posts
 * { type: 'ready' } or { type: 'failed', error }. Queries run in arrival order (PGlite queues them).
 */
const { parentPort, workerData } = require('node:worker_threads');

const { PGlite } = require(workerData.pgliteEntry);

function describeError(error) {
  return {
    message: error instanceof Error ? error.message : String(error),
    code: error && typeof error.code === 'string' ? error.code : null,
  };
}

async function main() {
  let db;
  try {
    db = await PGlite.create(workerData.dataDir ? { dataDir: workerData.dataDir } : {});
  } catch (error) {
    parentPort.postMessage({ type: 'failed', error: describeError(error) });
    return;
  }

  parentPort.on('message', async (message) => {
    try {
      if (message.type === 'query') {
        const result = await db.query(message.sql, message.params);
        parentPort.postMessage({ id: message.id, rows: result.rows });
      } else if (message.type === 'close') {
        await db.close();
        parentPort.postMessage({ id: message.id, rows: [] });
        parentPort.close();
      }
    } catch (error) {
      parentPort.postMessage({ id: message.id, error: describeError(error) });
    }
  });
  parentPort.postMessage({ type: 'ready' });
}

main();
