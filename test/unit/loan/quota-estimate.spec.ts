/**
 * The quota estimate and the decision on the same figures: for every scenario, the estimate built
 * from the facts the decision was given (as a calculator would be filled in from shared data) gives
 * the decision's maximum, bound by bound, and names the same binding bound.
 */
import { allScenarios } from '../../../agencies';
import { policyFor } from '../../../subgraphs/loan/domain/centre-policy';
import { evaluateEligibility, quotaAccountOf } from '../../../subgraphs/loan/domain/eligibility';
import { estimateQuota, type EstimatePerson } from '../../../subgraphs/loan/domain/estimate';
import type { PartyFacts } from '../../../subgraphs/loan/domain/facts';
import { APPLICATION_DATE, centreOf, factsFor, requestFor, scenarioDataset } from './support/facts';

const dataset = scenarioDataset();

const personOf = (facts: PartyFacts): EstimatePerson => ({
  accounts: facts.providentFund.status === 'AVAILABLE' ? (facts.providentFund.value?.accounts ?? []).map(quotaAccountOf) : [],
  existingMonthlyRepaymentFen: facts.credit.status === 'AVAILABLE' ? (facts.credit.value?.monthlyRepaymentFen ?? 0) : 0,
});

describe('the quota estimate', () => {
  it.each(allScenarios().map((s) => s.key))('agrees with the decision on %s’s facts', (key) => {
    const request = requestFor(key);
    const facts = factsFor(dataset, request, {});
    const policy = policyFor(centreOf(dataset, key), APPLICATION_DATE);
    const decision = evaluateEligibility(facts, request, policy, APPLICATION_DATE);
    if (decision.homeOrder.status !== 'DETERMINED' || facts.contract.status !== 'AVAILABLE' || !facts.contract.value) throw new Error('every scenario’s facts settle the home order');
    const contract = facts.contract.value;
    const household = [facts.applicant, ...(facts.spouse ? [facts.spouse] : [])];
    const estimate = estimateQuota(
      {
        date: APPLICATION_DATE,
        applicant: personOf(facts.applicant),
        spouse: facts.spouse ? personOf(facts.spouse) : null,
        coBorrowers: facts.coBorrowers.map(personOf),
        otherHomes: decision.homeOrder.value.otherHomes,
        earlierHpfLoans: decision.homeOrder.value.earlierHpfLoans,
        minorChildren: Math.max(...household.map((p) => (p.identity.status === 'AVAILABLE' ? (p.identity.value?.minorChildren ?? 0) : 0))),
        greenBuildingStars: contract.greenBuildingStars,
        contractPriceFen: contract.priceFen,
        assessedValueFen: contract.saleType === 'RESALE' && facts.transferTax.status === 'AVAILABLE' ? (facts.transferTax.value?.assessedValueFen ?? null) : null,
        termMonths: request.termMonths,
        repaymentMethod: request.repaymentMethod,
        amountFen: null,
      },
      policy,
    );
    expect(estimate.homeOrder).toBe(decision.homeOrder.value.homeOrder);
    expect(estimate.maximum).toEqual(decision.maximum);
    expect(estimate.maximum.maximumAmountFen).not.toBeNull();
    expect(estimate.firstMonthlyPaymentFen).toBeGreaterThan(0);
  });
});
