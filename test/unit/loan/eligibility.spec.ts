import { allScenarios, SCENARIOS, type ScenarioKey } from '../../../agencies';
import { policyFor } from '../../../subgraphs/loan/domain/centre-policy';
import {
  CHECKS,
  couldBe,
  decide,
  evaluateEligibility,
  type CheckName,
  type CheckOutcome,
  type EligibilityEvaluation,
  type LoanRequest,
} from '../../../subgraphs/loan/domain/eligibility';
import { available, unavailable, type LoanFacts } from '../../../subgraphs/loan/domain/facts';
import type { HomeOrder } from '../../../subgraphs/loan/domain/rates';
import { APPLICATION_DATE, centreOf, factsFor, requestFor, scenarioDataset, type FactOptions } from './support/facts';

const dataset = scenarioDataset();

function evaluate(key: ScenarioKey, overrides: Partial<LoanRequest> = {}, options: FactOptions = {}, edit: (facts: LoanFacts) => LoanFacts = (f) => f): EligibilityEvaluation {
  const request = requestFor(key, overrides);
  const facts = edit(factsFor(dataset, request, options));
  return evaluateEligibility(facts, request, policyFor(centreOf(dataset, key), APPLICATION_DATE), APPLICATION_DATE);
}

const notPassed = (evaluation: EligibilityEvaluation): CheckName[] => CHECKS.filter((check) => evaluation.outcomes[check].status !== 'PASSED');
const codesOf = (outcome: CheckOutcome) => outcome.reasons.map((r) => r.code);
const homeOrderOf = (evaluation: EligibilityEvaluation) => (evaluation.homeOrder.status === 'DETERMINED' ? evaluation.homeOrder.value.homeOrder : null);
const rateOf = (evaluation: EligibilityEvaluation) => (evaluation.rate.status === 'DETERMINED' ? evaluation.rate.value.annualRatePercent : null);

/**
 * What docs/scenarios.md says of each scenario, as the checks see it. contractBuyerNotApplicant also
 * fails registration: the pre-registration names the same other buyer as the contract.
 */
const EXPECTED: { readonly [K in ScenarioKey]: { failing: CheckName[]; homeOrder: HomeOrder; rate: string } } = {
  cleanCouple: { failing: [], homeOrder: 'FIRST', rate: '2.6' },
  singleApplicant: { failing: [], homeOrder: 'FIRST', rate: '2.6' },
  cancelledHousehold: { failing: ['identity'], homeOrder: 'FIRST', rate: '2.6' },
  divorcedStaleSpouse: { failing: [], homeOrder: 'FIRST', rate: '2.6' },
  currentOverdue: { failing: ['credit'], homeOrder: 'FIRST', rate: '2.6' },
  consecutiveThreeCumulativeSix: { failing: ['credit'], homeOrder: 'FIRST', rate: '2.6' },
  unpaidTransferTax: { failing: ['transferTax'], homeOrder: 'FIRST', rate: '2.6' },
  contractBuyerNotApplicant: { failing: ['contractFiling', 'registration'], homeOrder: 'FIRST', rate: '2.6' },
  outstandingHpfLoan: { failing: ['providentFund'], homeOrder: 'SECOND', rate: '3.075' },
  shortDeposits: { failing: ['providentFund'], homeOrder: 'FIRST', rate: '2.6' },
  secondHome: { failing: [], homeOrder: 'SECOND', rate: '3.075' },
  multiChildFamily: { failing: [], homeOrder: 'FIRST', rate: '2.6' },
  // The daughter's inherited flat is the family's: a second home, though the parents hold none.
  minorChildHome: { failing: [], homeOrder: 'SECOND', rate: '3.075' },
  // A building completed in 1990 plus a 20-year term passes the usual 50-year building-age limit.
  resaleOldBuilding: { failing: ['term'], homeOrder: 'FIRST', rate: '2.6' },
  greenBuildingHome: { failing: [], homeOrder: 'FIRST', rate: '2.6' },
  existingDebt: { failing: [], homeOrder: 'FIRST', rate: '2.6' },
  // A third HPF loan is refused; the home he still owns makes the purchase a second home.
  thirdHpfLoan: { failing: ['providentFund'], homeOrder: 'SECOND', rate: '3.075' },
  // A second use of HPF loans gets second-home terms, settled or not.
  settledHpfLoan: { failing: [], homeOrder: 'SECOND', rate: '3.075' },
  // Born 1976: the loan would end at 75, past her retirement age (2025 reform) plus the centre's allowance.
  nearRetirementWoman: { failing: ['age'], homeOrder: 'FIRST', rate: '2.6' },
};

