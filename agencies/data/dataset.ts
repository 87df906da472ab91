/**
 * The synthetic data set every simulator serves: one immutable snapshot, keyed for look-up the way
 * each agency looks its records up. Simulators keep their own mutable state (query records,
 * mortgages) beside it and never write into it, because seven simulators share one copy.
 */
import type {
  ContractFilingRecord,
  CreditReportRecord,
  HoldingsRecord,
  IsoDate,
  MarriageRecord,
  PersonRecord,
  PropertyRegistrationRecord,
  ProvidentFundRecord,
  TransferTaxRecord,
} from '../../lib/agency-contracts';
import type { ScenarioKey } from './scenarios';

/** What the generator decided about an applicant, so tests can pick people by situation. */
export type ApplicantTrait =
  | 'MARRIED'
  | 'DIVORCED'
  | 'REMARRIED'
  | 'NEVER_MARRIED'
  | 'HOUSEHOLD_CANCELLED'
  | 'CONTRACT_BUYER_IS_SOMEONE_ELSE'
  | 'OTHER_PROPERTY'
  | 'HPF_LOAN_SETTLED'
  | 'HPF_LOAN_OUTSTANDING'
  | 'TAX_UNDECLARED'
  | 'TAX_UNPAID'
  | 'THIN_CREDIT_FILE'
  | 'PAST_OVERDUE'
  | 'SERIOUS_OVERDUE'
  | 'CURRENT_OVERDUE'
  | 'SHORT_DEPOSITS'
  | 'NO_HPF_ACCOUNT'
  | 'STALE_SPOUSE_ON_FILE';

export interface ApplicantProfile {
  idNumber: string;
  /** Current spouse per civil affairs; null when not married. */
  spouseIdNumber: string | null;
  /** The purchase the applicant asks a loan for. */
  contractNumber: string | null;
  unitNumber: string | null;
  /** Code of the HPF centre the application goes to (the city of the purchase). */
  centreCode: string;
  traits: readonly ApplicantTrait[];
  /** Set for the named scenario applicants, null for generated ones. */
  scenario: ScenarioKey | null;
}

/**
 * A person's credit file before any query: the simulator adds the report number, the time, this
 * query's record and the hard-query counts when a report is drawn.
 */
export type CreditHistory = Omit<CreditReportRecord, 'reportNumber' | 'generatedAt' | 'hardQueries'>;

export interface Dataset {
  seed: number;
  size: number;
  /** The day the snapshot describes; every date in it is on or before this day. */
  asOf: IsoDate;
  /** Scenario applicants first, then generated ones, in generation order. */
  applicants: readonly ApplicantProfile[];
  persons: ReadonlyMap<string, PersonRecord>;
  marriages: ReadonlyMap<string, MarriageRecord>;
  contractsByNumber: ReadonlyMap<string, ContractFilingRecord>;
  contractsByUnit: ReadonlyMap<string, ContractFilingRecord>;
  transferTaxByUnit: ReadonlyMap<string, TransferTaxRecord>;
  registrationsByUnit: ReadonlyMap<string, PropertyRegistrationRecord>;
  holdingsByOwner: ReadonlyMap<string, HoldingsRecord>;
  creditHistories: ReadonlyMap<string, CreditHistory>;
  providentFund: ReadonlyMap<string, ProvidentFundRecord>;
}
