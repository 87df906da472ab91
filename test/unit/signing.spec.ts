import { signRequest, verifyRequest } from '../../lib/signing';

const credentials = { appId: 'fj-hpf-one-thing', secret: 'a-test-secret-that-is-long-enough-0001' };
const secrets = new Map([[credentials.appId, credentials.secret]]);
const request = { method: 'POST', path: '/api/v1/persons/batch-query', body: '{"idNumbers":["350102199003140316"]}' };
const NOW = 1_790_000_000_000;

describe('request signing', () => {
  it('verifies what it signs', () => {
    expect(verifyRequest(request, signRequest(request, credentials, NOW), secrets, { now: NOW })).toEqual({ ok: true, appId: credentials.appId });
  });

  it('refuses a changed body, path or method', () => {
    const headers = signRequest(request, credentials, NOW);
    for (const changed of [{ ...request, body: '{}' }, { ...request, path: '/api/v1/other' }, { ...request, method: 'PUT' }]) {
      expect(verifyRequest(changed, headers, secrets, { now: NOW })).toEqual({ ok: false, reason: 'MISMATCH' });
    }
  });

  it('refuses a stale timestamp, in either direction', () => {
    const headers = signRequest(request, credentials, NOW);
    expect(verifyRequest(request, headers, secrets, { now: NOW + 6 * 60_000 })).toEqual({ ok: false, reason: 'STALE' });
    expect(verifyRequest(request, headers, secrets, { now: NOW - 6 * 60_000 })).toEqual({ ok: false, reason: 'STALE' });
  });

  it('refuses an unknown app, a wrong secret and missing headers', () => {
    expect(verifyRequest(request, signRequest(request, { ...credentials, appId: 'other' }, NOW), secrets, { now: NOW })).toEqual({ ok: false, reason: 'UNKNOWN_APP' });
    expect(verifyRequest(request, signRequest(request, { ...credentials, secret: 'wrong-secret-wrong-secret-wrong-00' }, NOW), secrets, { now: NOW })).toEqual({ ok: false, reason: 'MISMATCH' });
    expect(verifyRequest(request, {}, secrets, { now: NOW })).toEqual({ ok: false, reason: 'MISSING' });
  });
});
