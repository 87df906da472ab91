/** Run before the whole suite (jest globalSetup): the log audit reads only this run's logs. */
import fs from 'node:fs';
import { TEST_LOG_DIR } from './test-logs';

export default async function resetTestLogs(): Promise<void> {
  fs.rmSync(TEST_LOG_DIR, { recursive: true, force: true });
  fs.mkdirSync(TEST_LOG_DIR, { recursive: true });
}
