/**
 * Reading values back from either engine. pg returns bigint as a string, PGlite as a number; and
 * the embedded engine's rows cross a thread boundary, so dates and JSON arrive as copies made
 * outside this module's realm (under Jest, `instanceof Date` fails on them). Rebuild, never trust.
 */

/** A bigint column (sequence, count) as a JS number; our sequences stay far below 2^53. */
export function toInteger(value: unknown): number {
  const number = typeof value === 'bigint' ? Number(value) : Number(value as string | number);
  if (!Number.isSafeInteger(number)) throw new TypeError(`expected an integer from the database, got ${typeof value}`);
  return number;
}

export function toDate(value: unknown): Date {
  const date = new Date(value as string | number | Date);
  if (Number.isNaN(date.getTime())) throw new TypeError('expected a timestamp from the database');
  return date;
}

export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

export function toStringArray(value: unknown): string[] {
  if (!Array.isArray(value)) throw new TypeError('expected a text[] from the database');
  return value.map((item) => String(item));
}
