/** Synthetic credit files and HPF accounts, shaped by the situation the generator chose. */
import type {
  ProvidentFundAccountEntry,
  ProvidentFundLoanEntry,
  RepaymentMonthStatus,
} from '../../lib/agency-contracts';
import type { DatasetBuilder } from './builder';
import type { CreditHistory } from './dataset';
import { addDays, addMonths, earliest, yearOf } from './dates';
import { cityCodeOf, placeName, type FujianCounty } from './fujian';
import { BANKS, BRAND_WORDS, EMPLOYER_TRADES, PUBLIC_EMPLOYERS } from './names';
import { buildAccountNumber, buildLoanNumber } from './numbers';
import type { Random } from './prng';

export type CreditStanding = 'CLEAN' | 'THIN' | 'PAST_OVERDUE' | 'SERIOUS_OVERDUE' | 'CURRENT_OVERDUE';

/** Debts the credit file must show because the rest of the data set says they exist. */
export interface KnownDebts {
  loans: number;
  balanceFen: number;
  /** What those loans take each month (月还款额). */
  monthlyRepaymentFen: number;
}

export const NO_DEBTS: KnownDebts = { loans: 0, balanceFen: 0, monthlyRepaymentFen: 0 };

/**
 * The deposit base band (缴存基数上下限), in yuan: from about Fujian's monthly minimum wage to about three
 * times the average wage, the limits 住房公积金管理条例 and the centres' yearly notices set. Rough
 * figures for synthetic data, not any centre's published limits.
 */
export const DEPOSIT_BASE_YUAN = { minimum: 2_030, maximum: 27_000 } as const;

/** The level payment (等额本息) of a loan, in whole yuan as fen: synthetic credit files need no more precision. */
export function levelPaymentFen(principalFen: number, annualRatePercent: number, termMonths: number): number {
  const r = annualRatePercent / 1200;
  const growth = (1 + r) ** termMonths;
  return Math.round((principalFen * r * growth) / (growth - 1) / 100) * 100;
}

const GRID_MONTHS = 24;

/** A 24-month grid, all normal except the given months (index 0 = oldest). */
export function repaymentGrid(overdue: ReadonlyArray<readonly [number, RepaymentMonthStatus]> = []): RepaymentMonthStatus[] {
  const grid: RepaymentMonthStatus[] = Array.from({ length: GRID_MONTHS }, () => 'N');
  for (const [index, status] of overdue) grid[index] = status;
  return grid;
}

export function synthesiseCreditHistory(
  random: Random,
  idNumber: string,
  standing: CreditStanding,
  debts: KnownDebts,
  asOf: string,
  county: FujianCounty,
): CreditHistory {
  const creditCardAccounts = standing === 'THIN' ? random.int(0, 1) : random.int(1, 6);
  const carLoan = standing !== 'THIN' && random.chance(0.1);
  const cardBalanceFen = creditCardAccounts * random.int(0, 20_000) * 100;
  const carBalanceFen = carLoan ? random.int(20_000, 150_000) * 100 : 0;
  const current = standing === 'CURRENT_OVERDUE';
  const currentOverdueAmountFen = current ? random.int(300, 20_000) * 100 : 0;
  const grid = gridFor(random, standing);
  const queryRecords = pastQueries(random, asOf, county);
  const consumerLoan = standing !== 'THIN' && random.chance(0.06);
  const consumerBalanceFen = consumerLoan ? random.int(30_000, 200_000) * 100 : 0;
  // Car loans run 3–5 years, consumer loans 1–3; card balances are paid in full (no instalment).
  const carRepaymentFen = carLoan ? levelPaymentFen(carBalanceFen, 4.5, random.int(12, 48)) : 0;
  const consumerRepaymentFen = consumerLoan ? levelPaymentFen(consumerBalanceFen, 6, random.int(6, 36)) : 0;
  const loanAccounts = debts.loans + (carLoan ? 1 : 0) + (consumerLoan ? 1 : 0);
  const hasAccounts = loanAccounts + creditCardAccounts > 0;
  return {
    idNumber,
    loanAccounts,
    creditCardAccounts,
    totalBalanceFen: debts.balanceFen + cardBalanceFen + carBalanceFen + consumerBalanceFen,
    currentOverdueAmountFen,
    currentOverdueAccounts: current ? 1 : 0,
    monthlyRepaymentFen: debts.monthlyRepaymentFen + carRepaymentFen + consumerRepaymentFen,
    repaymentHistory24Months: hasAccounts ? grid : Array.from({ length: GRID_MONTHS }, () => '*'),
    queryRecords,
  };
}

function gridFor(random: Random, standing: CreditStanding): RepaymentMonthStatus[] {
  switch (standing) {
    case 'CLEAN':
    case 'THIN':
      return repaymentGrid();
    case 'PAST_OVERDUE':
      // One or two isolated one-month lapses, none in the last quarter.
      return repaymentGrid(random.chance(0.5) ? [[random.int(0, 9), '1']] : [[random.int(0, 9), '1'], [random.int(12, 20), '1']]);
    case 'SERIOUS_OVERDUE': {
      // 连三累六: a run of three overdue months plus three single lapses, settled since.
      const start = random.int(0, 5);
      return repaymentGrid([[start, '1'], [start + 1, '2'], [start + 2, '3'], [start + 5, '1'], [start + 9, '1'], [start + 13, '1']]);
    }
    case 'CURRENT_OVERDUE':
      return repaymentGrid(random.chance(0.5) ? [[GRID_MONTHS - 1, '1']] : [[GRID_MONTHS - 2, '1'], [GRID_MONTHS - 1, '2']]);
  }
}

