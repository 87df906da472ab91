import { SCENARIOS } from '../../agencies/data/scenarios';
import { createLogger } from '../../lib/logger';
import { SUBGRAPHS } from '../../schema/subgraphs';
import { startTestSystem, type Query, type TestSystem } from '../support/system';

const single = SCENARIOS.singleApplicant;
const NAME_QUERY = 'query($id: IdNumber!) { applicant(idNumber: $id) { name marriage { status } } }';

describe('the gateway', () => {
  const logLines: Array<Record<string, unknown>> = [];
  let system: TestSystem;
  let officer: Query;
  let base: string;
  beforeAll(async () => {
    system = await startTestSystem({}, createLogger({ level: 'debug', write: (line) => logLines.push(JSON.parse(line)) }));
    officer = await system.asOfficer(undefined, await system.openCase({ applicant: single.applicant.idNumber }));
    base = system.gatewayUrl.replace(/\/graphql$/, '');
  });
  afterAll(() => system.stop());

  describe('request ids', () => {
    it('gives every request an id of its own, carried to every subgraph and agency and back in the reply; a client’s id is only logged beside it', async () => {
      const clientRequestId = 'client-req-0000001';
      const reply = await officer(NAME_QUERY, { id: single.applicant.idNumber }, { 'x-request-id': clientRequestId });
      const requestId = reply.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(requestId).not.toBe(clientRequestId);
      expect(logLines.filter((line) => line.msg === 'request id assigned' && line.clientRequestId === clientRequestId).map((line) => line.requestId)).toEqual([requestId]);
      const agencyAnswers = logLines.filter((line) => line.msg === 'simulator answered a call' && line.requestId === requestId);
      expect(agencyAnswers.map((line) => line.path).sort()).toEqual(['/api/v1/marriages/batch-query', '/api/v1/persons/batch-query']);
      expect(logLines.some((line) => line.msg === 'simulator answered a call' && line.requestId === clientRequestId)).toBe(false);
    });

    it('makes up a request id when the caller sends none or a malformed one', async () => {
      const reply = await officer(NAME_QUERY, { id: single.applicant.idNumber }, { 'x-request-id': 'bad id with spaces' });
      expect(reply.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('health', () => {
    it('is live, and ready with its schema loaded; an operator (an AUDITOR token) sees each subgraph ready', async () => {
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready' });
      const auditor = await system.token({ role: 'AUDITOR', sub: 'auditor-01' });
      const detailed = await (await fetch(`${base}/health/ready`, { headers: { authorization: `Bearer ${auditor}` } })).json();
      expect(detailed.status).toBe('ready');
      expect(Object.values(detailed.subgraphs)).toEqual(Array(SUBGRAPHS.length).fill('up'));
    });
  });

  describe('the IDE', () => {
    it('serves GraphiQL from the gateway itself, loading nothing from elsewhere', async () => {
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      const html = await page.text();
      expect(html).toContain('GraphiQL');
      expect(html).not.toMatch(/<script[^>]+src=["']https?:/i);
      expect(html).not.toMatch(/<link[^>]+href=["']https?:/i);
      expect(html).not.toMatch(/@import\s+url\(["']?https?:/i);
    });
  });

  describe('what reaches the subgraphs', () => {
    it('forwards allowlisted headers only, never credentials or cookies', async () => {
      const seen: Array<Record<string, string | string[] | undefined>> = [];
      const subgraph = system.subgraphServers.identity.server;
      const spy = (request: { headers: Record<string, string | string[] | undefined> }) => seen.push(request.headers);
      subgraph.prependListener('request', spy);
      try {
        await officer(NAME_QUERY, { id: single.applicant.idNumber }, { 'accept-language': 'zh-CN', cookie: 'session=secret', 'x-internal-debug': '1' });
      } finally {
        subgraph.off('request', spy);
      }
      expect(seen.length).toBeGreaterThan(0);
      expect(seen[0]).toMatchObject({ 'accept-language': 'zh-CN' });
      expect(seen[0]).not.toHaveProperty('cookie');
      expect(seen[0]).not.toHaveProperty('x-internal-debug');
    });
  });
});
