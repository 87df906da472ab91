/**
 * The maximum amount: min(cap, balances × multiple, repayment capacity, price × (1 − down payment)).
 * Expected figures are worked out here from the policy's figures, the scenario's records and the
 * rate table of DOMAIN.md, with this file's own arithmetic (the capacity principal by searching
 * the payment formula, not by inverting it), then compared with what the evaluator reports.
 */
import { allScenarios, SCENARIOS, type ScenarioKey } from '../../../agencies';
import { policyFor, type CentrePolicy } from '../../../subgraphs/loan/domain/centre-policy';
import { BOUNDS, evaluateEligibility, type BoundName, type EligibilityEvaluation, type LoanRequest } from '../../../subgraphs/loan/domain/eligibility';
import { available, type LoanFacts } from '../../../subgraphs/loan/domain/facts';
import type { HomeOrder } from '../../../subgraphs/loan/domain/rates';
import type { RepaymentMethod } from '../../../subgraphs/loan/domain/schedule';
import { APPLICATION_DATE, centreOf, factsFor, requestFor, scenarioDataset, type FactOptions } from './support/facts';

const dataset = scenarioDataset();

/** DOMAIN.md, rates since 2025-05-08 (the application date is 2026-11-20). */
const RATE_PERCENT: { readonly [H in HomeOrder]: { short: string; long: string } } = {
  FIRST: { short: '2.1', long: '2.6' },
  SECOND: { short: '2.525', long: '3.075' },
};

/** docs/scenarios.md: the older home of these two makes the purchase a second home. */
const homeOrderOf = (key: ScenarioKey): HomeOrder => (key === 'outstandingHpfLoan' || key === 'secondHome' ? 'SECOND' : 'FIRST');

/** Monthly rate as a/b: "3.075" → 3075 / (1000 · 100 · 12). */
function monthlyRate(percent: string): { a: bigint; b: bigint } {
  const [whole, fraction = ''] = percent.split('.');
  return { a: BigInt(`${whole}${fraction}`), b: 10n ** BigInt(fraction.length) * 1200n };
}

/** The largest P (fen) whose exact first payment is ≤ C, by bisection on the payment formula. */
function largestFitting(C: bigint, percent: string, n: number, method: RepaymentMethod): bigint {
  const { a, b } = monthlyRate(percent);
  const N = BigInt(n);
  const q = (a + b) ** N; // (1+r)^n · b^n
  const bn = b ** N;
  // 等额本息: P·r·(1+r)^n / ((1+r)^n − 1) ≤ C;  等额本金 first month: P/n + P·r ≤ C
  const fits = (P: bigint) => (method === 'EQUAL_INSTALMENT' ? P * a * q <= C * b * (q - bn) : P * (b + N * a) <= C * N * b);
  let low = 0n;
  let high = C * N + 1n; // the payment always exceeds P/n, so this never fits
  while (high - low > 1n) {
    const middle = (low + high) / 2n;
    if (fits(middle)) low = middle;
    else high = middle;
  }
  return low;
}

interface Expected {
  bounds: Record<BoundName, number>;
  maximum: number;
  binding: BoundName[];
  balancesFen: number;
  monthlyDepositsFen: number;
  capacityFen: number;
  ratePercent: string;
}

function expectedFor(key: ScenarioKey, request: LoanRequest, policy: CentrePolicy, priceFen: number): Expected {
  const order = homeOrderOf(key);
  const household = [request.applicant, ...(request.spouse ? [request.spouse] : [])];
  const accountsOf = (idNumber: string) => dataset.providentFund.get(idNumber)?.accounts ?? [];
  const balancesFen = household.flatMap((p) => accountsOf(p.idNumber)).reduce((s, a) => s + a.balanceFen, 0);
  const monthlyDepositsFen = [...household, ...request.coBorrowers]
    .flatMap((p) => accountsOf(p.idNumber))
    .filter((a) => a.status === 'NORMAL')
    .reduce((s, a) => s + a.monthlyDepositFen, 0);
  const { combinedDepositRateBasisPoints: depositRate, maximumPaymentToIncomeBasisPoints: share } = policy.repaymentCapacity;
  const capacity = (BigInt(monthlyDepositsFen) * BigInt(share)) / BigInt(depositRate);
  const ratePercent = request.termMonths <= 60 ? RATE_PERCENT[order].short : RATE_PERCENT[order].long;
  const down = policy.minimumDownPaymentBasisPoints[order];
  const bounds: Record<BoundName, number> = {
    loanCap: policy.loanCapFen[request.spouse ? 'COUPLE' : 'SINGLE'][order],
    balanceMultiple: balancesFen * policy.balanceMultiple,
    repaymentCapacity: Number(largestFitting(capacity, ratePercent, request.termMonths, request.repaymentMethod)),
    loanToPrice: Number((BigInt(priceFen) * BigInt(10_000 - down)) / 10_000n),
  };
  const maximum = Math.min(...Object.values(bounds));
  return {
    bounds,
    maximum,
    binding: BOUNDS.filter((name) => bounds[name] === maximum),
    balancesFen,
    monthlyDepositsFen,
    capacityFen: Number(capacity),
    ratePercent,
  };
}

