/**
 * Work that one process of a test run does for all of them (a build both workers need): `done()`
 * says whether it is there already; else the process holding the lock directory does it and the
 * others wait. A lock older than any such work is one a killed run left behind, and is taken over.
 */
import fs from 'node:fs';

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

export function onceUnderLock(lock: string, done: () => boolean, work: () => void, what: string): void {
  for (let waited = 0; !done(); waited += 250) {
    try {
      fs.mkdirSync(lock);
    } catch {
      const held = fs.statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 120_000) fs.rmSync(lock, { recursive: true, force: true });
      if (waited > 180_000) throw new Error(`another process has been building ${what} for three minutes`);
      sleep(250);
      continue;
    }
    try {
      if (!done()) work();
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}
