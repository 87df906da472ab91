/**
 * The maximum amount: min(cap with its increases, the centre's deposit formula, repayment capacity,
 * price basis × (1 − down payment)). Expected figures are worked out here from the policy's figures,
 * the scenario's facts and the rate table of DOMAIN.md, with this file's own arithmetic (the
 * capacity principal by searching the payment formula, not by inverting it), then compared with
 * what the evaluator reports.
 */
import { allScenarios, SCENARIOS, type ScenarioKey } from '../../../agencies';
import { policyFor, type CentrePolicy } from '../../../subgraphs/loan/domain/centre-policy';
import { completedYears } from '../../../subgraphs/loan/domain/dates';
import { BOUNDS, decide, evaluateEligibility, type BoundName, type EligibilityEvaluation, type LoanRequest } from '../../../subgraphs/loan/domain/eligibility';
import { available, type HouseholdMemberFacts, type LoanFacts, type PartyFacts, type ProvidentFundAccountFact } from '../../../subgraphs/loan/domain/facts';
import type { HomeOrder } from '../../../subgraphs/loan/domain/rates';
import type { RepaymentMethod } from '../../../subgraphs/loan/domain/schedule';
import { APPLICATION_DATE, centreOf, factsFor, requestFor, scenarioDataset, type FactOptions } from './support/facts';

const dataset = scenarioDataset();

/** DOMAIN.md, rates since 2025-05-08 (the application date is 2026-11-20). */
const RATE_PERCENT: { readonly [H in HomeOrder]: { short: string; long: string } } = {
  FIRST: { short: '2.1', long: '2.6' },
  SECOND: { short: '2.525', long: '3.075' },
};

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
  capacityFen: number;
  depositBasesFen: number;
  ratePercent: string;
}

const accountsOf = (person: PartyFacts): readonly ProvidentFundAccountFact[] => (person.providentFund.status === 'AVAILABLE' ? (person.providentFund.value?.accounts ?? []) : []);
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