function evaluate(key: ScenarioKey, overrides: Partial<LoanRequest> = {}, options: FactOptions & { priceFen?: number } = {}) {
  const request = requestFor(key, overrides);
  let facts: LoanFacts = factsFor(dataset, request, options);
  const contract = facts.contract.status === 'AVAILABLE' ? facts.contract.value : null;
  if (!contract) throw new Error(`scenario ${key} has a contract`);
  const priceFen = options.priceFen ?? contract.priceFen;
  if (options.priceFen !== undefined) facts = { ...facts, contract: available({ ...contract, priceFen }) };
  const policy = policyFor(centreOf(dataset, key), APPLICATION_DATE);
  const evaluation = evaluateEligibility(facts, request, policy, APPLICATION_DATE);
  return { evaluation, expected: expectedFor(key, request, policy, priceFen), policy };
}

function amountsOf(evaluation: EligibilityEvaluation): Partial<Record<BoundName, number>> {
  const amounts: Partial<Record<BoundName, number>> = {};
  for (const name of BOUNDS) {
    const bound = evaluation.maximum.bounds[name];
    if (bound.status === 'COMPUTED') amounts[name] = bound.amountFen;
  }
  return amounts;
}

describe('the maximum amount', () => {
  it.each(allScenarios().map((s) => s.key))('bounds %s by cap, balances, capacity and price, and names the bound that binds', (key) => {
    const { evaluation, expected, policy } = evaluate(key);
    expect(amountsOf(evaluation)).toEqual(expected.bounds);
    expect(evaluation.maximumAmountFen).toBe(expected.maximum);
    expect(evaluation.maximum.binding).toEqual(expected.binding);
    expect(evaluation.maximum.bounds.balanceMultiple).toMatchObject({ detail: { balancesFen: expected.balancesFen, multiple: policy.balanceMultiple } });
    expect(evaluation.maximum.bounds.repaymentCapacity).toMatchObject({
      detail: { monthlyDepositsFen: expected.monthlyDepositsFen, monthlyPaymentCapacityFen: expected.capacityFen, annualRatePercent: expected.ratePercent },
    });
    expect(evaluation.requestedAmountWithinMaximum).toBe(evaluation.requestedAmountFen <= expected.maximum);
  });

  it('lets the cap bind for the clean couple: 1,000,000 yuan at 福州 for a couple’s first home', () => {
    const { evaluation } = evaluate('cleanCouple');
    expect(evaluation.maximum.bounds.loanCap).toEqual({ status: 'COMPUTED', amountFen: 100_000_000, detail: { householdType: 'COUPLE', homeOrder: 'FIRST' } });
    expect(evaluation.maximum.binding).toEqual(['loanCap']);
  });

  it('counts the spouse’s balance and deposits for a couple', () => {
    const { evaluation } = evaluate('cleanCouple');
    const [applicant, spouse] = [SCENARIOS.cleanCouple.applicant, SCENARIOS.cleanCouple.spouse!].map((p) => dataset.providentFund.get(p.idNumber)!.accounts[0]!);
    expect(evaluation.maximum.bounds.balanceMultiple).toMatchObject({ detail: { balancesFen: applicant!.balanceFen + spouse!.balanceFen } });
    expect(evaluation.maximum.bounds.repaymentCapacity).toMatchObject({ detail: { monthlyDepositsFen: applicant!.monthlyDepositFen + spouse!.monthlyDepositFen } });
  });

  it('lets the balance bind when deposits are short (shortDeposits)', () => {
    const { evaluation, expected } = evaluate('shortDeposits');
    expect(evaluation.maximum.binding).toEqual(['balanceMultiple']);
    expect(evaluation.maximumAmountFen).toBe(expected.balancesFen * 15);
  });

  it('lets repayment capacity bind on a short term, at the five-years-and-under rate', () => {
    const { evaluation, expected } = evaluate('singleApplicant', { termMonths: 60, amountFen: 50_000_000 });
    expect(evaluation.maximum.binding).toEqual(['repaymentCapacity']);
    expect(evaluation.maximumAmountFen).toBe(expected.bounds.repaymentCapacity);
    expect(evaluation.maximum.bounds.repaymentCapacity).toMatchObject({ detail: { annualRatePercent: '2.1', termMonths: 60 } });
  });

  it('fits the first, largest month to capacity under 等额本金, which lends less than 等额本息', () => {
    const instalment = evaluate('singleApplicant', { termMonths: 60, amountFen: 50_000_000 });
    const principal = evaluate('singleApplicant', { termMonths: 60, amountFen: 50_000_000, repaymentMethod: 'EQUAL_PRINCIPAL' });
    expect(amountsOf(principal.evaluation).repaymentCapacity).toBe(principal.expected.bounds.repaymentCapacity);
    expect(principal.expected.bounds.repaymentCapacity).toBeLessThan(instalment.expected.bounds.repaymentCapacity);
  });

  it('lets the price bind on a cheap first home: 80 % of the price', () => {
    const { evaluation } = evaluate('singleApplicant', { amountFen: 30_000_000 }, { priceFen: 45_000_000 });
    expect(evaluation.maximum.bounds.loanToPrice).toEqual({ status: 'COMPUTED', amountFen: 36_000_000, detail: { priceFen: 45_000_000, minimumDownPaymentBasisPoints: 2_000 } });
    expect(evaluation.maximum.binding).toEqual(['loanToPrice']);
  });

  it('lets the price bind on a cheap second home: 70 % of the price, floored to the fen', () => {
    const { evaluation } = evaluate('secondHome', { amountFen: 20_000_000 }, { priceFen: 45_000_001 });
    expect(evaluation.maximumAmountFen).toBe(31_500_000); // 45,000,001 × 0.7 = 31,500,000.7
    expect(evaluation.maximum.binding).toEqual(['loanToPrice']);
  });

  it('names every bound that ties for the maximum', () => {
    const { evaluation } = evaluate('cleanCouple', {}, { priceFen: 125_000_000 });
    expect(evaluation.maximum.binding).toEqual(['loanCap', 'loanToPrice']);
  });

  it('counts a co-borrower’s deposits toward capacity but not the co-borrower’s balance', () => {
    const coBorrower = SCENARIOS.singleApplicant.applicant;
    const alone = evaluate('shortDeposits', { termMonths: 60 });
    const together = evaluate('shortDeposits', { termMonths: 60, coBorrowers: [{ idNumber: coBorrower.idNumber, name: coBorrower.name }] });
    expect(amountsOf(together.evaluation)).toEqual(together.expected.bounds);
    expect(amountsOf(together.evaluation).balanceMultiple).toBe(amountsOf(alone.evaluation).balanceMultiple);
    expect(together.expected.monthlyDepositsFen).toBeGreaterThan(alone.expected.monthlyDepositsFen);
  });

  describe('when the HPF centre cannot answer', () => {
    // The older registered home settles SECOND without the HPF records; a FIRST home would also
    // need them (an outstanding HPF loan would make it a second home), so every bound would wait.
    it('reports the balance and capacity bounds unavailable, the others computed, and no maximum', () => {
      const { evaluation, expected } = evaluate('secondHome', {}, { down: ['provident-fund'] });
      expect(evaluation.maximum.bounds.balanceMultiple.status).toBe('UNAVAILABLE');
      expect(evaluation.maximum.bounds.repaymentCapacity.status).toBe('UNAVAILABLE');
      expect(amountsOf(evaluation)).toEqual({ loanCap: expected.bounds.loanCap, loanToPrice: expected.bounds.loanToPrice });
      expect(evaluation.maximumAmountFen).toBeNull();
      expect(evaluation.maximum.binding).toEqual([]);
      expect(evaluation.requestedAmountWithinMaximum).toBeNull();
      const bound = evaluation.maximum.bounds.balanceMultiple;
      expect(bound.status === 'UNAVAILABLE' && bound.reasons.map((r) => [r.code, r.agency, r.party?.role])).toEqual([['AGENCY_UNAVAILABLE', 'provident-fund', 'APPLICANT']]);
    });

    it('still knows a request above a computed bound is too much', () => {
      const { evaluation } = evaluate('secondHome', { amountFen: 50_000_001 }, { down: ['provident-fund'] });
      expect(evaluation.maximumAmountFen).toBeNull();
      expect(evaluation.requestedAmountWithinMaximum).toBe(false);
    });

    it('computes no bound at all when the home order also waits on the HPF records', () => {
      const { evaluation } = evaluate('cleanCouple', {}, { down: ['provident-fund'] });
      expect(amountsOf(evaluation)).toEqual({});
      expect(evaluation.homeOrder.status).toBe('UNAVAILABLE');
    });
  });
});
