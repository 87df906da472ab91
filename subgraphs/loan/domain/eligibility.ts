/**
 * The loan decision as a pure function of the agencies' facts, the application and the centre's
 * policy: one outcome per check, the home order and its rate, the maximum amount with each of its
 * bounds, and a recommendation. Nothing here refuses an applicant: anything short of a clean pass
 * is referred to an officer with the reasons (审批 stays with a person).
 *
 * Each check is PASSED, FAILED (with reasons) or UNAVAILABLE (an agency could not answer — the
 * evaluator says so and never guesses). A failure found in the facts that are available outranks
 * an unavailable one: the check is FAILED and its reasons list both.
 */
import { cumulativeOverdueMonths, longestConsecutiveOverdueMonths } from '../../../lib/repayment-history';
import type { AgencyName } from '../../../lib/agency-contracts';
import { birthDateOf as birthDateInIdNumber, genderOf } from '../../../lib/identifiers';
import type { CentrePolicy } from './centre-policy';
import { addMonths, assertIsoDate, type IsoDate } from './dates';
import type { ContractFact, Fact, HouseholdMemberFacts, LoanFacts, PartyFacts, ProvidentFundAccountFact, ProvidentFundFact } from './facts';
import { assertFen, type Fen } from './money';
import {
  BOUNDS,
  depositFormulaBound,
  loanCapBound,
  loanToPriceBound,
  maximumOf,
  notComputed,
  repaymentCapacityBound,
  type Bound,
  type DepositFormulaDetail,
  type LoanCapDetail,
  type LoanToPriceDetail,
  type MaximumAmount,
  type QuotaAccount,
  type RepaymentCapacityDetail,
} from './quota';
import { splitCombination, type CombinationSplit } from './combination';
import { rateFor, type HomeOrder, type RateQuote } from './rates';
import { reason, type Party, type Reason, type ReasonCode, type ReasonTopic } from './reasons';
import { statutoryRetirement } from './retirement';
import type { RepaymentMethod } from './schedule';

export const CHECKS = ['identity', 'marriage', 'contractFiling', 'transferTax', 'registration', 'credit', 'providentFund', 'term', 'age'] as const;
export type CheckName = (typeof CHECKS)[number];
export type CheckStatus = 'PASSED' | 'FAILED' | 'UNAVAILABLE';

export interface CheckOutcome {
  readonly check: CheckName;
  readonly status: CheckStatus;
  /** Empty when PASSED; otherwise the failures first, then the facts that could not be had. */
  readonly reasons: readonly Reason[];
  /** Worth an officer's attention without failing the check (e.g. a stale HPF spouse on file). */
  readonly notices: readonly Reason[];
}

export interface PersonRef {
  readonly idNumber: string;
  readonly name: string;
}

export interface LoanRequest {
  readonly applicant: PersonRef;
  /** The spouse the application names; null applies as a single-person household. */
  readonly spouse: PersonRef | null;
  readonly coBorrowers: readonly PersonRef[];
  readonly contractNumber: string;
  readonly unitNumber: string;
  readonly amountFen: Fen;
  readonly termMonths: number;
  readonly repaymentMethod: RepaymentMethod;
  /** 组合贷款: the amount is the total, the HPF part up to the maximum and the entrusted bank's the rest (./combination.ts). */
  readonly combination?: boolean;
  /**
   * The talent certification (人才证书) the application names: no connected agency shares it, so
   * the automatic decision never counts it; it shows what the cap would be once an officer confirms it.
   */
  readonly talentCertificateNumber?: string | null;
}

/** A finding that needs facts: determined, or unavailable with the reasons why. */
export type Determination<T> = { readonly status: 'DETERMINED'; readonly value: T } | { readonly status: 'UNAVAILABLE'; readonly reasons: readonly Reason[] };

export interface HomeOrderFinding {
  readonly homeOrder: HomeOrder;
  /** Homes the applicant, the spouse and their minor children hold besides the one being bought. */
  readonly otherHomes: number;
  /** Of those, the homes registered to their minor children. */
  readonly minorChildrenHomes: number;
  /** Distinct OUTSTANDING HPF loans of the applicant and spouse. */
  readonly outstandingHpfLoans: number;
  /** Distinct HPF loans the applicant and spouse have had, settled ones included. */
  readonly earlierHpfLoans: number;
}

