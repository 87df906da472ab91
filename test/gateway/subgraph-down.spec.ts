import { SCENARIOS } from '../../agencies/data/scenarios';
import { startTestSystem, type Query, type TestSystem } from '../support/system';

const single = SCENARIOS.singleApplicant;

describe('a subgraph that is down', () => {
  let system: TestSystem;
  let officer: Query;
  beforeAll(async () => {
    system = await startTestSystem();
    officer = await system.asOfficer(undefined, await system.openCase({ applicant: single.applicant.idNumber }));
    await system.subgraphServers.credit.close();
  });
  afterAll(() => system.stop());

  it('leaves the rest of the answer intact, with only its fields null and coded SUBGRAPH_UNAVAILABLE', async () => {
    const reply = await officer(
      'query($id: IdNumber!) { applicant(idNumber: $id) { name creditReport { reportNumber } marriage { status } } }',
      { id: single.applicant.idNumber },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.data.applicant).toMatchObject({ name: single.applicant.name, creditReport: null, marriage: { status: 'UNREGISTERED' } });
    expect(reply.body.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'credit' }) }),
    ]);
    expect(JSON.stringify(reply.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/i);
  });

  it('keeps the gateway ready (a partial answer is still an answer), naming the subgraph to an operator only', async () => {
    const readiness = system.gatewayUrl.replace(/\/graphql$/, '/health/ready');
    const ready = await fetch(readiness);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    const auditor = await system.token({ role: 'AUDITOR', sub: 'auditor-01' });
    const detailed = await fetch(readiness, { headers: { authorization: `Bearer ${auditor}` } });
    expect(detailed.status).toBe(200);
    expect(await detailed.json()).toMatchObject({ status: 'ready', subgraphs: { credit: 'down', identity: 'up' } });
  });
});