describe('evaluateEligibility', () => {
  describe.each(allScenarios().map((s) => [s.key, s] as const))('scenario %s', (key, scenario) => {
    const evaluation = evaluate(key);
    const expected = EXPECTED[key];

    it(expected.failing.length === 0 ? 'passes every check' : `fails ${expected.failing.join(' and ')}`, () => {
      expect(notPassed(evaluation)).toEqual(expected.failing);
      for (const check of expected.failing) expect(evaluation.outcomes[check].status).toBe('FAILED');
      if (scenario.failsCheck) expect(expected.failing).toContain(scenario.failsCheck);
    });

    it(`counts the purchase as a ${expected.homeOrder} home at ${expected.rate} %`, () => {
      expect(homeOrderOf(evaluation)).toBe(expected.homeOrder);
      expect(rateOf(evaluation)).toBe(expected.rate);
    });

    it(expected.failing.length === 0 ? 'approves' : 'refers to an officer with the failed checks as reasons', () => {
      const decision = decide(evaluation);
      if (expected.failing.length === 0) expect(decision.decision).toBe('APPROVE');
      else {
        expect(decision.decision).toBe('REFER');
        if (decision.decision === 'REFER') expect([...new Set(decision.reasons.map((r) => r.topic))]).toEqual(expected.failing);
      }
    });

    it('keeps ID numbers and names out of outcomes, reasons and the decision', () => {
      const text = JSON.stringify({ evaluation, decision: decide(evaluation) });
      expect(text).not.toMatch(/\d{17}[\dX]/);
      expect(text).not.toContain(scenario.applicant.name);
    });
  });

  describe('cleanCouple', () => {
    it('approves at the first-home rate of 2025-05-08 with no notices', () => {
      const evaluation = evaluate('cleanCouple');
      expect(evaluation.rate).toMatchObject({ status: 'DETERMINED', value: { annualRatePercent: '2.6', effectiveFrom: '2025-05-08', band: 'OVER_FIVE_YEARS' } });
      expect(evaluation.requestedAmountWithinMaximum).toBe(true);
      expect(decide(evaluation)).toEqual({ decision: 'APPROVE', notices: [] });
    });

    it('checks the spouse too: a spouse with a current overdue fails credit', () => {
      const evaluation = evaluate('cleanCouple', {}, {}, (facts) => ({
        ...facts,
        spouse: { ...facts.spouse!, credit: available({ currentOverdueAmountFen: 12_000, monthlyRepaymentFen: 0, repaymentHistory24Months: [] }) },
      }));
      expect(evaluation.outcomes.credit.status).toBe('FAILED');
      expect(evaluation.outcomes.credit.reasons[0]).toMatchObject({ code: 'CURRENT_OVERDUE', party: { role: 'SPOUSE' } });
    });

    it('fails marriage with SPOUSE_NOT_NAMED when the married applicant applies as single', () => {
      const outcome = evaluate('cleanCouple', { spouse: null }).outcomes.marriage;
      expect(outcome.status).toBe('FAILED');
      expect(codesOf(outcome)).toEqual(['SPOUSE_NOT_NAMED']);
    });

    it('fails marriage with SPOUSE_MISMATCH when another person is named as spouse', () => {
      const other = SCENARIOS.divorcedStaleSpouse.formerSpouse!;
      const outcome = evaluate('cleanCouple', { spouse: { idNumber: other.idNumber, name: other.name } }).outcomes.marriage;
      expect(codesOf(outcome)).toEqual(['SPOUSE_MISMATCH']);
    });
  });

  describe('cancelledHousehold', () => {
    it('fails identity because the household registration is cancelled', () => {
      const outcome = evaluate('cancelledHousehold').outcomes.identity;
      expect(outcome.status).toBe('FAILED');
      expect(outcome.reasons).toEqual([
        expect.objectContaining({ code: 'HOUSEHOLD_CANCELLED', party: { role: 'APPLICANT' }, message: { zh: '申请人：户籍已注销', en: 'Applicant: household registration cancelled' } }),
      ]);
    });
  });

  describe('divorcedStaleSpouse', () => {
    const formerSpouse = SCENARIOS.divorcedStaleSpouse.formerSpouse!;

    it('fails marriage with STALE_SPOUSE_RECORD when the application names the former spouse', () => {
      const evaluation = evaluate('divorcedStaleSpouse', { spouse: { idNumber: formerSpouse.idNumber, name: formerSpouse.name } });
      expect(evaluation.outcomes.marriage.status).toBe('FAILED');
      expect(evaluation.outcomes.marriage.reasons).toEqual([expect.objectContaining({ code: 'STALE_SPOUSE_RECORD', party: { role: 'SPOUSE' } })]);
      expect(decide(evaluation).decision).toBe('REFER');
    });

    // Civil affairs is the authority: divorced, applying as single, passes. The HPF centre still
    // naming the former spouse is a notice to correct its file, not a reason to refuse.
    it('passes marriage as a single applicant, with a notice that the HPF spouse on file is stale', () => {
      const evaluation = evaluate('divorcedStaleSpouse');
      expect(evaluation.outcomes.marriage.status).toBe('PASSED');
      expect(evaluation.outcomes.marriage.notices.map((n) => n.code)).toEqual(['STALE_SPOUSE_ON_HPF_FILE']);
      const decision = decide(evaluation);
      expect(decision.decision).toBe('APPROVE');
      expect(decision.notices.map((n) => n.code)).toEqual(['STALE_SPOUSE_ON_HPF_FILE']);
    });
  });

  describe('credit', () => {
    it('fails a current overdue amount (currentOverdue) but not as 连三累六', () => {
      const outcome = evaluate('currentOverdue').outcomes.credit;
      expect(outcome.reasons).toEqual([expect.objectContaining({ code: 'CURRENT_OVERDUE', detail: { currentOverdueAmountFen: 356_000 } })]);
    });

    it('fails 连三累六 (consecutiveThreeCumulativeSix) although nothing is overdue now', () => {
      const outcome = evaluate('consecutiveThreeCumulativeSix').outcomes.credit;
      expect(outcome.reasons).toEqual([
        expect.objectContaining({ code: 'SERIOUS_OVERDUE_HISTORY', detail: { longestConsecutiveOverdueMonths: 3, cumulativeOverdueMonths: 6 } }),
      ]);
    });

    it('fails six scattered overdue months, and passes two in a row with five in all', () => {
      const grid = (overdue: number[]) => Array.from({ length: 24 }, (_, i) => (overdue.includes(i) ? '1' : 'N') as '1' | 'N');
      const withGrid = (months: number[]) => (facts: LoanFacts): LoanFacts => ({
        ...facts,
        applicant: { ...facts.applicant, credit: available({ currentOverdueAmountFen: 0, monthlyRepaymentFen: 0, repaymentHistory24Months: grid(months) }) },
      });
      expect(evaluate('singleApplicant', {}, {}, withGrid([0, 4, 8, 12, 16, 20])).outcomes.credit.status).toBe('FAILED');
      expect(evaluate('singleApplicant', {}, {}, withGrid([0, 1, 8, 12, 16])).outcomes.credit.status).toBe('PASSED');
    });

    it('passes a person without a credit file, with a notice', () => {
      const outcome = evaluate('singleApplicant', {}, {}, (facts) => ({ ...facts, applicant: { ...facts.applicant, credit: available(null) } })).outcomes.credit;
      expect(outcome.status).toBe('PASSED');
      expect(outcome.notices.map((n) => n.code)).toEqual(['NO_CREDIT_FILE']);
    });
  });

  describe('documents and registration', () => {
    it('fails transfer tax declared but unpaid (unpaidTransferTax)', () => {
      expect(codesOf(evaluate('unpaidTransferTax').outcomes.transferTax)).toEqual(['TAX_NOT_PAID']);
    });

    it('fails transfer tax never declared', () => {
      const outcome = evaluate('singleApplicant', {}, {}, (facts) => ({ ...facts, transferTax: available(null) })).outcomes.transferTax;
      expect(codesOf(outcome)).toEqual(['TAX_NOT_DECLARED']);
    });

    it('fails the contract filing when the applicant is not among the buyers (contractBuyerNotApplicant)', () => {
      const evaluation = evaluate('contractBuyerNotApplicant');
      expect(codesOf(evaluation.outcomes.contractFiling)).toEqual(['APPLICANT_NOT_BUYER']);
      expect(codesOf(evaluation.outcomes.registration)).toEqual(['APPLICANT_NOT_OWNER']);
    });

    it('fails a cancelled filing and a missing one', () => {
      const cancelled = evaluate('singleApplicant', {}, {}, (facts) => ({
        ...facts,
        contract: facts.contract.status === 'AVAILABLE' && facts.contract.value ? available({ ...facts.contract.value, status: 'CANCELLED' as const }) : facts.contract,
      }));
      expect(codesOf(cancelled.outcomes.contractFiling)).toEqual(['CONTRACT_CANCELLED']);
      const missing = evaluate('singleApplicant', { contractNumber: 'WQ3502032026999999' });
      expect(codesOf(missing.outcomes.contractFiling)).toEqual(['CONTRACT_NOT_FOUND']);
      expect(missing.maximum.bounds.loanToPrice.status).toBe('UNAVAILABLE');
    });

    it('fails a seized property', () => {
      const outcome = evaluate('singleApplicant', {}, {}, (facts) => ({
        ...facts,
        registration: available({ status: 'PRE_REGISTERED' as const, ownerIdNumbers: [SCENARIOS.singleApplicant.applicant.idNumber], encumbrances: ['SEIZURE' as const] }),
      })).outcomes.registration;
      expect(codesOf(outcome)).toEqual(['PROPERTY_SEIZED']);
    });
  });

  describe('provident fund', () => {
    it('fails an outstanding HPF loan (outstandingHpfLoan), which also makes the purchase a second home', () => {
      const evaluation = evaluate('outstandingHpfLoan');
      expect(codesOf(evaluation.outcomes.providentFund)).toEqual(['OUTSTANDING_HPF_LOAN']);
      expect(evaluation.homeOrder).toEqual({ status: 'DETERMINED', value: { homeOrder: 'SECOND', otherHomes: 1, minorChildrenHomes: 0, outstandingHpfLoans: 1, earlierHpfLoans: 1 } });
    });

    it('fails four months of continuous deposits against the six required (shortDeposits)', () => {
      const outcome = evaluate('shortDeposits').outcomes.providentFund;
      expect(outcome.reasons).toEqual([expect.objectContaining({ code: 'INSUFFICIENT_CONTINUOUS_DEPOSITS', detail: { continuousDepositMonths: 4, requiredMonths: 6 } })]);
    });

    it('fails a sealed account and a missing HPF record', () => {
      const sealed = evaluate('singleApplicant', {}, {}, (facts) => {
        if (facts.applicant.providentFund.status !== 'AVAILABLE' || !facts.applicant.providentFund.value) throw new Error('scenario has an HPF record');
        const fund = facts.applicant.providentFund.value;
        const accounts = fund.accounts.map((a) => ({ ...a, status: 'SEALED' as const }));
        return { ...facts, applicant: { ...facts.applicant, providentFund: available({ ...fund, accounts }) } };
      });
      expect(codesOf(sealed.outcomes.providentFund)).toEqual(['ACCOUNT_NOT_NORMAL']);
      const none = evaluate('singleApplicant', {}, {}, (facts) => ({ ...facts, applicant: { ...facts.applicant, providentFund: available(null) } }));
      expect(codesOf(none.outcomes.providentFund)).toEqual(['NO_HPF_ACCOUNT']);
    });
  });

  describe('secondHome', () => {
    it('counts the registered older home: second home, second-home rate, second-home down payment', () => {
      const evaluation = evaluate('secondHome');
      expect(evaluation.homeOrder).toEqual({ status: 'DETERMINED', value: { homeOrder: 'SECOND', otherHomes: 1, minorChildrenHomes: 0, outstandingHpfLoans: 0, earlierHpfLoans: 0 } });
      expect(evaluation.rate).toMatchObject({ status: 'DETERMINED', value: { annualRatePercent: '3.075', homeOrder: 'SECOND' } });
      expect(evaluation.maximum.bounds.loanToPrice).toMatchObject({ status: 'COMPUTED', detail: { minimumDownPaymentBasisPoints: 3_000 } });
      expect(decide(evaluation).decision).toBe('APPROVE');
    });

    it('takes the five-years-and-under second-home rate on a 60-month term', () => {
      expect(rateOf(evaluate('secondHome', { termMonths: 60, amountFen: 10_000_000 }))).toBe('2.525');
    });
  });

  describe('term and age', () => {
    it('fails a term over the policy maximum', () => {
      const evaluation = evaluate('singleApplicant', { termMonths: 361 });
      expect(notPassed(evaluation)).toEqual(['term']);
      expect(evaluation.outcomes.term.reasons[0]).toMatchObject({ code: 'TERM_EXCEEDS_MAXIMUM', detail: { termMonths: 361, maximumTermMonths: 360 } });
    });

    it('fails a last instalment more than five years after statutory retirement, as the 2025 reform computes it', () => {
      // Born 1968-04: 60 years 10 months under the reform, so retires 2029-02-09; the limit is 2034-02-09.
      const outcome = evaluate('cancelledHousehold', { termMonths: 360 }).outcomes.age;
      expect(outcome.reasons).toEqual([expect.objectContaining({ code: 'AGE_AT_END_EXCEEDS_MAXIMUM', detail: { loanEnd: '2056-11-20', latestLoanEnd: '2034-02-09', yearsPastRetirement: 5 } })]);
    });

    it('counts to the day of the latest end (born 1978-08-25, a man: 63 in 2041, the limit 2046-08-25)', () => {
      expect(evaluate('secondHome', { termMonths: 237 }).outcomes.age.status).toBe('PASSED'); // ends 2046-08-20
      expect(evaluate('secondHome', { termMonths: 238 }).outcomes.age.status).toBe('FAILED'); // ends 2046-09-20
    });

    it('gives a woman her own retirement age: born 1976-03, 56 years 7 months, so a 25-year term is too long', () => {
      const outcome = evaluate('nearRetirementWoman').outcomes.age;
      expect(outcome.reasons).toEqual([expect.objectContaining({ code: 'AGE_AT_END_EXCEEDS_MAXIMUM', detail: expect.objectContaining({ latestLoanEnd: '2037-10-08' }) })]);
      expect(evaluate('nearRetirementWoman', { termMonths: 130 }).outcomes.age.status).toBe('PASSED');
    });

    it('limits a resale home’s term by the building’s age at the end (built 1990: 36 years old now, 50 at most)', () => {
      const old = evaluate('resaleOldBuilding');
      expect(old.outcomes.term.reasons).toEqual([expect.objectContaining({ code: 'BUILDING_AGE_EXCEEDS_MAXIMUM', detail: expect.objectContaining({ buildingCompletedYear: 1990, maximumBuildingAgeAtLoanEndYears: 50 }) })]);
      expect(evaluate('resaleOldBuilding', { termMonths: 168 }).outcomes.term.status).toBe('PASSED'); // ends 2040: 50 years old
    });
  });

  describe('identity', () => {
    it('fails a name that does not match the ID number', () => {
      const applicant = SCENARIOS.singleApplicant.applicant;
      const outcome = evaluate('singleApplicant', { applicant: { idNumber: applicant.idNumber, name: '黄晓华' } }).outcomes.identity;
      expect(codesOf(outcome)).toEqual(['NAME_MISMATCH']);
    });

    it('verifies co-borrowers and names them by ordinal', () => {
      const coBorrower = SCENARIOS.cancelledHousehold.applicant;
      const evaluation = evaluate('singleApplicant', { coBorrowers: [{ idNumber: coBorrower.idNumber, name: coBorrower.name }] });
      expect(evaluation.outcomes.identity.reasons).toEqual([
        expect.objectContaining({ code: 'HOUSEHOLD_CANCELLED', party: { role: 'CO_BORROWER', ordinal: 1 }, message: expect.objectContaining({ zh: '共同借款人1：户籍已注销' }) }),
      ]);
    });
  });

  describe('when an agency cannot answer', () => {
    it('says UNAVAILABLE, never PASSED, for every check that needs the silent agency', () => {
      const evaluation = evaluate('cleanCouple', {}, { down: ['pboc-credit'] });
      expect(notPassed(evaluation)).toEqual(['credit']);
      expect(evaluation.outcomes.credit.status).toBe('UNAVAILABLE');
      expect(evaluation.outcomes.credit.reasons.map((r) => [r.code, r.agency, r.party?.role])).toEqual([
        ['AGENCY_UNAVAILABLE', 'pboc-credit', 'APPLICANT'],
        ['AGENCY_UNAVAILABLE', 'pboc-credit', 'SPOUSE'],
      ]);
    });

    it('refers to an officer with the unavailable agency as the reason', () => {
      const decision = decide(evaluate('cleanCouple', {}, { down: ['pboc-credit'] }));
      expect(decision.decision).toBe('REFER');
      if (decision.decision !== 'REFER') return;
      expect(decision.reasons).toEqual([
        expect.objectContaining({ topic: 'credit', code: 'AGENCY_UNAVAILABLE', agency: 'pboc-credit', message: { zh: '申请人：人行征信：数据暂不可用，需人工核实', en: 'Applicant: PBoC credit: data unavailable; verify by hand' } }),
        expect.objectContaining({ topic: 'credit', code: 'AGENCY_UNAVAILABLE', agency: 'pboc-credit', party: { role: 'SPOUSE' } }),
        // Repayment capacity deducts the debts the credit reports show, so it waits for them too.
        expect.objectContaining({ topic: 'amount', code: 'MAXIMUM_UNDETERMINED', detail: { unavailableBounds: 'repaymentCapacity' } }),
      ]);
    });

    it('reports a failure in the available facts over an unavailable one, keeping both reasons', () => {
      const outcome = evaluate('cleanCouple', {}, {}, (facts) => ({
        ...facts,
        applicant: { ...facts.applicant, credit: available({ currentOverdueAmountFen: 5_000, monthlyRepaymentFen: 0, repaymentHistory24Months: [] }) },
        spouse: { ...facts.spouse!, credit: unavailable('pboc-credit') },
      })).outcomes.credit;
      expect(outcome.status).toBe('FAILED');
      expect(codesOf(outcome)).toEqual(['CURRENT_OVERDUE', 'AGENCY_UNAVAILABLE']);
    });

    it('leaves the home order, the rate and the maximum undetermined without the holdings', () => {
      const evaluation = evaluate('cleanCouple', {}, { down: ['natural-resources'] });
      expect(notPassed(evaluation)).toEqual(['registration']);
      expect(evaluation.homeOrder.status).toBe('UNAVAILABLE');
      expect(evaluation.rate.status).toBe('UNAVAILABLE');
      expect(evaluation.maximumAmountFen).toBeNull();
      expect(evaluation.requestedAmountWithinMaximum).toBeNull();
      const decision = decide(evaluation);
      expect(decision.decision === 'REFER' && decision.reasons.map((r) => r.code)).toEqual([
        'AGENCY_UNAVAILABLE',
        'HOME_ORDER_UNDETERMINED',
        'AGENCY_UNAVAILABLE',
        'AGENCY_UNAVAILABLE',
        'MAXIMUM_UNDETERMINED',
      ]);
    });

    it('still knows a second home from an outstanding HPF loan when the holdings are unavailable', () => {
      const evaluation = evaluate('outstandingHpfLoan', {}, { down: ['natural-resources'] });
      expect(evaluation.homeOrder).toEqual({ status: 'DETERMINED', value: { homeOrder: 'SECOND', otherHomes: 0, minorChildrenHomes: 0, outstandingHpfLoans: 1, earlierHpfLoans: 1 } });
    });

    it('says UNAVAILABLE for marriage, and gives no notice, when civil affairs is down', () => {
      const outcome = evaluate('divorcedStaleSpouse', {}, { down: ['civil-affairs'] }).outcomes.marriage;
      expect(outcome.status).toBe('UNAVAILABLE');
      expect(outcome.notices).toEqual([]);
    });
  });

  it('refuses facts gathered for someone the application does not name', () => {
    const request = requestFor('singleApplicant');
    const facts = factsFor(dataset, requestFor('secondHome'));
    expect(() => evaluateEligibility(facts, request, policyFor('350200', APPLICATION_DATE), APPLICATION_DATE)).toThrow(/other people/);
  });

  it('refuses a policy version not yet in force on the application date', () => {
    const request = requestFor('singleApplicant');
    const facts = factsFor(dataset, request);
    const later = { ...policyFor('350100', APPLICATION_DATE), effectiveFrom: '2026-12-01' };
    expect(() => evaluateEligibility(facts, request, later, APPLICATION_DATE)).toThrow(/not yet in force/);
  });

  it('refuses a fractional amount and a term under one month', () => {
    expect(() => evaluate('singleApplicant', { amountFen: 100.5 })).toThrow(/integer number of fen/);
    expect(() => evaluate('singleApplicant', { termMonths: 0 })).toThrow(/months ≥ 1/);
  });
});

