/**
 * The loan flow end to end when the gateway runs registered operations only: the worker's checks
 * go by the hashes of its registered documents (client hpf-loan-worker), the web client's submission
 * and status page by theirs (hpf-web), and the clean couple is approved as without the mode.
 */
import { SCENARIOS } from '../../agencies/data/scenarios';
import { startTestSystem, type Query, type TestSystem } from '../support/system';
import { FAST_LOAN_WORKER, submitWithConsents, untilDecided } from './support/loans';

describe('the loan flow under TRUSTED_DOCUMENTS=registered-only', () => {
  let system: TestSystem;
  let officer: Query;
  beforeAll(async () => {
    system = await startTestSystem({ ...FAST_LOAN_WORKER, TRUSTED_DOCUMENTS: 'registered-only' });
    officer = await system.asOfficer('350100');
  });
  afterAll(() => system.stop());
  // One open application per applicant and home: each spec files the scenario people afresh.
  beforeEach(() => system.withdrawOpenApplications());

  it('approves the clean couple: every check ran through the gateway with a registered document', async () => {
    const application = await untilDecided(officer, await submitWithConsents(system, SCENARIOS.cleanCouple));
    expect(application.status).toBe('APPROVED');
    expect(application.checks.map((check: { step: string; outcome: string }) => [check.step, check.outcome])).toEqual(
      expect.arrayContaining(['GATHER_IDENTITY', 'GATHER_MARRIAGE', 'GATHER_CONTRACT', 'GATHER_TAX', 'GATHER_REGISTRATION', 'GATHER_CREDIT', 'GATHER_PROVIDENT_FUND'].map((step) => [step, 'PASSED'])),
    );
  });

  it('still refuses what nobody registered, the worker’s old ad-hoc text included', async () => {
    const adHoc = `query GATHER_IDENTITY($id0: IdNumber!, $name0: String) { p0: applicant(idNumber: $id0) { identityVerification(claimedName: $name0) { verified } } }`;
    const reply = await officer(adHoc, { id0: SCENARIOS.cleanCouple.applicant.idNumber, name0: SCENARIOS.cleanCouple.applicant.name });
    expect(reply.status).toBe(400);
    expect(reply.body.errors?.map((e) => e.extensions?.code)).toEqual(['OPERATION_NOT_TRUSTED']);
  });
});
