import { SCENARIOS } from '../../agencies/data/scenarios';
import { maskIdNumberForRecord, subjectKeyOf } from '../../storage';
import { LOAN_ENGINE } from '../../lib/services';
import { errorCodes, startTestSystem, type Query, type TestSystem } from '../support/system';

const CALCULATOR = `query($input: QuotaEstimateInput!) {
  loanQuotaEstimate(input: $input) { centreCode policyConfirmed homeOrder rate maximumAmount binding bounds { name amount explanation } amount firstMonthlyPayment }
}`;
const OWN = `query($id: IdNumber!, $input: OwnQuotaEstimateInput!) {
  applicant(idNumber: $id) { loanQuotaEstimate(input: $input) { homeOrder maximumAmount binding bounds { name amount explanation } } }
}`;
const COUPLE = `query($id: IdNumber!, $input: CoupleQuotaEstimateInput!) {
  applicant(idNumber: $id) { coupleLoanQuotaEstimate(input: $input) { spouse estimate { homeOrder rate maximumAmount binding bounds { name amount explanation } amount firstMonthlyPayment } } }
}`;
const GRANT = `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id purpose subjectRole applicationId grantedToCentre status } }`;
const REVOKE = `mutation($id: ID!) { revokeConsent(id: $id) { status } }`;
const GRANT_PROXY = `mutation($input: GrantProxyAuthorizationInput!) { grantProxyAuthorization(input: $input) { id } }`;
const FIGURES = `query($id: IdNumber!) { applicant(idNumber: $id) { providentFundAccounts { status balance averageBalance monthlyDeposit depositBase firstDepositDate } } }`;
const MY_RECORDS = `{ myDataAccessRecords(first: 200) { records { actorRole actorCentre agency purpose subjects { fields legalBasis consentId applicationId } } } }`;
const days = (n: number) => new Date(Date.now() + n * 24 * 3600 * 1000).toISOString();
/** The spouse's consent to the couple's estimate, as she gives it: exactly her HPF figures and her homes, to one centre. */
const estimateConsent = (centre = '350100', extra: Record<string, unknown> = {}) => ({
  kind: 'DATA_SHARING',
  purpose: 'HPF_QUOTA_ESTIMATE',
  grantedToCentre: centre,
  scopes: [
    { agency: 'PROVIDENT_FUND', dataItems: ['account', 'loans'] },
    { agency: 'NATURAL_RESOURCES', dataItems: ['holdings'] },
  ],
  validUntil: days(30),
  ...extra,
});
const person = { balance: '80000.00', monthlyDeposit: '2400.00', depositBase: '10000.00', firstDepositDate: '2016-03-01' };
const home = { price: '1500000.00', termMonths: 300, repaymentMethod: 'EQUAL_INSTALMENT' };