export type { Bound, BoundName, LoanCapDetail, DepositFormulaDetail, RepaymentCapacityDetail, LoanToPriceDetail, MaximumAmount } from './quota';
export { BOUNDS } from './quota';

export interface EligibilityEvaluation {
  readonly applicationDate: IsoDate;
  readonly policy: { readonly centreCode: string; readonly effectiveFrom: IsoDate };
  readonly outcomes: { readonly [C in CheckName]: CheckOutcome };
  readonly homeOrder: Determination<HomeOrderFinding>;
  readonly rate: Determination<RateQuote>;
  readonly maximum: MaximumAmount;
  readonly maximumAmountFen: Fen | null;
  readonly requestedAmountFen: Fen;
  /**
   * true: within the maximum; false: above it — known as soon as any computed bound is below the
   * request, even if another bound is unavailable; null: cannot tell yet.
   */
  readonly requestedAmountWithinMaximum: boolean | null;
  /** A combination loan's two parts, once the maximum is known and the total within the price bound; null otherwise. */
  readonly combination: CombinationSplit | null;
  /**
   * The maximum with the centre's talent increase (人才), when the application names a certificate
   * and the centre has such an increase: what an officer who confirms the certificate may approve up to.
   */
  readonly maximumWithTalentFen: Fen | null;
}

export type Decision =
  | { readonly decision: 'APPROVE'; readonly notices: readonly Reason[] }
  | { readonly decision: 'REFER'; readonly reasons: readonly Reason[]; readonly notices: readonly Reason[] };

// ── helpers ──────────────────────────────────────────────────────────────────────────────────

interface Participant<F extends PartyFacts = PartyFacts> {
  party: Party;
  facts: F;
}

/** Collects one check's findings; the status follows from what was collected. */
class Findings {
  readonly failures: Reason[] = [];
  readonly missing: Reason[] = [];
  readonly notices: Reason[] = [];
  constructor(private readonly topic: ReasonTopic) {}

  fail(code: ReasonCode, party: Party | null, detail?: Record<string, number | string>): void {
    this.failures.push(reason(this.topic, code, { party, detail }));
  }
  notice(code: ReasonCode, party: Party | null): void {
    this.notices.push(reason(this.topic, code, { party }));
  }
  /** The value of an available fact, or undefined after recording the agency's silence. */
  read<T>(fact: Fact<T>, party: Party | null): T | undefined {
    if (fact.status === 'AVAILABLE') return fact.value;
    this.missing.push(reason(this.topic, 'AGENCY_UNAVAILABLE', { party, agency: fact.agency }));
    return undefined;
  }
  outcome(check: CheckName): CheckOutcome {
    const status: CheckStatus = this.failures.length > 0 ? 'FAILED' : this.missing.length > 0 ? 'UNAVAILABLE' : 'PASSED';
    return Object.freeze({ check, status, reasons: Object.freeze([...this.failures, ...this.missing]), notices: Object.freeze([...this.notices]) });
  }
}

/**
 * Whether an ID number as an agency showed it could be this one: the same, or masked (a person
 * who has not consented for the case is shown with '*' in place of digits) with every shown
 * character where this one has it.
 */
export function couldBe(shown: string, idNumber: string): boolean {
  return shown === idNumber || (shown.includes('*') && shown.length === idNumber.length && [...shown].every((char, i) => char === '*' || char === idNumber[i]));
}

const APPLICANT: Party = Object.freeze({ role: 'APPLICANT' });
const SPOUSE: Party = Object.freeze({ role: 'SPOUSE' });

function unavailableReason(topic: ReasonTopic, agency: AgencyName, party: Party | null): Reason {
  return reason(topic, 'AGENCY_UNAVAILABLE', { party, agency });
}

// ── the checks ───────────────────────────────────────────────────────────────────────────────

function checkIdentity(people: readonly Participant[]): CheckOutcome {
  const findings = new Findings('identity');
  for (const { party, facts } of people) {
    const identity = findings.read(facts.identity, party);
    if (identity === undefined) continue;
    if (identity === null) {
      findings.fail('PERSON_NOT_FOUND', party);
      continue;
    }
    if (!identity.nameMatches) findings.fail('NAME_MISMATCH', party);
    if (identity.householdStatus !== 'ACTIVE') findings.fail('HOUSEHOLD_CANCELLED', party);
  }
  return findings.outcome('identity');
}

