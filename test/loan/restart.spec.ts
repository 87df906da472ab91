/**
 * Nothing is lost: against real PostgreSQL, the process running a submission is killed in the
 * middle of its checks and another is started on the same database; the second completes the
 * application. And two instances working the same database never process a step twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { ensureLocalKeys } from '../../lib/auth-keys';
import { loadConfig } from '../../lib/config';
import { silentLogger } from '../../lib/logger';
import { mintToken } from '../../lib/tokens';
import { REPO_ROOT } from '../../schema/subgraphs';
import { createStorage } from '../../storage';
import { openPostgres, type SqlDatabase } from '../../storage/database';
import type { Storage } from '../../storage/types';
import { createGatewayClient } from '../../subgraphs/loan/workflow/gateway-client';
import { startLoanWorker } from '../../subgraphs/loan/workflow/worker';
import { dropSchema, freshSchemaName, testDatabaseUrl } from '../storage/support/postgres';
import { grantEveryConsent } from '../support/consents';
import { startTestSystem } from '../support/system';
import { SUBMIT, VIEW, inputFor, untilDecided } from './support/loans';

const couple = SCENARIOS.cleanCouple;

describe('a restart in the middle of a submission (real PostgreSQL)', () => {
  let url: string;
  let schema: string;
  let db: SqlDatabase;
  let storage: Storage;
  const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hpf-restart-keys-'));
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    url = await testDatabaseUrl();
    schema = freshSchemaName();
    db = await openPostgres(url, { schema });
    storage = await createStorage(db);
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await storage.close();
    await dropSchema(url, schema);
  });

  const env = (extra: Record<string, string>) => ({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: url,
    DATABASE_SCHEMA: schema,
    AUTH_KEYS_DIR: keysDir,
    LOAN_WORKER_POLL_MS: '50',
    LOAN_LEASE_MS: '3000',
    AGENCY_TIMEOUT_MS: '2500',
    LOG_LEVEL: 'error',
    ...extra,
  });
  const startChild = (extra: Record<string, string>) =>
    new Promise<{ child: ChildProcess; gatewayUrl: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/loan/support/child-system.ts')], { cwd: REPO_ROOT, env: env(extra) });
      children.push(child);
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const line = output.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve({ child, gatewayUrl: (JSON.parse(line) as { gatewayUrl: string }).gatewayUrl });
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`child exited (${code}) before it was ready:\n${output}`)));
    });

  it('completes the application with nothing lost when a second process takes over', async () => {
    const config = loadConfig({ ENTITY_REF_KEY: '' });
    await grantEveryConsent(storage, config.entityRefKey, couple.applicant.idNumber);
    await grantEveryConsent(storage, config.entityRefKey, couple.spouse!.idNumber);
    const { privateJwk } = await ensureLocalKeys(keysDir);
    const token = await mintToken({ role: 'FUND_OFFICER', sub: 'officer-restart', centre: '350100' }, { privateJwk, issuer: config.auth.issuer, audience: config.auth.audience });
    const ask = async (gatewayUrl: string, query: string, variables: Record<string, unknown>) => {
      const response = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      return { body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- read by the query's shape
    };

    // The first process: agencies slow, so the kill lands while checks are in flight.
    const first = await startChild({ SIMULATOR_LATENCY_MS: '700' });
    const submitted = await ask(first.gatewayUrl, SUBMIT, { input: inputFor(couple) });
    const id: string = submitted.body.data.submitLoanApplication.loanApplication.id;
    for (let i = 0; i < 100; i++) {
      const steps = await storage.loans.steps(id);
      if (steps.some((step) => step.attempts > 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const atKill = await storage.loans.get(id);
    expect(atKill?.status).toBe('ACCEPTED');
    expect((await storage.loans.steps(id)).some((step) => step.status !== 'DONE')).toBe(true);

    // The second process: same database, agencies quick again.
    const second = await startChild({ SIMULATOR_LATENCY_MS: '0' });
    const application = await untilDecided((query, variables) => ask(second.gatewayUrl, query, variables ?? {}) as never, id, 30_000);
    expect(application.status).toBe('APPROVED');
    expect(application.checks.every((check: { status: string; outcome: string }) => check.status === 'DONE' && check.outcome === 'PASSED')).toBe(true);
    const rows = await db.query<{ count: string }>('SELECT count(*) AS count FROM loan_applications');
    expect(Number(rows[0]!.count)).toBe(1);
    const checked = await db.query<{ step: string; count: string }>("SELECT step, count(*) AS count FROM loan_events WHERE kind = 'CHECKED' GROUP BY step");
    expect(checked.every((row) => Number(row.count) === 1)).toBe(true);
    expect(checked).toHaveLength(7);
    second.child.kill('SIGKILL');
  }, 90_000);
});

describe('two instances on one database', () => {
  it('never process the same step twice', async () => {
    const system = await startTestSystem({ LOAN_WORKER_POLL_MS: '20' });
    const second = startLoanWorker({ storage: system.storage, config: system.config, logger: silentLogger, gateway: createGatewayClient(system.config, system.gatewayUrl), owner: 'second-instance' });
    try {
      const officer = await system.asOfficer('350100');
      const people = [SCENARIOS.singleApplicant, SCENARIOS.secondHome, SCENARIOS.shortDeposits, SCENARIOS.currentOverdue];
      for (const scenario of people) await system.consentAll(scenario.applicant.idNumber);
      const ids: string[] = [];
      for (const scenario of people) ids.push((await officer(SUBMIT, { input: inputFor(scenario) })).body.data.submitLoanApplication.loanApplication.id);
      for (const id of ids) await untilDecided(officer, id);
      for (const id of ids) {
        const events = await system.storage.loans.events(id);
        const finishes = events.filter((event) => event.kind === 'CHECKED' || event.step === 'DECIDE');
        expect(finishes.map((event) => event.step).sort()).toEqual([...new Set(finishes.map((event) => event.step))].sort());
        expect((await officer(VIEW, { id })).body.data.loanApplication.checks).toHaveLength(7);
      }
    } finally {
      await second.stop();
      await system.stop();
    }
  });
});
