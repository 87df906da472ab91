/**
 * Calendar dates as the agencies send them (YYYY-MM-DD). Dates compare as strings once checked;
 * arithmetic is done on year/month/day numbers, never through a time zone.
 */
import type { IsoDate } from '../../../lib/agency-contracts';

export type { IsoDate };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function partsOf(date: IsoDate): { year: number; month: number; day: number } | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isIsoDate(value: string): boolean {
  return partsOf(value) !== null;
}

export function assertIsoDate(value: string, label: string): IsoDate {
  if (!isIsoDate(value)) throw new RangeError(`${label} must be a calendar date YYYY-MM-DD, got "${value}"`);
  return value;
}

function format(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Same day n months later; a day the target month lacks becomes its last day (01-31 + 1 → 02-28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const parts = partsOf(date);
  if (!parts) throw new RangeError(`not a calendar date: "${date}"`);
  const index = parts.year * 12 + (parts.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(year, month, Math.min(parts.day, daysInMonth(year, month)));
}

/** Whole years from `from` to `to` (age in completed years on `to`); a 02-29 birthday counts on 02-28. */
export function completedYears(from: IsoDate, to: IsoDate): number {
  const a = partsOf(from);
  const b = partsOf(to);
  if (!a || !b) throw new RangeError(`not calendar dates: "${from}", "${to}"`);
  const birthdayDay = Math.min(a.day, daysInMonth(b.year, a.month));
  const reached = b.month > a.month || (b.month === a.month && b.day >= birthdayDay);
  return b.year - a.year - (reached ? 0 : 1);
}
