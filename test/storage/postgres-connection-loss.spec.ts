/**
 * A PostgreSQL connection dropped in the middle of a transaction (a server restart, a failover):
 * the transaction fails, the process stays up, and the next one runs on a fresh connection.
 * Regression: a checked-out client had no 'error' listener, and its error event killed the process.
 * Run in a process of its own, as a server would be: a test runner would catch what kills a server.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../schema/subgraphs';
import { dropSchema, freshSchemaName, testDatabaseUrl } from './support/postgres';

const SCRIPT = `
import { Client } from ${JSON.stringify(require.resolve('pg'))};
import { openPostgres } from ${JSON.stringify(path.join(REPO_ROOT, 'storage', 'database'))};
(async () => {
  const [url, schema] = process.argv.slice(2);
  const db = await openPostgres(url, { schema });
  const admin = new Client({ connectionString: url });
  await admin.connect();
  const failed = await db
    .transaction(async (tx) => {
      const [{ pid }] = await tx.query('SELECT pg_backend_pid() AS pid');
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await tx.query('SELECT pg_sleep(0.2)');
    })
    .then(() => false, () => true);
  await new Promise((resolve) => setTimeout(resolve, 200)); // any late 'error' event fires here
  const [{ one }] = await db.query('SELECT 1 AS one');
  await admin.end();
  await db.close();
  process.stdout.write(JSON.stringify({ failed, one }));
})();
`;

describe('PostgreSQL connection lost during a transaction', () => {
  it('fails that transaction, keeps the process alive, and serves the next one', async () => {
    const url = await testDatabaseUrl();
    const schema = freshSchemaName();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hpf-pg-loss-')), 'lose-connection.ts');
    fs.writeFileSync(file, SCRIPT);
    try {
      const run = spawnSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [file, url, schema], { encoding: 'utf8', timeout: 20_000 });
      expect({ status: run.status, stderr: run.stderr.split('\n')[0] }).toEqual({ status: 0, stderr: '' });
      expect(JSON.parse(run.stdout)).toEqual({ failed: true, one: 1 });
    } finally {
      await dropSchema(url, schema);
    }
  });
});