/**
 * Civil affairs is the authority on marriage.
 * - The application names a spouse: civil affairs must show the applicant MARRIED to that person;
 *   DIVORCED fails as STALE_SPOUSE_RECORD (a former spouse, typically prefilled from a stale file).
 * - The application names no spouse: NEVER_MARRIED and DIVORCED pass; MARRIED fails (the spouse
 *   must be named, and must authorize).
 * - An HPF account whose spouse on file disagrees with civil affairs (e.g. still names a former
 *   spouse) does not fail the check: civil affairs decides, and the disagreement is a notice for
 *   the centre to correct its file. This is the divorcedStaleSpouse scenario applying as single.
 */
function checkMarriage(facts: LoanFacts, request: LoanRequest): CheckOutcome {
  const findings = new Findings('marriage');
  const marriage = findings.read(facts.marriage, APPLICANT);
  if (marriage === undefined) return findings.outcome('marriage');
  const named = request.spouse?.idNumber ?? null;
  if (named !== null) {
    if (marriage.status === 'DIVORCED') findings.fail('STALE_SPOUSE_RECORD', SPOUSE);
    else if (marriage.status === 'NEVER_MARRIED') findings.fail('NOT_MARRIED', SPOUSE);
    else if (marriage.spouseIdNumber !== named) findings.fail('SPOUSE_MISMATCH', SPOUSE);
  } else if (marriage.status === 'MARRIED') {
    findings.fail('SPOUSE_NOT_NAMED', APPLICANT);
  }
  const spouseOfRecord = marriage.status === 'MARRIED' ? marriage.spouseIdNumber : null;
  const fund = facts.applicant.providentFund;
  if (fund.status === 'AVAILABLE' && fund.value) {
    const stale = fund.value.accounts.some((account) => account.spouseIdNumberOnFile !== null && (spouseOfRecord === null || !couldBe(account.spouseIdNumberOnFile, spouseOfRecord)));
    if (stale) findings.notice('STALE_SPOUSE_ON_HPF_FILE', APPLICANT);
  }
  return findings.outcome('marriage');
}

function checkContractFiling(facts: LoanFacts, request: LoanRequest): CheckOutcome {
  const findings = new Findings('contractFiling');
  const contract = findings.read(facts.contract, null);
  if (contract === null) findings.fail('CONTRACT_NOT_FOUND', null);
  else if (contract !== undefined) {
    if (contract.status !== 'FILED') findings.fail('CONTRACT_CANCELLED', null);
    if (contract.unitNumber !== request.unitNumber) findings.fail('CONTRACT_UNIT_MISMATCH', null);
    if (!contract.buyerIdNumbers.includes(request.applicant.idNumber)) findings.fail('APPLICANT_NOT_BUYER', APPLICANT);
  }
  return findings.outcome('contractFiling');
}

function checkTransferTax(facts: LoanFacts): CheckOutcome {
  const findings = new Findings('transferTax');
  const tax = findings.read(facts.transferTax, null);
  if (tax === null || (tax !== undefined && !tax.declared)) findings.fail('TAX_NOT_DECLARED', null);
  else if (tax !== undefined && !tax.paid) findings.fail('TAX_NOT_PAID', null);
  return findings.outcome('transferTax');
}

function checkRegistration(facts: LoanFacts, request: LoanRequest): CheckOutcome {
  const findings = new Findings('registration');
  const registration = findings.read(facts.registration, null);
  if (registration === null) findings.fail('REGISTRATION_NOT_FOUND', null);
  else if (registration !== undefined) {
    if (registration.status === 'TRANSFER_PENDING') findings.fail('TRANSFER_PENDING', null);
    if (!registration.ownerIdNumbers.includes(request.applicant.idNumber)) findings.fail('APPLICANT_NOT_OWNER', APPLICANT);
    if (registration.encumbrances.includes('SEIZURE')) findings.fail('PROPERTY_SEIZED', null);
  }
  return findings.outcome('registration');
}

