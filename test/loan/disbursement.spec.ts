/**
 * 放款 and notices, end to end on real PostgreSQL: the clean couple goes from submission to
 * DISBURSED while the loan worker runs in a process of its own, which is killed (SIGKILL) while the
 * bank holds the disbursement instruction and notices are in flight; a second worker finishes. The
 * bank disburses once, and the SMS platform and the centre's webhook each receive every notice
 * exactly once after dropping repeats by their idempotency key.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { listen, readBody, type ListeningServer } from '../../lib/http';
import { verifyWebhook, WEBHOOK_HEADERS } from '../../lib/webhook-signing';
import { REPO_ROOT } from '../../schema/subgraphs';
import { createStorage } from '../../storage';
import { openPostgres } from '../../storage/database';
import type { Storage } from '../../storage/types';
import { dueDateOf } from '../../subgraphs/loan/domain/schedule';
import { disbursementKeyOf } from '../../subgraphs/loan/workflow/machine';
import { dropSchema, freshSchemaName, testDatabaseUrl } from '../storage/support/postgres';
import { startTestSystem, type Query, type TestSystem } from '../support/system';
import { submitWithConsents, untilDecided } from './support/loans';
import { signByFace } from './support/signing';

const couple = SCENARIOS.cleanCouple;
const REGISTER = 'mutation($url: String!) { registerNoticeWebhook(url: $url) { id centreCode url secret } }';
const DISBURSED_VIEW = /* GraphQL */ `
  query Disbursed($id: ID!) {
    loanApplication(id: $id) {
      status
      disbursement { loanAccountNumber disbursedOn instructionId }
      repaymentSchedule { startsOn instalments(first: 2) { period dueDate } }
      timeline { kind notice channel parties { role } }
    }
  }
`;

/** A centre's system receiving notices: verifies each signature, counts every arrival by notice id; can hold its answers. */
function webhookReceiver() {
  const arrivals: Array<{ noticeId: string; kind: string; verified: boolean }> = [];
  let secret = '';
  let holding = false;
  const held: http.ServerResponse[] = [];
  const server = http.createServer((request, response) => {
    void readBody(request, 65536).then((body) => {
      const headers = Object.fromEntries(Object.values(WEBHOOK_HEADERS).map((name) => [name, request.headers[name] as string | undefined]));
      const verdict = verifyWebhook(body, headers, secret);
      arrivals.push({ noticeId: headers[WEBHOOK_HEADERS.noticeId] ?? '', kind: (JSON.parse(body) as { kind: string }).kind, verified: verdict.ok });
      // Received, but the answer held back: to the sender this delivery is still in flight.
      if (holding) held.push(response);
      else response.writeHead(verdict.ok ? 204 : 401).end();
    });
  });
  return {
    server,
    arrivals,
    setSecret: (value: string) => (secret = value),
    hold: () => (holding = true),
    /** Deliveries received and not answered yet. */
    heldCount: () => held.length,
    release: () => {
      holding = false;
      for (const response of held.splice(0)) response.destroy();
    },
  };
}

