/**
 * Exact money arithmetic for the loan domain. Amounts are integer fen (分) everywhere; products,
 * quotients and powers are carried as exact rationals of BigInts and rounded once, to the fen, at
 * the point where an amount is stated. No float ever holds an amount or a rate.
 */
import type { Fen } from '../../../lib/agency-contracts';

export type { Fen };

/** An exact rational with a positive denominator; `ratio()` also reduces it, hot loops may not. */
export interface Ratio {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/** 100 % in basis points: ratios in policies (down payment, deposit rate, …) are whole basis points. */
export const BASIS_POINTS = 10_000;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function ratio(numerator: bigint, denominator: bigint = 1n): Ratio {
  if (denominator === 0n) throw new RangeError('a ratio cannot have a zero denominator');
  const sign = denominator < 0n ? -1n : 1n;
  const divisor = gcd(numerator, denominator) || 1n;
  return Object.freeze({ numerator: (sign * numerator) / divisor, denominator: (sign * denominator) / divisor });
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** "2.525" → 2525/1000, exactly. Only plain non-negative decimals: no sign, exponent or grouping. */
export function parseDecimal(text: string): Ratio {
  const match = DECIMAL.exec(text);
  if (!match) throw new RangeError(`"${text}" is not a plain decimal such as "2.525"`);
  const fraction = match[2] ?? '';
  return ratio(BigInt(`${match[1]}${fraction}`), 10n ** BigInt(fraction.length));
}

/** Nearest integer; exact halves go away from zero (四舍五入), the rule for stating fen. */
export function roundHalfUp(value: Ratio): bigint {
  const { numerator, denominator } = value;
  if (numerator < 0n) return -roundHalfUp({ numerator: -numerator, denominator });
  return (2n * numerator + denominator) / (2n * denominator);
}

/** Largest integer not above the value: used for maxima, which must never be exceeded. */
export function floorOf(value: Ratio): bigint {
  const { numerator, denominator } = value;
  const quotient = numerator / denominator;
  return numerator < 0n && quotient * denominator !== numerator ? quotient - 1n : quotient;
}

/** A BigInt count of fen back to a number, refusing anything outside the safe-integer range. */
export function toFen(value: bigint): Fen {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${value} fen is outside the safe integer range`);
  }
  return Number(value);
}

/** Refuses anything that is not a whole number of fen (a float amount is a bug upstream). */
export function assertFen(value: number, label: string): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${label} must be an integer number of fen, got ${value}`);
  return value;
}

/** amount × basisPoints / 10 000, floored to the fen (e.g. the loan-to-price bound). */
export function fenTimesBasisPointsFloor(amountFen: Fen, basisPoints: number): Fen {
  assertFen(amountFen, 'amount');
  if (!Number.isSafeInteger(basisPoints)) throw new RangeError(`basis points must be an integer, got ${basisPoints}`);
  return toFen(floorOf(ratio(BigInt(amountFen) * BigInt(basisPoints), BigInt(BASIS_POINTS))));
}
