/**
 * Gateway-to-subgraph trust. Before each call to a subgraph the gateway states who the verified
 * caller is in a caller assertion, and a subgraph believes nothing else: a call without a valid
 * assertion gets nothing, whatever identity headers it carries.
 *
 * An assertion cannot be replayed, redirected or reused for something else:
 * - signed by the gateway alone (Ed25519, a JWS with the key's id; subgraphs hold public keys
 *   only, so no subgraph can mint a call to another one: lib/gateway-keys.ts);
 * - names the one subgraph it is for (`audience`);
 * - single-use: a unique id (`jti`) that the subgraphs remember until it expires (lib/replay-guard.ts);
 * - covers the whole request body as sent, byte for byte (query, variables, operationName,
 *   extensions and any other member), so nothing that changes what the operation means can be altered;
 * - bound to the request id the gateway generated (a client's x-request-id never becomes it);
 * - lives seconds: it is signed right before its one call.
 */
import { createHash, randomUUID, sign as signBytes, verify as verifyBytes } from 'node:crypto';
import { ACTOR_ROLES, PURPOSES, type Actor, type RequestPurpose } from './actor';
import type { GatewaySigningKey, GatewayVerifyKey } from './gateway-keys';
import type { ReplayGuard } from './replay-guard';

export const CALLER_ASSERTION_HEADER = 'x-caller-assertion';
/** Signed right before its one call: long enough for the call to arrive, short enough that a capture is soon useless. */
export const ASSERTION_LIFETIME_MS = 10_000;
/** Clocks of the gateway and a subgraph may disagree by this much. */
export const CLOCK_SKEW_MS = 2_000;
/** The JWS `typ`, so no other token signed by the same key could pass for an assertion. */
export const ASSERTION_TYPE = 'hpf-caller-assertion+jws';
const ALGORITHM = 'EdDSA';

export interface CallerAssertion extends RequestPurpose {
  actor: Actor;
  /** The subgraph this assertion is for, by name. */
  audience: string;
  /** Unique id: accepted once. */
  jti: string;
  /** The request id the gateway generated for the incoming request. */
  requestId: string;
  /** Epoch ms. */
  issuedAt: number;
  expiresAt: number;
  /** operationHash() of the exact request body this assertion accompanies. */
  operationHash: string;
}

/**
 * SHA-256 of a GraphQL request body exactly as it travels: its bytes, every member of it (query,
 * variables, operationName, extensions, anything else). The gateway hashes the text it is about to
 * send, the subgraph the text it received; no parse or re-serialization stands between the body
 * and its hash, so no two bodies share one, and a 50-person list is hashed once, not walked.
 */
export function operationHash(bodyText: string): string {
  return createHash('sha256').update(bodyText, 'utf8').digest('base64url');
}