describe('disbursement and notices across a worker restart (real PostgreSQL)', () => {
  let url: string;
  let schema: string;
  let storage: Storage;
  let system: TestSystem;
  let officer: Query;
  const receiver = webhookReceiver();
  let receiving: ListeningServer;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    url = await testDatabaseUrl();
    schema = freshSchemaName();
    storage = await createStorage(await openPostgres(url, { schema }));
    system = await startTestSystem({ LOAN_WORKER: 'off', LOAN_LEASE_MS: '1500' }, undefined, storage);
    officer = await system.asOfficer('350100');
    receiving = await listen(receiver.server, 0, '127.0.0.1');
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    receiver.release();
    await receiving?.close();
    await system?.stop();
    await storage?.close();
    await dropSchema(url, schema);
  });

  /** A loan worker in a process of its own, on this system's database, gateway, bank and SMS platform. */
  const startWorker = () =>
    new Promise<ChildProcess>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/loan/support/child-worker.ts')], {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'error',
          DATABASE_URL: url,
          DATABASE_SCHEMA: schema,
          AUTH_KEYS_DIR: system.config.auth.keysDir,
          GATEWAY_URL: system.gatewayUrl,
          BANK_URL: system.partnerUrls['entrusted-bank'],
          SMS_GATEWAY_URL: system.partnerUrls['sms-gateway'],
          LOAN_WORKER: 'on',
          LOAN_WORKER_POLL_MS: '50',
          LOAN_RETRY_BASE_MS: '100',
          LOAN_RETRY_MAX_MS: '300',
          LOAN_LEASE_MS: '1500',
        },
      });
      children.push(child);
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('"working":true')) resolve(child);
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was working:\n${output}`)));
    });

  const until = async <T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> => {
    const started = Date.now();
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('refuses a webhook that is not https (or loopback http in development and test)', async () => {
    for (const bad of ['http://hpf-system.example/notices', 'ftp://127.0.0.1/notices', 'https://user:pw@hpf-system.example/notices']) {
      expect((await officer(REGISTER, { url: bad })).body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'url' });
    }
    const applicant = await system.asApplicant(couple.applicant.idNumber);
    expect((await applicant(REGISTER, { url: 'https://hpf-system.example/notices' })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("lists the centre's webhooks to its officers without their secrets, and lets them remove one; another centre sees and removes none of them", async () => {
    const registered = (await officer(REGISTER, { url: 'https://hpf-system.example/notices/listed' })).body.data.registerNoticeWebhook;
    const LIST = '{ noticeWebhooks { id centreCode url registeredBy removedAt } }';
    const REMOVE = 'mutation($id: ID!) { removeNoticeWebhook(id: $id) { id removedAt } }';
    const listed = (await officer(LIST)).body.data.noticeWebhooks;
    expect(listed).toContainEqual({ id: registered.id, centreCode: '350100', url: 'https://hpf-system.example/notices/listed', registeredBy: expect.stringMatching(/^FUND_OFFICER:/), removedAt: null });
    expect(JSON.stringify(listed)).not.toContain('whsec_');
    const xiamen = await system.asOfficer('350200');
    expect((await xiamen(LIST)).body.data.noticeWebhooks).toEqual([]);
    expect((await xiamen(REMOVE, { id: registered.id })).body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    expect((await officer(REMOVE, { id: registered.id })).body.data.removeNoticeWebhook).toEqual({ id: registered.id, removedAt: expect.any(String) });
    expect((await officer(LIST)).body.data.noticeWebhooks.map((webhook: { id: string }) => webhook.id)).not.toContain(registered.id);
    const applicant = await system.asApplicant(couple.applicant.idNumber);
    expect((await applicant(LIST)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('takes the clean couple to DISBURSED, instructing the bank once and delivering every notice once, though the worker is killed in the middle', async () => {
    const registered = (await officer(REGISTER, { url: `${receiving.url}/hpf/notices` })).body.data.registerNoticeWebhook;
    expect(registered).toMatchObject({ centreCode: '350100', secret: expect.stringMatching(/^whsec_/) });
    receiver.setSecret(registered.secret);

    const first = await startWorker();
    const id = await submitWithConsents(system, couple);
    expect((await untilDecided(officer, id, 30_000)).status).toBe('APPROVED');
    await signByFace(system, id, couple.applicant.idNumber);

    // From the last signature on, the bank and the SMS platform are slow and the centre's system
    // holds its answers: the kill lands while the instruction and notices are in flight.
    const bank = system.partners['entrusted-bank'];
    const sms = system.partners['sms-gateway'];
    bank.setFaults({ latencyMs: 1200 });
    sms.setFaults({ latencyMs: 1200 });
    receiver.hold();
    await signByFace(system, id, couple.spouse!.idNumber);
    // Killed only once a notice is held too, so that one delivery is certainly cut off in flight.
    await until('the disbursement instruction to reach the bank, and a notice the centre holds', async () => (bank.counters()['/api/v1/disbursements/instruct'] ?? 0) > 0 && receiver.heldCount() > 0);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    expect((await storage.loans.get(id))?.status).toBe('READY_FOR_DISBURSEMENT');
    bank.setFaults({ latencyMs: 0 });
    sms.setFaults({ latencyMs: 0 });
    receiver.release();

    await startWorker();
    const done = await until('DISBURSED', async () => {
      const application = (await officer(DISBURSED_VIEW, { id })).body.data?.loanApplication;
      return application?.status === 'DISBURSED' ? application : null;
    });
    const notices = await until('every notice delivered', async () => {
      const all = await storage.loans.notices(id);
      return all.some((n) => n.kind === 'DISBURSED') && all.every((n) => n.deliveries.every((d) => d.status === 'DELIVERED')) ? all : null;
    });

    // 放款: once, with the loan account and the date the schedule runs from.
    const key = disbursementKeyOf(id);
    expect(bank.state.disbursements().filter((d) => d.idempotencyKey === key)).toHaveLength(1);
    expect(bank.state.instructionsByKey()[key]).toBeGreaterThanOrEqual(2);
    expect(done.disbursement).toMatchObject({ loanAccountNumber: expect.stringMatching(/^350100\d{14}$/), disbursedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(done.repaymentSchedule.startsOn).toBe(done.disbursement.disbursedOn);
    expect(done.repaymentSchedule.instalments.map((i: { dueDate: string }) => i.dueDate)).toEqual([dueDateOf(done.disbursement.disbursedOn, 1), dueDateOf(done.disbursement.disbursedOn, 2)]);

    // Every change a party should know of became a notice, each to the SMS of whom it concerns and to the webhook.
    expect(notices.map((n) => n.kind)).toEqual(expect.arrayContaining(['ACCEPTED', 'APPROVED', 'MORTGAGE_REGISTERED', 'DISBURSED']));
    const smsKeys = notices.flatMap((n) => n.deliveries.filter((d) => d.channel === 'SMS').map((d) => `${n.id}:${d.target}`));
    const sent = sms.state.sent().filter((message) => smsKeys.includes(message.idempotencyKey));
    expect(sent.map((message) => message.idempotencyKey).sort()).toEqual([...smsKeys].sort());
    for (const message of sent) {
      expect(message.sender).toBe('福建12329');
      expect(message.text).toContain(id);
      for (const person of [couple.applicant, couple.spouse!]) {
        expect(message.text).not.toContain(person.idNumber);
        expect(message.text).not.toContain(person.name);
      }
    }
    const ours = receiver.arrivals.filter((arrival) => notices.some((n) => n.id === arrival.noticeId));
    expect(ours.every((arrival) => arrival.verified)).toBe(true);
    expect([...new Set(ours.map((arrival) => arrival.noticeId))].sort()).toEqual(notices.map((n) => n.id).sort());
    // The restart came in the middle: some notice reached the centre twice, and was dropped by its id the second time.
    expect(ours.length).toBeGreaterThan(new Set(ours.map((arrival) => arrival.noticeId)).size);

    // Each delivery is in the timeline, typed (read again: the last deliveries land after DISBURSED).
    const timeline = (await officer(DISBURSED_VIEW, { id })).body.data.loanApplication.timeline;
    const delivered = timeline.filter((entry: { kind: string }) => entry.kind === 'NOTICE_DELIVERED');
    expect(delivered).toHaveLength(smsKeys.length + notices.length);
    expect(delivered).toEqual(expect.arrayContaining([{ kind: 'NOTICE_DELIVERED', notice: 'DISBURSED', channel: 'WEBHOOK', parties: [] }, expect.objectContaining({ notice: 'DISBURSED', channel: 'SMS' })]));
    expect(timeline.map((entry: { kind: string }) => entry.kind)).toEqual(expect.arrayContaining(['MORTGAGE_REGISTERED', 'DISBURSED']));
  }, 90_000);
});
