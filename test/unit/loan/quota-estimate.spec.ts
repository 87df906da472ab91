/**
 * The quota estimate and the decision on the same figures: for every scenario, the estimate built
 * from the facts the decision was given (as a calculator would be filled in from shared data) gives
 * the decision's maximum, bound by bound, and names the same binding bound.
 */
import { allScenarios } from '../../../agencies';
import { policyFor } from '../../../subgraphs/loan/domain/centre-policy';
import { evaluateEligibility, quotaAccountOf } from '../../../subgraphs/loan/domain/eligibility';
import { estimateQuota, householdCounts, type EstimatePerson } from '../../../subgraphs/loan/domain/estimate';
import type { PartyFacts } from '../../../subgraphs/loan/domain/facts';
import { APPLICATION_DATE, centreOf, factsFor, requestFor, scenarioDataset } from './support/facts';

const dataset = scenarioDataset();

/**
 * A person's homes and HPF loans as their shared records answer them (what the estimate's @requires
 * brings): the units registered to them, and with `withChildren` to the minor children of their
 * household record too.
 */
const homesAndLoans = (idNumber: string, withChildren: boolean) => ({
  units: [idNumber, ...(withChildren ? (dataset.persons.get(idNumber)?.minorChildIdNumbers ?? []) : [])].flatMap((id) => dataset.holdingsByOwner.get(id)?.unitNumbers ?? []),
  loanNumbers: (dataset.providentFund.get(idNumber)?.loans ?? []).map((loan) => loan.loanNumber),
});

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
        // Counted from the records, as the estimate counts them: never taken from the decision.
        ...householdCounts(
          [request.applicant, ...(request.spouse ? [request.spouse] : [])].map((person) => homesAndLoans(person.idNumber, true)),
          request.unitNumber ?? contract.unitNumber,
        ),
        minorChildren: Math.max(...household.map((p) => (p.identity.status === 'AVAILABLE' ? (p.identity.value?.minorChildren ?? 0) : 0))),
        greenBuildingStars: contract.greenBuildingStars,
        certifiedTalents: 0,
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

/**
 * A couple's estimate (Applicant.coupleLoanQuotaEstimate) and the later decision on the same facts:
 * both spouses' accounts as the fund centre answers them, both spouses' registered homes and HPF
 * loans as the agencies answer them (counted once each: householdCounts), their debt declared
 * together, and the same maximum, bound by bound, as the decision reached. A couple's minor children
 * are in both household records, so their homes count through the asker's (minorChildHome).
 */
describe('the couple’s quota estimate', () => {
  it.each(['cleanCouple', 'multiChildFamily', 'greenBuildingHome', 'minorChildHome'] as const)('agrees with the decision on %s’s facts, counting both depositors', (key) => {
    const request = requestFor(key);
    const facts = factsFor(dataset, request, {});
    const policy = policyFor(centreOf(dataset, key), APPLICATION_DATE);
    const decision = evaluateEligibility(facts, request, policy, APPLICATION_DATE);
    if (!facts.spouse || !request.spouse || facts.contract.status !== 'AVAILABLE' || !facts.contract.value) throw new Error('a couple’s scenario files its spouse and its contract');
    const contract = facts.contract.value;
    const [husband, wife] = [personOf(facts.applicant), personOf(facts.spouse)];
    const estimate = estimateQuota(
      {
        date: APPLICATION_DATE,
        // What the couple declares they owe a month, together: the bound sums it once.
        applicant: { ...husband, existingMonthlyRepaymentFen: husband.existingMonthlyRepaymentFen + wife.existingMonthlyRepaymentFen },
        spouse: { ...wife, existingMonthlyRepaymentFen: 0 },
        coBorrowers: [],
        // His minor children's homes come through his own household record; hers are not read for it.
        ...householdCounts([homesAndLoans(request.applicant.idNumber, true), homesAndLoans(request.spouse.idNumber, false)], request.unitNumber ?? contract.unitNumber),
        minorChildren: Math.max(...[facts.applicant, facts.spouse].map((p) => (p.identity.status === 'AVAILABLE' ? (p.identity.value?.minorChildren ?? 0) : 0))),
        greenBuildingStars: contract.greenBuildingStars,
        certifiedTalents: 0,
        contractPriceFen: contract.priceFen,
        assessedValueFen: null,
        termMonths: request.termMonths,
        repaymentMethod: request.repaymentMethod,
        amountFen: null,
      },
      policy,
    );
    if (decision.homeOrder.status !== 'DETERMINED') throw new Error('a couple’s facts settle the home order');
    expect(estimate.homeOrder).toBe(decision.homeOrder.value.homeOrder);
    expect(estimate.maximum).toEqual(decision.maximum);
    const bothDeposit = [facts.applicant, facts.spouse].every((p) => p.providentFund.status === 'AVAILABLE' && (p.providentFund.value?.accounts ?? []).some((a) => a.status === 'NORMAL'));
    expect(estimate.maximum.bounds.loanCap).toMatchObject({ status: 'COMPUTED', detail: { depositors: bothDeposit ? 'TWO' : 'ONE' } });
  });
});
