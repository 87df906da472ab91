import type http from 'node:http';
import { RequestRefused } from '../../lib/apollo-http';
import { ANONYMOUS } from '../../lib/actor';
import { DEVELOPMENT_GATEWAY_SIGNING_KEY, parseSigningKey } from '../../lib/gateway-keys';
import { composeFeatures, type GatewayFeature } from '../../gateway/feature';
import { unfilledContextKeys, type GatewayContext } from '../../gateway/context';
import { useClientAddress } from '../../gateway/plugins/client-address';
import { usePurpose } from '../../gateway/plugins/purpose';
import { useUpstream } from '../../gateway/plugins/upstream';

type Context = { requestId: string; seen: string[] };
const noop = () => undefined;

describe('composeFeatures', () => {
  it('refuses two features serving one route, naming both', () => {
    const a: GatewayFeature<Context> = { name: 'health', routes: { 'GET /health/live': noop } };
    const b: GatewayFeature<Context> = { name: 'metrics', routes: { 'GET /health/live': noop } };
    expect(() => composeFeatures([a, b])).toThrow('gateway features "health" and "metrics" both serve GET /health/live');
  });

  it('runs admissions in list order and stops at the first refusal', async () => {
    const context: Context = { requestId: 'r', seen: [] };
    const features: Array<GatewayFeature<Context>> = [
      { name: 'first', admit: async (c) => void c.seen.push('first') },
      { name: 'refusing', admit: async () => Promise.reject(new RequestRefused(429, 'RATE_LIMITED', 'slow down')) },
      { name: 'never', admit: async (c) => void c.seen.push('never') },
    ];
    const request = {} as never;
    await expect(composeFeatures(features).admit(context, request, request)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(context.seen).toEqual(['first']);
  });

  it('passes a body through each resolver in turn, keeping the same object when none changes it', () => {
    const body = { query: '{ a }' };
    const unchanged = composeFeatures<Context>([{ name: 'a', resolveBody: (b) => ({ kind: 'pass', body: b }) }]).resolveBody!(body);
    expect(unchanged).toEqual({ kind: 'pass', body });
    expect(unchanged.kind === 'pass' && unchanged.body).toBe(body);
    const refused = composeFeatures<Context>([
      { name: 'trusted', resolveBody: () => ({ kind: 'refuse', refusal: { code: 'OPERATION_NOT_TRUSTED', message: 'no', httpStatus: 400 } }) },
      { name: 'after', resolveBody: () => { throw new Error('not reached'); } },
    ]).resolveBody!(body);
    expect(refused).toMatchObject({ kind: 'refuse', refusal: { code: 'OPERATION_NOT_TRUSTED' } });
  });

  it('merges reply headers in list order and closes last-made first', async () => {
    const closed: string[] = [];
    const composed = composeFeatures<Context>([
      { name: 'cors', responseHeaders: () => ({ vary: 'Origin', a: '1' }), close: async () => void closed.push('cors') },
      { name: 'hsts', responseHeaders: () => ({ a: '2' }), close: async () => void closed.push('hsts') },
    ]);
    expect(composed.responseHeaders({} as never)).toEqual({ vary: 'Origin', a: '2' });
    await composed.close();
    expect(closed).toEqual(['hsts', 'cors']);
  });
});

describe('context parts', () => {
  const request = (headers: http.IncomingHttpHeaders = {}, remoteAddress = '198.51.100.7') => ({ headers, socket: { remoteAddress } }) as unknown as http.IncomingMessage;
  const signingKey = parseSigningKey(DEVELOPMENT_GATEWAY_SIGNING_KEY);
  const anonymous: GatewayFeature<GatewayContext> = { name: 'authentication', context: { provides: ['actor'], build: () => ({ actor: ANONYMOUS }) } };

  it('builds the context in list order, each part seeing the parts before it', async () => {
    const composed = composeFeatures<GatewayContext>([
      anonymous,
      usePurpose(),
      useClientAddress({ trustedProxies: ['198.51.100.7'] }),
      useUpstream({ subgraphUrls: {}, signingKey }),
    ]);
    const context = await composed.buildContext(
      request({ 'x-application-id': 'APP-000123', 'x-forwarded-for': '203.0.113.9', 'accept-language': 'en', authorization: 'Bearer a.b.c', cookie: 'c=1' }),
      { requestId: 'r1' },
    );
    expect(context).toEqual({
      requestId: 'r1',
      actor: ANONYMOUS,
      purpose: expect.any(String),
      applicationId: 'APP-000123',
      client: { address: '203.0.113.9', tls: false },
      propagatedHeaders: { 'accept-language': 'en' },
    });
    expect(unfilledContextKeys(composed.provided, ['requestId'])).toEqual([]);
  });

  it('names the context keys no feature fills', () => {
    const composed = composeFeatures<GatewayContext>([anonymous, usePurpose()]);
    expect(unfilledContextKeys(composed.provided, ['requestId'])).toEqual(['propagatedHeaders', 'client']);
  });

  it('refuses at start-up a part listed before the part it needs, and two parts filling one key', () => {
    expect(() => composeFeatures<GatewayContext>([usePurpose(), anonymous])).toThrow('gateway feature "purpose" needs the context\'s actor, which no feature listed before it provides');
    expect(() => composeFeatures<GatewayContext>([anonymous, { ...anonymous, name: 'second' }])).toThrow('gateway features "authentication" and "second" both provide the context\'s actor');
  });

  it('passes on a refusal of a part (a bad x-purpose is 400 BAD_REQUEST)', async () => {
    const composed = composeFeatures<GatewayContext>([anonymous, usePurpose()]);
    await expect(composed.buildContext(request({ 'x-purpose': 'CURIOSITY' }), { requestId: 'r' })).rejects.toMatchObject({ httpStatus: 400, code: 'BAD_REQUEST' });
  });

  it('lets one feature build the data sources, and refuses a second', () => {
    const upstream = useUpstream({ subgraphUrls: { identity: 'http://127.0.0.1:1/graphql' }, signingKey });
    expect(composeFeatures<GatewayContext>([upstream]).buildService).toBe(upstream.buildService);
    expect(() => composeFeatures<GatewayContext>([upstream, { name: 'other', buildService: upstream.buildService }])).toThrow(
      'gateway features "upstream" and "other" both build the subgraphs\' data sources',
    );
    expect(() => upstream.buildService!({ name: 'tax' })).toThrow('no URL configured for subgraph "tax"');
  });
});

describe('useUpstream', () => {
  it('does not start without its signing key', () => {
    expect(() => useUpstream({ subgraphUrls: {}, signingKey: null })).toThrow(/GATEWAY_SIGNING_KEY is required to run the gateway/);
  });

  it('refuses at start-up to pass credentials or its own headers upstream', () => {
    const signingKey = parseSigningKey(DEVELOPMENT_GATEWAY_SIGNING_KEY);
    expect(() => useUpstream({ subgraphUrls: {}, signingKey, propagatedHeaders: ['accept-language', 'Authorization', 'x-request-id'] })).toThrow(
      'these headers are never passed to subgraphs: authorization, x-request-id',
    );
  });
});