function expectedFor(facts: LoanFacts, request: LoanRequest, policy: CentrePolicy, homeOrder: HomeOrder): Expected {
  const household: HouseholdMemberFacts[] = [facts.applicant, ...(facts.spouse ? [facts.spouse] : [])];
  const borrowers: PartyFacts[] = [...household, ...facts.coBorrowers];
  const contract = facts.contract.status === 'AVAILABLE' ? facts.contract.value! : null;
  if (!contract) throw new Error('every scenario has a contract');

  // The cap: one or two depositors, the home order, then the increases the household qualifies for.
  const depositing = household.filter((person) => accountsOf(person).some((a) => a.status === 'NORMAL')).length;
  const baseCap = policy.loanCapFen[depositing >= 2 ? 'TWO' : 'ONE'][homeOrder];
  const minorChildren = Math.max(...household.map((p) => (p.identity.status === 'AVAILABLE' ? (p.identity.value?.minorChildren ?? 0) : 0)));
  const increases = policy.capIncreases
    // A talent certification counts only once an officer confirms it: never in the automatic maximum.
    .filter((i) => ({ MULTI_CHILD: minorChildren, GREEN_BUILDING: contract.greenBuildingStars, TALENT: 0 })[i.kind] >= i.threshold)
    .map((i) => i.addFen + Math.floor((baseCap * i.addBasisPoints) / 10_000));
  const cap = baseCap + (increases.length === 0 ? 0 : policy.combineIncreases === 'ADD' ? sum(increases) : Math.max(...increases));

  // The deposit formula over the household's accounts.
  const all = household.flatMap(accountsOf);
  const normal = all.filter((a) => a.status === 'NORMAL');
  const formula = policy.depositFormula;
  const byFormula =
    formula.basis === 'CURRENT_BALANCE'
      ? sum(all.map((a) => a.balanceFen)) * formula.multiple
      : formula.basis === 'AVERAGE_BALANCE'
        ? sum(all.map((a) => a.averageBalanceFen)) * formula.multiple
        : formula.basis === 'MONTHLY_DEPOSIT'
          ? sum(normal.map((a) => a.monthlyDepositFen)) * 12 * formula.multiple
          : sum(household.map((p) => {
              const firsts = accountsOf(p).filter((a) => a.status === 'NORMAL').map((a) => a.firstDepositDate).sort();
              return firsts.length === 0 ? 0 : completedYears(firsts[0]!, APPLICATION_DATE);
            })) * formula.perYearFen;

  // Capacity: a share of every borrower's deposit base, less what their credit reports show they repay.
  const depositBasesFen = sum(borrowers.flatMap(accountsOf).filter((a) => a.status === 'NORMAL').map((a) => a.depositBaseFen));
  const existing = sum(borrowers.map((p) => (p.credit.status === 'AVAILABLE' ? (p.credit.value?.monthlyRepaymentFen ?? 0) : 0)));
  const capacity = Math.max(0, Math.floor((depositBasesFen * policy.maximumPaymentToDepositBaseBasisPoints) / 10_000) - existing);
  const ratePercent = request.termMonths <= 60 ? RATE_PERCENT[homeOrder].short : RATE_PERCENT[homeOrder].long;

  // The price basis: a resale home's lower assessed value.
  const assessed = contract.saleType === 'RESALE' && facts.transferTax.status === 'AVAILABLE' ? (facts.transferTax.value?.assessedValueFen ?? null) : null;
  const priceBasis = assessed !== null && assessed < contract.priceFen ? assessed : contract.priceFen;
  const down = policy.minimumDownPaymentBasisPoints[homeOrder];

  const bounds: Record<BoundName, number> = {
    loanCap: cap,
    depositFormula: Math.max(byFormula, formula.minimumFen),
    repaymentCapacity: Number(largestFitting(BigInt(capacity), ratePercent, request.termMonths, request.repaymentMethod)),
    loanToPrice: Number((BigInt(priceBasis) * BigInt(10_000 - down)) / 10_000n),
  };
  const maximum = Math.min(...Object.values(bounds));
  return { bounds, maximum, binding: BOUNDS.filter((name) => bounds[name] === maximum), capacityFen: capacity, depositBasesFen, ratePercent };
}

