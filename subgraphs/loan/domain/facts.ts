/**
 * What a loan decision needs to know, as the agencies answered. The domain never calls an agency:
 * the loan subgraph gathers these facts (per request, through its loaders) and hands them in.
 *
 * Every fact is either AVAILABLE, with what the agency answered, or UNAVAILABLE, naming the agency
 * that could not answer. Inside an available fact, `null` means the agency answered and holds no
 * record (公安 has no such person, no credit file, no HPF record, no contract) — an answer, not an
 * outage. The evaluator treats the two differently and never guesses an unavailable fact.
 *
 * Only what the rules read is carried here (minimum necessary): no names, addresses or amounts the
 * decision does not use.
 */
import type {
  AgencyName,
  EncumbranceType,
  FilingStatus,
  HouseholdStatus,
  MarriageRegistrationType,
  ProvidentFundAccountStatus,
  ProvidentFundLoanStatus,
  RegistrationStatus,
  RepaymentMonthStatus,
} from '../../../lib/agency-contracts';
import type { IsoDate } from './dates';
import type { Fen } from './money';

export type Fact<T> =
  | { readonly status: 'AVAILABLE'; readonly value: T }
  | { readonly status: 'UNAVAILABLE'; readonly agency: AgencyName };

export function available<T>(value: T): Fact<T> {
  return Object.freeze({ status: 'AVAILABLE', value });
}

export function unavailable<T = never>(agency: AgencyName): Fact<T> {
  return Object.freeze({ status: 'UNAVAILABLE', agency });
}

/** Public security's verification of one person: the name given matches, and the household. */
export interface IdentityFact {
  readonly nameMatches: boolean;
  readonly householdStatus: HouseholdStatus;
  /** Children under 18 in the person's household record (户籍): the 多子女 increase. */
  readonly minorChildren: number;
}

/** Civil affairs, read as of the latest registration. 未登记 (no registration) is NEVER_MARRIED. */
export type MarriageFact =
  | { readonly status: 'NEVER_MARRIED' }
  | { readonly status: 'MARRIED'; readonly spouseIdNumber: string; readonly since: IsoDate }
  | { readonly status: 'DIVORCED'; readonly formerSpouseIdNumber: string; readonly since: IsoDate };

export interface CreditFact {
  readonly currentOverdueAmountFen: Fen;
  /** What the person's open loans and card instalments take a month (月还款额): deducted from repayment capacity. */
  readonly monthlyRepaymentFen: Fen;
  /** Oldest month first, 24 entries ending with last month. */
  readonly repaymentHistory24Months: readonly RepaymentMonthStatus[];
}

export interface ProvidentFundAccountFact {
  readonly centreCode: string;
  readonly status: ProvidentFundAccountStatus;
  readonly continuousDepositMonths: number;
  readonly balanceFen: Fen;
  /** Average month-end balance over the last 12 months (月均余额). */
  readonly averageBalanceFen: Fen;
  readonly monthlyDepositFen: Fen;
  /** The deposit base (缴存基数) the centre holds: the monthly wage deposits are computed on. */
  readonly depositBaseFen: Fen;
  /** When deposits began (首次缴存): years of deposit. */
  readonly firstDepositDate: IsoDate;
  /** The spouse the centre has on file; may lag civil affairs. Masked ('*') while that person has not consented for the case. */
  readonly spouseIdNumberOnFile: string | null;
}

export interface ProvidentFundLoanFact {
  /** Identifies a joint loan that shows in both spouses' records, so it counts once. */
  readonly loanNumber: string;
  readonly status: ProvidentFundLoanStatus;
}

export interface ProvidentFundFact {
  readonly accounts: readonly ProvidentFundAccountFact[];
  readonly loans: readonly ProvidentFundLoanFact[];
}

