/**
 * The canonical form the access record hash is computed over, so that any process, or an
 * auditor's own tool, arrives at the same bytes: object keys sorted (by UTF-16 code unit, as
 * Array.prototype.sort does), no whitespace, dates as ISO-8601 UTC strings with milliseconds,
 * strings and numbers as JSON.stringify writes them. Undefined has no canonical form.
 */
export type Canonical = string | number | boolean | null | Date | readonly Canonical[] | { readonly [key: string]: Canonical };

export function canonicalJson(value: Canonical): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('a canonical number must be finite');
    return JSON.stringify(value);
  }
  // A tag check rather than instanceof: dates may come from another realm (a worker, a test sandbox).
  if (Object.prototype.toString.call(value) === '[object Date]') return JSON.stringify((value as Date).toISOString());
  if (Array.isArray(value)) return `[${value.map((item: Canonical) => canonicalJson(item)).join(',')}]`;
  const object = value as { readonly [key: string]: Canonical };
  const members = Object.keys(object)
    .sort()
    .map((key) => {
      const member = object[key];
      if (member === undefined) throw new TypeError(`canonical JSON has no form for undefined (key "${key}")`);
      return `${JSON.stringify(key)}:${canonicalJson(member)}`;
    });
  return `{${members.join(',')}}`;
}
