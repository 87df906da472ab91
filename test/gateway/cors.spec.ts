/** Browser apps on other origins: only the origins CORS_ALLOWED_ORIGINS lists, each exactly. */
import { startTestSystem, type TestSystem } from '../support/system';

const APP = 'https://app.fj-hpf.example';

describe('cross-origin requests', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ CORS_ALLOWED_ORIGINS: APP });
  });
  afterAll(() => system.stop());

  const preflight = (origin: string, headers = 'authorization, content-type') =>
    fetch(system.gatewayUrl, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers } });

  it('answers a listed origin’s preflight with its own origin, the methods and the headers the graph reads', async () => {
    const reply = await preflight(APP);
    expect(reply.status).toBe(204);
    expect(reply.headers.get('access-control-allow-origin')).toBe(APP);
    expect(reply.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(reply.headers.get('access-control-allow-headers')).toContain('x-application-id');
    expect(reply.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('refuses the preflight of any other origin, and of a header the graph does not read', async () => {
    expect((await preflight('https://evil.example')).status).toBe(403);
    expect((await preflight(APP, 'authorization, x-caller-assertion')).status).toBe(403);
  });

  it('lets a listed origin read the answer, and no other', async () => {
    const ask = (origin: string) => system.query('{ serviceGuide { title } }', {}, { origin });
    const allowed = await ask(APP);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP);
    expect(allowed.body.data?.serviceGuide).toBeTruthy();
    expect((await ask('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });
});
