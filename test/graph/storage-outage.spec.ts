/**
 * The platform's database goes away (a network cut between the services and PostgreSQL, made by a
 * TCP proxy) and comes back. While it is away a request that needs it fails as STORAGE_UNAVAILABLE,
 * HTTP 503 with Retry-After — not HTTP 200 INTERNAL_SERVER_ERROR — and the services say they are
 * not ready; nothing dies (an uncaught 'error' event would fail this spec); once it is back the
 * same request succeeds. Regression: a dropped pooled connection killed the process (#9).
 */
import { SCENARIOS } from '../../agencies/data/scenarios';
import { createStorage } from '../../storage';
import { openPostgres } from '../../storage/database';
import type { Storage } from '../../storage/types';
import { dropSchema, freshSchemaName, testDatabaseUrl } from '../storage/support/postgres';
import { errorCodes, startTestSystem, type Query, type TestSystem } from '../support/system';
import { startTcpProxy, throughProxy, type TcpProxy } from '../support/tcp-proxy';

const single = SCENARIOS.singleApplicant;
/** Read by a centre under a case of their own: another person, so the applicant's own consents stay none. */
const onCase = SCENARIOS.cleanCouple.applicant;
const MY_CONSENTS = '{ myConsents { id } }';
const MY_NAME = 'query($id: IdNumber!) { applicant(idNumber: $id) { name } }';

describe('the database going away and coming back', () => {
  let url: string;
  const schema = freshSchemaName();
  let proxy: TcpProxy;
  let storage: Storage;
  let system: TestSystem;
  let applicant: Query;
  let officerOnCase: Query;
  let readiness: { gateway: string; consent: string };
  let healthToken: string;

  beforeAll(async () => {
    url = await testDatabaseUrl();
    const server = new URL(url);
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    // A short connect timeout, so a refused connection is reported at once rather than waited on.
    storage = await createStorage(await openPostgres(throughProxy(url, proxy), { schema, connectTimeoutMs: 1000 }));
    healthToken = 'spec-health-details-token-0123456789abcdef';
    system = await startTestSystem({ HEALTH_DETAILS_TOKEN: healthToken }, undefined, storage);
    applicant = await system.asApplicant(single.applicant.idNumber);
    officerOnCase = await system.asOfficer(undefined, await system.openCase({ applicant: onCase.idNumber }));
    readiness = {
      gateway: system.gatewayUrl.replace(/\/graphql$/, '/health/ready'),
      consent: system.subgraphUrls.consent.replace(/\/graphql$/, '/health/ready'),
    };
  });
  afterAll(async () => {
    await system?.stop();
    await storage?.close();
    await proxy?.close();
    await dropSchema(url, schema);
  });

  const ready = async (at: string) => {
    const reply = await fetch(at, { headers: { 'x-health-token': healthToken } });
    return { status: reply.status, body: (await reply.json()) as Record<string, unknown> };
  };
  /** Readiness answers are shared for a second (PROBE_REUSE_MS): wait for a fresh one that says this. */
  const until = async (at: string, status: number) => {
    for (let tries = 0; tries < 40 && (await ready(at)).status !== status; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    return ready(at);
  };

  it('serves while the database is there', async () => {
    expect((await applicant(MY_CONSENTS)).body).toEqual({ data: { myConsents: [] } });
    expect(await until(readiness.consent, 200)).toEqual({ status: 200, body: { status: 'ready', subgraph: 'consent', storage: 'up' } });
  });

  describe('while it is away', () => {
    beforeAll(() => proxy.cut());

    it('fails a read of stored data as STORAGE_UNAVAILABLE, HTTP 503 with Retry-After', async () => {
      const reply = await applicant(MY_CONSENTS);
      expect({ status: reply.status, retryAfter: reply.headers.get('retry-after'), codes: errorCodes(reply) }).toEqual({
        status: 503,
        retryAfter: '5',
        codes: ['STORAGE_UNAVAILABLE'],
      });
      expect(reply.body.errors?.[0]?.extensions).toEqual({ code: 'STORAGE_UNAVAILABLE', serviceName: 'consent' });
      expect(JSON.stringify(reply.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres|stack/i);
    });

    it('withholds an agency answer it cannot record in the access record, as STORAGE_UNAVAILABLE too', async () => {
      const reply = await applicant(MY_NAME, { id: single.applicant.idNumber });
      expect({ status: reply.status, data: reply.body.data?.applicant ?? null, codes: errorCodes(reply) }).toEqual({ status: 503, data: null, codes: ['STORAGE_UNAVAILABLE'] });
    });

    it("fails a centre's read under a case, whose case is read before anything else, as STORAGE_UNAVAILABLE too", async () => {
      const reply = await officerOnCase(MY_NAME, { id: onCase.idNumber });
      expect({ status: reply.status, data: reply.body.data?.applicant ?? null, codes: errorCodes(reply) }).toEqual({ status: 503, data: null, codes: ['STORAGE_UNAVAILABLE'] });
    });

    it('makes the subgraphs not ready, while the gateway stays ready and names them to an operator', async () => {
      expect(await until(readiness.consent, 503)).toEqual({ status: 503, body: { status: 'not-ready', subgraph: 'consent', storage: 'down' } });
      const gateway = await ready(readiness.gateway);
      expect(gateway.status).toBe(200);
      expect(gateway.body).toMatchObject({ status: 'ready', subgraphs: { consent: 'not-ready', identity: 'not-ready' } });
    });
  });

  describe('once it is back', () => {
    beforeAll(() => proxy.restore());

    it('serves the same requests again, and the subgraphs are ready', async () => {
      expect(await until(readiness.consent, 200)).toMatchObject({ status: 200 });
      expect((await applicant(MY_CONSENTS)).body).toEqual({ data: { myConsents: [] } });
      const named = await applicant(MY_NAME, { id: single.applicant.idNumber });
      expect({ status: named.status, body: named.body }).toEqual({ status: 200, body: { data: { applicant: { name: single.applicant.name } } } });
      const underCase = await officerOnCase(MY_NAME, { id: onCase.idNumber });
      expect({ status: underCase.status, errors: underCase.body.errors ?? [], read: typeof underCase.body.data?.applicant?.name }).toEqual({ status: 200, errors: [], read: 'string' });
    });
  });
});
