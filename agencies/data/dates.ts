/** Calendar arithmetic on YYYY-MM-DD strings, in UTC so results never depend on the machine's zone. */

export function parseDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = parseDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return formatDate(d);
}

/** Adds months, clamping the day to the target month's end (01-31 + 1 month = 02-28). */
export function addMonths(date: string, months: number): string {
  const d = parseDate(date);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return formatDate(d);
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** A date no earlier than `from` and no later than `to`, chosen by a fraction in [0, 1). */
export function dateBetween(from: string, to: string, fraction: number): string {
  const start = parseDate(from).getTime();
  const span = Math.max(0, parseDate(to).getTime() - start);
  return formatDate(new Date(start + Math.floor((span / 86_400_000) * fraction) * 86_400_000));
}

export function earliest(a: string, b: string): string {
  return a < b ? a : b;
}

export function latest(a: string, b: string): string {
  return a > b ? a : b;
}
