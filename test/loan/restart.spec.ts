/**
 * Nothing is lost: against real PostgreSQL, the process running a submission is killed in the
 * middle of its checks and another is started on the same database; the second completes the
 * application. And two instances working the same database never process a step twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { ensureLocalKeys } from '../../lib/auth-keys';
import { loadConfig } from '../../lib/config';
import { silentLogger } from '../../lib/logger';
import { mintToken } from '../../lib/tokens';
import { REPO_ROOT } from '../../schema/subgraphs';
import { createStorage, subjectKeyOf } from '../../storage';
import { openPostgres, type SqlDatabase } from '../../storage/database';
import type { LoanRequest } from '../../storage/loan-types';
import type { Storage } from '../../storage/types';
import { requestHash } from '../../subgraphs/loan/submission';
import { createGatewayClient } from '../../subgraphs/shared/gateway-client';
import { startLoanWorker } from '../../subgraphs/loan/workflow/worker';
import { dropSchema, freshSchemaName, testDatabaseUrl } from '../storage/support/postgres';
import { grantEveryConsent } from '../support/consents';
import { startTestSystem } from '../support/system';
import { VIEW, submitWithConsents, untilDecided } from './support/loans';
import { initialSteps } from '../../subgraphs/loan/workflow/machine';

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
    LOAN_WORKER: 'on',
    ...extra,
  });
  /** A system process, its code loaded; it starts its system (and resolves with its gateway) when told to. */
  const spawnChild = (extra: Record<string, string>) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/loan/support/child-system.ts')], { cwd: REPO_ROOT, env: env(extra), stdio: ['pipe', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    const ready = new Promise<{ child: ChildProcess; gatewayUrl: string }>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const line = output.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve({ child, gatewayUrl: (JSON.parse(line) as { gatewayUrl: string }).gatewayUrl });
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`child exited (${code}) before it was ready:\n${output}`)));
    });
    ready.catch(() => undefined); // a child killed before it was told to start is no failure
    return {
      start: () => {
        child.stdin!.end('start\n');
        return ready;
      },
    };
  };

  it('completes the application with nothing lost when a second process takes over', async () => {
    // Both processes load their code while the case is filed: the first starts its system once it
    // is, the second once the first is dead.
    const firstProcess = spawnChild({ SIMULATOR_LATENCY_MS: '700' }); // agencies slow, so the kill lands while checks are in flight
    const secondProcess = spawnChild({ SIMULATOR_LATENCY_MS: '0' }); // agencies quick again
    const config = loadConfig({ ENTITY_REF_KEY: '' });
    // Filed and consented for in the store before any process runs, as submission stores it: the
    // first process finds the checks due and each party's consent for this application in place.
    const now = new Date();
    const request: LoanRequest = {
      applicant: { idNumber: couple.applicant.idNumber, name: couple.applicant.name },
      spouse: { idNumber: couple.spouse!.idNumber, name: couple.spouse!.name },
      coBorrowers: [],
      contractNumber: couple.purchase.contractNumber,
      unitNumber: null,
      amountFen: 60_000_000,
      termMonths: 240,
      repaymentMethod: 'EQUAL_INSTALMENT',
      centre: '350100',
      applicationDate: new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10),
    };
    const submitted = await storage.loans.submit({
      idempotencyKey: randomUUID(),
      submittedBy: 'FUND_OFFICER:officer-restart',
      submittedByRole: 'FUND_OFFICER',
      centre: '350100',
      applicantKey: subjectKeyOf(config.entityRefKey, couple.applicant.idNumber),
      partyKeys: [couple.applicant.idNumber, couple.spouse!.idNumber].map((idNumber) => subjectKeyOf(config.entityRefKey, idNumber)),
      request,
      requestHash: requestHash(request),
      isTestCase: false,
      now,
      decisionDueAt: new Date(now.getTime() + 15 * 24 * 3600 * 1000),
      openKey: randomUUID(),
      steps: initialSteps(new Date(now.getTime() + config.loan.checkDeadlineMinutes * 60_000)),
      acceptedEvent: { kind: 'ACCEPTED', detail: {} },
    });
    const id = submitted.application.id;
    await grantEveryConsent(storage, config.entityRefKey, couple.applicant.idNumber, id);
    await grantEveryConsent(storage, config.entityRefKey, couple.spouse!.idNumber, id);
    const { privateJwk } = await ensureLocalKeys(keysDir);
    const token = await mintToken({ role: 'FUND_OFFICER', sub: 'officer-restart', centre: '350100' }, { privateJwk, issuer: config.auth.issuer, audience: config.auth.audience });
    const ask = async (gatewayUrl: string, query: string, variables: Record<string, unknown>) => {
      const response = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      return { body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- read by the query's shape
    };

    // The first process: agencies slow, so the kill lands while checks are in flight.
    const first = await firstProcess.start();
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
    const second = await secondProcess.start();
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
    const system = await startTestSystem({ LOAN_WORKER: 'on', LOAN_WORKER_POLL_MS: '20' });
    const second = startLoanWorker({ storage: system.storage, config: system.config, logger: silentLogger, gateway: createGatewayClient(system.config, system.gatewayUrl), owner: 'second-instance' });
    try {
      const officer = await system.asOfficer('350100');
      const people = [SCENARIOS.singleApplicant, SCENARIOS.secondHome, SCENARIOS.shortDeposits, SCENARIOS.currentOverdue];
      const ids: string[] = [];
      for (const scenario of people) ids.push(await submitWithConsents(system, scenario));
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
