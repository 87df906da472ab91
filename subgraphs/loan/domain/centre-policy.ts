/**
 * Loan policy per HPF centre, versioned by effective date. Every figure below is an UNCONFIRMED
 * PLACEHOLDER shaped like the rules most centres publish; none has been checked against a Fujian
 * centre's published rules, and each must be replaced by the centre's own figures (with the notice
 * number in `sourceNote`) before the platform decides anything real.
 *
 * A new rule is a new version with its own `effectiveFrom`; versions are never edited, so an
 * application is always judged by the version in force on its application date.
 */
import { assertIsoDate, type IsoDate } from './dates';
import type { Fen } from './money';
import type { HomeOrder } from './rates';

/** SINGLE: one borrower household (单身/单方); COUPLE: the application names a spouse. */
export type HouseholdType = 'SINGLE' | 'COUPLE';

export interface CentrePolicy {
  /** 6-digit code of the centre's city (350100 福州 …); 350000 for the provincial default. */
  readonly centreCode: string;
  readonly centreName: string;
  readonly effectiveFrom: IsoDate;
  readonly sourceNote: string;
  /** Months of continuous normal deposits (连续足额缴存) the applicant needs. */
  readonly minimumContinuousDepositMonths: number;
  readonly maximumTermMonths: number;
  /** Age in completed years on the date of the last instalment may not exceed this. */
  readonly maximumAgeAtLoanEnd: number;
  /** Highest loan (最高贷款额度) by household type and home order. */
  readonly loanCapFen: { readonly [T in HouseholdType]: { readonly [H in HomeOrder]: Fen } };
  /** Account balances (applicant + spouse) × this multiple bound the loan (余额倍数). */
  readonly balanceMultiple: number;
  readonly repaymentCapacity: {
    /**
     * Monthly income is inferred as monthly deposit ÷ this combined (employer + employee) deposit
     * rate. The highest Fujian rate (12 % + 12 %) is used because it infers the lowest income from
     * a given deposit: the inference never overstates what someone earns.
     */
    readonly combinedDepositRateBasisPoints: number;
    /** The monthly payment may be at most this share of that monthly income. */
    readonly maximumPaymentToIncomeBasisPoints: number;
  };
  /** Smallest down payment as a share of the contract price (首付比例). */
  readonly minimumDownPaymentBasisPoints: { readonly [H in HomeOrder]: number };
  /** 连三累六: a credit grid with this many overdue months in a row, or this many in all, fails. */
  readonly seriousOverdue: { readonly consecutiveMonths: number; readonly cumulativeMonths: number };
}

export const PROVINCIAL_DEFAULT_CODE = '350000';

const PLACEHOLDER_NOTE =
  'UNCONFIRMED PLACEHOLDER figures, shaped like common HPF centre rules; not checked against this centre’s published ' +
  'loan rules. Replace with the centre’s published figures and cite the notice (文号) here.';

/** Figures shared by every placeholder version unless it says otherwise (all unconfirmed). */
const PLACEHOLDER_COMMON = {
  sourceNote: PLACEHOLDER_NOTE,
  minimumContinuousDepositMonths: 6,
  maximumTermMonths: 360,
  maximumAgeAtLoanEnd: 68,
  balanceMultiple: 15,
  repaymentCapacity: { combinedDepositRateBasisPoints: 2_400, maximumPaymentToIncomeBasisPoints: 5_000 },
  minimumDownPaymentBasisPoints: { FIRST: 2_000, SECOND: 3_000 },
  seriousOverdue: { consecutiveMonths: 3, cumulativeMonths: 6 },
} as const;

const yuan = (amount: number): Fen => amount * 100;

function caps(single: [first: number, second: number], couple: [first: number, second: number]): CentrePolicy['loanCapFen'] {
  return {
    SINGLE: { FIRST: yuan(single[0]), SECOND: yuan(single[1]) },
    COUPLE: { FIRST: yuan(couple[0]), SECOND: yuan(couple[1]) },
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Every version of every centre. Caps in yuan: [first home, second home] for single, then couple. */
export const CENTRE_POLICIES: readonly CentrePolicy[] = deepFreeze<CentrePolicy[]>([
  { ...PLACEHOLDER_COMMON, centreCode: PROVINCIAL_DEFAULT_CODE, centreName: '福建省（省级默认）', effectiveFrom: '2024-05-18', loanCapFen: caps([500_000, 400_000], [800_000, 600_000]) },
  { ...PLACEHOLDER_COMMON, centreCode: '350100', centreName: '福州住房公积金中心', effectiveFrom: '2024-05-18', loanCapFen: caps([600_000, 500_000], [800_000, 700_000]) },
  { ...PLACEHOLDER_COMMON, centreCode: '350100', centreName: '福州住房公积金中心', effectiveFrom: '2025-05-08', loanCapFen: caps([800_000, 600_000], [1_000_000, 800_000]) },
  { ...PLACEHOLDER_COMMON, centreCode: '350200', centreName: '厦门市住房公积金中心', effectiveFrom: '2024-05-18', loanCapFen: caps([800_000, 600_000], [1_200_000, 900_000]) },
  { ...PLACEHOLDER_COMMON, centreCode: '350500', centreName: '泉州市住房公积金中心', effectiveFrom: '2024-05-18', loanCapFen: caps([600_000, 500_000], [900_000, 700_000]) },
  { ...PLACEHOLDER_COMMON, centreCode: '350600', centreName: '漳州市住房公积金中心', effectiveFrom: '2024-05-18', loanCapFen: caps([500_000, 400_000], [800_000, 600_000]) },
]);

function inForce(versions: readonly CentrePolicy[], centreCode: string, date: IsoDate): CentrePolicy | null {
  let found: CentrePolicy | null = null;
  for (const version of versions) {
    if (version.centreCode === centreCode && version.effectiveFrom <= date && (!found || version.effectiveFrom > found.effectiveFrom)) found = version;
  }
  return found;
}

/**
 * The version in force at the centre on the date. A centre without a recorded version on that date
 * (unknown code, or a date before its first version) is judged by the provincial default; the
 * returned policy's `centreCode` says which one applied. Before any provincial version: an error.
 */
export function policyFor(centreCode: string, date: IsoDate, versions: readonly CentrePolicy[] = CENTRE_POLICIES): CentrePolicy {
  assertIsoDate(date, 'date');
  const policy = inForce(versions, centreCode, date) ?? inForce(versions, PROVINCIAL_DEFAULT_CODE, date);
  if (!policy) throw new RangeError(`no HPF loan policy is recorded for centre ${centreCode} or the province on ${date}`);
  return policy;
}
