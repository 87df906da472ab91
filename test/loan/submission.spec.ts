import { SCENARIOS } from '../../agencies/data/scenarios';
import { startTestSystem, type Query, type TestSystem } from '../support/system';
import { FAST_LOAN_WORKER, SUBMIT, consentEveryScenarioPerson, VIEW, inputFor, untilDecided } from './support/loans';

const couple = SCENARIOS.cleanCouple;

describe('submitting a loan application', () => {
  let system: TestSystem;
  let officer: Query;
  beforeAll(async () => {
    system = await startTestSystem(FAST_LOAN_WORKER);
    officer = await system.asOfficer('350100');
    await consentEveryScenarioPerson(system);
  });
  afterAll(() => system.stop());

  it('takes the clean couple from one submission to an automatic approval, every check visible with evidence', async () => {
    const submitted = await officer(SUBMIT, { input: inputFor(couple) });
    expect(submitted.body.data.submitLoanApplication).toMatchObject({ created: true, userErrors: [], loanApplication: { status: 'ACCEPTED' } });
    const application = await untilDecided(officer, submitted.body.data.submitLoanApplication.loanApplication.id);

    expect(application.status).toBe('APPROVED');
    expect(application.decision).toMatchObject({ outcome: 'APPROVED', homeOrder: 'FIRST', rate: expect.stringMatching(/%$/) });
    expect(application.checks).toHaveLength(7);
    for (const check of application.checks) {
      expect(check).toMatchObject({ status: 'DONE', outcome: 'PASSED' });
      expect(check.evidence.length).toBeGreaterThan(0);
    }
    expect(application.timeline.map((entry: { kind: string }) => entry.kind)).toEqual(
      expect.arrayContaining(['ACCEPTED', 'CHECKED', 'APPROVED_AUTOMATICALLY']),
    );
    expect(application.daysLeftToDecide).toBeNull();
    // 600,000.00 over 240 months at the decided first-home rate (2.6% over five years): 等额本息 to the fen.
    const schedule = (await officer('query($id: ID!) { loanApplication(id: $id) { repaymentSchedule { rate totalPayment totalInterest instalments(first: 2) { period payment principal interest remaining } } } }', { id: application.id })).body.data.loanApplication.repaymentSchedule;
    expect(schedule.rate).toBe('2.6%');
    expect(schedule.instalments).toHaveLength(2);
    expect(schedule.instalments[0].payment).toBe(schedule.instalments[1].payment);
    expect(Number(schedule.totalPayment) - Number(schedule.totalInterest)).toBeCloseTo(600000, 2);
    expect(new Date(application.decisionDueAt).getTime() - Date.now()).toBeGreaterThan(14 * 24 * 3600 * 1000);
  });

  it('gives the same application for the same idempotency key, also when submitted concurrently', async () => {
    const input = inputFor(SCENARIOS.singleApplicant, { centreCode: '350100' });
    const replies = await Promise.all(Array.from({ length: 6 }, () => officer(SUBMIT, { input })));
    const ids = new Set(replies.map((reply) => reply.body.data.submitLoanApplication.loanApplication.id));
    expect(ids.size).toBe(1);
    expect(replies.filter((reply) => reply.body.data.submitLoanApplication.created)).toHaveLength(1);
    const again = await officer(SUBMIT, { input });
    expect(again.body.data.submitLoanApplication).toMatchObject({ created: false, loanApplication: { id: [...ids][0] } });
  });

  it('refuses the same key for a different application, field by field', async () => {
    const input = inputFor(SCENARIOS.singleApplicant);
    await officer(SUBMIT, { input });
    const reply = await officer(SUBMIT, { input: { ...input, amount: '1.00' } });
    expect(reply.body.data.submitLoanApplication).toMatchObject({
      loanApplication: null,
      userErrors: [{ field: ['input', 'idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED' }],
    });
  });

  it('answers input errors as field-level user errors and stores nothing', async () => {
    const reply = await officer(SUBMIT, {
      input: inputFor(couple, { applicant: { idNumber: '350102199003140317', name: ' ' }, contractNumber: null, termMonths: 6, centreCode: '350200' }),
    });
    const payload = reply.body.data.submitLoanApplication;
    expect(payload.loanApplication).toBeNull();
    expect(payload.userErrors.map((error: { field: string[] }) => error.field.join('.')).sort()).toEqual(
      ['input.applicant.idNumber', 'input.applicant.name', 'input.centreCode', 'input.contractNumber', 'input.termMonths'].sort(),
    );
    expect(payload.userErrors.find((error: { field: string[] }) => error.field[1] === 'applicant' && error.field[2] === 'idNumber').message).toMatch(/check character/);
  });

  it('lets an applicant file only their own application, and see only their own', async () => {
    const herself = await system.asApplicant(SCENARIOS.singleApplicant.applicant.idNumber);
    const forSomeoneElse = await herself(SUBMIT, { input: inputFor(couple, { centreCode: '350100' }) });
    expect(forSomeoneElse.body.data.submitLoanApplication.userErrors[0]).toMatchObject({ code: 'NOT_YOUR_APPLICATION' });
    const mine = await herself(SUBMIT, { input: inputFor(SCENARIOS.singleApplicant, { centreCode: '350100' }) });
    const id = mine.body.data.submitLoanApplication.loanApplication.id;
    expect((await herself(VIEW, { id })).body.data.loanApplication.status).toBeDefined();
    const stranger = await system.asApplicant(couple.applicant.idNumber);
    const peek = await stranger(VIEW, { id });
    expect(peek.body.data.loanApplication.status).toBeNull();
    expect(peek.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('lists a centre’s applications for its officers with cursor pagination, leaving test cases out', async () => {
    await officer(SUBMIT, { input: inputFor(SCENARIOS.shortDeposits, { testCase: true }) });
    const first = await officer('{ loanApplications(first: 2) { applications { id isTestCase } nextCursor } }');
    expect(first.body.data.loanApplications.applications).toHaveLength(2);
    const next = await officer('query($after: String) { loanApplications(first: 100, after: $after) { applications { id isTestCase } nextCursor } }', {
      after: first.body.data.loanApplications.nextCursor,
    });
    const all = [...first.body.data.loanApplications.applications, ...next.body.data.loanApplications.applications];
    expect(new Set(all.map((a: { id: string }) => a.id)).size).toBe(all.length);
    expect(all.every((a: { isTestCase: boolean }) => !a.isTestCase)).toBe(true);
    const otherCentre = await system.asOfficer('350500');
    expect((await otherCentre('{ loanApplications { applications { id } } }')).body.data.loanApplications.applications).toEqual([]);
  });
});
