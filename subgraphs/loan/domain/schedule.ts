/**
 * Repayment schedules of an HPF loan, in integer fen, from exact rationals.
 *
 * 等额本息 EQUAL_INSTALMENT: M = P·r·(1+r)^n / ((1+r)^n − 1), the same every month.
 * 等额本金 EQUAL_PRINCIPAL: month k pays P/n + (P − (k−1)·P/n)·r, falling every month.
 * r = annual rate / 12, exactly (2.6 % → 13/6000).
 *
 * Rounding — one rule for both methods, chosen because it is the one that reproduces the reference
 * figures of the domain brief (P = 1,000,000 yuan, 2.6 %, 360 months: 等额本息 M = 4,003.40 and
 * total interest 441,222.96; 等额本金 first month 4,944.44 and total interest 391,083.33):
 *
 *  1. Each month's payment is the exact payment of the formula, rounded half-up to the fen
 *     (4,003.397… → 4,003.40; 4,944.444… → 4,944.44).
 *  2. Interest is the exact schedule's interest with the sub-fen remainder carried forward: the
 *     interest of month k is round(exact interest of months 1..k) − round(exact interest of months
 *     1..k−1). So the total interest is the exact total rounded once (441,222.961… → 441,222.96;
 *     391,083.333… → 391,083.33), and no month's interest is more than a fen off the exact.
 *  3. Principal is payment − interest; the last month takes whatever principal remains, so the
 *     principal parts add up to P exactly, and pays it with its interest.
 *
 * Why not interest = round(remaining balance × r) each month? With M rounded up to 4,003.40 the
 * balance runs a little ahead of the exact schedule, and that rule gives a total interest of
 * 441,222.35 (等额本息) and a first 等额本金 month of 4,944.45 (2,777.78 + 2,166.67) — neither matches
 * the reference figures, which are the exact formula's totals. Which rule a Fujian centre's core
 * system uses is unconfirmed; the difference is under one yuan over thirty years.
 */
import { assertFen, roundHalfUp, toFen, floorOf, type Fen, type Ratio } from './money';
import { monthlyRateOf } from './rates';

export type RepaymentMethod = 'EQUAL_INSTALMENT' | 'EQUAL_PRINCIPAL';

export interface ScheduleTerms {
  principalFen: Fen;
  /** Annual rate in percent, exact decimal string (e.g. "2.6"). */
  annualRatePercent: string;
  termMonths: number;
  method: RepaymentMethod;
}

export interface Instalment {
  /** 1-based month of the term. */
  readonly period: number;
  readonly paymentFen: Fen;
  readonly principalFen: Fen;
  readonly interestFen: Fen;
  /** Principal still owed after this payment. */
  readonly remainingFen: Fen;
}

export interface RepaymentSchedule extends Readonly<ScheduleTerms> {
  readonly instalments: readonly Instalment[];
  readonly totalPaymentFen: Fen;
  readonly totalInterestFen: Fen;
}

/** The exact formulas of one method: the payment of month k and the interest of months 1..k. */
interface ExactSchedule {
  payment(k: number): Ratio;
  cumulativeInterest(k: number): Ratio;
}

function checkTerms(principalFen: Fen, termMonths: number): void {
  assertFen(principalFen, 'principal');
  if (principalFen <= 0) throw new RangeError(`a loan principal is positive, got ${principalFen} fen`);
  if (!Number.isSafeInteger(termMonths) || termMonths < 1) throw new RangeError(`a loan term is a whole number of months ≥ 1, got ${termMonths}`);
}

/** r = a/b with a > 0 (an HPF loan is never interest-free; a zero rate would divide by zero below). */
function positiveMonthlyRate(annualRatePercent: string): { a: bigint; b: bigint } {
  const r = monthlyRateOf(annualRatePercent);
  if (r.numerator <= 0n) throw new RangeError(`a loan schedule needs a positive rate, got ${annualRatePercent} %`);
  return { a: r.numerator, b: r.denominator };
}

/**
 * 等额本息 in closed form. With q = 1 + r = (a+b)/b, g = (a+b)^n and h = b^n:
 *   M = P·a·g / (b·(g − h));
 *   balance after k months B_k = P·(g − (a+b)^k·b^(n−k)) / (g − h);
 *   interest of months 1..k = k·M − (P − B_k) = P·(k·a·g + b^(n+1) − (a+b)^k·b^(n−k+1)) / (b·(g − h)).
 * Powers of (a+b) and b are stepped month by month, so a 360-month schedule costs a few hundred
 * big-integer products.
 */
function equalInstalmentExact(principalFen: Fen, a: bigint, b: bigint, n: number): ExactSchedule {
  const P = BigInt(principalFen);
  const g = (a + b) ** BigInt(n);
  const h = b ** BigInt(n);
  const denominator = b * (g - h);
  const payment: Ratio = { numerator: P * a * g, denominator };
  // Stepped state for cumulativeInterest, which the schedule asks for k = 1, 2, 3, … in order.
  let steppedK = 0;
  let qPowK = 1n; // (a+b)^k
  let bPow = b * h; // b^(n−k+1)
  return {
    payment: () => payment,
    cumulativeInterest(k: number): Ratio {
      if (k !== steppedK + 1) throw new Error('cumulativeInterest is stepped one month at a time');
      steppedK = k;
      qPowK *= a + b;
      bPow /= b;
      return { numerator: P * (BigInt(k) * a * g + b * h - qPowK * bPow), denominator };
    },
  };
}

