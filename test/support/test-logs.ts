/**
 * Every test system logs at debug level into .data/test-logs/, one file per test process, so the
 * whole run's logs can be searched for personal data when it ends (test/support/log-audit.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createLogger, type Logger } from '../../lib/logger';
import { REPO_ROOT } from '../../schema/subgraphs';

export const TEST_LOG_DIR = path.join(REPO_ROOT, '.data', 'test-logs');

let buffered: string[] = [];
const file = path.join(TEST_LOG_DIR, `jest-${process.pid}.log`);
const flush = () => {
  if (buffered.length === 0) return;
  fs.mkdirSync(TEST_LOG_DIR, { recursive: true });
  fs.appendFileSync(file, `${buffered.join('\n')}\n`);
  buffered = [];
};
process.once('exit', flush);

export function testRunLogger(): Logger {
  return createLogger({
    level: 'debug',
    write: (line) => {
      buffered.push(line);
      if (buffered.length >= 500) flush();
    },
  });
}

/** Writes what is buffered now (a spec's afterAll, so nothing waits for the process to exit). */
export const flushTestLogs = flush;