function pastQueries(random: Random, asOf: string, county: FujianCounty): CreditHistory['queryRecords'] {
  const count = random.weighted([[0, 50], [1, 30], [2, 15], [3, 5]] as const);
  const records = Array.from({ length: count }, () => ({
    queriedAt: `${addDays(asOf, -random.int(20, 700))}T${String(random.int(0, 9)).padStart(2, '0')}:${String(random.int(10, 59))}:00.000Z`,
    institution: `${random.pick(BANKS)}${county.city.name}分行`,
    reason: random.pick(['LOAN_APPROVAL', 'CREDIT_CARD_APPROVAL', 'POST_LOAN_MANAGEMENT']),
  }));
  return records.sort((a, b) => a.queriedAt.localeCompare(b.queriedAt));
}

export interface AccountOptions {
  county: FujianCounty;
  continuousDepositMonths: number;
  status?: ProvidentFundAccountEntry['status'];
  spouseIdNumberOnFile: string | null;
  asOf: string;
  /** The deposit base in yuan, when the situation needs a particular one; else drawn. */
  depositBaseYuan?: number;
  /** Deposits began no later than this (an earlier account carried over, 转移接续), e.g. before an earlier HPF loan. */
  depositingSince?: string;
}

export function synthesiseAccount(random: Random, builder: DatasetBuilder, options: AccountOptions): ProvidentFundAccountEntry {
  const { county, continuousDepositMonths, asOf } = options;
  const centreCode = cityCodeOf(county.city);
  const drawnBaseYuan = random.weighted([[random.int(3_000, 6_000), 40], [random.int(6_000, 12_000), 45], [random.int(12_000, 30_000), 15]] as const);
  const depositBaseYuan = Math.min(Math.max(options.depositBaseYuan ?? drawnBaseYuan, DEPOSIT_BASE_YUAN.minimum), DEPOSIT_BASE_YUAN.maximum);
  // Employer and employee each pay 5–12 % of the base (住房公积金管理条例 art. 18; Fujian's band): 10–24 % together.
  const monthlyDepositFen = Math.round((depositBaseYuan * random.int(10, 24)) / 100) * 100;
  const gapMonths = random.chance(0.3) ? random.int(1, 36) : 0;
  // The first deposit is the month after opening; a gap between then and the current run is a pause (封存).
  const derivedFirstDeposit = addMonths(asOf, -(continuousDepositMonths + gapMonths));
  const firstDepositDate = options.depositingSince ? earliest(derivedFirstDeposit, options.depositingSince) : derivedFirstDeposit;
  const openedAt = addMonths(firstDepositDate, -1);
  const retained = random.int(30, 100) / 100;
  const balanceFen = Math.round(monthlyDepositFen * Math.max(1, continuousDepositMonths + gapMonths / 2) * retained);
  return {
    accountNumber: buildAccountNumber(centreCode, builder.nextSequence(`account:${centreCode}`)),
    centreCode,
    centreName: county.city.centreName,
    employerName: synthesiseEmployer(random, county),
    status: options.status ?? 'NORMAL',
    depositBaseFen: depositBaseYuan * 100,
    monthlyDepositFen,
    balanceFen,
    averageBalanceFen: averageBalanceFen(balanceFen, monthlyDepositFen, continuousDepositMonths),
    continuousDepositMonths,
    openedAt,
    firstDepositDate,
    spouseIdNumberOnFile: options.spouseIdNumberOnFile,
  };
}

/**
 * The 12-month average of month-end balances had the balance only grown by the deposits: a run of
 * 12 months or more averages 5.5 deposits below the balance, a shorter one less (before the run the
 * balance stood still). Withdrawals make the real average differ; half the balance is its floor here.
 */
export function averageBalanceFen(balanceFen: number, monthlyDepositFen: number, continuousDepositMonths: number): number {
  const run = Math.min(continuousDepositMonths, 12);
  const depositsBelow = ((run * (run - 1)) / 2 + (12 - run) * run) / 12;
  const average = Math.max(balanceFen - monthlyDepositFen * depositsBelow, balanceFen / 2);
  return Math.round(average / 100) * 100;
}

export interface LoanOptions {
  county: FujianCounty;
  unitNumber: string;
  principalFen: number;
  startDate: string;
  termMonths: number;
  status: ProvidentFundLoanEntry['status'];
  borrowerIdNumbers: string[];
  asOf: string;
}

/** An HPF loan; the outstanding principal falls linearly, close enough for a simulator. */
export function hpfLoan(builder: DatasetBuilder, options: LoanOptions): ProvidentFundLoanEntry {
  const centreCode = cityCodeOf(options.county.city);
  const year = yearOf(options.startDate);
  const elapsed = monthsBetween(options.startDate, options.asOf);
  const remaining = Math.max(0, options.termMonths - elapsed) / options.termMonths;
  return {
    loanNumber: buildLoanNumber(centreCode, year, builder.nextSequence(`loan:${centreCode}:${year}`)),
    centreCode,
    status: options.status,
    principalFen: options.principalFen,
    outstandingFen: options.status === 'SETTLED' ? 0 : Math.max(100, Math.round((options.principalFen * remaining) / 100) * 100),
    unitNumber: options.unitNumber,
    startDate: options.startDate,
    termMonths: options.termMonths,
    borrowerIdNumbers: options.borrowerIdNumbers,
  };
}

function synthesiseEmployer(random: Random, county: FujianCounty): string {
  return random.chance(0.2)
    ? `${placeName(county)}${random.pick(PUBLIC_EMPLOYERS)}`
    : `${county.city.name}${random.pick(BRAND_WORDS)}${random.pick(EMPLOYER_TRADES)}`;
}

function monthsBetween(from: string, to: string): number {
  return (yearOf(to) - yearOf(from)) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
}
