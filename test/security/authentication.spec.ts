import { SignJWT, generateKeyPair } from 'jose';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { ensureLocalKeys } from '../../lib/auth-keys';
import { mintToken } from '../../lib/tokens';
import { generateKeyPairSync } from 'node:crypto';
import { CALLER_ASSERTION_HEADER, newAssertion, operationHash, signAssertion } from '../../lib/caller-assertion';
import { parseSigningKey } from '../../lib/gateway-keys';
import { errorCodes, startTestSystem, type TestSystem } from '../support/system';

const couple = SCENARIOS.cleanCouple;
const NAME = 'query($id: IdNumber!) { applicant(idNumber: $id) { name } }';

describe('authentication and gateway-to-subgraph trust', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(() => system.stop());

  const withToken = (token: string) => system.query(NAME, { id: couple.applicant.idNumber }, { authorization: `Bearer ${token}` });

  it('refuses an expired token with 401 UNAUTHENTICATED', async () => {
    const token = await system.token({ role: 'APPLICANT', sub: 'citizen-1', id_number: couple.applicant.idNumber }, Math.floor(Date.now() / 1000) - 60);
    const reply = await withToken(token);
    expect(reply.status).toBe(401);
    expect(errorCodes(reply)).toEqual(['UNAUTHENTICATED']);
    expect(reply.body.errors![0]!.message).toMatch(/expired/);
  });

  it('refuses a token the moment it expires, though the gateway accepted it just before (a verified token is remembered only while in force)', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 2;
    const token = await system.token({ role: 'APPLICANT', sub: 'citizen-1', id_number: couple.applicant.idNumber }, expiresAt);
    expect((await withToken(token)).body.data).toEqual({ applicant: { name: couple.applicant.name } });
    expect((await withToken(token)).body.data).toEqual({ applicant: { name: couple.applicant.name } });
    await new Promise((resolve) => setTimeout(resolve, expiresAt * 1000 - Date.now() + 50));
    const reply = await withToken(token);
    expect(reply.status).toBe(401);
    expect(reply.body.errors![0]!.message).toMatch(/expired/);
  });

  it('refuses a token that lives longer than AUTH_MAX_TOKEN_LIFETIME_S, however validly signed', async () => {
    const token = await system.token({ role: 'APPLICANT', sub: 'citizen-1', id_number: couple.applicant.idNumber }, '100y');
    const reply = await withToken(token);
    expect(reply.status).toBe(401);
    expect(reply.body.errors![0]!.message).toMatch(/accepts at most 3600 s/);
  });

  it('reads the Bearer scheme whatever its case', async () => {
    const token = await system.token({ role: 'APPLICANT', sub: 'citizen-1', id_number: couple.applicant.idNumber });
    for (const scheme of ['bearer', 'BEARER']) {
      const reply = await system.query(NAME, { id: couple.applicant.idNumber }, { authorization: `${scheme} ${token}` });
      expect(reply.body.data?.applicant).toEqual({ name: couple.applicant.name });
    }
  });

  it('refuses a token signed with another key', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ role: 'FUND_OFFICER', centre: '350100' })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('forger')
      .setIssuer(system.config.auth.issuer)
      .setAudience(system.config.auth.audience)
      .setExpirationTime('5m')
      .sign(privateKey);
    const reply = await withToken(forged);
    expect(reply.status).toBe(401);
    expect(errorCodes(reply)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a token for another audience or issuer, and a token whose role lacks its claims', async () => {
    const officer = await system.as({ role: 'FUND_OFFICER', sub: 'o-1', centre: '350100' });
    expect((await officer('{ __typename }')).status).toBe(200);
    const { privateJwk } = await ensureLocalKeys(system.config.auth.keysDir);
    const claims = { role: 'FUND_OFFICER' as const, sub: 'o-1', centre: '350100' };
    const otherAudience = await mintToken(claims, { privateJwk, issuer: system.config.auth.issuer, audience: 'some-other-service' });
    const otherIssuer = await mintToken(claims, { privateJwk, issuer: 'https://elsewhere.example', audience: system.config.auth.audience });
    const noCentre = await system.token({ role: 'FUND_OFFICER', sub: 'o-2' });
    for (const token of [otherAudience, otherIssuer, noCentre]) {
      const reply = await withToken(token);
      expect(reply.status).toBe(401);
      expect(errorCodes(reply)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('treats a request without a token as anonymous: it reaches no personal data', async () => {
    const reply = await system.query(NAME, { id: couple.applicant.idNumber });
    expect(reply.body.data).toEqual({ applicant: null });
    expect(errorCodes(reply)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a call straight to a subgraph with forged identity headers or a forged assertion', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Applicant { name } } }';
    const refReply = await (await system.asApplicant(couple.applicant.idNumber))('query($id: IdNumber!) { applicant(idNumber: $id) { ref } }', { id: couple.applicant.idNumber });
    const variables = { r: [{ __typename: 'Applicant', ref: refReply.body.data.applicant.ref }] };
    // Well-formed in every way, but signed with a key of the forger's own, not the gateway's.
    const forgedAssertion = signAssertion(
      newAssertion({
        actor: { role: 'FUND_OFFICER', subject: 'forger', personIdNumber: null, centre: '350100', proxyAuthorizationRef: null },
        purpose: 'HPF_LOAN_REVIEW',
        applicationId: null,
        audience: 'identity',
        requestId: 'forged-request-0001',
        operationHash: operationHash(JSON.stringify({ query, variables })),
      }),
      parseSigningKey(JSON.stringify(generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }))),
    );
    const forgeries: Array<Record<string, string>> = [
      { 'x-actor-role': 'FUND_OFFICER', 'x-user-id': 'admin', authorization: 'Bearer whatever' },
      { [CALLER_ASSERTION_HEADER]: forgedAssertion, 'x-request-id': 'forged-request-0001' },
    ];
    for (const headers of forgeries) {
      const response = await fetch(system.subgraphUrls.identity, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      expect(response.status).toBe(401);
      const body = await response.json();
      expect(body.data).toBeUndefined();
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a genuine assertion replayed with another operation', async () => {
    let captured: { assertion: string; requestId: string } | null = null;
    const server = system.subgraphServers['civil-affairs'].server;
    const spy = (request: { headers: Record<string, string | string[] | undefined> }) => {
      captured ??= { assertion: String(request.headers[CALLER_ASSERTION_HEADER]), requestId: String(request.headers['x-request-id']) };
    };
    server.prependListener('request', spy);
    const caseId = await system.openCase({ applicant: couple.applicant.idNumber });
    const read = await (await system.asOfficer(undefined, caseId))('query($id: IdNumber!) { applicant(idNumber: $id) { marriage { status } } }', { id: couple.applicant.idNumber });
    server.off('request', spy);
    expect(read.body.data.applicant.marriage).toEqual({ status: 'MARRIED' }); // a genuine, allowed read was captured
    expect(captured).not.toBeNull();

    const response = await fetch(system.subgraphUrls['civil-affairs'], {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALLER_ASSERTION_HEADER]: captured!.assertion, 'x-request-id': captured!.requestId },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
    });
    expect(response.status).toBe(401);
    expect((await response.json()).errors[0].message).toMatch(/another operation/);
    // Nor as a GET, whose operation is in the URL: an assertion covers a body, and a GET has none.
    const asGet = await fetch(`${system.subgraphUrls['civil-affairs']}?query=${encodeURIComponent('{ _service { sdl } }')}`, {
      headers: { [CALLER_ASSERTION_HEADER]: captured!.assertion, 'x-request-id': captured!.requestId, 'apollo-require-preflight': 'true' },
    });
    expect(asGet.status).toBe(401);
    expect((await asGet.json()).errors[0].message).toMatch(/POSTs/);
  });
});
