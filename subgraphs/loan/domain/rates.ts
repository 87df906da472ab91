/**
 * The national HPF personal housing loan rate table (个人住房公积金贷款利率), chosen by the date of
 * the application. Rates are exact decimal strings in percent a year ("2.525" is 2.525 %); they
 * become exact rationals only where interest is computed (see schedule.ts).
 */
import { assertIsoDate, type IsoDate } from './dates';
import { parseDecimal, ratio, type Ratio } from './money';

export type HomeOrder = 'FIRST' | 'SECOND';
export type TermBand = 'UP_TO_FIVE_YEARS' | 'OVER_FIVE_YEARS';

/** Terms of up to and including 60 months take the "5 years and under" (5年以下（含5年）) rate. */
export const FIVE_YEARS_IN_MONTHS = 60;

export interface RateRow {
  /** First application date the row applies to. */
  readonly effectiveFrom: IsoDate;
  /** Annual rate in percent, as an exact decimal string, by home order and term band. */
  readonly annualRatePercent: { readonly [H in HomeOrder]: { readonly [B in TermBand]: string } };
  readonly sourceNote: string;
}

/** Oldest first. When rates change, append a row; never edit one (past applications keep their rate). */
export const HPF_RATE_TABLE: readonly RateRow[] = Object.freeze([
  Object.freeze({
    effectiveFrom: '2024-05-18',
    annualRatePercent: Object.freeze({
      FIRST: Object.freeze({ UP_TO_FIVE_YEARS: '2.35', OVER_FIVE_YEARS: '2.85' }),
      SECOND: Object.freeze({ UP_TO_FIVE_YEARS: '2.775', OVER_FIVE_YEARS: '3.325' }),
    }),
    sourceNote:
      'PBoC announcement of 2024-05-17: HPF loan rates cut 0.25 pp from 2024-05-18 (first home 2.35 % / 2.85 %; ' +
      'second home not below 2.775 % / 3.325 %). Second-home figures are the national floor; a centre may set more (unconfirmed for Fujian).',
  }),
  Object.freeze({
    effectiveFrom: '2025-05-08',
    annualRatePercent: Object.freeze({
      FIRST: Object.freeze({ UP_TO_FIVE_YEARS: '2.1', OVER_FIVE_YEARS: '2.6' }),
      SECOND: Object.freeze({ UP_TO_FIVE_YEARS: '2.525', OVER_FIVE_YEARS: '3.075' }),
    }),
    sourceNote:
      'PBoC announcement of 2025-05-07: HPF loan rates cut 0.25 pp from 2025-05-08 (first home 2.1 % / 2.6 %; ' +
      'second home not below 2.525 % / 3.075 %). Second-home figures are the national floor; a centre may set more (unconfirmed for Fujian).',
  }),
]);

export interface RateQuery {
  applicationDate: IsoDate;
  termMonths: number;
  homeOrder: HomeOrder;
}

export interface RateQuote {
  /** Annual rate in percent, exact decimal string. */
  readonly annualRatePercent: string;
  readonly homeOrder: HomeOrder;
  readonly band: TermBand;
  /** The table row the rate comes from. */
  readonly effectiveFrom: IsoDate;
  readonly sourceNote: string;
}

export function termBandOf(termMonths: number): TermBand {
  if (!Number.isSafeInteger(termMonths) || termMonths < 1) throw new RangeError(`a loan term is a whole number of months ≥ 1, got ${termMonths}`);
  return termMonths <= FIVE_YEARS_IN_MONTHS ? 'UP_TO_FIVE_YEARS' : 'OVER_FIVE_YEARS';
}

/** The rate in force on the application date for this term and home order. */
export function rateFor(query: RateQuery, table: readonly RateRow[] = HPF_RATE_TABLE): RateQuote {
  const date = assertIsoDate(query.applicationDate, 'applicationDate');
  const band = termBandOf(query.termMonths);
  let row: RateRow | undefined;
  for (const candidate of table) if (candidate.effectiveFrom <= date && (!row || candidate.effectiveFrom > row.effectiveFrom)) row = candidate;
  if (!row) {
    const earliest = table.reduce<IsoDate | null>((min, r) => (min === null || r.effectiveFrom < min ? r.effectiveFrom : min), null);
    throw new RangeError(`no HPF loan rate is recorded for applications before ${earliest ?? '(empty table)'}; asked for ${date}`);
  }
  return Object.freeze({
    annualRatePercent: row.annualRatePercent[query.homeOrder][band],
    homeOrder: query.homeOrder,
    band,
    effectiveFrom: row.effectiveFrom,
    sourceNote: row.sourceNote,
  });
}

/** The monthly rate r = annual / 12 as an exact rational (2.6 % → 13/6000). */
export function monthlyRateOf(annualRatePercent: string): Ratio {
  const annual = parseDecimal(annualRatePercent);
  return ratio(annual.numerator, annual.denominator * 100n * 12n);
}
