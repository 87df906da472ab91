/**
 * The combination loan (组合贷款): one purchase financed by an HPF part under the HPF rules and a
 * commercial part from the centre's entrusted bank at the bank's rate, with one mortgage for both.
 * The amount asked is the total. The HPF part is the total up to the HPF maximum; the commercial
 * part is the rest, and the total may not exceed what the down payment leaves (price basis × (1 −
 * down payment)): when the total is exactly that, the commercial part is the issue's
 * "price × (1 − down payment) − HPF part".
 */
import { assertIsoDate, type IsoDate } from './dates';
import type { Fen } from './money';
import { termBandOf, type HomeOrder, type TermBand } from './rates';

/**
 * The loan prime rate (贷款市场报价利率, LPR) by date, as the National Interbank Funding Center
 * publishes it on the 20th of a month; commercial mortgage rates are LPR + a spread.
 */
export interface LprRow {
  readonly effectiveFrom: IsoDate;
  /** 1-year and over-5-year LPR in percent, exact decimal strings. */
  readonly oneYearPercent: string;
  readonly overFiveYearsPercent: string;
  readonly sourceNote: string;
}

export const LPR_TABLE: readonly LprRow[] = Object.freeze([
  Object.freeze({ effectiveFrom: '2025-05-20', oneYearPercent: '3.0', overFiveYearsPercent: '3.5', sourceNote: 'LPR of 2025-05-20 (1-year 3.0 %, over-5-year 3.5 %), as published by the National Interbank Funding Center.' }),
]);

/**
 * The entrusted bank's spread over the LPR, in basis points, by home order: a PLACEHOLDER shaped
 * like the floors banks quoted for first and second homes, not any Fujian bank's published pricing.
 */
export const ENTRUSTED_BANK_SPREAD_BASIS_POINTS: { readonly [H in HomeOrder]: number } = Object.freeze({ FIRST: -30, SECOND: 0 });
export const ENTRUSTED_BANK = '中国建设银行福建省分行 (placeholder entrusted bank)';

export interface CommercialRate {
  readonly annualRatePercent: string;
  readonly lprPercent: string;
  readonly spreadBasisPoints: number;
  readonly band: TermBand;
  readonly lprEffectiveFrom: IsoDate;
}

/** "3.5" + (−30 bp) = "3.2": exact in basis points, written without trailing zeros. */
function addBasisPoints(percent: string, basisPoints: number): string {
  const [whole, fraction = ''] = percent.split('.');
  const bp = Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2)) + basisPoints;
  if (fraction.length > 2) throw new RangeError(`an LPR has at most two decimals, got ${percent}`);
  const text = `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}`;
  return text.replace(/0+$/, '').replace(/\.$/, '');
}

/** The commercial part's rate for a term and home order, from the LPR in force on the application date. */
export function commercialRateFor(query: { applicationDate: IsoDate; termMonths: number; homeOrder: HomeOrder }, table: readonly LprRow[] = LPR_TABLE): CommercialRate {
  const date = assertIsoDate(query.applicationDate, 'applicationDate');
  let row: LprRow | undefined;
  for (const candidate of table) if (candidate.effectiveFrom <= date && (!row || candidate.effectiveFrom > row.effectiveFrom)) row = candidate;
  if (!row) throw new RangeError(`no LPR is recorded for applications before ${table[0]?.effectiveFrom ?? '(empty table)'}; asked for ${date}`);
  const band = termBandOf(query.termMonths);
  // Mortgages of five years or less take the 1-year LPR; longer ones the over-5-year LPR.
  const lprPercent = band === 'UP_TO_FIVE_YEARS' ? row.oneYearPercent : row.overFiveYearsPercent;
  const spreadBasisPoints = ENTRUSTED_BANK_SPREAD_BASIS_POINTS[query.homeOrder];
  return Object.freeze({ annualRatePercent: addBasisPoints(lprPercent, spreadBasisPoints), lprPercent, spreadBasisPoints, band, lprEffectiveFrom: row.effectiveFrom });
}

export interface CombinationSplit {
  readonly hpfPartFen: Fen;
  readonly commercialPartFen: Fen;
}

/**
 * The two parts of a total, given the HPF maximum and the price bound (price basis × (1 − down
 * payment)); null when the total is above the price bound (too much for any combination).
 */
export function splitCombination(totalFen: Fen, hpfMaximumFen: Fen, priceBoundFen: Fen): CombinationSplit | null {
  if (totalFen > priceBoundFen) return null;
  const hpfPartFen = Math.min(totalFen, hpfMaximumFen);
  return Object.freeze({ hpfPartFen, commercialPartFen: totalFen - hpfPartFen });
}
