import { SCENARIOS } from '../../agencies/data/scenarios';
import { errorCodes, startTestSystem, type TestSystem } from '../support/system';

const CALCULATOR = `query($input: QuotaEstimateInput!) {
  loanQuotaEstimate(input: $input) { centreCode policyConfirmed homeOrder rate maximumAmount binding bounds { name amount explanation } amount firstMonthlyPayment }
}`;
const OWN = `query($id: IdNumber!, $input: OwnQuotaEstimateInput!) {
  applicant(idNumber: $id) { loanQuotaEstimate(input: $input) { homeOrder maximumAmount binding bounds { name amount explanation } } }
}`;
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
});
