/**
 * Caller assertions on their own: what a subgraph accepts and what it refuses, key by key and
 * claim by claim. The same checks through the running system are in test/security/caller-trust.spec.ts.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import {
  ASSERTION_LIFETIME_MS,
  CLOCK_SKEW_MS,
  newAssertion,
  operationHash,
  signAssertion,
  verifyAssertion,
  verifyKeySet,
  type CallerAssertion,
} from '../../lib/caller-assertion';
import { parseSigningKey, parseVerifyKeys, rawPublicKeyOf, type GatewaySigningKey } from '../../lib/gateway-keys';
import { memoryReplayGuard } from '../../lib/replay-guard';

const freshKey = (): GatewaySigningKey => parseSigningKey(JSON.stringify(generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' })));
const BODY = JSON.stringify({ query: 'query Marriage($r: [_Any!]!) { _entities(representations: $r) { ... on Applicant { marriage { status } } } }', variables: { r: [{ __typename: 'Applicant', ref: 'a1' }] }, operationName: 'Marriage' });
const BODY_VALUE = JSON.parse(BODY) as { query: string; variables: unknown; operationName: string };
const claims = (overrides: Partial<CallerAssertion> = {}) => ({
  actor: { role: 'FUND_OFFICER' as const, subject: 'officer-1', personIdNumber: null, centre: '350100', proxyAuthorizationRef: null },
  purpose: 'HPF_LOAN_REVIEW' as const,
  applicationId: 'app-1',
  audience: 'civil-affairs',
  requestId: 'req-00000001',
  operationHash: operationHash(BODY),
  ...overrides,
});

describe('caller assertions', () => {
  const key = freshKey();
  const keys = verifyKeySet([{ kid: key.kid, publicKey: key.publicKey }]);
  const expected = { audience: 'civil-affairs', requestId: 'req-00000001', operationHash: operationHash(BODY) };
  const check = (token: string, overrides: Partial<typeof expected> & { now?: number } = {}, guard = memoryReplayGuard()) =>
    verifyAssertion(token, { ...expected, ...overrides }, keys, guard);

  it('accepts one signed by the gateway for this subgraph, request and body — once', async () => {
    const guard = memoryReplayGuard();
    const token = signAssertion(newAssertion(claims()), key);
    const first = await check(token, {}, guard);
    expect(first.ok && first.assertion.actor.subject).toBe('officer-1');
    expect(await check(token, {}, guard)).toEqual({ ok: false, reason: 'caller assertion already used' });
  });

  it('gives every assertion its own jti and a lifetime of seconds', () => {
    const a = newAssertion(claims());
    const b = newAssertion(claims());
    expect(a.jti).not.toBe(b.jti);
    expect(a.expiresAt - a.issuedAt).toBe(ASSERTION_LIFETIME_MS);
    expect(ASSERTION_LIFETIME_MS).toBeLessThanOrEqual(10_000);
  });

  it('refuses one for another subgraph', async () => {
    expect(await check(signAssertion(newAssertion(claims({ audience: 'identity' })), key))).toEqual({ ok: false, reason: 'caller assertion is for another subgraph' });
  });

  it('covers the whole body: query, variables, operationName and extensions', async () => {
    const token = () => signAssertion(newAssertion(claims()), key);
    const changed = [
      { ...BODY_VALUE, query: BODY_VALUE.query.replace('marriage { status }', 'name') },
      { ...BODY_VALUE, variables: { r: [{ __typename: 'Applicant', ref: 'a2' }] } },
      { ...BODY_VALUE, operationName: 'Other' },
      { query: BODY_VALUE.query, variables: BODY_VALUE.variables },
      { ...BODY_VALUE, extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } },
      { ...BODY_VALUE, extensions: {} },
      { ...BODY_VALUE, documentId: 'sha256:abc' },
    ].map((body) => JSON.stringify(body));
    for (const body of changed) {
      expect(await check(token(), { operationHash: operationHash(body) })).toEqual({ ok: false, reason: 'caller assertion belongs to another operation' });
    }
  });

  it('covers the body byte for byte: the same value written otherwise (keys reordered, spaced) is another body', () => {
    const { query, variables, operationName } = BODY_VALUE;
    for (const other of [JSON.stringify({ variables, query, operationName }), JSON.stringify(BODY_VALUE, null, 1), `${BODY} `]) {
      expect(operationHash(other)).not.toBe(operationHash(BODY));
    }
    expect(operationHash(JSON.stringify(BODY_VALUE))).toBe(operationHash(BODY));
  });

  it('refuses one bound to another request id', async () => {
    expect(await check(signAssertion(newAssertion(claims()), key), { requestId: 'req-chosen-by-client' })).toEqual({ ok: false, reason: 'caller assertion belongs to another request' });
  });

  it('refuses one past its lifetime (with the clock skew allowed), issued in the future, or made to live longer', async () => {
    const issued = Date.now();
    const token = signAssertion(newAssertion(claims(), issued), key);
    expect((await check(token, { now: issued + ASSERTION_LIFETIME_MS + CLOCK_SKEW_MS - 1 })).ok).toBe(true);
    expect(await check(token, { now: issued + ASSERTION_LIFETIME_MS + CLOCK_SKEW_MS })).toEqual({ ok: false, reason: 'caller assertion expired' });
    expect(await check(token, { now: issued - CLOCK_SKEW_MS - 1 })).toEqual({ ok: false, reason: 'caller assertion issued in the future' });
    const longLived = { ...newAssertion(claims(), issued), expiresAt: issued + 60_000 };
    expect(await check(signAssertion(longLived, key))).toEqual({ ok: false, reason: 'caller assertion lives longer than allowed' });
  });

  it('refuses one signed with a key not in the set, or altered after signing', async () => {
    expect(await check(signAssertion(newAssertion(claims()), freshKey()))).toEqual({ ok: false, reason: 'caller assertion signed with a key this subgraph does not accept' });
    const token = signAssertion(newAssertion(claims()), key);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claimsOf = JSON.parse(Buffer.from(payload, 'base64url').toString()) as CallerAssertion;
    const promoted = Buffer.from(JSON.stringify({ ...claimsOf, actor: { ...claimsOf.actor, role: 'AUDITOR' } })).toString('base64url');
    expect(await check(`${header}.${promoted}.${signature}`)).toEqual({ ok: false, reason: 'caller assertion signature invalid' });
    // Another kid in the header does not help: the key is looked up by it, and the signature checked under that key.
    const otherKid = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(header, 'base64url').toString()), kid: 'x' })).toString('base64url');
    expect((await check(`${otherKid}.${payload}.${signature}`)).ok).toBe(false);
    for (const junk of ['', 'a.b', 'a.b.c.d', `${header}.${payload}.`, 'not base64!.x.y']) expect((await check(junk)).ok).toBe(false);
  });

  it('refuses a token of another type or algorithm signed by the same key', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'EdDSA', typ: 'JWT', kid: key.kid })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(newAssertion(claims()))).toString('base64url');
    const signature = sign(null, Buffer.from(`${header}.${payload}`), key.privateKey).toString('base64url');
    expect(await check(`${header}.${payload}.${signature}`)).toEqual({ ok: false, reason: 'malformed caller assertion' });
  });

  it('rotates keys: subgraphs accept every key of their set, by kid, and nothing once a key is dropped', async () => {
    const next = freshKey();
    const during = verifyKeySet(parseVerifyKeys(`${rawPublicKeyOf(key.publicKey)},${rawPublicKeyOf(next.publicKey)}`));
    const after = verifyKeySet(parseVerifyKeys(rawPublicKeyOf(next.publicKey)));
    const byOld = signAssertion(newAssertion(claims()), key);
    const byNew = signAssertion(newAssertion(claims()), next);
    expect((await verifyAssertion(byOld, expected, during, memoryReplayGuard())).ok).toBe(true);
    expect((await verifyAssertion(byNew, expected, during, memoryReplayGuard())).ok).toBe(true);
    expect((await verifyAssertion(byNew, expected, after, memoryReplayGuard())).ok).toBe(true);
    expect(await verifyAssertion(byOld, expected, after, memoryReplayGuard())).toEqual({ ok: false, reason: 'caller assertion signed with a key this subgraph does not accept' });
  });

  it('spends no jti on an assertion it refuses for another reason', async () => {
    const guard = memoryReplayGuard();
    const token = signAssertion(newAssertion(claims()), key);
    expect((await check(token, { requestId: 'req-other-0001' }, guard)).ok).toBe(false);
    expect(guard.size).toBe(0);
    expect((await check(token, {}, guard)).ok).toBe(true);
  });
});
