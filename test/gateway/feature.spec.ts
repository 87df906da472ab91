import { RequestRefused } from '../../lib/apollo-http';
import { composeFeatures, type GatewayFeature } from '../../gateway/feature';

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
