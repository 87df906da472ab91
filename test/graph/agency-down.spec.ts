import { SCENARIOS } from '../../agencies/data/scenarios';
import { errorCodes, startTestSystem, type Query, type TestSystem } from '../support/system';

const single = SCENARIOS.singleApplicant;

const OVERVIEW = /* GraphQL */ `
  query Overview($idNumber: IdNumber!) {
    applicant(idNumber: $idNumber) {
      name
      marriage { status }
      creditReport { cumulativeOverdueMonths }
      providentFundAccount { continuousDepositMonths }
    }
  }
`;

describe('an agency that is down or slow', () => {
  let system: TestSystem;
  let officer: Query;
  beforeAll(async () => {
    // A short timeout so the slow case is quick; the simulator's slow answer is far beyond it.
    system = await startTestSystem({ AGENCY_TIMEOUT_MS: '300' });
    officer = await system.asOfficer('350200', await system.openCase({ applicant: single.applicant.idNumber, centre: '350200' }));
  });
  afterEach(() => system.resetSimulators());
  afterAll(() => system.stop());

  it('still returns everything else, with only that agency’s fields null and coded AGENCY_UNAVAILABLE', async () => {
    system.simulators['pboc-credit'].setFaults({ down: true });

    const reply = await officer(OVERVIEW, { idNumber: single.applicant.idNumber });

    expect(reply.status).toBe(200);
    expect(reply.body.data.applicant.name).toBe(single.applicant.name);
    expect(reply.body.data.applicant.marriage.status).toBe('UNREGISTERED');
    expect(reply.body.data.applicant.providentFundAccount.continuousDepositMonths).toBeGreaterThan(0);
    expect(reply.body.data.applicant.creditReport).toBeNull();
    expect(reply.body.errors).toHaveLength(1);
    expect(reply.body.errors![0]).toMatchObject({
      path: ['applicant', 'creditReport'],
      extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'pboc-credit', reason: 'FAILING' },
    });
  });

  it('treats an agency slower than the timeout as unavailable for that call', async () => {
    system.simulators['civil-affairs'].setFaults({ slowRate: 1, slowResponseMs: 2000 });

    const reply = await officer(OVERVIEW, { idNumber: single.applicant.idNumber });

    expect(reply.body.data.applicant.marriage).toBeNull();
    expect(reply.body.data.applicant.creditReport).not.toBeNull();
    expect(reply.body.errors![0]).toMatchObject({ path: ['applicant', 'marriage'], extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'civil-affairs', reason: 'TIMEOUT' } });
  });

  it('says which agency failed when the entry-point agency itself is down', async () => {
    system.simulators['public-security'].setFaults({ down: true });
    const reply = await officer(OVERVIEW, { idNumber: single.applicant.idNumber });
    expect(reply.body.data.applicant).toBeNull();
    expect(errorCodes(reply)).toEqual(['AGENCY_UNAVAILABLE']);
    expect(reply.body.errors![0]!.extensions).toMatchObject({ agency: 'public-security' });
  });

  it('never leaks a stack trace or internal detail in an error', async () => {
    system.simulators['provident-fund'].setFaults({ down: true });
    const reply = await officer(OVERVIEW, { idNumber: single.applicant.idNumber });
    const text = JSON.stringify(reply.body);
    expect(text).not.toMatch(/stacktrace|exception|at .*\.ts:\d+|ECONNREFUSED/i);
  });
});