describe('decide', () => {
  it('approves an amount exactly at the maximum and refers one fen above it', () => {
    const maximum = evaluate('cleanCouple').maximumAmountFen!;
    expect(decide(evaluate('cleanCouple', { amountFen: maximum })).decision).toBe('APPROVE');
    const decision = decide(evaluate('cleanCouple', { amountFen: maximum + 1 }));
    expect(decision).toMatchObject({
      decision: 'REFER',
      reasons: [{ topic: 'amount', code: 'AMOUNT_EXCEEDS_MAXIMUM', detail: { requestedAmountFen: maximum + 1, maximumAmountFen: maximum } }],
    });
  });

  it('refers with every failed check, in the order of the checks', () => {
    const decision = decide(evaluate('cancelledHousehold', { termMonths: 361 }));
    expect(decision.decision === 'REFER' && [...new Set(decision.reasons.map((r) => r.topic))]).toEqual(['identity', 'term', 'age']);
  });

  it('never approves while a check is unavailable, even with the amount in range', () => {
    const evaluation = evaluate('singleApplicant', {}, { down: ['tax'] });
    expect(evaluation.requestedAmountWithinMaximum).toBe(true);
    expect(decide(evaluation).decision).toBe('REFER');
  });
});

describe('couldBe', () => {
  it('matches an ID number shown masked by every character shown, never a different one', () => {
    expect(couldBe('350104199108220462', '350104199108220462')).toBe(true);
    expect(couldBe('3***************62', '350104199108220462')).toBe(true);
    expect(couldBe('350104********0462', '350104199108220462')).toBe(true);
    expect(couldBe('3***************63', '350104199108220462')).toBe(false);
    expect(couldBe('350104199108220463', '350104199108220462')).toBe(false);
  });
});