/** Every borrower's report: nothing overdue now, and no 连三累六 in the 24-month grid. */
function checkCredit(people: readonly Participant[], policy: CentrePolicy): CheckOutcome {
  const findings = new Findings('credit');
  const { consecutiveMonths, cumulativeMonths } = policy.seriousOverdue;
  for (const { party, facts } of people) {
    const credit = findings.read(facts.credit, party);
    if (credit === undefined) continue;
    if (credit === null) {
      findings.notice('NO_CREDIT_FILE', party);
      continue;
    }
    if (credit.currentOverdueAmountFen > 0) findings.fail('CURRENT_OVERDUE', party, { currentOverdueAmountFen: credit.currentOverdueAmountFen });
    const longest = longestConsecutiveOverdueMonths(credit.repaymentHistory24Months);
    const cumulative = cumulativeOverdueMonths(credit.repaymentHistory24Months);
    if (longest >= consecutiveMonths || cumulative >= cumulativeMonths) {
      findings.fail('SERIOUS_OVERDUE_HISTORY', party, { longestConsecutiveOverdueMonths: longest, cumulativeOverdueMonths: cumulative });
    }
  }
  return findings.outcome('credit');
}

/**
 * The applicant needs a NORMAL account with at least the policy's months of continuous deposits;
 * neither the applicant nor the spouse may have an OUTSTANDING HPF loan. A spouse without an HPF
 * record is fine (one depositor is enough); co-borrowers' funds only count toward capacity.
 */
function checkProvidentFund(applicant: HouseholdMemberFacts, spouse: HouseholdMemberFacts | null, policy: CentrePolicy): CheckOutcome {
  const findings = new Findings('providentFund');
  const own = findings.read(applicant.providentFund, APPLICANT);
  if (own === null || (own !== undefined && own.accounts.length === 0)) findings.fail('NO_HPF_ACCOUNT', APPLICANT);
  else if (own !== undefined) {
    const normal = own.accounts.filter((account) => account.status === 'NORMAL');
    if (normal.length === 0) findings.fail('ACCOUNT_NOT_NORMAL', APPLICANT);
    else {
      const months = Math.max(...normal.map((account) => account.continuousDepositMonths));
      if (months < policy.minimumContinuousDepositMonths) {
        findings.fail('INSUFFICIENT_CONTINUOUS_DEPOSITS', APPLICANT, { continuousDepositMonths: months, requiredMonths: policy.minimumContinuousDepositMonths });
      }
    }
  }
  const household: Array<[Party, ProvidentFundFact | null | undefined]> = [[APPLICANT, own]];
  if (spouse) household.push([SPOUSE, findings.read(spouse.providentFund, SPOUSE)]);
  for (const [party, fund] of household) {
    const outstanding = fund?.loans.filter((loan) => loan.status === 'OUTSTANDING').length ?? 0;
    if (outstanding > 0) findings.fail('OUTSTANDING_HPF_LOAN', party, { outstandingLoans: outstanding });
  }
  // Every HPF loan the household has had, settled ones too (a joint loan shows in both records once).
  const used = new Set(household.flatMap(([, fund]) => fund?.loans.map((loan) => loan.loanNumber) ?? []));
  if (used.size >= policy.maximumHpfLoans) findings.fail('HPF_LOANS_EXHAUSTED', APPLICANT, { hpfLoans: used.size, maximumHpfLoans: policy.maximumHpfLoans });
  return findings.outcome('providentFund');
}

/** The term within the policy; for a resale home, also the building's age at the end of the term (房龄 + 贷款年限). */
function checkTerm(facts: LoanFacts, request: LoanRequest, policy: CentrePolicy, applicationDate: IsoDate): CheckOutcome {
  const findings = new Findings('term');
  if (request.termMonths > policy.maximumTermMonths) {
    findings.fail('TERM_EXCEEDS_MAXIMUM', null, { termMonths: request.termMonths, maximumTermMonths: policy.maximumTermMonths });
  }
  const contract = findings.read(facts.contract, null);
  if (contract && contract.saleType === 'RESALE') {
    const buildingAgeAtEnd = Number(addMonths(applicationDate, request.termMonths).slice(0, 4)) - contract.buildingCompletedYear;
    if (buildingAgeAtEnd > policy.maximumBuildingAgeAtLoanEndYears) {
      findings.fail('BUILDING_AGE_EXCEEDS_MAXIMUM', null, {
        buildingCompletedYear: contract.buildingCompletedYear,
        buildingAgeAtLoanEnd: buildingAgeAtEnd,
        maximumBuildingAgeAtLoanEndYears: policy.maximumBuildingAgeAtLoanEndYears,
      });
    }
  }
  return findings.outcome('term');
}

