/**
 * What every gateway reply says about itself, and what it does not say: security headers on
 * every reply (HSTS only when the client came over TLS), a strict CSP on the IDE page that still
 * allows exactly its own bundled script and styles, no "Did you mean …" schema suggestions in
 * production, and subgraph health details for operators only.
 */
import type http from 'node:http';
import { buildGateway } from '../../gateway/server';
import { clientOriginOf } from '../../gateway/plugins/client-address';
import { contentSecurityPolicyFor, inlineBlocksOf, STYLE_TEXT_SHIM } from '../../gateway/plugins/ide';
import { listen, type ListeningServer } from '../../lib/http';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { SUBGRAPHS } from '../../schema/subgraphs';
import { startTestSystem, type TestSystem } from '../support/system';
import { testRunLogger } from '../support/test-logs';

const HEALTH_TOKEN = 'health-details-token-for-this-spec-only';
const ID = SCENARIOS.singleApplicant.applicant.idNumber;
const TYPO = `{ applicant(idNumber: "${ID}") { nam } }`;
const ENUM_TYPO = 'query($f: LoanApplicationFilter) { loanApplications(filter: $f) { __typename } }';

function expectSecurityHeaders(headers: Headers): void {
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
}

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  // In English: these specs read the messages as written (a reply without the header is in Chinese).
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en', ...headers }, body });
}

