import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lockDirectory } from '../../storage/directory-lock';

/** A process id no process has right now. */
function vacantPid(): number {
  for (let pid = 4_000_000; ; pid--) {
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return pid;
    }
  }
}

describe('lockDirectory', () => {
  let parent: string;
  let directory: string;
  beforeEach(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'hpf-lock-'));
    directory = path.join(parent, 'pglite');
  });
  afterEach(() => fs.rmSync(parent, { recursive: true, force: true }));

  it('locks a store whose parent directory does not exist yet, as in a fresh clone (regression)', () => {
    const fresh = path.join(parent, 'not-yet', '.data', 'pglite');
    const lock = lockDirectory(fresh);
    expect(fs.existsSync(lock.path)).toBe(true);
    lock.release();
  });

  it('refuses a directory another holder has locked, until it is released', () => {
    const lock = lockDirectory(directory);
    expect(fs.readFileSync(`${directory}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    expect(() => lockDirectory(directory)).toThrow(expect.objectContaining({ code: 'STORE_IN_USE' }));
    lock.release();
    lock.release();
    expect(fs.existsSync(`${directory}.lock`)).toBe(false);
    lockDirectory(directory).release();
  });

  it('takes over a lock left by a process that is gone', () => {
    fs.writeFileSync(`${directory}.lock`, `${vacantPid()}\n`);
    const lock = lockDirectory(directory);
    expect(fs.readFileSync(`${directory}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    lock.release();
  });
});