describe('the quota estimate (额度试算)', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(() => system.stop());

  it('works for anyone from figures given by hand, naming every bound and the one that binds', async () => {
    const reply = await system.query(CALCULATOR, { input: { centreCode: '350100', applicant: person, spouse: person, ...home } });
    const estimate = reply.body.data.loanQuotaEstimate;
    // 福州: both spouses deposit → the two-depositor cap; balances 160,000 × 15 = 2,400,000; capacity 50 % of 20,000 a month.
    expect(estimate).toMatchObject({ centreCode: '350100', policyConfirmed: false, homeOrder: 'FIRST', rate: '2.6%', binding: ['LOAN_CAP'], maximumAmount: '800000.00' });
    expect(estimate.bounds.map((bound: { name: string }) => bound.name)).toEqual(['LOAN_CAP', 'DEPOSIT_FORMULA', 'REPAYMENT_CAPACITY', 'LOAN_TO_PRICE']);
    expect(estimate.bounds[1]).toMatchObject({ amount: '2400000.00', explanation: expect.stringContaining('账户余额160000.00元 × 15') });
    expect(Number(estimate.firstMonthlyPayment)).toBeGreaterThan(0);

    const alone = (await system.query(CALCULATOR, { input: { centreCode: '350100', applicant: person, ...home, minorChildren: 3 } })).body.data.loanQuotaEstimate;
    // One depositor: 600,000, and 多子女 adds 20 % (120,000).
    expect(alone.bounds[0]).toMatchObject({ name: 'LOAN_CAP', amount: '720000.00', explanation: expect.stringContaining('多子女') });
    // A certified talent: +25 %; 福州 takes the highest increase, not the sum.
    const talent = (await system.query(CALCULATOR, { input: { centreCode: '350100', applicant: person, ...home, minorChildren: 3, talentCertified: true } })).body.data.loanQuotaEstimate;
    expect(talent.bounds[0]).toMatchObject({ name: 'LOAN_CAP', amount: '750000.00', explanation: expect.stringMatching(/人才 \+150000\.00.*取最高/) });
  });

  it('refuses an unknown centre or a term past the policy, on the field', async () => {
    const unknown = await system.query(CALCULATOR, { input: { centreCode: '359900', applicant: person, ...home } });
    expect(errorCodes(unknown)).toEqual(['BAD_USER_INPUT']);
    const tooLong = await system.query(CALCULATOR, { input: { centreCode: '350100', applicant: person, ...home, termMonths: 480 } });
    expect(tooLong.body.errors![0]!.message).toMatch(/termMonths/);
  });

  it('reads a signed-in person’s own HPF record and homes for their estimate, and nobody else’s', async () => {
    const couple = SCENARIOS.cleanCouple;
    const husband = await system.asApplicant(couple.applicant.idNumber);
    // The home they are buying is pre-registered to them already: named, it is not another home.
    const own = await husband(OWN, { id: couple.applicant.idNumber, input: { centreCode: '350100', unitNumber: couple.purchase.unitNumber, ...home } });
    expect(own.body.errors).toBeUndefined();
    const estimate = own.body.data.applicant.loanQuotaEstimate;
    expect(estimate).toMatchObject({ homeOrder: 'FIRST', maximumAmount: expect.stringMatching(/^\d+\.\d{2}$/) });
    expect(estimate.bounds.find((bound: { name: string }) => bound.name === 'DEPOSIT_FORMULA').explanation).toMatch(/账户余额/);

    // Naming the spouse gives no access to her record: no estimate, and her accounts are not read.
    const forHer = await husband(OWN, { id: couple.spouse!.idNumber, input: { centreCode: '350100', ...home } });
    expect(forHer.body.data?.applicant?.loanQuotaEstimate ?? null).toBeNull();
    expect(errorCodes(forHer)).toContain('FORBIDDEN');
  });

  describe('for a couple, with the spouse’s own consent (夫妻合并试算)', () => {
    const couple = SCENARIOS.cleanCouple;
    const husbandId = couple.applicant.idNumber;
    const wifeId = couple.spouse!.idNumber;
    const input = { centreCode: '350100', unitNumber: couple.purchase.unitNumber, ...home };
    let husband: Query;
    let wife: Query;
    const joint = (who: Query = husband, id = husbandId, extra: Record<string, unknown> = {}) => who(COUPLE, { id, input: { ...input, ...extra } });
    const give = async (consent: Record<string, unknown>, who: Query = wife) => {
      const reply = await who(GRANT, { input: consent });
      expect(reply.body.errors).toBeUndefined();
      return reply.body.data.grantConsent as { id: string };
    };
    const withdrawAll = async () => {
      for (const consent of await system.storage.consents.listForSubject(subjectKeyOf(system.config.entityRefKey, wifeId), new Date())) {
        if (consent.status === 'ACTIVE' && consent.purpose === 'HPF_QUOTA_ESTIMATE') await wife(REVOKE, { id: consent.id });
      }
    };
    beforeAll(async () => {
      husband = await system.asApplicant(husbandId);
      wife = await system.asApplicant(wifeId);
    });
    afterEach(withdrawAll);

    it('without her consent says so and reads nothing of hers: the agencies are called for him alone', async () => {
      system.resetSimulators();
      await husband(OWN, { id: husbandId, input });
      const alone = system.counters();
      system.resetSimulators();
      const reply = await joint();
      expect(reply.body.errors).toBeUndefined();
      expect(reply.body.data.applicant.coupleLoanQuotaEstimate).toEqual({ spouse: 'NOT_CONSENTED', estimate: null });
      // His marriage record is read (whom it names is the only spouse there can be); of hers, nothing.
      const { 'civil-affairs': marriage, ...rest } = system.counters();
      const { 'civil-affairs': _noMarriage, ...aloneRest } = alone;
      expect(Object.values(marriage ?? {}).reduce((total, calls) => total + calls, 0)).toBe(1);
      expect(rest).toEqual(aloneRest);
      // The husband giving an estimate consent of his own lends only his figures, never hers.
      await give(estimateConsent(), husband);
      expect((await joint()).body.data.applicant.coupleLoanQuotaEstimate.spouse).toBe('NOT_CONSENTED');
      for (const consent of await system.storage.consents.listForSubject(subjectKeyOf(system.config.entityRefKey, husbandId), new Date())) {
        if (consent.purpose === 'HPF_QUOTA_ESTIMATE') await husband(REVOKE, { id: consent.id });
      }
    });

    it('with her consent counts both depositors, both accounts and both households’ homes, as the calculator does on their figures, and records her on her consent', async () => {
      const consent = await give(estimateConsent());
      expect(consent).toMatchObject({ purpose: 'HPF_QUOTA_ESTIMATE', subjectRole: 'SPOUSE', applicationId: null, grantedToCentre: '350100', status: 'ACTIVE' });
      const reply = await joint();
      expect(reply.body.errors).toBeUndefined();
      const { spouse, estimate } = reply.body.data.applicant.coupleLoanQuotaEstimate;
      expect(spouse).toBe('INCLUDED');
      expect(estimate.homeOrder).toBe('FIRST');
      expect(estimate.bounds[0].explanation).toContain('夫妻双方缴存');
      expect(Number(estimate.firstMonthlyPayment)).toBeGreaterThan(0);

      // Each reads their own account; the public calculator given both by hand answers the same.
      const figuresOf = async (who: Query, id: string) => {
        const [account] = (await who(FIGURES, { id })).body.data.applicant.providentFundAccounts;
        return { balance: account.balance, averageBalance: account.averageBalance, monthlyDeposit: account.monthlyDeposit, depositBase: account.depositBase, firstDepositDate: account.firstDepositDate, depositing: account.status === 'NORMAL' };
      };
      const byHand = (await system.query(CALCULATOR, { input: { centreCode: '350100', applicant: await figuresOf(husband, husbandId), spouse: await figuresOf(wife, wifeId), ...home } })).body.data.loanQuotaEstimate;
      expect(estimate).toMatchObject({ maximumAmount: byHand.maximumAmount, binding: byHand.binding, bounds: byHand.bounds, rate: byHand.rate });

      // She sees the reads of her figures for the estimate, each on her consent, for no application.
      const mine = (await wife(MY_RECORDS)).body.data.myDataAccessRecords.records as Array<{ agency: string; purpose: string; actorRole: string; actorCentre: string; subjects: Array<{ legalBasis: string; consentId: string; applicationId: string | null }> }>;
      const forEstimate = mine.filter((record) => record.purpose === 'HPF_QUOTA_ESTIMATE');
      expect(new Set(forEstimate.map((record) => record.agency))).toEqual(new Set(['PROVIDENT_FUND', 'NATURAL_RESOURCES']));
      for (const record of forEstimate) {
        expect(record).toMatchObject({ actorRole: 'SERVICE', actorCentre: '350100' });
        expect(record.subjects).toEqual([expect.objectContaining({ legalBasis: 'CONSENT', consentId: consent.id, applicationId: null })]);
      }
    });

    it('stops at once when she withdraws it, and does not count one that has expired', async () => {
      const consent = await give(estimateConsent());
      expect((await joint()).body.data.applicant.coupleLoanQuotaEstimate.spouse).toBe('INCLUDED');
      expect((await wife(REVOKE, { id: consent.id })).body.data.revokeConsent).toEqual({ status: 'REVOKED' });
      expect((await joint()).body.data.applicant.coupleLoanQuotaEstimate).toEqual({ spouse: 'NOT_CONSENTED', estimate: null });

      // An expired one (written to the store as if given a month ago for a week) opens nothing either.
      const monthAgo = Date.now() - 30 * 24 * 3600 * 1000;
      await system.storage.consents.grant({
        subjectKey: subjectKeyOf(system.config.entityRefKey, wifeId),
        subjectMasked: maskIdNumberForRecord(wifeId),
        subjectRole: 'SPOUSE',
        kind: 'DATA_SHARING',
        purpose: 'HPF_QUOTA_ESTIMATE',
        scopes: [{ agency: 'provident-fund', dataItems: ['account', 'loans'] }, { agency: 'natural-resources', dataItems: ['holdings'] }],
        grantedToCentre: '350100',
        authorizationRef: null,
        applicationId: null,
        validFrom: new Date(monthAgo),
        validUntil: new Date(monthAgo + 7 * 24 * 3600 * 1000),
        recordedBy: 'APPLICANT:spec',
      });
      expect((await joint()).body.data.applicant.coupleLoanQuotaEstimate.spouse).toBe('NOT_CONSENTED');
    });

    it('holds her consent to the centre she named: another centre’s estimate does not get her figures', async () => {
      await give(estimateConsent('350200'));
      expect((await joint()).body.data.applicant.coupleLoanQuotaEstimate.spouse).toBe('NOT_CONSENTED');
      expect((await joint(husband, husbandId, { centreCode: '350200' })).body.data.applicant.coupleLoanQuotaEstimate.spouse).toBe('INCLUDED');
    });

    it('gives a stranger nothing of hers, naming her or not, consent or no consent', async () => {
      await give(estimateConsent());
      const stranger = await system.asApplicant(SCENARIOS.singleApplicant.applicant.idNumber);
      // Her estimate, asked for by name: refused, as any other person's data.
      const named = await joint(stranger, wifeId);
      expect(named.body.data?.applicant?.coupleLoanQuotaEstimate ?? null).toBeNull();
      expect(errorCodes(named)).toContain('FORBIDDEN');
      // The stranger's own couple estimate: their record names no spouse, so there is no one to include.
      const own = await joint(stranger, SCENARIOS.singleApplicant.applicant.idNumber);
      expect(own.body.data.applicant.coupleLoanQuotaEstimate).toEqual({ spouse: 'NO_SPOUSE_ON_RECORD', estimate: null });
      // Her figures directly, under the estimate's purpose: her consent is for the platform's estimate, not for anyone who asks.
      for (const asker of [stranger, husband, await system.asOfficer('350100')]) {
        const direct = await asker(FIGURES, { id: wifeId }, { 'x-purpose': 'HPF_QUOTA_ESTIMATE' });
        expect(direct.body.data?.applicant?.providentFundAccounts ?? null).toBeNull();
      }
    });

    it('lends the loan engine her own homes under it, never her minor children’s (who they are is her identity item, which it does not cover)', async () => {
      await give(estimateConsent());
      const engine = await system.as({ role: 'SERVICE', sub: LOAN_ENGINE, centre: '350100' });
      const HOMES = 'query($id: IdNumber!) { applicant(idNumber: $id) { realEstateHoldings { count } minorChildrenHoldings { count } } }';
      const read = await engine(HOMES, { id: wifeId }, { 'x-purpose': 'HPF_QUOTA_ESTIMATE' });
      expect(read.body.data.applicant.realEstateHoldings).toEqual({ count: 1 });
      expect(read.body.data.applicant.minorChildrenHoldings).toBeNull();
      // Refused by the policy, not an outage: no case, and the estimate's consent is no ground for them.
      expect(new Set(errorCodes(read))).toEqual(new Set(['CASE_REQUIRED']));
    });

    it('takes the consent from her or her proxy within MANAGE_CONSENTS only, and only as the consent says', async () => {
      const authorize = async (scopes: string[], agent: string) => {
        const { id } = (await wife(GRANT_PROXY, { input: { agent, scopes, validUntil: days(7) } })).body.data.grantProxyAuthorization as { id: string };
        return system.as({ role: 'PROXY_AGENT', sub: agent, acting_for: wifeId, proxy_authorization: id });
      };
      const viewer = await authorize(['VIEW_DATA'], 'hall-est-01');
      expect(errorCodes(await viewer(GRANT, { input: estimateConsent() }))).toEqual(['PROXY_NOT_AUTHORIZED']);
      expect((await joint()).body.data.applicant.coupleLoanQuotaEstimate.spouse).toBe('NOT_CONSENTED');
      const manager = await authorize(['MANAGE_CONSENTS'], 'hall-est-02');
      expect((await give(estimateConsent(), manager)).id).toEqual(expect.any(String));
      expect((await joint()).body.data.applicant.coupleLoanQuotaEstimate.spouse).toBe('INCLUDED');

      // His proxy asks for the couple's estimate as he would, within VIEW_DATA only.
      const forHim = async (scopes: string[], agent: string) => {
        const { id } = (await husband(GRANT_PROXY, { input: { agent, scopes, validUntil: days(7) } })).body.data.grantProxyAuthorization as { id: string };
        return system.as({ role: 'PROXY_AGENT', sub: agent, acting_for: husbandId, proxy_authorization: id });
      };
      const submitter = await joint(await forHim(['SUBMIT_APPLICATION'], 'hall-est-03'));
      expect(submitter.body.data?.applicant?.coupleLoanQuotaEstimate ?? null).toBeNull();
      expect(errorCodes(submitter)).toContain('PROXY_NOT_AUTHORIZED');
      expect((await joint(await forHim(['VIEW_DATA'], 'hall-est-04'))).body.data.applicant.coupleLoanQuotaEstimate.spouse).toBe('INCLUDED');

      // What the consent may be: for no application, exactly her HPF figures and homes, at most 90 days.
      const refused = async (consent: Record<string, unknown>, argument: string) => {
        const reply = await wife(GRANT, { input: consent });
        expect(errorCodes(reply)).toEqual(['BAD_USER_INPUT']);
        expect(reply.body.errors![0]!.message).toMatch(argument);
      };
      await refused(estimateConsent('350100', { applicationId: '00000000-0000-4000-8000-000000000001' }), 'applicationId');
      await refused(estimateConsent('350100', { scopes: [{ agency: 'PROVIDENT_FUND', dataItems: ['account'] }] }), 'scopes');
      await refused(estimateConsent('350100', { scopes: [...estimateConsent().scopes, { agency: 'CIVIL_AFFAIRS', dataItems: ['marriage'] }] }), 'scopes');
      await refused(estimateConsent('350100', { validUntil: days(120) }), 'validUntil');
      await refused(estimateConsent('350100', { grantedToCentre: undefined }), 'grantedToCentre');
    });
  });
});
