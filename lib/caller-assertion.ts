/**
 * Gateway-to-subgraph trust. The gateway states who the verified caller is in a short-lived
 * assertion, HMAC-signed with a secret only the gateway and subgraphs hold, and bound to the
 * request id and to the exact operation it accompanies. A subgraph believes nothing else: a call
 * without a valid assertion gets nothing, whatever identity headers it carries.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ACTOR_ROLES, PURPOSES, type Actor, type RequestPurpose } from './actor';

export const CALLER_ASSERTION_HEADER = 'x-caller-assertion';
/** Long enough for one query plan's fetches, short enough that a leaked assertion is soon useless. */
export const ASSERTION_LIFETIME_MS = 30_000;

export interface CallerAssertion extends RequestPurpose {
  actor: Actor;
  requestId: string;
  /** Expiry, epoch ms. */
  expiresAt: number;
  /** SHA-256 of the operation (query and variables) this assertion accompanies. */
  operationHash: string;
}

export function operationHash(operation: { query?: unknown; variables?: unknown }): string {
  return createHash('sha256')
    .update(JSON.stringify({ query: operation.query ?? '', variables: operation.variables ?? {} }))
    .digest('base64url');
}

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

export function signAssertion(assertion: CallerAssertion, secret: string): string {
  const payload = Buffer.from(JSON.stringify(assertion)).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

export type AssertionVerdict = { ok: true; assertion: CallerAssertion } | { ok: false; reason: string };

export function verifyAssertion(
  token: string | undefined,
  expected: { requestId: string; operationHash: string; now?: number },
  secret: string,
): AssertionVerdict {
  if (!token) return { ok: false, reason: 'no caller assertion' };
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) return { ok: false, reason: 'malformed caller assertion' };
  const wanted = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (wanted.length !== given.length || !timingSafeEqual(wanted, given)) return { ok: false, reason: 'caller assertion signature invalid' };
  let assertion: CallerAssertion;
  try {
    assertion = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as CallerAssertion;
  } catch {
    return { ok: false, reason: 'malformed caller assertion' };
  }
  if (!ACTOR_ROLES.includes(assertion.actor?.role) || !PURPOSES.includes(assertion.purpose)) return { ok: false, reason: 'malformed caller assertion' };
  if (assertion.expiresAt <= (expected.now ?? Date.now())) return { ok: false, reason: 'caller assertion expired' };
  if (assertion.requestId !== expected.requestId) return { ok: false, reason: 'caller assertion belongs to another request' };
  if (assertion.operationHash !== expected.operationHash) return { ok: false, reason: 'caller assertion belongs to another operation' };
  return { ok: true, assertion };
}
