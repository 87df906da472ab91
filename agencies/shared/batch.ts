/**
 * The shared shape of batch endpoints: validate the key list (at most MAX_BATCH_SIZE keys), then
 * answer every asked key once, in the order asked, found or not. Agency modules supply only the
 * look-up.
 */
import { AGENCY_CODES, MAX_BATCH_SIZE, type BatchResult } from '../../lib/agency-contracts';
import { AgencyError, badRequest } from './errors';

/** A list field of the request, checked for type and for the batch ceiling. */
export function requireList(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw badRequest(`${field} must be an array`);
  if (value.length > MAX_BATCH_SIZE) {
    throw new AgencyError(AGENCY_CODES.BATCH_TOO_LARGE, `${field} holds ${value.length} entries; at most ${MAX_BATCH_SIZE} per call`);
  }
  return value;
}

export function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`${field} must be a non-empty string`);
  return value;
}

/** A flag the caller may leave out (false then). */
export function requireOptionalBoolean(value: unknown, field: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw badRequest(`${field} must be true or false when given`);
  return value;
}

/** A list of non-empty string keys (ID numbers, unit numbers, contract numbers). */
export function requireKeys(value: unknown, field: string): string[] {
  return requireList(value, field).map((key, index) => requireString(key, `${field}[${index}]`));
}

/** A list of objects, each parsed by `parse`, which throws badRequest on a malformed entry. */
export function requireItems<I>(value: unknown, field: string, parse: (raw: Record<string, unknown>, path: string) => I): I[] {
  return requireList(value, field).map((raw, index) => {
    const path = `${field}[${index}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badRequest(`${path} must be an object`);
    return parse(raw as Record<string, unknown>, path);
  });
}

/** Answers each distinct key once, in first-asked order; a repeated key is not answered twice. */
export function answerBatch<I, R>(items: readonly I[], keyOf: (item: I) => string, find: (item: I) => R | undefined): BatchResult<string, R> {
  const seen = new Set<string>();
  const results: BatchResult<string, R>['results'] = [];
  for (const item of items) {
    const key = keyOf(item);
    if (seen.has(key)) continue;
    seen.add(key);
    const record = find(item);
    results.push(record === undefined ? { key, found: false } : { key, found: true, record });
  }
  return { results };
}

/** The common case: a list of keys looked up one by one. */
export function lookUpKeys<R>(value: unknown, field: string, find: (key: string) => R | undefined): BatchResult<string, R> {
  return answerBatch(requireKeys(value, field), (key) => key, find);
}
