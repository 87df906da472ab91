import { SCENARIOS } from '../../agencies/data/scenarios';
import type { AgencyName } from '../../lib/agency-contracts';
import { DATA_ITEMS } from '../../lib/data-items';
import { startTestSystem, type Query, type TestSystem } from '../support/system';
import { FAST_LOAN_WORKER, SUBMIT, VIEW, consentFor, inputFor, submitWithConsents, untilDecided } from './support/loans';

const couple = SCENARIOS.cleanCouple;
const GRANT = 'mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id applicationId } }';
const inOneMonth = () => new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
const agencyEnum = (agency: string) => agency.toUpperCase().replace(/-/g, '_');
/** A person's own consents for one application, as the consent form sends them: data sharing of every item, and the credit query. */
const dataSharingFor = (applicationId: string) => ({
  kind: 'DATA_SHARING',
  purpose: 'HPF_LOAN_REVIEW',
  applicationId,
  validUntil: inOneMonth(),
  scopes: (Object.entries(DATA_ITEMS) as Array<[AgencyName, readonly string[]]>)
    .filter(([agency]) => agency !== 'pboc-credit')
    .map(([agency, items]) => ({ agency: agencyEnum(agency), dataItems: items.filter((item) => item !== 'face') })),
});
const creditQueryFor = (applicationId: string, idNumber: string) => ({
  kind: 'CREDIT_QUERY',
  purpose: 'HPF_LOAN_REVIEW',
  applicationId,
  validUntil: inOneMonth(),
  authorizationReference: `ZXSQ-${idNumber.slice(-6)}`,
  scopes: [{ agency: 'PBOC_CREDIT', dataItems: ['creditReport'] }],
});
const SPOUSE_WAITING = expect.stringMatching(/^配偶：待本人授权（\w+） \(Spouse: waiting for their own consent/);
const SPOUSE_REFERRED = '配偶：已转人工审核 (Spouse: referred to the officer)';
type Check = { step: string; status: string; outcome: string | null; reasons: string[] };

describe('submitting a loan application', () => {
  let system: TestSystem;
  let officer: Query;
  beforeAll(async () => {
    // The intake look-up's budget, short enough to outwait in a spec.
    system = await startTestSystem({ ...FAST_LOAN_WORKER, LOAN_INTAKE_LOOKUP_MS: '400' });
    officer = await system.asOfficer('350100');
  });
  afterAll(() => system.stop());
  // One open application per applicant and home: each spec files the scenario people afresh.
  beforeEach(() => system.withdrawOpenApplications());

  it('takes the clean couple from one submission to an automatic approval, every check visible with evidence', async () => {
    const submitted = await officer(SUBMIT, { input: inputFor(couple) });
    expect(submitted.body.data.submitLoanApplication).toMatchObject({ created: true, userErrors: [], loanApplication: { status: 'ACCEPTED' } });
    const id = submitted.body.data.submitLoanApplication.loanApplication.id as string;
    await consentFor(system, id, [couple.applicant.idNumber, couple.spouse!.idNumber]);
    const application = await untilDecided(officer, id);

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

  it('gives the same application for the same key from a second officer of the same centre', async () => {
    const input = inputFor(SCENARIOS.shortDeposits, { centreCode: '350100' });
    const first = await officer(SUBMIT, { input });
    const colleague = await system.as({ role: 'FUND_OFFICER', sub: 'officer-350100-02', centre: '350100' });
    const second = await colleague(SUBMIT, { input });
    expect(second.body.data.submitLoanApplication).toMatchObject({ created: false, loanApplication: { id: first.body.data.submitLoanApplication.loanApplication.id } });
  });

  it('refuses at the door what can never pass: a term or an amount past the centre’s policy, money as a JSON number', async () => {
    const tooLong = await officer(SUBMIT, { input: inputFor(couple, { termMonths: 480 }) });
    expect(tooLong.body.data.submitLoanApplication.userErrors).toEqual([expect.objectContaining({ field: ['input', 'termMonths'], code: 'TERM_EXCEEDS_POLICY' })]);
    const tooMuch = await officer(SUBMIT, { input: inputFor(couple, { amount: '5000000.00' }) });
    expect(tooMuch.body.data.submitLoanApplication.userErrors).toEqual([expect.objectContaining({ field: ['input', 'amount'], code: 'AMOUNT_EXCEEDS_POLICY' })]);
    const badCertificate = await officer(SUBMIT, { input: inputFor(couple, { talentCertificateNumber: '人才 1' }) });
    expect(badCertificate.body.data.submitLoanApplication.userErrors).toEqual([expect.objectContaining({ field: ['input', 'talentCertificateNumber'], code: 'TALENT_CERTIFICATE_FORMAT' })]);
    const putian = await system.asOfficer('350300');
    const noTalentIncrease = await putian(SUBMIT, { input: inputFor(couple, { talentCertificateNumber: 'RC-350300-0001' }) });
    expect(noTalentIncrease.body.data.submitLoanApplication.userErrors).toEqual([expect.objectContaining({ field: ['input', 'talentCertificateNumber'], code: 'TALENT_NOT_OFFERED' })]);
    const asNumber = await officer(SUBMIT, { input: inputFor(couple, { amount: 1.5 }) });
    expect(asNumber.body.errors![0]!.message).toMatch(/not a JSON number/);
    expect(await system.storage.loans.list({ centre: '350100', includeTestCases: true }, { after: null, limit: 200 })).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ request: expect.objectContaining({ termMonths: 480 }) })]),
    );
  });

  it('refuses a contract the housing agency has no filing of, on its field; keeps the unit a filed one is for', async () => {
    system.resetSimulators();
    const unknown = await officer(SUBMIT, { input: inputFor(couple, { contractNumber: 'WQ3501022026999999' }) });
    expect(unknown.body.data.submitLoanApplication).toMatchObject({
      loanApplication: null,
      userErrors: [{ field: ['input', 'contractNumber'], code: 'CONTRACT_NOT_FILED', message: expect.stringMatching(/no filing/) }],
    });
    // Sent again, the answer is the one housing gave a moment ago: housing is asked once.
    const again = await officer(SUBMIT, { input: inputFor(couple, { contractNumber: 'WQ3501022026999999' }) });
    expect(again.body.data.submitLoanApplication.userErrors).toEqual([expect.objectContaining({ code: 'CONTRACT_NOT_FILED' })]);
    expect(system.counters().housing).toEqual({ '/api/v1/contract-filings/batch-query-by-contract': 1 });
    const otherUnit = await officer(SUBMIT, { input: inputFor(couple, { unitNumber: SCENARIOS.singleApplicant.purchase.unitNumber }) });
    expect(otherUnit.body.data.submitLoanApplication.userErrors).toEqual([expect.objectContaining({ field: ['input', 'unitNumber'], code: 'UNIT_NOT_OF_CONTRACT' })]);

    const filed = await officer(SUBMIT, { input: inputFor(couple) });
    const stored = await system.storage.loans.get(filed.body.data.submitLoanApplication.loanApplication.id);
    // Sealed from the filing: the checks that file by unit need no contract look-up first.
    expect(stored!.request).toMatchObject({ contractNumber: couple.purchase.contractNumber, unitNumber: couple.purchase.unitNumber });
  });

  it('accepts the submission when housing does not answer in time, or fails, and leaves the contract to its check', async () => {
    for (const faults of [{ latencyMs: 3000 }, { errorRate: 1 }]) {
      await system.withdrawOpenApplications();
      system.simulators.housing.setFaults(faults);
      try {
        const started = Date.now();
        // A home not looked up before in this run (an answer housing gave is kept a minute).
        const reply = await officer(SUBMIT, { input: inputFor(SCENARIOS.greenBuildingHome) });
        expect(reply.body.data.submitLoanApplication).toMatchObject({ created: true, userErrors: [] });
        expect(Date.now() - started).toBeLessThan(2500); // the budget (400 ms), not housing's pace
        const stored = await system.storage.loans.get(reply.body.data.submitLoanApplication.loanApplication.id);
        expect(stored!.request.unitNumber).toBeNull();
      } finally {
        system.simulators.housing.setFaults({ latencyMs: 0, errorRate: 0 });
      }
    }
  });

  it('answers a submission sent again as it answered it first, before asking housing anew', async () => {
    await system.withdrawOpenApplications();
    // Accepted while housing was failing: its contract is left to its check.
    const input = inputFor(couple, { contractNumber: 'WQ3501022026999998' });
    system.simulators.housing.setFaults({ errorRate: 1 });
    let first;
    try {
      first = await officer(SUBMIT, { input });
    } finally {
      system.simulators.housing.setFaults({ latencyMs: 0, errorRate: 0 });
    }
    expect(first.body.data.submitLoanApplication).toMatchObject({ created: true, userErrors: [] });
    // Housing would now say it has no filing of that contract: the application stands all the same.
    const again = await officer(SUBMIT, { input });
    expect(again.body.data.submitLoanApplication).toMatchObject({ created: false, userErrors: [], loanApplication: { id: first.body.data.submitLoanApplication.loanApplication.id } });
    const changed = await officer(SUBMIT, { input: { ...input, termMonths: input.termMonths - 12 } });
    expect(changed.body.data.submitLoanApplication.userErrors).toEqual([expect.objectContaining({ field: ['input', 'idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED' })]);
  });

  it('refuses an officer’s approval past a hard limit, whatever the reason given; a rejection stays possible', async () => {
    // A single applicant asking more than a single person's cap: referred, and the maximum binds.
    const id = await submitWithConsents(system, SCENARIOS.singleApplicant, inputFor(SCENARIOS.singleApplicant, { amount: '900000.00' }));
    const referred = await untilDecided(officer, id);
    expect(referred.status).toBe('REFERRED');
    const approve = await officer('mutation($id: ID!) { approveLoanApplication(id: $id, reason: "面谈后同意 (agreed after interview)") { status } }', { id });
    expect(approve.body.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('above the computed maximum') });
    const reject = await officer('mutation($id: ID!) { rejectLoanApplication(id: $id, reason: "超过可贷额度 (above the maximum)") { status } }', { id });
    expect(reject.body.data.rejectLoanApplication).toEqual({ status: 'REJECTED' });
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

  it('words its user errors in the reader’s language (Chinese unless English is preferred), the codes the same', async () => {
    const input = inputFor(couple, { applicant: { idNumber: '350102199003140317', name: ' ' }, termMonths: 6 });
    const inChinese = (await officer(SUBMIT, { input }, { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' })).body.data.submitLoanApplication.userErrors;
    const inEnglish = (await officer(SUBMIT, { input }, { 'accept-language': 'en-GB' })).body.data.submitLoanApplication.userErrors;
    const byField = (errors: Array<{ field: string[]; code: string; message: string }>) => Object.fromEntries(errors.map((error) => [error.field.join('.'), error]));
    expect(Object.keys(byField(inChinese)).sort()).toEqual(Object.keys(byField(inEnglish)).sort());
    expect(byField(inChinese)['input.applicant.idNumber']).toMatchObject({ code: 'INVALID', message: expect.stringMatching(/校验位/) });
    expect(byField(inEnglish)['input.applicant.idNumber']).toMatchObject({ code: 'INVALID', message: expect.stringMatching(/check character/) });
    expect(byField(inChinese)['input.termMonths']).toMatchObject({ code: 'INVALID', message: '贷款期限应为不少于12个月的整月数' });
    expect(byField(inEnglish)['input.termMonths']).toMatchObject({ code: 'INVALID', message: 'the term is a whole number of months from 12' });
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

  it('holds every check that reads a person until they consent for this very application, and decides once they have', async () => {
    const herself = await system.asApplicant(couple.applicant.idNumber);
    const submitted = await herself(SUBMIT, { input: { centreCode: '350100', ...inputFor(couple) } });
    const id = submitted.body.data.submitLoanApplication.loanApplication.id as string;
    // The spouse's consents for another application of hers open nothing on this one.
    await system.openCase({ applicant: couple.spouse!.idNumber });
    await system.consentAll(couple.applicant.idNumber, id);

    // Until the checks settle: nothing due any more, and each waiting step waits for the spouse alone
    // (a step read before the applicant's consent was stored is made due again).
    const settled = async (): Promise<Check[]> => {
      for (let i = 0; ; i++) {
        const reply = await officer(VIEW, { id });
        if (!reply.body.data) throw new Error(JSON.stringify(reply.body).slice(0, 800));
        const checks = reply.body.data.loanApplication.checks as Check[];
        const stale = checks.some((check) => check.status === 'AWAITING_CONSENT' && check.reasons.some((reason) => reason.startsWith('申请人')));
        if (!stale && checks.every((check) => check.status !== 'PENDING')) return checks;
        if (i > 400) throw new Error(`checks never settled: ${JSON.stringify(checks)}`);
        if (stale) await system.storage.loans.resumeAwaitingConsent(id, new Date());
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };
    const waiting = await settled();
    expect(waiting.find((check) => check.step === 'GATHER_CREDIT')).toMatchObject({ status: 'AWAITING_CONSENT', outcome: 'NEEDS_CONSENT', reasons: [SPOUSE_WAITING] });
    for (const check of waiting) {
      // Waiting for her alone: her own data items, and the home's register, which names her too.
      if (check.status === 'AWAITING_CONSENT') {
        expect(check.reasons.length).toBeGreaterThan(0);
        for (const reason of check.reasons) expect(reason).toEqual(SPOUSE_WAITING);
      }
      else expect(check.status).toBe('DONE');
    }
    const meanwhile = (await officer(VIEW, { id })).body.data.loanApplication;
    expect(meanwhile).toMatchObject({ status: 'ACCEPTED', decision: null });
    expect(meanwhile.timeline.map((entry: { kind: string }) => entry.kind)).toContain('NEEDS_CONSENT');
    expect((await system.storage.loans.steps(id)).find((step) => step.step === 'DECIDE')?.status).toBe('BLOCKED');
    // She sees what her application waits for, too.
    expect((await herself(VIEW, { id })).body.data.loanApplication.checks.find((check: Check) => check.step === 'GATHER_CREDIT').reasons).toEqual([SPOUSE_WAITING]);

    // The spouse consents herself, one consent at a time; each grant makes the waiting checks due.
    const spouse = await system.asApplicant(couple.spouse!.idNumber);
    const credit = await spouse(GRANT, { input: creditQueryFor(id, couple.spouse!.idNumber) });
    expect(credit.body.data.grantConsent).toMatchObject({ applicationId: id });
    await settled();
    expect((await officer(VIEW, { id })).body.data.loanApplication.status).toBe('ACCEPTED');
    const sharing = await spouse(GRANT, { input: dataSharingFor(id) });
    expect(sharing.body.data.grantConsent).toMatchObject({ applicationId: id });
    const application = await untilDecided(officer, id);
    expect(application.status).toBe('APPROVED');
    expect(application.checks.every((check: Check) => check.status === 'DONE' && check.outcome === 'PASSED')).toBe(true);
    // The home's owners and buyers were read once both could be: no masked ID kept as a person, so the signers are the two of them.
    const signers = (await officer('query($id: ID!) { loanApplication(id: $id) { contract { signers { role } } } }', { id })).body.data.loanApplication.contract.signers;
    expect(signers.map((signer: { role: string }) => signer.role)).toEqual(['BORROWER', 'BORROWER']);
    const steps = await system.storage.loans.steps(id);
    expect(JSON.stringify(steps.filter((step) => step.step === 'GATHER_REGISTRATION' || step.step === 'GATHER_CONTRACT').map((step) => step.outcome))).not.toContain('*');
    // His HPF file's spouse, read before she consented, showed masked: she still matches it, so no stale-file notice.
    expect((await system.storage.loans.get(id))!.decision).toMatchObject({ notices: [] });
  });

  it('shows each party the findings about themself, and of another party only that the officer looks at them; the officer sees all', async () => {
    const input = inputFor(couple, { spouse: { idNumber: couple.spouse!.idNumber, name: '陈丽' } });
    const id = await submitWithConsents(system, couple, input);
    const seen = await untilDecided(officer, id);
    expect(seen.status).toBe('REFERRED');
    const identity = seen.checks.find((check: Check) => check.step === 'GATHER_IDENTITY');
    expect(identity.outcome).toBe('FAILED');
    expect(identity.reasons.join(' ')).toMatch(/姓名|name/);
    expect(seen.decision.reasons.join(' ')).toMatch(/姓名|name/);

    const applicant = await system.asApplicant(couple.applicant.idNumber);
    const hers = (await applicant(VIEW, { id })).body.data.loanApplication;
    expect(hers.status).toBe('REFERRED');
    expect(hers.checks.find((check: Check) => check.step === 'GATHER_IDENTITY')).toMatchObject({ outcome: 'FAILED', reasons: [SPOUSE_REFERRED] });
    expect(hers.decision.reasons).toEqual([SPOUSE_REFERRED]);
    const decided = hers.timeline.filter((entry: { step: string | null }) => entry.step === 'DECIDE');
    expect(decided.length).toBeGreaterThan(0);
    for (const entry of decided) expect(Object.keys(JSON.parse(entry.detail)).sort()).toEqual(['outcome', 'reasons']);
    expect(JSON.stringify(hers)).not.toMatch(/姓名与身份证号不符|does not match the ID number/);

    const spouse = await system.asApplicant(couple.spouse!.idNumber);
    const theirs = (await spouse(VIEW, { id })).body.data.loanApplication;
    expect(theirs.checks.find((check: Check) => check.step === 'GATHER_IDENTITY').reasons.join(' ')).toMatch(/姓名|name/);
    // The spouse finds it among her applications, though she did not file it.
    const listed = (await spouse('{ myLoanApplications { id } }')).body.data.myLoanApplications.map((application: { id: string }) => application.id);
    expect(listed).toContain(id);
  });
});
