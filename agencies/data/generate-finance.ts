/** Synthetic credit files and HPF accounts, shaped by the situation the generator chose. */
import type {
  ProvidentFundAccountEntry,
  ProvidentFundLoanEntry,
  RepaymentMonthStatus,
} from '../../lib/agency-contracts';
import type { DatasetBuilder } from './builder';
import type { CreditHistory } from './dataset';
import { addDays, addMonths, yearOf } from './dates';
import { cityCodeOf, placeName, type FujianCounty } from './fujian';
import { BANKS, BRAND_WORDS, EMPLOYER_TRADES, PUBLIC_EMPLOYERS } from './names';
import { buildAccountNumber, buildLoanNumber } from './numbers';
import type { Random } from './prng';

export type CreditStanding = 'CLEAN' | 'THIN' | 'PAST_OVERDUE' | 'SERIOUS_OVERDUE' | 'CURRENT_OVERDUE';

/** Debts the credit file must show because the rest of the data set says they exist. */
export interface KnownDebts {
  loans: number;
  balanceFen: number;
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
  const loanAccounts = debts.loans + (carLoan ? 1 : 0);
  const cardBalanceFen = creditCardAccounts * random.int(0, 20_000) * 100;
  const carBalanceFen = carLoan ? random.int(20_000, 150_000) * 100 : 0;
  const hasAccounts = loanAccounts + creditCardAccounts > 0;
  const current = standing === 'CURRENT_OVERDUE';
  return {
    idNumber,
    loanAccounts,
    creditCardAccounts,
    totalBalanceFen: debts.balanceFen + cardBalanceFen + carBalanceFen,
    currentOverdueAmountFen: current ? random.int(300, 20_000) * 100 : 0,
    currentOverdueAccounts: current ? 1 : 0,
    repaymentHistory24Months: hasAccounts ? gridFor(random, standing) : Array.from({ length: GRID_MONTHS }, () => '*'),
    queryRecords: pastQueries(random, asOf, county),
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
}

export function synthesiseAccount(random: Random, builder: DatasetBuilder, options: AccountOptions): ProvidentFundAccountEntry {
  const { county, continuousDepositMonths, asOf } = options;
  const centreCode = cityCodeOf(county.city);
  const monthlyBaseYuan = random.weighted([[random.int(3_000, 6_000), 40], [random.int(6_000, 12_000), 45], [random.int(12_000, 30_000), 15]] as const);
  // Employer and employee each pay 5–12 % of the base (住房公积金管理条例 art. 18; Fujian's band).
  const monthlyDepositFen = Math.round((monthlyBaseYuan * random.int(10, 24)) / 100) * 100;
  const gapMonths = random.chance(0.3) ? random.int(1, 36) : 0;
  const openedAt = addMonths(asOf, -(continuousDepositMonths + gapMonths + 1));
  const retained = random.int(30, 100) / 100;
  return {
    accountNumber: buildAccountNumber(centreCode, builder.nextSequence(`account:${centreCode}`)),
    centreCode,
    centreName: county.city.centreName,
    employerName: synthesiseEmployer(random, county),
    status: options.status ?? 'NORMAL',
    monthlyDepositFen,
    balanceFen: Math.round(monthlyDepositFen * Math.max(1, continuousDepositMonths + gapMonths / 2) * retained),
    continuousDepositMonths,
    openedAt,
    spouseIdNumberOnFile: options.spouseIdNumberOnFile,
  };
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
