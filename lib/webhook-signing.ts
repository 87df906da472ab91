/**
 * Notice webhooks (subgraphs/loan/notices/): how a payload is signed, how the receiving centre's
 * system verifies it, and which URLs may be registered — in one module, so the two sides cannot
 * drift. The signature is HMAC-SHA256 over "<timestamp>.<body>" with the webhook's own secret; a
 * receiver refuses a timestamp outside its tolerance (a replay) and drops a notice id it has seen
 * (a redelivery: delivery is at least once, never exactly once).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { RunMode } from './config';

export const WEBHOOK_HEADERS = {
  /** The notice's id: the receiver's idempotency key. */
  noticeId: 'x-hpf-notice-id',
  timestamp: 'x-hpf-timestamp',
  /** "v1=" and the hex HMAC. */
  signature: 'x-hpf-signature',
} as const;

/** How far a receiver should accept a timestamp from its clock. */
export const WEBHOOK_TOLERANCE_MS = 5 * 60 * 1000;

/** A fresh secret for a registered webhook: 32 random bytes, base64url. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

const mac = (secret: string, timestamp: string, body: string) => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

export function signWebhook(body: string, secret: string, noticeId: string, now: number = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  return { [WEBHOOK_HEADERS.noticeId]: noticeId, [WEBHOOK_HEADERS.timestamp]: timestamp, [WEBHOOK_HEADERS.signature]: `v1=${mac(secret, timestamp, body)}` };
}

/** What a receiver checks: the signature over this exact body, and a timestamp within tolerance. */
export function verifyWebhook(body: string, headers: Record<string, string | undefined>, secret: string, now: number = Date.now()): { ok: true; noticeId: string } | { ok: false; reason: 'MISSING' | 'STALE' | 'MISMATCH' } {
  const noticeId = headers[WEBHOOK_HEADERS.noticeId];
  const timestamp = headers[WEBHOOK_HEADERS.timestamp];
  const signature = headers[WEBHOOK_HEADERS.signature];
  if (!noticeId || !timestamp || !signature?.startsWith('v1=')) return { ok: false, reason: 'MISSING' };
  if (!/^\d+$/.test(timestamp) || Math.abs(now - Number(timestamp) * 1000) > WEBHOOK_TOLERANCE_MS) return { ok: false, reason: 'STALE' };
  const expected = Buffer.from(mac(secret, timestamp, body));
  const given = Buffer.from(signature.slice(3));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'MISMATCH' };
  return { ok: true, noticeId };
}

const isLoopback = (host: string): boolean => {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return isIP(bare) === 6 && bare === '::1';
};

/**
 * Why this URL may not receive notices, or null when it may: https always; plain http only to this
 * machine's loopback, and only in development and test. No credentials in it, no fragment.
 * The dispatcher asks again before every delivery, so a URL stored under other rules is never called.
 */
export function webhookUrlProblem(raw: string, mode: RunMode): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  if (raw.length > 2048) return 'is longer than 2048 characters';
  if (url.username || url.password) return 'must not carry credentials';
  if (url.hash) return 'must not have a fragment';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && mode !== 'production' && isLoopback(url.hostname)) return null;
  return mode === 'production' ? 'must use https' : 'must use https (or http to a loopback address, in development and test)';
}