function evaluate(key: ScenarioKey, overrides: Partial<LoanRequest> = {}, options: FactOptions & { priceFen?: number } = {}, edit: (facts: LoanFacts) => LoanFacts = (f) => f) {
  const request = requestFor(key, overrides);
  let facts: LoanFacts = edit(factsFor(dataset, request, options));
  const contract = facts.contract.status === 'AVAILABLE' ? facts.contract.value : null;
  if (!contract) throw new Error(`scenario ${key} has a contract`);
  const priceFen = options.priceFen ?? contract.priceFen;
  if (options.priceFen !== undefined) facts = { ...facts, contract: available({ ...contract, priceFen }) };
  const policy = policyFor(centreOf(dataset, key), APPLICATION_DATE);
  const evaluation = evaluateEligibility(facts, request, policy, APPLICATION_DATE);
  const homeOrder = evaluation.homeOrder.status === 'DETERMINED' ? evaluation.homeOrder.value.homeOrder : 'FIRST';
  return { evaluation, expected: expectedFor(facts, request, policy, homeOrder), policy, facts };
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
  it.each(allScenarios().map((s) => s.key))('bounds %s by cap, deposit formula, capacity and price, and names the bound that binds', (key) => {
    const { evaluation, expected } = evaluate(key);
    expect(amountsOf(evaluation)).toEqual(expected.bounds);
    expect(evaluation.maximumAmountFen).toBe(expected.maximum);
    expect(evaluation.maximum.binding).toEqual(expected.binding);
    expect(evaluation.maximum.bounds.repaymentCapacity).toMatchObject({
      detail: { depositBasesFen: expected.depositBasesFen, monthlyPaymentCapacityFen: expected.capacityFen, annualRatePercent: expected.ratePercent },
    });
    expect(evaluation.requestedAmountWithinMaximum).toBe(evaluation.requestedAmountFen <= expected.maximum);
  });

  it('shows the talent increase (人才) beside the maximum when a certificate is named, and refers an amount within it for an officer to confirm', () => {
    // One yuan above the maximum without the increase.
    const amountFen = evaluate('singleApplicant').evaluation.maximumAmountFen! + 100;
    const plain = evaluate('singleApplicant', { amountFen });
    expect(plain.evaluation.maximumWithTalentFen).toBeNull();
    const named = evaluate('singleApplicant', { amountFen, talentCertificateNumber: 'RC-2024-0815' });
    expect(named.evaluation.maximumAmountFen).toBe(plain.evaluation.maximumAmountFen);
    // The centre's cap for one depositor and a first home, +25 % for a certified talent, unless another bound is lower.
    const cap = named.evaluation.maximum.bounds.loanCap;
    if (cap.status !== 'COMPUTED') throw new Error('the cap is computed for singleApplicant');
    const { loanCap: _cap, ...others } = amountsOf(named.evaluation);
    expect(named.evaluation.maximumWithTalentFen).toBe(Math.min(cap.detail.baseCapFen + cap.detail.baseCapFen / 4, ...(Object.values(others) as number[])));
    expect(named.evaluation.maximumWithTalentFen!).toBeGreaterThan(named.evaluation.maximumAmountFen!);
    const verdict = decide(named.evaluation);
    expect(verdict.decision === 'REFER' && verdict.reasons.map((r) => r.code)).toEqual(['TALENT_CERTIFICATE_TO_CONFIRM']);
    expect(decide(plain.evaluation)).toMatchObject({ decision: 'REFER', reasons: [expect.objectContaining({ code: 'AMOUNT_EXCEEDS_MAXIMUM' })] });
  });

  it('sets the cap by how many of the household deposit, not by marriage', () => {
    const couple = evaluate('cleanCouple');
    expect(couple.evaluation.maximum.bounds.loanCap).toMatchObject({ status: 'COMPUTED', detail: { depositors: 'TWO', homeOrder: 'FIRST', increases: [] } });
    const oneDepositing = evaluate('cleanCouple', {}, {}, (facts) => ({ ...facts, spouse: { ...facts.spouse!, providentFund: available(null) } }));
    expect(oneDepositing.evaluation.maximum.bounds.loanCap).toMatchObject({ detail: { depositors: 'ONE' } });
    expect(amountsOf(oneDepositing.evaluation).loanCap).toBeLessThan(amountsOf(couple.evaluation).loanCap!);
  });

  it('lets repayment capacity bind on a short term, at the five-years-and-under rate', () => {
    const { evaluation, expected } = evaluate('singleApplicant', { termMonths: 60, amountFen: 50_000_000 });
    expect(evaluation.maximum.binding).toEqual(['repaymentCapacity']);
    expect(evaluation.maximumAmountFen).toBe(expected.bounds.repaymentCapacity);
    expect(evaluation.maximum.bounds.repaymentCapacity).toMatchObject({ detail: { annualRatePercent: '2.1', termMonths: 60 } });
  });

  it('deducts existing monthly repayments from capacity', () => {
    const plain = evaluate('singleApplicant', { termMonths: 60 });
    const indebted = evaluate('singleApplicant', { termMonths: 60 }, {}, (facts) => ({
      ...facts,
      applicant: { ...facts.applicant, credit: available({ ...(facts.applicant.credit.status === 'AVAILABLE' ? facts.applicant.credit.value! : { currentOverdueAmountFen: 0, repaymentHistory24Months: [] }), monthlyRepaymentFen: 100_000 }) },
    }));
    expect(indebted.evaluation.maximum.bounds.repaymentCapacity).toMatchObject({ detail: { existingMonthlyRepaymentFen: 100_000 } });
    expect(amountsOf(indebted.evaluation).repaymentCapacity).toBe(indebted.expected.bounds.repaymentCapacity);
    expect(amountsOf(indebted.evaluation).repaymentCapacity).toBeLessThan(amountsOf(plain.evaluation).repaymentCapacity!);
  });

  it('fits the first, largest month to capacity under 等额本金, which lends less than 等额本息', () => {
    const instalment = evaluate('singleApplicant', { termMonths: 60, amountFen: 50_000_000 });
    const principal = evaluate('singleApplicant', { termMonths: 60, amountFen: 50_000_000, repaymentMethod: 'EQUAL_PRINCIPAL' });
    expect(amountsOf(principal.evaluation).repaymentCapacity).toBe(principal.expected.bounds.repaymentCapacity);
    expect(principal.expected.bounds.repaymentCapacity).toBeLessThan(instalment.expected.bounds.repaymentCapacity);
  });

  it('lets the price bind on a cheap first home: 80 % of the price', () => {
    const { evaluation } = evaluate('singleApplicant', { amountFen: 30_000_000 }, { priceFen: 45_000_000 });
    expect(evaluation.maximum.bounds.loanToPrice).toEqual({ status: 'COMPUTED', amountFen: 36_000_000, detail: { priceBasisFen: 45_000_000, priceBasis: 'CONTRACT_PRICE', minimumDownPaymentBasisPoints: 2_000 } });
    expect(evaluation.maximum.binding).toEqual(['loanToPrice']);
  });

  it('lets the price bind on a cheap second home: 70 % of the price, floored to the fen', () => {
    const { evaluation } = evaluate('secondHome', { amountFen: 20_000_000 }, { priceFen: 45_000_001 });
    expect(evaluation.maximumAmountFen).toBe(31_500_000); // 45,000,001 × 0.7 = 31,500,000.7
    expect(evaluation.maximum.binding).toEqual(['loanToPrice']);
  });

  it('counts a co-borrower’s deposit base toward capacity but not the co-borrower’s balance', () => {
    const coBorrower = SCENARIOS.singleApplicant.applicant;
    const alone = evaluate('shortDeposits', { termMonths: 60 });
    const together = evaluate('shortDeposits', { termMonths: 60, coBorrowers: [{ idNumber: coBorrower.idNumber, name: coBorrower.name }] });
    expect(amountsOf(together.evaluation)).toEqual(together.expected.bounds);
    expect(amountsOf(together.evaluation).depositFormula).toBe(amountsOf(alone.evaluation).depositFormula);
    expect(together.expected.depositBasesFen).toBeGreaterThan(alone.expected.depositBasesFen);
  });

  describe('when the HPF centre cannot answer', () => {
    // The older registered home settles SECOND without the HPF records; the cap still needs to know who deposits.
    it('reports the cap, deposit and capacity bounds unavailable, the price computed, and no maximum', () => {
      const { evaluation, expected } = evaluate('secondHome', {}, { down: ['provident-fund'] });
      for (const name of ['loanCap', 'depositFormula', 'repaymentCapacity'] as const) expect(evaluation.maximum.bounds[name].status).toBe('UNAVAILABLE');
      expect(amountsOf(evaluation)).toEqual({ loanToPrice: expected.bounds.loanToPrice });
      expect(evaluation.maximumAmountFen).toBeNull();
      expect(evaluation.maximum.binding).toEqual([]);
      expect(evaluation.requestedAmountWithinMaximum).toBeNull();
      const bound = evaluation.maximum.bounds.depositFormula;
      expect(bound.status === 'UNAVAILABLE' && bound.reasons.map((r) => [r.code, r.agency, r.party?.role])).toEqual([['AGENCY_UNAVAILABLE', 'provident-fund', 'APPLICANT']]);
    });

    it('still knows a request above a computed bound is too much', () => {
      const price = evaluate('secondHome', {}, { down: ['provident-fund'] }).expected.bounds.loanToPrice;
      const { evaluation } = evaluate('secondHome', { amountFen: price + 1 }, { down: ['provident-fund'] });
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