/** The latest date a borrower's last instalment may fall on: statutory retirement (2025 reform) + the policy's years. */
export function latestLoanEndFor(idNumber: string, policy: CentrePolicy): IsoDate {
  const birthDate = assertIsoDate(birthDateInIdNumber(idNumber), 'birth date in the ID number');
  const original = genderOf(idNumber) === 'MALE' ? 60 : policy.womenOriginalRetirementAge;
  return addMonths(statutoryRetirement(original, birthDate).date, policy.yearsPastRetirement * 12);
}

/**
 * Each borrower's last instalment (application date + term) may fall at most the policy's years
 * after their statutory retirement, computed per person by sex and birth month under the 2025
 * reform. Borrowers are the applicant and the co-borrowers; a spouse who also borrows is named as a
 * co-borrower. Birth date and sex are the ID number's (GB 11643), so this waits on no agency.
 */
function checkAge(borrowers: readonly PersonRef[], request: LoanRequest, policy: CentrePolicy, applicationDate: IsoDate): CheckOutcome {
  const findings = new Findings('age');
  const loanEnd = addMonths(applicationDate, request.termMonths);
  borrowers.forEach((person, index) => {
    const latest = latestLoanEndFor(person.idNumber, policy);
    if (loanEnd > latest) {
      const party: Party = index === 0 ? APPLICANT : { role: 'CO_BORROWER', ordinal: index };
      findings.fail('AGE_AT_END_EXCEEDS_MAXIMUM', party, { loanEnd, latestLoanEnd: latest, yearsPastRetirement: policy.yearsPastRetirement });
    }
  });
  return findings.outcome('age');
}

// ── home order, rate and the maximum amount ──────────────────────────────────────────────────

/**
 * SECOND when the applicant or spouse holds another home (besides the one being bought) or has had
 * an HPF loan before, settled or not (认房, and a second use of the fund: 二次使用). Missing facts can
 * only hide homes, never add one, so a SECOND found in the available facts stands; FIRST needs
 * every fact.
 */
function findHomeOrder(household: readonly Participant<HouseholdMemberFacts>[], request: LoanRequest): Determination<HomeOrderFinding> {
  const otherUnits = new Set<string>();
  const childrenUnits = new Set<string>();
  const outstandingLoans = new Set<string>();
  const earlierLoans = new Set<string>();
  const missing: Reason[] = [];
  for (const { party, facts } of household) {
    if (facts.holdings.status === 'AVAILABLE') {
      for (const unit of facts.holdings.value.units) if (unit !== request.unitNumber) otherUnits.add(unit);
      for (const unit of facts.holdings.value.minorChildrenUnits) if (unit !== request.unitNumber) childrenUnits.add(unit);
    } else missing.push(unavailableReason('homeOrder', facts.holdings.agency, party));
    if (facts.providentFund.status === 'AVAILABLE') {
      for (const loan of facts.providentFund.value?.loans ?? []) {
        earlierLoans.add(loan.loanNumber);
        if (loan.status === 'OUTSTANDING') outstandingLoans.add(loan.loanNumber);
      }
    } else missing.push(unavailableReason('homeOrder', facts.providentFund.agency, party));
  }
  for (const unit of childrenUnits) otherUnits.add(unit);
  const second = otherUnits.size > 0 || earlierLoans.size > 0;
  if (!second && missing.length > 0) {
    return Object.freeze({ status: 'UNAVAILABLE', reasons: Object.freeze([reason('homeOrder', 'HOME_ORDER_UNDETERMINED'), ...missing]) });
  }
  return Object.freeze({
    status: 'DETERMINED',
    value: Object.freeze({ homeOrder: second ? 'SECOND' : 'FIRST', otherHomes: otherUnits.size, minorChildrenHomes: childrenUnits.size, outstandingHpfLoans: outstandingLoans.size, earlierHpfLoans: earlierLoans.size }),
  });
}