/**
 * 等额本金: payment of month k = P·(b + (n−k+1)·a) / (n·b);
 * interest of months 1..k = Σ P·(n−j+1)·a/(n·b) = P·a·k·(2n−k+1) / (2·n·b).
 */
function equalPrincipalExact(principalFen: Fen, a: bigint, b: bigint, n: number): ExactSchedule {
  const P = BigInt(principalFen);
  const N = BigInt(n);
  return {
    payment: (k) => ({ numerator: P * (b + (N - BigInt(k) + 1n) * a), denominator: N * b }),
    cumulativeInterest: (k) => {
      const K = BigInt(k);
      return { numerator: P * a * K * (2n * N - K + 1n), denominator: 2n * N * b };
    },
  };
}

export function repaymentSchedule(terms: ScheduleTerms): RepaymentSchedule {
  const { principalFen, annualRatePercent, termMonths, method } = terms;
  checkTerms(principalFen, termMonths);
  const { a, b } = positiveMonthlyRate(annualRatePercent);
  const exact = method === 'EQUAL_INSTALMENT' ? equalInstalmentExact(principalFen, a, b, termMonths) : equalPrincipalExact(principalFen, a, b, termMonths);

  const instalments: Instalment[] = [];
  let remaining = BigInt(principalFen);
  let interestSoFar = 0n;
  let totalPayment = 0n;
  for (let period = 1; period <= termMonths; period++) {
    const interestToDate = roundHalfUp(exact.cumulativeInterest(period));
    const interest = interestToDate - interestSoFar;
    interestSoFar = interestToDate;
    const last = period === termMonths;
    const principal = last ? remaining : roundHalfUp(exact.payment(period)) - interest;
    if (principal < 0n || principal > remaining) {
      throw new RangeError(`a principal of ${principalFen} fen is too small to amortise over ${termMonths} months`);
    }
    remaining -= principal;
    totalPayment += principal + interest;
    instalments.push(
      Object.freeze({
        period,
        paymentFen: toFen(principal + interest),
        principalFen: toFen(principal),
        interestFen: toFen(interest),
        remainingFen: toFen(remaining),
      }),
    );
  }
  return Object.freeze({
    principalFen,
    annualRatePercent,
    termMonths,
    method,
    instalments: Object.freeze(instalments),
    totalPaymentFen: toFen(totalPayment),
    totalInterestFen: toFen(interestSoFar),
  });
}

export interface CapacityTerms {
  /** The most the borrowers can pay in a month. */
  monthlyPaymentFen: Fen;
  annualRatePercent: string;
  termMonths: number;
  method: RepaymentMethod;
}

/**
 * The largest principal, in whole fen, whose exact monthly payment does not exceed the given
 * payment; for 等额本金 the first (largest) month is the one that must fit.
 *   等额本息: P·a·g / (b·(g − h)) ≤ C  ⇔  P ≤ C·b·(g − h) / (a·g)
 *   等额本金: P·(b + n·a) / (n·b) ≤ C  ⇔  P ≤ C·n·b / (b + n·a)
 * The stated (rounded half-up) payment then cannot exceed C either, C being whole fen.
 */
export function largestPrincipalFor(terms: CapacityTerms): Fen {
  const { monthlyPaymentFen, annualRatePercent, termMonths, method } = terms;
  assertFen(monthlyPaymentFen, 'monthly payment');
  if (monthlyPaymentFen < 0) throw new RangeError(`a monthly payment cannot be negative, got ${monthlyPaymentFen} fen`);
  if (!Number.isSafeInteger(termMonths) || termMonths < 1) throw new RangeError(`a loan term is a whole number of months ≥ 1, got ${termMonths}`);
  const { a, b } = positiveMonthlyRate(annualRatePercent);
  const C = BigInt(monthlyPaymentFen);
  const n = BigInt(termMonths);
  if (method === 'EQUAL_PRINCIPAL') return toFen(floorOf({ numerator: C * n * b, denominator: b + n * a }));
  const g = (a + b) ** n;
  const h = b ** n;
  return toFen(floorOf({ numerator: C * b * (g - h), denominator: a * g }));
}

/**
 * The day instalment `period` falls due when the loan was disbursed on `startsOn` (YYYY-MM-DD):
 * the same day of the month, `period` months on, or that month's last day when it is shorter
 * (disbursed on 31 January: due 28 or 29 February, 31 March, 30 April, …). Calendar arithmetic on
 * the date alone, no time zone involved.
 */
export function dueDateOf(startsOn: string, period: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(startsOn);
  if (!match) throw new RangeError(`a disbursement date is YYYY-MM-DD, got ${startsOn}`);
  if (!Number.isSafeInteger(period) || period < 1) throw new RangeError(`an instalment period is ≥ 1, got ${period}`);
  const months = Number(match[1]) * 12 + (Number(match[2]) - 1) + period;
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(Number(match[3]), lastDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
