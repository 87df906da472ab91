import { SCENARIOS, type ScenarioKey } from '../../agencies/data/scenarios';
import { startTestSystem, type Query, type TestSystem } from '../support/system';
import { FAST_LOAN_WORKER, SUBMIT, VIEW, consentFor, inputFor, submitWithConsents, untilDecided } from './support/loans';


/** For each failing scenario: the gather step whose check must fail, and words its reason must carry. */
const EXPECTED: Array<[ScenarioKey, string, RegExp]> = [
  ['cancelledHousehold', 'GATHER_IDENTITY', /户籍|household/i],
  ['currentOverdue', 'GATHER_CREDIT', /逾期|overdue/i],
  ['consecutiveThreeCumulativeSix', 'GATHER_CREDIT', /连|consecutive|cumulative/i],
  ['unpaidTransferTax', 'GATHER_TAX', /税|tax/i],
  ['outstandingHpfLoan', 'GATHER_PROVIDENT_FUND', /贷款|loan/i],
  ['shortDeposits', 'GATHER_PROVIDENT_FUND', /月|months/i],
  ['thirdHpfLoan', 'GATHER_PROVIDENT_FUND', /贷款|loan/i],
];

describe('loan outcomes on the scenarios', () => {
  let system: TestSystem;
  let officer: Query;
  beforeAll(async () => {
    system = await startTestSystem(FAST_LOAN_WORKER);
    officer = await system.asOfficer('350100');
  });
  afterAll(() => system.stop());
  // One open application per applicant and home: each spec files the scenario people afresh.
  beforeEach(() => system.withdrawOpenApplications());

  // Filed by the applicant; everyone on it (and the contract's other buyer) consents for it.
  const submit = (key: ScenarioKey, overrides: Record<string, unknown> = {}) => submitWithConsents(system, SCENARIOS[key], inputFor(SCENARIOS[key], overrides));

  it.each(EXPECTED)('%s is referred to an officer: %s fails with its reason', async (key, step, reason) => {
    const application = await untilDecided(officer, await submit(key));
    expect(application.status).toBe('REFERRED');
    const check = application.checks.find((c: { step: string }) => c.step === step);
    expect(check.outcome).toBe('FAILED');
    expect(check.reasons.join(' ')).toMatch(reason);
    expect(application.decision.reasons.join(' ')).toMatch(reason);
    expect(application.daysLeftToDecide).toBe(15);
  });

  it('contractBuyerNotApplicant is referred: the contract is not the applicant’s to show', async () => {
    const application = await untilDecided(officer, await submit('contractBuyerNotApplicant'));
    expect(application.status).toBe('REFERRED');
    expect(application.checks.find((c: { step: string }) => c.step === 'GATHER_CONTRACT').outcome).toMatch(/FAILED|UNAVAILABLE/);
  });

  it('divorcedStaleSpouse naming the former spouse is referred for the stale spouse record', async () => {
    const scenario = SCENARIOS.divorcedStaleSpouse;
    const application = await untilDecided(officer, await submit('divorcedStaleSpouse', { spouse: { idNumber: scenario.formerSpouse!.idNumber, name: scenario.formerSpouse!.name } }));
    expect(application.status).toBe('REFERRED');
    expect(application.checks.find((c: { step: string }) => c.step === 'GATHER_MARRIAGE').outcome).toBe('FAILED');
  });

  it('secondHome is decided at the second-home rate', async () => {
    const application = await untilDecided(officer, await submit('secondHome', { amount: '300000.00' }));
    expect(application.decision).toMatchObject({ homeOrder: 'SECOND', rate: expect.stringMatching(/^3\.075%$|^2\.525%$/) });
  });

  it('minorChildHome counts the daughter’s inherited flat: a second home, whose cap binds above it', async () => {
    // Read under the parents' own consents as her guardians: she is in their household record, nobody named her.
    const id = await submit('minorChildHome', { amount: '750000.00', termMonths: 300 });
    const application = await untilDecided(officer, id);
    expect(application.status).toBe('REFERRED');
    expect(application.decision).toMatchObject({ homeOrder: 'SECOND', rate: '3.075%', maximumAmount: '700000.00', bindingLimit: 'loanCap' });
    // She sees, in her own access record, who read her homes and her place in the household, on which parent's ground.
    const daughter = await system.asApplicant(SCENARIOS.minorChildHome.minorChildren[0]!.idNumber);
    const records = (await daughter('{ myDataAccessRecords(first: 50) { records { actorRole agency subjects { fields legalBasis consentId applicationId } } } }')).body.data.myDataAccessRecords.records;
    const guardianRead = (agency: string, field: string) =>
      expect.objectContaining({ actorRole: 'SERVICE', agency, subjects: [{ fields: [field], legalBasis: 'GUARDIAN', consentId: expect.any(String), applicationId: id }] });
    expect(records).toEqual(expect.arrayContaining([guardianRead('NATURAL_RESOURCES', 'Applicant.minorChildrenHoldings'), guardianRead('PUBLIC_SECURITY', 'Applicant.minorChildIdNumbers')]));
  });

  it('a talent certificate counts once an officer confirms it: referred within the talent cap, approved only with the confirmation', async () => {
    // 福州 raises the cap 25 % for a certified talent (人才); no connected agency shares certifications.
    const id = await submit('singleApplicant', { amount: '700000.00', talentCertificateNumber: 'RC-350100-2024-0815' });
    const application = await untilDecided(officer, id);
    expect(application.status).toBe('REFERRED');
    const read = await officer('query($id: ID!) { loanApplication(id: $id) { decision { maximumAmount bindingLimit maximumAmountWithTalent talentCertificateConfirmed findings { code } } } }', { id });
    expect(read.body.errors).toBeUndefined();
    const { decision } = read.body.data.loanApplication;
    expect(decision.findings.map((finding: { code: string }) => finding.code)).toContain('TALENT_CERTIFICATE_TO_CONFIRM');
    expect(Number(decision.maximumAmount)).toBeLessThan(700_000);
    // Without the increase the one-depositor cap binds; the increase lifts that very bound.
    expect(decision.bindingLimit).toBe('loanCap');
    expect(Number(decision.maximumAmountWithTalent)).toBeGreaterThanOrEqual(700_000);
    const APPROVE = 'mutation($id: ID!, $confirmed: Boolean) { approveLoanApplication(id: $id, reason: "talent certificate RC-350100-2024-0815 checked with the talent office", talentCertificateConfirmed: $confirmed) { status decision { talentCertificateConfirmed } } }';
    const unconfirmed = await officer(APPROVE, { id, confirmed: false });
    expect(unconfirmed.body.errors![0]!.message).toMatch(/above the computed maximum/);
    const confirmed = await officer(APPROVE, { id, confirmed: true });
    expect(confirmed.body.data.approveLoanApplication).toEqual({ status: 'APPROVED', decision: { talentCertificateConfirmed: true } });
  });

  it('an amount above the maximum is referred, naming the limit that binds', async () => {
    // Within what the centre ever lends (the door lets it in), above what a single person may borrow.
    const application = await untilDecided(officer, await submit('singleApplicant', { amount: '900000.00' }));
    expect(application.status).toBe('REFERRED');
    expect(application.decision.maximumAmount).toMatch(/^\d+\.\d{2}$/);
    expect(application.decision.bindingLimit).toBeTruthy();
  });

  it('an officer of the centre approves or rejects a referred application with a reason; others cannot', async () => {
    // An amount within the computed maximum: the officer's judgement, not a hard limit, is what decides.
    const id = await submit('shortDeposits', { amount: '50000.00' });
    await untilDecided(officer, id);
    const stranger = await system.asOfficer('350500');
    const refused = await stranger('mutation($id: ID!) { approveLoanApplication(id: $id, reason: "looks fine") { status } }', { id });
    expect(refused.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const approved = await officer('mutation($id: ID!) { approveLoanApplication(id: $id, reason: "deposits resumed; documents seen") { status decidedAt decision { officer officerReason } } }', { id });
    expect(approved.body.data.approveLoanApplication).toMatchObject({ status: 'APPROVED', decidedAt: expect.any(String), decision: { officerReason: 'deposits resumed; documents seen' } });
    const timeline = (await officer(VIEW, { id })).body.data.loanApplication.timeline.map((entry: { kind: string }) => entry.kind);
    expect(timeline).toContain('APPROVED_BY_OFFICER');
  });
});

describe('an agency down during submission', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ ...FAST_LOAN_WORKER, AGENCY_TIMEOUT_MS: '300' });
  });
  afterAll(() => system.stop());

  it('leaves its step unavailable, retries it with backoff, and completes when the agency is back', async () => {
    const officer = await system.asOfficer('350100');
    system.simulators['pboc-credit'].setFaults({ down: true });
    const reply = await officer(SUBMIT, { input: inputFor(SCENARIOS.singleApplicant) });
    const id = reply.body.data.submitLoanApplication.loanApplication.id;
    await consentFor(system, id, [SCENARIOS.singleApplicant.applicant.idNumber]);

    let credit: { status: string; attempts: number } | undefined;
    for (let i = 0; i < 100 && !(credit && credit.attempts >= 2); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      credit = (await officer(VIEW, { id })).body.data.loanApplication.checks.find((c: { step: string }) => c.step === 'GATHER_CREDIT');
    }
    expect(credit).toMatchObject({ status: 'UNAVAILABLE' });
    expect((await officer(VIEW, { id })).body.data.loanApplication.status).toBe('ACCEPTED');

    system.simulators['pboc-credit'].setFaults({ down: false });
    const application = await untilDecided(officer, id);
    expect(application.checks.find((c: { step: string }) => c.step === 'GATHER_CREDIT')).toMatchObject({ status: 'DONE', outcome: 'PASSED' });
    expect(application.timeline.filter((entry: { kind: string; step: string }) => entry.step === 'GATHER_CREDIT').map((entry: { kind: string }) => entry.kind)).toEqual(
      expect.arrayContaining(['UNAVAILABLE', 'CHECKED']),
    );
  });
});
