/**
 * Request signing for the provincial data-sharing platform (省数据共享平台): the caller proves its
 * app id with an HMAC over one canonical form of method, path, timestamp and body. The agency
 * simulators verify with this same module, so signer and verifier cannot drift.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { hmacKey } from './hmac-key';

export const SIGNATURE_HEADERS = {
  appId: 'x-app-id',
  timestamp: 'x-timestamp',
  signature: 'x-signature',
} as const;

/** How far a timestamp may be from the verifier's clock; wider lets a replay through. */
export const DEFAULT_MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface SignableRequest {
  method: string;
  path: string;
  body: string;
}

function canonicalForm(request: SignableRequest, timestamp: string): string {
  const bodyHash = createHash('sha256').update(request.body).digest('hex');
  return [request.method.toUpperCase(), request.path, timestamp, bodyHash].join('\n');
}

function hmac(secret: string, text: string): string {
  return createHmac('sha256', hmacKey(secret)).update(text).digest('base64url');
}

export function signRequest(
  request: SignableRequest,
  credentials: { appId: string; secret: string },
  now: number = Date.now(),
): Record<string, string> {
  const timestamp = String(now);
  return {
    [SIGNATURE_HEADERS.appId]: credentials.appId,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.signature]: hmac(credentials.secret, canonicalForm(request, timestamp)),
  };
}

export type SignatureVerdict =
  | { ok: true; appId: string }
  | { ok: false; reason: 'MISSING' | 'UNKNOWN_APP' | 'STALE' | 'MISMATCH' };

export function verifyRequest(
  request: SignableRequest,
  headers: Record<string, string | undefined>,
  secretsByAppId: ReadonlyMap<string, string>,
  options: { now?: number; maxClockSkewMs?: number } = {},
): SignatureVerdict {
  const appId = headers[SIGNATURE_HEADERS.appId];
  const timestamp = headers[SIGNATURE_HEADERS.timestamp];
  const signature = headers[SIGNATURE_HEADERS.signature];
  if (!appId || !timestamp || !signature) return { ok: false, reason: 'MISSING' };
  const secret = secretsByAppId.get(appId);
  if (secret === undefined) return { ok: false, reason: 'UNKNOWN_APP' };
  const skew = Math.abs((options.now ?? Date.now()) - Number(timestamp));
  if (!Number.isFinite(skew) || skew > (options.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS)) {
    return { ok: false, reason: 'STALE' };
  }
  const expected = Buffer.from(hmac(secret, canonicalForm(request, timestamp)));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'MISMATCH' };
  return { ok: true, appId };
}
