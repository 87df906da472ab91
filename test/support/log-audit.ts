/**
 * Run after the whole suite (jest globalTeardown): the logs every test system wrote must hold none
 * of the scenario people's ID numbers, names or mobiles in clear. A leak fails the run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { TEST_LOG_DIR } from './test-logs';

export default async function auditTestLogs(): Promise<void> {
  if (!fs.existsSync(TEST_LOG_DIR)) throw new Error(`no test logs in ${TEST_LOG_DIR}: the audit would prove nothing`);
  const files = fs.readdirSync(TEST_LOG_DIR).filter((name) => name.endsWith('.log'));
  const text = files.map((name) => fs.readFileSync(path.join(TEST_LOG_DIR, name), 'utf8')).join('\n');
  const people = Object.values(SCENARIOS).flatMap((s) => [s.applicant, s.spouse, s.formerSpouse, s.contractBuyer, ...s.minorChildren]).filter((p) => p !== null);
  const leaks = [...new Set(people.flatMap((p) => [p.idNumber, p.name, p.mobile]).filter((value) => text.includes(value)))];
  const lines = text.split('\n').filter(Boolean).length;
  if (leaks.length > 0) throw new Error(`personal data in clear in the test run's logs (${files.length} files): ${leaks.length} value(s) leaked`);
  process.stdout.write(`\nlog audit: ${lines} log lines from ${files.length} test processes, no scenario ID number, name or mobile in clear\n`);
}