/** An account as the bounds read it. */
export function quotaAccountOf(account: ProvidentFundAccountFact): QuotaAccount {
  return {
    normal: account.status === 'NORMAL',
    balanceFen: account.balanceFen,
    averageBalanceFen: account.averageBalanceFen,
    monthlyDepositFen: account.monthlyDepositFen,
    depositBaseFen: account.depositBaseFen,
    firstDepositDate: account.firstDepositDate,
  };
}

/** Each person's accounts, or the reasons some could not be had. */
function accountsOf(people: readonly Participant[]): { accounts: QuotaAccount[][]; missing: Reason[] } {
  const accounts: QuotaAccount[][] = [];
  const missing: Reason[] = [];
  for (const { party, facts } of people) {
    if (facts.providentFund.status === 'AVAILABLE') accounts.push((facts.providentFund.value?.accounts ?? []).map(quotaAccountOf));
    else missing.push(unavailableReason('amount', facts.providentFund.agency, party));
  }
  return { accounts, missing };
}

/** Household members with a NORMAL account: one or both spouses deposit. */
export const depositorsOf = (householdAccounts: ReadonlyArray<readonly QuotaAccount[]>) =>
  householdAccounts.filter((accounts) => accounts.some((account) => account.normal)).length >= 2 ? ('TWO' as const) : ('ONE' as const);

function computeMaximum(
  facts: LoanFacts,
  request: LoanRequest,
  policy: CentrePolicy,
  applicationDate: IsoDate,
  household: readonly Participant<HouseholdMemberFacts>[],
  coBorrowers: readonly Participant[],
  homeOrder: Determination<HomeOrderFinding>,
  rate: Determination<RateQuote>,
  certifiedTalents: number,
): MaximumAmount {
  const order = homeOrder.status === 'DETERMINED' ? homeOrder.value.homeOrder : null;
  const orderMissing = homeOrder.status === 'UNAVAILABLE' ? homeOrder.reasons : [];
  const householdAccounts = accountsOf(household);
  const contract: Fact<ContractFact | null> = facts.contract;
  const contractMissing = contract.status === 'UNAVAILABLE' ? [unavailableReason('amount', contract.agency, null)] : contract.value === null ? [reason('amount', 'CONTRACT_NOT_FOUND')] : [];

  // The cap: depositors, home order, and the increases (minor children in either spouse's household record; the home's green stars).
  const identities = household.map(({ party, facts: member }) => [party, member.identity] as const);
  const identityMissing = identities.flatMap(([party, identity]) => (identity.status === 'UNAVAILABLE' ? [unavailableReason('amount', identity.agency, party)] : []));
  const capMissing = [...orderMissing, ...householdAccounts.missing, ...identityMissing, ...contractMissing];
  const loanCap: Bound<LoanCapDetail> =
    capMissing.length > 0 || order === null || contract.status !== 'AVAILABLE' || contract.value === null
      ? notComputed(capMissing)
      : loanCapBound(policy, {
          depositors: depositorsOf(householdAccounts.accounts),
          homeOrder: order,
          minorChildren: Math.max(0, ...identities.map(([, identity]) => (identity.status === 'AVAILABLE' ? (identity.value?.minorChildren ?? 0) : 0))),
          greenBuildingStars: contract.value.greenBuildingStars,
          certifiedTalents,
        });

  const depositFormula: Bound<DepositFormulaDetail> =
    householdAccounts.missing.length > 0 ? notComputed(householdAccounts.missing) : depositFormulaBound(policy, householdAccounts.accounts, applicationDate);

  // Capacity: every borrower's deposit base, less what their credit reports show they repay each month.
  const everyone = [...household, ...coBorrowers];
  const everyoneAccounts = accountsOf(everyone);
  const creditMissing = everyone.flatMap(({ party, facts: person }) => (person.credit.status === 'UNAVAILABLE' ? [unavailableReason('amount', person.credit.agency, party)] : []));
  const capacityMissing = [...everyoneAccounts.missing, ...creditMissing, ...(rate.status === 'UNAVAILABLE' ? rate.reasons : [])];
  const repaymentCapacity: Bound<RepaymentCapacityDetail> =
    capacityMissing.length > 0 || rate.status === 'UNAVAILABLE'
      ? notComputed(capacityMissing)
      : repaymentCapacityBound(policy, {
          borrowerAccounts: everyoneAccounts.accounts.flat(),
          existingMonthlyRepaymentFen: everyone.reduce((total, { facts: person }) => total + (person.credit.status === 'AVAILABLE' ? (person.credit.value?.monthlyRepaymentFen ?? 0) : 0), 0),
          annualRatePercent: rate.value.annualRatePercent,
          termMonths: request.termMonths,
          repaymentMethod: request.repaymentMethod,
        });

  // A resale home's price basis also needs tax's assessed value.
  const resale = contract.status === 'AVAILABLE' && contract.value?.saleType === 'RESALE';
  const taxMissing = resale && facts.transferTax.status === 'UNAVAILABLE' ? [unavailableReason('amount', facts.transferTax.agency, null)] : [];
  const priceMissing = [...contractMissing, ...orderMissing, ...taxMissing];
  const loanToPrice: Bound<LoanToPriceDetail> =
    priceMissing.length > 0 || order === null || contract.status !== 'AVAILABLE' || contract.value === null
      ? notComputed(priceMissing)
      : loanToPriceBound(policy, {
          homeOrder: order,
          contractPriceFen: contract.value.priceFen,
          assessedValueFen: resale && facts.transferTax.status === 'AVAILABLE' ? (facts.transferTax.value?.assessedValueFen ?? null) : null,
        });

  return maximumOf({ loanCap, depositFormula, repaymentCapacity, loanToPrice });
}

