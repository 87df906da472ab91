/**
 * Gateway-to-subgraph trust against an insider who can watch the traffic between the gateway and
 * the subgraphs: every call the gateway makes is captured on its way out (exactly as sent: URL,
 * headers, body) and played back at the subgraphs by hand. Through the real system, with its
 * subgraphs sharing the machine's Redis as deployed.
 */
import { randomUUID } from 'node:crypto';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { CALLER_ASSERTION_HEADER, decodeAssertionUnverified } from '../../lib/caller-assertion';
import { listen } from '../../lib/http';
import { silentLogger } from '../../lib/logger';
import { subjectKeyOf } from '../../storage';
import { SUBGRAPH_DEFINITIONS } from '../../subgraphs';
import { buildSubgraphServer } from '../../subgraphs/shared/subgraph';
import { startTestSystem, type TestSystem } from '../support/system';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const couple = SCENARIOS.cleanCouple;

interface Captured {
  subgraph: string;
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

describe('gateway-to-subgraph trust against replay and redirection', () => {
  let system: TestSystem;
  const stops: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    system = await startTestSystem({ REDIS_URL, REDIS_KEY_PREFIX: `test-${randomUUID()}:` });
  });
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    await system.stop();
  });

  /** Runs `work` while recording every call the gateway sends to a subgraph. */
  const capturing = async <T>(work: () => Promise<T>): Promise<{ result: T; calls: Captured[] }> => {
    const calls: Captured[] = [];
    const names = Object.fromEntries(Object.entries(system.subgraphUrls).map(([name, url]) => [url, name]));
    // sendRequest is where RemoteGraphQLDataSource puts the request on the wire (private in its types).
    type Send = (this: unknown, request: { http: { url: string; headers: Iterable<[string, string]> } } & Record<string, unknown>) => unknown;
    const prototype = RemoteGraphQLDataSource.prototype as unknown as { sendRequest: Send };
    const original = prototype.sendRequest;
    const spy = jest.spyOn(prototype, 'sendRequest').mockImplementation(function (this: unknown, request) {
      const { http, ...body } = request;
      calls.push({ subgraph: names[http.url] ?? http.url, url: http.url, headers: Object.fromEntries(http.headers), body: JSON.parse(JSON.stringify(body)) });
      return original.call(this, request);
    });
    try {
      return { result: await work(), calls };
    } finally {
      spy.mockRestore();
    }
  };
  /** Plays a captured call again, optionally altered, at a subgraph of our choosing. */
  const replay = async (call: Captured, options: { url?: string; body?: Record<string, unknown>; requestId?: string } = {}) => {
    const response = await fetch(options.url ?? call.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': options.requestId ?? call.headers['x-request-id']!, [CALLER_ASSERTION_HEADER]: call.headers[CALLER_ASSERTION_HEADER]! },
      body: JSON.stringify(options.body ?? call.body),
    });
    return { status: response.status, body: (await response.json()) as { data?: unknown; errors: Array<{ message: string; extensions: { code: string } }> } };
  };
  const refusedBecause = (reply: Awaited<ReturnType<typeof replay>>) => {
    expect(reply.status).toBe(401);
    expect(reply.body.data).toBeUndefined();
    expect(reply.body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    return reply.body.errors[0]!.message;
  };

  it('binds the request id the gateway generated: a client’s x-request-id never becomes it', async () => {
    const caseId = await system.openCase({ applicant: couple.applicant.idNumber });
    const officer = await system.asOfficer(undefined, caseId);
    const chosen = 'client-chosen-request-0001';
    const { result: reply, calls } = await capturing(() => officer('query($id: IdNumber!) { applicant(idNumber: $id) { name marriage { status } } }', { id: couple.applicant.idNumber }, { 'x-request-id': chosen }));
    expect(reply.body.data?.applicant).toEqual({ name: expect.any(String), marriage: { status: 'MARRIED' } });
    const bound = reply.headers.get('x-request-id');
    expect(bound).not.toBe(chosen);
    expect(calls.map((call) => call.subgraph).sort()).toEqual(['civil-affairs', 'identity']);
    for (const call of calls) {
      const claims = decodeAssertionUnverified(call.headers[CALLER_ASSERTION_HEADER]!) as { requestId: string; audience: string };
      expect(call.headers['x-request-id']).toBe(bound);
      expect(claims.requestId).toBe(bound);
      expect(claims.audience).toBe(call.subgraph);
    }
    // Nor can the id be set afterwards: the assertion names the gateway's own.
    expect(refusedBecause(await replay(calls[0]!, { requestId: chosen }))).toMatch(/another request/);
  });

  it('refuses an assertion sent to another subgraph than the one it names', async () => {
    const caseId = await system.openCase({ applicant: couple.applicant.idNumber });
    const { calls } = await capturing(async () => (await system.asOfficer(undefined, caseId))('query($id: IdNumber!) { applicant(idNumber: $id) { marriage { status } } }', { id: couple.applicant.idNumber }));
    const toCivilAffairs = calls.find((call) => call.subgraph === 'civil-affairs')!;
    for (const other of ['identity', 'provident-fund', 'consent'] as const) {
      expect(refusedBecause(await replay(toCivilAffairs, { url: system.subgraphUrls[other] }))).toMatch(/for another subgraph/);
    }
  });

  describe('a captured grantConsent', () => {
    const victim = couple.spouse!.idNumber;
    let grant: Captured;
    let consentId: string;
    const activeConsents = async () => (await system.storage.consents.listForSubject(subjectKeyOf(system.config.entityRefKey, victim), new Date())).filter((c) => c.status === 'ACTIVE');

    beforeAll(async () => {
      const caseId = await system.openCase({ applicant: couple.applicant.idNumber, spouse: victim }, []);
      const asVictim = await system.asApplicant(victim);
      const { result, calls } = await capturing(() =>
        asVictim('mutation Grant($input: GrantConsentInput!) { grantConsent(input: $input) { id status } }', {
          input: { kind: 'DATA_SHARING', purpose: 'HPF_LOAN_REVIEW', applicationId: caseId, validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(), scopes: [{ agency: 'CIVIL_AFFAIRS', dataItems: ['marriage'] }] },
        }),
      );
      expect(result.body.data?.grantConsent).toEqual({ id: expect.any(String), status: 'ACTIVE' });
      consentId = result.body.data.grantConsent.id;
      expect(calls.map((call) => call.subgraph)).toEqual(['consent']);
      grant = calls[0]!;
      // The victim changes their mind.
      const revoked = await asVictim('mutation($id: ID!) { revokeConsent(id: $id) { status } }', { id: consentId });
      expect(revoked.body.data?.revokeConsent).toEqual({ status: 'REVOKED' });
      expect(await activeConsents()).toEqual([]);
    });

    it('cannot be altered: another operationName, extensions or variables is another operation', async () => {
      const variants: Array<Record<string, unknown>> = [
        { ...grant.body, operationName: 'Other' },
        { ...grant.body, extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } },
        { ...grant.body, extensions: { clientLibrary: 'x' } },
        { ...grant.body, variables: { input: { ...((grant.body.variables as { input: Record<string, unknown> }).input), validUntil: new Date(Date.now() + 300 * 86_400_000).toISOString() } } },
      ];
      for (const body of variants) expect(refusedBecause(await replay(grant, { body }))).toMatch(/another operation/);
      expect(await activeConsents()).toEqual([]);
    });

    it('cannot be replayed after the victim revoked it: no new consent is made — on this instance or another', async () => {
      expect(refusedBecause(await replay(grant))).toMatch(/already used/);
      // A second instance of the consent subgraph, sharing the used ids through Redis.
      const second = await buildSubgraphServer(SUBGRAPH_DEFINITIONS.consent, { config: system.config, logger: silentLogger, storage: system.storage });
      const listening = await listen(second.server, 0);
      stops.push(async () => {
        await listening.close();
        await second.stop();
      });
      expect(refusedBecause(await replay(grant, { url: `${listening.url}/graphql` }))).toMatch(/already used/);
      expect(await activeConsents()).toEqual([]);
      const all = await system.storage.consents.listForSubject(subjectKeyOf(system.config.entityRefKey, victim), new Date());
      expect(all.map((c) => [c.id, c.status])).toEqual([[consentId, 'REVOKED']]);
    });
  });
});