/** Facts about anyone who borrows: the applicant, the spouse, each co-borrower. */
export interface PartyFacts {
  readonly idNumber: string;
  /** null: public security holds no such person. */
  readonly identity: Fact<IdentityFact | null>;
  /** null: no credit file (白户). */
  readonly credit: Fact<CreditFact | null>;
  /** null: no HPF record at any centre. */
  readonly providentFund: Fact<ProvidentFundFact | null>;
}

/** The units of one household member at the register (不动产登记). */
export interface HoldingsFact {
  /** Unit numbers registered or pre-registered to the person (the home being bought included). */
  readonly units: readonly string[];
  /** Unit numbers registered to the minor children of the person's household record (未成年子女名下). */
  readonly minorChildrenUnits: readonly string[];
}

/** A member the register holds nothing for, nor for any minor child of theirs. */
export const NO_HOLDINGS: HoldingsFact = Object.freeze({ units: Object.freeze([]), minorChildrenUnits: Object.freeze([]) });

/** The applicant and the spouse also count homes, theirs and their minor children's: home order is a household matter (认房). */
export interface HouseholdMemberFacts extends PartyFacts {
  readonly holdings: Fact<HoldingsFact>;
}

export interface ContractFact {
  readonly contractNumber: string;
  readonly unitNumber: string;
  readonly status: FilingStatus;
  readonly buyerIdNumbers: readonly string[];
  readonly priceFen: Fen;
  /** A new home from a developer (商品房) or a resale (存量房, 二手房). */
  readonly saleType: 'NEW' | 'RESALE';
  /** The year the building was completed (竣工年份): resale homes' building-age limit. */
  readonly buildingCompletedYear: number;
  /** Green building rating (绿色建筑星级), 0 when none. */
  readonly greenBuildingStars: number;
}

export interface TransferTaxFact {
  readonly declared: boolean;
  readonly paid: boolean;
  /** The tax-assessed value (计税价格) of a resale home; null for a new one. */
  readonly assessedValueFen: Fen | null;
}

export interface RegistrationFact {
  readonly status: RegistrationStatus;
  readonly ownerIdNumbers: readonly string[];
  readonly encumbrances: readonly EncumbranceType[];
}

export interface LoanFacts {
  readonly applicant: HouseholdMemberFacts;
  /** The applicant's marriage registrations as civil affairs reads them (the authority on marriage). */
  readonly marriage: Fact<MarriageFact>;
  /** The spouse the application names, or null when it names none. */
  readonly spouse: HouseholdMemberFacts | null;
  /** In the order the application names them. */
  readonly coBorrowers: readonly PartyFacts[];
  /** Looked up by the application's contract number; null: not filed. */
  readonly contract: Fact<ContractFact | null>;
  /** Looked up by the application's unit number; null: nothing declared. */
  readonly transferTax: Fact<TransferTaxFact | null>;
  /** Looked up by the application's unit number; null: not registered or pre-registered. */
  readonly registration: Fact<RegistrationFact | null>;
}

export interface MarriageRegistrationEvent {
  readonly type: MarriageRegistrationType;
  readonly registrationDate: IsoDate;
  readonly spouseIdNumber: string;
}

/**
 * Marital status from civil affairs' registrations: the latest one decides. MARRIAGE and
 * REMARRIAGE (复婚) leave the person married to that spouse; DIVORCE leaves them divorced.
 */
export function marriageFromRegistrations(registrations: readonly MarriageRegistrationEvent[]): MarriageFact {
  // The wire lists oldest first; a stable sort by date keeps that order for same-day events.
  const latest = [...registrations].sort((a, b) => (a.registrationDate < b.registrationDate ? -1 : a.registrationDate > b.registrationDate ? 1 : 0)).at(-1);
  if (!latest) return Object.freeze({ status: 'NEVER_MARRIED' });
  return latest.type === 'DIVORCE'
    ? Object.freeze({ status: 'DIVORCED', formerSpouseIdNumber: latest.spouseIdNumber, since: latest.registrationDate })
    : Object.freeze({ status: 'MARRIED', spouseIdNumber: latest.spouseIdNumber, since: latest.registrationDate });
}
