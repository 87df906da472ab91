/**
 * PostgreSQL going away while applications are being worked (a restart, a network cut): the
 * process stays up, clients get the retryable STORAGE_UNAVAILABLE (HTTP 503) while it is away, and
 * every application completes once it is back, without a new submission.
 */
import { SCENARIOS } from '../../agencies/data/scenarios';
import { openStorage } from '../../storage';
import type { Storage } from '../../storage/types';
import { dropSchema, freshSchemaName, testDatabaseUrl } from '../storage/support/postgres';
import { errorCodes, startTestSystem, type TestSystem } from '../support/system';
import { startTcpProxy, throughProxy, type TcpProxy } from '../support/tcp-proxy';
import { FAST_LOAN_WORKER, SUBMIT, VIEW, inputFor } from './support/loans';

const APPLICATIONS = 12;

describe('PostgreSQL away during submissions', () => {
  let url: string;
  let proxy: TcpProxy;
  let storage: Storage;
  let system: TestSystem;
  const schema = freshSchemaName();

  beforeAll(async () => {
    url = await testDatabaseUrl();
    const server = new URL(url);
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    storage = await openStorage({ databaseUrl: throughProxy(url, proxy), schema });
    system = await startTestSystem({ ...FAST_LOAN_WORKER, LOAN_RETRY_BASE_MS: '50' }, undefined, storage);
  });
  afterAll(async () => {
    await system?.stop();
    await storage?.close();
    await proxy?.close();
    await dropSchema(url, schema);
  });

  it('keeps the process up, answers 503 STORAGE_UNAVAILABLE meanwhile, and completes every application after', async () => {
    const couple = SCENARIOS.cleanCouple;
    const ids: string[] = [];
    for (let i = 0; i < APPLICATIONS; i += 1) ids.push(await system.openCase({ applicant: couple.applicant.idNumber, spouse: couple.spouse!.idNumber }));
    const officer = await system.asOfficer('350100');

    await proxy.cut();
    const during = await officer(VIEW, { id: ids[0] });
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toEqual(expect.any(String));
    expect(errorCodes(during)).toContain('STORAGE_UNAVAILABLE');
    const submission = await officer(SUBMIT, { input: inputFor(SCENARIOS.singleApplicant) });
    expect(submission.status).toBe(503);
    // Away long enough for the worker's rounds and the listener to fail and try again.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await proxy.restore();

    // The client retries, as the code says it may.
    const retried = await officer(SUBMIT, { input: inputFor(SCENARIOS.singleApplicant) });
    expect(retried.body.data.submitLoanApplication).toMatchObject({ created: true, userErrors: [] });
    const deadline = Date.now() + 60_000;
    const open = async () => (await Promise.all(ids.map((id) => storage.loans.get(id)))).filter((application) => application!.status === 'ACCEPTED').length;
    while ((await open()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await open()).toBe(0);
    for (const id of ids) expect((await storage.loans.steps(id)).filter((step) => step.status !== 'DONE')).toEqual([]);
  }, 90_000);
});
