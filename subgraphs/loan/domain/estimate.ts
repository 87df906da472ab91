/**
 * The quota estimate (额度试算): what a household could borrow, before applying, from the figures a
 * centre's calculator asks for (balances or average balances, deposits, deposit bases, years of
 * deposit, existing monthly debt, price, first or second home, new or resale, 多子女, green
 * building). The bounds are ./quota.ts's, the same ones the decision uses, so an estimate and a
 * decision on the same figures give the same maximum; the estimate adds the monthly payment of the
 * amount and term chosen.
 */
import type { CentrePolicy } from './centre-policy';
import type { IsoDate } from './dates';
import type { Fen } from './money';
import { depositFormulaBound, loanCapBound, loanToPriceBound, maximumOf, repaymentCapacityBound, type MaximumAmount, type QuotaAccount } from './quota';
import { rateFor, type HomeOrder, type RateQuote } from './rates';
import { repaymentSchedule, type RepaymentMethod } from './schedule';

export interface EstimatePerson {
  readonly accounts: readonly QuotaAccount[];
  /** Existing monthly repayments (月还款额) of the person's other loans and cards. */
  readonly existingMonthlyRepaymentFen: Fen;
}

export interface EstimateInput {
  readonly date: IsoDate;
  /** The applicant, and the spouse when married (their accounts count to the household). */
  readonly applicant: EstimatePerson;
  readonly spouse: EstimatePerson | null;
  readonly coBorrowers: readonly EstimatePerson[];
  /** Homes the household holds besides this one, and HPF loans it has had (settled included): they make it a second home. */
  readonly otherHomes: number;
  readonly earlierHpfLoans: number;
  readonly minorChildren: number;
  readonly greenBuildingStars: number;
  /** Borrowers with a talent certification (人才), as if the centre had confirmed it. */
  readonly certifiedTalents: number;
  readonly contractPriceFen: Fen;
  /** A resale home's tax-assessed value, when known; null for a new home. */
  readonly assessedValueFen: Fen | null;
  readonly termMonths: number;
  readonly repaymentMethod: RepaymentMethod;
  /** The amount to show the monthly payment for; the maximum when not given. */
  readonly amountFen: Fen | null;
}

export interface QuotaEstimate {
  readonly policy: { readonly centreCode: string; readonly effectiveFrom: IsoDate; readonly confirmed: boolean };
  readonly homeOrder: HomeOrder;
  readonly rate: RateQuote;
  readonly maximum: MaximumAmount;
  /** The amount the payment is shown for: the one asked, or the maximum. */
  readonly amountFen: Fen;
  /** The first month's payment (the same each month for EQUAL_INSTALMENT; the highest for EQUAL_PRINCIPAL). */
  readonly firstMonthlyPaymentFen: Fen;
  readonly totalInterestFen: Fen;
}

/** What a household member's shared records say of their homes and HPF loans, for the home order. */
export interface HouseholdRecords {
  /** Units registered to the person (不动产登记). */
  readonly units: readonly string[];
  /** The person's HPF loans, settled ones included, by loan contract number. */
  readonly loanNumbers: readonly string[];
}

/**
 * Homes and HPF loans of the household, counted as the decision counts them (eligibility.ts, home
 * order): a unit held by both spouses is one home, the one being bought is none, and a loan both
 * borrowed is one loan.
 */
export function householdCounts(members: readonly HouseholdRecords[], unitBeingBought: string | null): { otherHomes: number; earlierHpfLoans: number } {
  const units = new Set(members.flatMap((member) => member.units).filter((unit) => unit !== unitBeingBought));
  const loans = new Set(members.flatMap((member) => member.loanNumbers));
  return { otherHomes: units.size, earlierHpfLoans: loans.size };
}

export const depositorsOfEstimate = (input: EstimateInput) =>
  [input.applicant, ...(input.spouse ? [input.spouse] : [])].filter((person) => person.accounts.some((account) => account.normal)).length >= 2 ? ('TWO' as const) : ('ONE' as const);

export function estimateQuota(input: EstimateInput, policy: CentrePolicy): QuotaEstimate {
  const homeOrder: HomeOrder = input.otherHomes > 0 || input.earlierHpfLoans > 0 ? 'SECOND' : 'FIRST';
  const rate = rateFor({ applicationDate: input.date, termMonths: input.termMonths, homeOrder });
  const household = [input.applicant, ...(input.spouse ? [input.spouse] : [])];
  const borrowers = [...household, ...input.coBorrowers];
  const maximum = maximumOf({
    loanCap: loanCapBound(policy, { depositors: depositorsOfEstimate(input), homeOrder, minorChildren: input.minorChildren, greenBuildingStars: input.greenBuildingStars, certifiedTalents: input.certifiedTalents }),
    depositFormula: depositFormulaBound(policy, household.map((person) => person.accounts), input.date),
    repaymentCapacity: repaymentCapacityBound(policy, {
      borrowerAccounts: borrowers.flatMap((person) => person.accounts),
      existingMonthlyRepaymentFen: borrowers.reduce((total, person) => total + person.existingMonthlyRepaymentFen, 0),
      annualRatePercent: rate.annualRatePercent,
      termMonths: input.termMonths,
      repaymentMethod: input.repaymentMethod,
    }),
    loanToPrice: loanToPriceBound(policy, { homeOrder, contractPriceFen: input.contractPriceFen, assessedValueFen: input.assessedValueFen }),
  });
  const amountFen = input.amountFen ?? maximum.maximumAmountFen ?? 0;
  const schedule = amountFen > 0 ? repaymentSchedule({ principalFen: amountFen, annualRatePercent: rate.annualRatePercent, termMonths: input.termMonths, method: input.repaymentMethod }) : null;
  return Object.freeze({
    policy: Object.freeze({ centreCode: policy.centreCode, effectiveFrom: policy.effectiveFrom, confirmed: policy.confirmed }),
    homeOrder,
    rate,
    maximum,
    amountFen,
    firstMonthlyPaymentFen: schedule?.instalments[0]?.paymentFen ?? 0,
    totalInterestFen: schedule?.totalInterestFen ?? 0,
  });
}