// ── the evaluation ───────────────────────────────────────────────────────────────────────────

function assertFactsMatch(facts: LoanFacts, request: LoanRequest): void {
  const same = (a: string | undefined, b: string | undefined) => a === b;
  const ok =
    same(facts.applicant.idNumber, request.applicant.idNumber) &&
    same(facts.spouse?.idNumber, request.spouse?.idNumber) &&
    facts.coBorrowers.length === request.coBorrowers.length &&
    facts.coBorrowers.every((c, i) => same(c.idNumber, request.coBorrowers[i]?.idNumber));
  if (!ok) throw new Error('the facts were gathered for other people than the application names');
}

function assertRequest(request: LoanRequest): void {
  assertFen(request.amountFen, 'amount requested');
  if (request.amountFen <= 0) throw new RangeError(`the amount requested must be positive, got ${request.amountFen} fen`);
  if (!Number.isSafeInteger(request.termMonths) || request.termMonths < 1) {
    throw new RangeError(`the term is a whole number of months ≥ 1, got ${request.termMonths}`);
  }
}

export function evaluateEligibility(facts: LoanFacts, request: LoanRequest, policy: CentrePolicy, applicationDate: IsoDate): EligibilityEvaluation {
  assertIsoDate(applicationDate, 'applicationDate');
  if (policy.effectiveFrom > applicationDate) {
    throw new RangeError(`policy ${policy.centreCode}@${policy.effectiveFrom} was not yet in force on ${applicationDate}`);
  }
  assertRequest(request);
  assertFactsMatch(facts, request);

  const household: Participant<HouseholdMemberFacts>[] = [{ party: APPLICANT, facts: facts.applicant }];
  if (facts.spouse) household.push({ party: SPOUSE, facts: facts.spouse });
  const coBorrowers: Participant[] = facts.coBorrowers.map((c, i) => ({ party: { role: 'CO_BORROWER', ordinal: i + 1 }, facts: c }));
  const everyone: Participant[] = [...household, ...coBorrowers];

  const outcomes = Object.freeze({
    identity: checkIdentity(everyone),
    marriage: checkMarriage(facts, request),
    contractFiling: checkContractFiling(facts, request),
    transferTax: checkTransferTax(facts),
    registration: checkRegistration(facts, request),
    credit: checkCredit(everyone, policy),
    providentFund: checkProvidentFund(facts.applicant, facts.spouse, policy),
    term: checkTerm(facts, request, policy, applicationDate),
    age: checkAge([request.applicant, ...request.coBorrowers], request, policy, applicationDate),
  });

  const homeOrder = findHomeOrder(household, request);
  const rate: Determination<RateQuote> =
    homeOrder.status === 'DETERMINED'
      ? Object.freeze({ status: 'DETERMINED', value: rateFor({ applicationDate, termMonths: request.termMonths, homeOrder: homeOrder.value.homeOrder }) })
      : homeOrder;
  const maximum = computeMaximum(facts, request, policy, applicationDate, household, coBorrowers, homeOrder, rate, 0);
  const talentIncrease = request.talentCertificateNumber && policy.capIncreases.some((increase) => increase.kind === 'TALENT');
  const maximumWithTalentFen = talentIncrease ? computeMaximum(facts, request, policy, applicationDate, household, coBorrowers, homeOrder, rate, 1).maximumAmountFen : null;

  const computedAmounts = BOUNDS.map((name) => maximum.bounds[name]).flatMap((b) => (b.status === 'COMPUTED' ? [b.amountFen] : []));
  // A combination's total is bound by the price alone (the bank lends what the HPF maximum leaves); an HPF loan by every bound.
  const priceBound = maximum.bounds.loanToPrice;
  const requestedAmountWithinMaximum = request.combination
    ? priceBound.status === 'COMPUTED' && request.amountFen > priceBound.amountFen
      ? false
      : maximum.maximumAmountFen === null
        ? null
        : true
    : computedAmounts.some((amount) => request.amountFen > amount)
      ? false
      : maximum.maximumAmountFen === null
        ? null
        : true;
  const combination =
    request.combination && requestedAmountWithinMaximum === true && maximum.maximumAmountFen !== null && priceBound.status === 'COMPUTED'
      ? splitCombination(request.amountFen, maximum.maximumAmountFen, priceBound.amountFen)
      : null;

  return Object.freeze({
    applicationDate,
    policy: Object.freeze({ centreCode: policy.centreCode, effectiveFrom: policy.effectiveFrom }),
    outcomes,
    homeOrder,
    rate,
    maximum,
    maximumAmountFen: maximum.maximumAmountFen,
    requestedAmountFen: request.amountFen,
    requestedAmountWithinMaximum,
    combination,
    maximumWithTalentFen,
  });
}

