/**
 * The canonical form the access record hash is computed over, so that any process, or an
 * auditor's own tool, arrives at the same bytes: object keys sorted (by UTF-16 code unit, as
 * Array.prototype.sort does), no whitespace, dates as ISO-8601 UTC strings with milliseconds,
 * strings and numbers as JSON.stringify writes them. Undefined has no canonical form.
 */
export type Canonical = string | number | boolean | null | Date | readonly Canonical[] | { readonly [key: string]: Canonical };

export function canonicalJson(value: Canonical): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('a canonical number must be finite');
      return JSON.stringify(value);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let index = 0; index < value.length; index += 1) out += `${index === 0 ? '' : ','}${canonicalJson(value[index] as Canonical)}`;
    return `${out}]`;
  }
  // A tag check rather than instanceof: dates may come from another realm (a worker, a test sandbox).
  // Asked only of what has a toISOString: the tag check of every object cost more than the rest of the walk.
  if (typeof (value as Date).toISOString === 'function' && Object.prototype.toString.call(value) === '[object Date]') return JSON.stringify((value as Date).toISOString());
  const object = value as { readonly [key: string]: Canonical };
  const keys = Object.keys(object).sort();
  let out = '{';
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index]!;
    const member = object[key];
    if (member === undefined) throw new TypeError(`canonical JSON has no form for undefined (key "${key}")`);
    out += `${index === 0 ? '' : ','}${quotedKey(key)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
}

/** Keys as JSON writes them: the records' keys are a few field names, each quoted once. */
const quotedKeys = new Map<string, string>();
function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < 1_000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/**
 * canonicalJson of a value whose objects were built with their keys already in canonical (sorted)
 * order at every depth, as the access chain builds a record's content: JSON.stringify then writes
 * the same bytes (dates through their toJSON, the same ISO string), natively, several times
 * faster than the walk above on a record of fifty people. What has no canonical form is still
 * refused. Whoever calls this owns the key order; test/storage/access-chain.spec.ts holds the two equal.
 */
export function canonicalJsonOfSorted(value: Canonical): string {
  refuseUncanonical(value, '');
  return JSON.stringify(value);
}

/** A walk that only looks (a replacer would slow JSON.stringify down more than this costs). */
function refuseUncanonical(value: unknown, key: string): void {
  if (value === undefined) throw new TypeError(`canonical JSON has no form for undefined (key "${key}")`);
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('a canonical number must be finite');
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) refuseUncanonical(value[index], key);
    return;
  }
  // A date has no enumerable members: nothing to look at.
  for (const member in value) refuseUncanonical((value as Record<string, unknown>)[member], member);
}
