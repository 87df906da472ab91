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
 * Start-up: a new store (in memory, or in an empty directory) normally runs initdb, seconds of
 * work each time. The first one on a machine saves its fresh data directory as a template
 * (workerData.initdbTemplatePath) and later new stores load that instead. The host may name a
 * prepared template too (workerData.preparedTemplatePath: a fresh store already migrated, saved
 * by the host's 'saveTemplate'), tried first. A template that fails to load is deleted and the
 * next one tried. An existing store on disk just opens. The host compiles PGlite's WebAssembly
 * and reads its file bundle once per process and hands both over (workerData.pgliteWasmModule,
 * workerData.fsBundle), so each new store does not do that again.
 *
 * Protocol: the host posts { id, type: 'query', sql, params }, { id, type: 'saveTemplate', path }
 * or { id, type: 'close' }; the worker answers { id, rows } or { id, error: { message, code } }.
 * After start-up it posts { type: 'ready', loaded: 'prepared' | 'initdb' | null } or
 * { type: 'failed', error }. Messages are handled in arrival order (PGlite queues them).
 */
const fs = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');

const { PGlite } = require(workerData.pgliteEntry);

function describeError(error) {
  return {
    message: error instanceof Error ? error.message : String(error),
    code: error && typeof error.code === 'string' ? error.code : null,
  };
}

async function saveTemplate(db, templatePath) {
  // Written aside then renamed: a concurrent reader sees the whole file or none.
  const partial = `${templatePath}.${process.pid}.${Date.now()}.partial`;
  try {
    const dump = await db.dumpDataDir('none');
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(partial, templatePath);
  } catch {
    // Only a speed-up: an unwritable directory just means initdb runs next time too.
    fs.rmSync(partial, { force: true });
  }
}

/** PGlite's own options this host hands over (see start-up above). */
function engineOptions() {
  const { dataDir, pgliteWasmModule, fsBundle } = workerData;
  return {
    ...(dataDir ? { dataDir } : {}),
    ...(pgliteWasmModule ? { pgliteWasmModule } : {}),
    ...(fsBundle ? { fsBundle: new Blob([fsBundle]) } : {}),
  };
}

async function loadTemplate(templatePath) {
  if (!templatePath || !fs.existsSync(templatePath)) return null;
  try {
    return await PGlite.create({ ...engineOptions(), loadDataDir: new Blob([fs.readFileSync(templatePath)]) });
  } catch {
    fs.rmSync(templatePath, { force: true });
    // The directory was empty before this attempt: clear what the failed load left in it.
    const { dataDir } = workerData;
    if (dataDir) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.mkdirSync(dataDir, { recursive: true });
    }
    return null;
  }
}

/** The engine, and which template it started from (null: none, an existing store or initdb). */
async function startEngine() {
  // The host passes template paths only for a new store: in memory, or an empty directory.
  const { preparedTemplatePath, initdbTemplatePath } = workerData;
  const prepared = await loadTemplate(preparedTemplatePath);
  if (prepared) return { db: prepared, loaded: 'prepared' };
  const fresh = await loadTemplate(initdbTemplatePath);
  if (fresh) return { db: fresh, loaded: 'initdb' };
  const db = await PGlite.create(engineOptions());
  if (initdbTemplatePath) await saveTemplate(db, initdbTemplatePath);
  return { db, loaded: null };
}

async function main() {
  let db;
  let loaded;
  try {
    ({ db, loaded } = await startEngine());
  } catch (error) {
    parentPort.postMessage({ type: 'failed', error: describeError(error) });
    return;
  }

  parentPort.on('message', async (message) => {
    try {
      if (message.type === 'query') {
        const result = await db.query(message.sql, message.params);
        parentPort.postMessage({ id: message.id, rows: result.rows });
      } else if (message.type === 'saveTemplate') {
        await saveTemplate(db, message.path);
        parentPort.postMessage({ id: message.id, rows: [] });
      } else if (message.type === 'close') {
        await db.close();
        parentPort.postMessage({ id: message.id, rows: [] });
        parentPort.close();
      }
    } catch (error) {
      parentPort.postMessage({ id: message.id, error: describeError(error) });
    }
  });
  parentPort.postMessage({ type: 'ready', loaded });
}

main();