/**
 * APPROVE only when every check PASSED and the amount is known to be within the maximum;
 * otherwise REFER to an officer with every reason: failed and unavailable checks, an undetermined
 * home order, an amount above (or not yet comparable with) the maximum.
 */
export function decide(evaluation: EligibilityEvaluation): Decision {
  const reasons: Reason[] = [];
  for (const check of CHECKS) reasons.push(...evaluation.outcomes[check].reasons);
  if (evaluation.homeOrder.status === 'UNAVAILABLE') reasons.push(...evaluation.homeOrder.reasons);
  const withTalent = evaluation.maximumWithTalentFen;
  if (evaluation.requestedAmountWithinMaximum === false && withTalent !== null && evaluation.maximumAmountFen !== null && evaluation.requestedAmountFen <= withTalent) {
    // Within the talent cap only: an officer confirms the certificate (no shared record holds it), and may then approve.
    reasons.push(reason('amount', 'TALENT_CERTIFICATE_TO_CONFIRM', { detail: { requestedAmountFen: evaluation.requestedAmountFen, maximumAmountFen: evaluation.maximumAmountFen, maximumWithTalentFen: withTalent } }));
  } else if (evaluation.requestedAmountWithinMaximum === false) {
    const detail: Record<string, number> = { requestedAmountFen: evaluation.requestedAmountFen };
    if (evaluation.maximumAmountFen !== null) detail.maximumAmountFen = evaluation.maximumAmountFen;
    reasons.push(reason('amount', 'AMOUNT_EXCEEDS_MAXIMUM', { detail }));
  } else if (evaluation.requestedAmountWithinMaximum === null) {
    const pending = BOUNDS.filter((name) => evaluation.maximum.bounds[name].status === 'UNAVAILABLE');
    reasons.push(reason('amount', 'MAXIMUM_UNDETERMINED', { detail: { unavailableBounds: pending.join(',') } }));
  }
  const notices = Object.freeze(CHECKS.flatMap((check) => evaluation.outcomes[check].notices));
  return reasons.length === 0
    ? Object.freeze({ decision: 'APPROVE', notices })
    : Object.freeze({ decision: 'REFER', reasons: Object.freeze(reasons), notices });
}
