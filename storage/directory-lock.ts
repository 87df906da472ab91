/**
 * One process at a time per embedded store directory. PGlite takes no lock of its own, and two
 * engines writing the same data directory corrupt it: e.g. running scripts/verify-access-chain.ts
 * while `npm start` holds the same store. The lock is a file beside the directory holding the
 * owner's process id; a lock whose process is gone is stale and taken over.
 */
import fs from 'node:fs';
import path from 'node:path';
import { StorageError } from './errors';

export interface DirectoryLock {
  readonly path: string;
  release(): void;
}

export function lockDirectory(directory: string): DirectoryLock {
  const lockPath = `${directory.replace(/[\\/]+$/, '')}.lock`;
  // A fresh clone has no .data/ yet: the lock lives beside the store, so make its parent first.
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, `${process.pid}\n`, { flag: 'wx' });
      let released = false;
      return {
        path: lockPath,
        release() {
          if (released) return;
          released = true;
          fs.rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(owner) && isRunning(owner)) {
        throw new StorageError(
          'STORE_IN_USE',
          `the embedded store ${directory} is open in process ${owner}; stop that process first, or use DATABASE_URL (PostgreSQL) to share one store between processes`,
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new StorageError('STORE_IN_USE', `the embedded store ${directory} could not be locked (another process raced for it)`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