/** A fresh assertion for one call: a new jti, issued now, expiring in ASSERTION_LIFETIME_MS. */
export function newAssertion(claims: Omit<CallerAssertion, 'jti' | 'issuedAt' | 'expiresAt'>, now = Date.now()): CallerAssertion {
  return { ...claims, jti: randomUUID(), issuedAt: now, expiresAt: now + ASSERTION_LIFETIME_MS };
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** The assertion as a compact JWS (EdDSA), with the signing key's id. */
export function signAssertion(assertion: CallerAssertion, key: GatewaySigningKey): string {
  const signingInput = `${b64(JSON.stringify({ alg: ALGORITHM, typ: ASSERTION_TYPE, kid: key.kid }))}.${b64(JSON.stringify(assertion))}`;
  return `${signingInput}.${signBytes(null, Buffer.from(signingInput), key.privateKey).toString('base64url')}`;
}

export type AssertionVerdict = { ok: true; assertion: CallerAssertion } | { ok: false; reason: string };

export interface AssertionExpectations {
  /** The subgraph checking it. */
  audience: string;
  /** The x-request-id the call carries. */
  requestId: string;
  /** operationHash() of the body received. */
  operationHash: string;
  now?: number;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const parseJson = (part: string): unknown => {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
};
const isString = (value: unknown): value is string => typeof value === 'string';
const isStringOrNull = (value: unknown) => value === null || typeof value === 'string';

function isAssertion(value: unknown): value is CallerAssertion {
  if (typeof value !== 'object' || value === null) return false;
  const a = value as Record<string, unknown>;
  const actor = a.actor as Record<string, unknown> | undefined;
  return (
    typeof actor === 'object' &&
    actor !== null &&
    ACTOR_ROLES.includes(actor.role as never) &&
    isString(actor.subject) &&
    isStringOrNull(actor.personIdNumber) &&
    isStringOrNull(actor.centre) &&
    isStringOrNull(actor.proxyAuthorizationRef) &&
    PURPOSES.includes(a.purpose as never) &&
    isStringOrNull(a.applicationId) &&
    isString(a.audience) &&
    isString(a.jti) &&
    a.jti.length >= 16 &&
    a.jti.length <= 64 &&
    isString(a.requestId) &&
    Number.isSafeInteger(a.issuedAt) &&
    Number.isSafeInteger(a.expiresAt) &&
    isString(a.operationHash)
  );
}

/**
 * Checks an assertion in full, cheapest and most telling first, and consumes its jti last (so
 * refused junk never fills the replay store): signature under a known key, shape, subgraph, time,
 * request, operation, then single use.
 */
export async function verifyAssertion(
  token: string | undefined,
  expected: AssertionExpectations,
  keys: ReadonlyMap<string, GatewayVerifyKey>,
  replayGuard: ReplayGuard,
): Promise<AssertionVerdict> {
  if (!token) return { ok: false, reason: 'no caller assertion' };
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) return { ok: false, reason: 'malformed caller assertion' };
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = parseJson(headerPart) as { alg?: unknown; typ?: unknown; kid?: unknown } | undefined;
  if (!header || header.alg !== ALGORITHM || header.typ !== ASSERTION_TYPE || !isString(header.kid)) return { ok: false, reason: 'malformed caller assertion' };
  const key = keys.get(header.kid);
  if (!key) return { ok: false, reason: 'caller assertion signed with a key this subgraph does not accept' };
  if (!verifyBytes(null, Buffer.from(`${headerPart}.${payloadPart}`), key.publicKey, Buffer.from(signaturePart, 'base64url'))) {
    return { ok: false, reason: 'caller assertion signature invalid' };
  }
  const assertion = parseJson(payloadPart);
  if (!isAssertion(assertion)) return { ok: false, reason: 'malformed caller assertion' };
  if (assertion.audience !== expected.audience) return { ok: false, reason: 'caller assertion is for another subgraph' };
  const now = expected.now ?? Date.now();
  if (assertion.expiresAt + CLOCK_SKEW_MS <= now) return { ok: false, reason: 'caller assertion expired' };
  if (assertion.issuedAt - CLOCK_SKEW_MS > now) return { ok: false, reason: 'caller assertion issued in the future' };
  if (assertion.expiresAt - assertion.issuedAt > ASSERTION_LIFETIME_MS) return { ok: false, reason: 'caller assertion lives longer than allowed' };
  if (assertion.requestId !== expected.requestId) return { ok: false, reason: 'caller assertion belongs to another request' };
  if (assertion.operationHash !== expected.operationHash) return { ok: false, reason: 'caller assertion belongs to another operation' };
  if (!(await replayGuard.firstUse(`${assertion.audience}:${assertion.jti}`, assertion.expiresAt + CLOCK_SKEW_MS))) {
    return { ok: false, reason: 'caller assertion already used' };
  }
  return { ok: true, assertion };
}

/** The verify keys by kid, as verifyAssertion takes them. */
export function verifyKeySet(keys: readonly GatewayVerifyKey[]): ReadonlyMap<string, GatewayVerifyKey> {
  return new Map(keys.map((key) => [key.kid, key]));
}

/** The claims of an assertion without checking it: for tests and diagnostics only, never for trust. */
export function decodeAssertionUnverified(token: string): unknown {
  const payload = token.split('.')[1];
  return payload ? parseJson(payload) : undefined;
}