describe('gateway hardening', () => {
  let system: TestSystem;
  let base: string;
  let production: { url: string; listening: ListeningServer; stop: () => Promise<void> };
  beforeAll(async () => {
    // 127.0.0.1 is a trusted proxy here, so this spec can speak as one (X-Forwarded-Proto).
    system = await startTestSystem({ HEALTH_DETAILS_TOKEN: HEALTH_TOKEN, TRUSTED_PROXIES: '127.0.0.1' });
    base = system.gatewayUrl.replace(/\/graphql$/, '');
    // A second gateway over the same subgraphs, in production mode and behind TLS.
    const config = { ...system.config, mode: 'production' as const, edge: { ...system.config.edge, behindTls: true, trustedProxies: [] } };
    const gateway = await buildGateway({ config, logger: testRunLogger(), subgraphUrls: system.subgraphUrls });
    const listening = await listen(gateway.server, 0);
    production = { url: `${listening.url}/graphql`, listening, stop: gateway.stop };
  });
  afterAll(async () => {
    await production.listening.close();
    await production.stop();
    await system.stop();
  });

  describe('security headers', () => {
    it('are on every reply: an answer, refusals, errors, health, the IDE, and a subgraph’s', async () => {
      const officer = await system.token({ role: 'FUND_OFFICER', sub: 'officer-350100-01', centre: '350100' });
      const replies = [
        await post(system.gatewayUrl, JSON.stringify({ query: '{ __typename }' })), // 200
        await post(system.gatewayUrl, JSON.stringify({ query: '{ applicant(' })), // 400 parse
        await post(system.gatewayUrl, 'not json'), // 400
        await post(system.gatewayUrl, JSON.stringify({ query: 'x'.repeat(system.config.maxRequestBytes + 1) })), // 413
        await post(system.gatewayUrl, JSON.stringify({ query: '{ __typename }' }), { authorization: 'Bearer a.b.c' }), // 401
        await post(system.gatewayUrl, JSON.stringify({ query: '{ __typename }' }), { authorization: `Bearer ${officer}` }),
        await fetch(`${base}/nothing-here`), // 404
        await fetch(`${base}/health/live`),
        await fetch(`${base}/health/ready`),
        await fetch(`${base}/`),
        await fetch(system.subgraphUrls.identity.replace(/\/graphql$/, '/health/live')),
      ];
      expect(replies.map((reply) => reply.status)).toEqual([200, 400, 400, 413, 401, 200, 404, 200, 200, 200, 200]);
      for (const reply of replies) {
        expectSecurityHeaders(reply.headers);
        expect(reply.headers.get('strict-transport-security')).toBeNull(); // plain http, no proxy said https
        await reply.arrayBuffer();
      }
      // Nothing that carries personal data is kept by a browser or a cache.
      expect(replies[5]!.headers.get('cache-control')).toBe('no-store');
    });

    it('add HSTS only when the client came over TLS: BEHIND_TLS, or a trusted proxy’s X-Forwarded-Proto', async () => {
      const viaProxy = await post(system.gatewayUrl, JSON.stringify({ query: '{ __typename }' }), { 'x-forwarded-proto': 'https' });
      expect(viaProxy.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      const behindTls = await post(production.url, JSON.stringify({ query: '{ __typename }' }));
      expect(behindTls.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expectSecurityHeaders(behindTls.headers);
    });

    it('believe X-Forwarded-For and X-Forwarded-Proto from a trusted proxy only', () => {
      const request = (remoteAddress: string, headers: Record<string, string>) => ({ socket: { remoteAddress }, headers }) as unknown as http.IncomingMessage;
      const forwarded = { 'x-forwarded-for': '203.0.113.9, 10.0.0.2', 'x-forwarded-proto': 'https' };
      expect(clientOriginOf(request('198.51.100.7', forwarded), ['10.0.0.1'])).toEqual({ address: '198.51.100.7', tls: false });
      expect(clientOriginOf(request('::ffff:10.0.0.1', forwarded), ['10.0.0.1'])).toEqual({ address: '10.0.0.2', tls: true });
      expect(clientOriginOf(request('10.0.0.1', forwarded), ['10.0.0.1', '10.0.0.2'])).toEqual({ address: '203.0.113.9', tls: true });
      expect(clientOriginOf(request('10.0.0.1', {}), ['10.0.0.1'])).toEqual({ address: '10.0.0.1', tls: false });
    });
  });

  describe('the IDE page', () => {
    it('has a strict CSP that allows exactly its own inline script and styles, by hash', async () => {
      const page = await fetch(`${base}/`);
      const html = await page.text();
      const policy = page.headers.get('content-security-policy')!;
      expect(policy).toBe(contentSecurityPolicyFor(html));
      const directives: Record<string, string> = Object.fromEntries(policy.split('; ').map((directive) => [directive.split(' ')[0]!, directive]));
      // Scripts and style elements by hash alone; only style attributes (Monaco's line positions) inline.
      expect(policy).not.toMatch(/unsafe-eval|https?:|\*/);
      expect(Object.entries(directives).filter(([, directive]) => directive.includes("'unsafe-inline'")).map(([name]) => name)).toEqual(['style-src-attr']);
      for (const directive of ["default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'", "connect-src 'self'", 'worker-src blob:']) expect(policy).toContain(directive);
      const { scripts, styles } = inlineBlocksOf(html);
      // Our shim first, then the bundle; one bundled stylesheet.
      expect(scripts).toHaveLength(2);
      expect(scripts[0]).toBe(STYLE_TEXT_SHIM);
      expect(scripts[1]).toContain('renderYogaGraphiQL');
      expect(styles).toHaveLength(1);
      expect(directives['script-src']!.match(/'sha256-[A-Za-z0-9+/]+=*'/g)).toHaveLength(2);
      // The stylesheet and the empty string (Monaco's emptied style elements), in style-src and style-src-elem.
      expect(directives['style-src-elem']!.match(/'sha256-[A-Za-z0-9+/]+=*'/g)).toHaveLength(2);
      expect(directives['style-src-elem']).toContain("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
      // Nothing loaded from elsewhere, nothing inline beyond what the policy names.
      expect(html).not.toMatch(/<script[^>]+src=/i);
      expect(html).not.toMatch(/<link[^>]+rel=["']?stylesheet/i);
    });
  });

  describe('schema suggestions', () => {
    it('are given in development (and test) mode', async () => {
      const reply = await post(system.gatewayUrl, JSON.stringify({ query: TYPO }));
      expect((await reply.json()).errors[0].message).toBe('Cannot query field "nam" on type "Applicant". Did you mean "name"?');
    });

    it('are never given in production: not for fields, nor for enum values or input fields in variables', async () => {
      const typo = await (await post(production.url, JSON.stringify({ query: TYPO }))).json();
      expect(typo.errors).toEqual([expect.objectContaining({ message: 'Cannot query field "nam" on type "Applicant".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })]);
      const replies = await Promise.all(
        [{ status: 'APPROVD' }, { stats: 'APPROVED' }].map(async (f) => (await post(production.url, JSON.stringify({ query: ENUM_TYPO, variables: { f } }))).json()),
      );
      for (const reply of replies) {
        expect(reply.errors).toHaveLength(1);
        expect(reply.errors[0].extensions.code).toBe('BAD_USER_INPUT');
        expect(reply.errors[0].message).not.toMatch(/did you mean|APPROVED"\?|"status"\?/i);
      }
      // The same variables in development do suggest: the check above is not vacuous.
      const suggested = await (await post(system.gatewayUrl, JSON.stringify({ query: ENUM_TYPO, variables: { f: { status: 'APPROVD' } } }))).json();
      expect(suggested.errors[0].message).toContain('Did you mean the enum value "APPROVED"?');
    });
  });

  describe('health details', () => {
    const ready = (headers: Record<string, string> = {}) => fetch(`${base}/health/ready`, { headers }).then(async (reply) => ({ status: reply.status, body: await reply.json() }));
    const detailed = { status: 200, body: { status: 'ready', subgraphs: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, 'up'])) } };

    it('go to an operator: the HEALTH_DETAILS_TOKEN, or an AUDITOR token', async () => {
      expect(await ready({ 'x-health-token': HEALTH_TOKEN })).toEqual(detailed);
      expect(await ready({ authorization: `Bearer ${await system.token({ role: 'AUDITOR', sub: 'auditor-01' })}` })).toEqual(detailed);
    });

    it('go to no one else, who gets the status alone', async () => {
      const statusOnly = { status: 200, body: { status: 'ready' } };
      expect(await ready()).toEqual(statusOnly);
      expect(await ready({ 'x-health-token': `${HEALTH_TOKEN}x` })).toEqual(statusOnly);
      expect(await ready({ authorization: 'Bearer not.a.token' })).toEqual(statusOnly);
      expect(await ready({ authorization: `Bearer ${await system.token({ role: 'APPLICANT', sub: 'citizen-0001', id_number: ID })}` })).toEqual(statusOnly);
      expect(await ready({ authorization: `Bearer ${await system.token({ role: 'FUND_OFFICER', sub: 'officer-1', centre: '350100' })}` })).toEqual(statusOnly);
    });
  });
});
