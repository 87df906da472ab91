/**
 * Notice webhooks (subgraphs/loan/notices/): how a payload is signed, how the receiving centre's
 * system verifies it, and which URLs may be registered — in one module, so the two sides cannot
 * drift. The signature is HMAC-SHA256 over "<timestamp>.<notice id>.<body>" with the webhook's own secret
 * (the id is signed too: a receiver dedupes by it, so a replay may not change it); a
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

const mac = (secret: string, timestamp: string, noticeId: string, body: string) => createHmac('sha256', secret).update(`${timestamp}.${noticeId}.${body}`).digest('hex');

export function signWebhook(body: string, secret: string, noticeId: string, now: number = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  return { [WEBHOOK_HEADERS.noticeId]: noticeId, [WEBHOOK_HEADERS.timestamp]: timestamp, [WEBHOOK_HEADERS.signature]: `v1=${mac(secret, timestamp, noticeId, body)}` };
}

/** What a receiver checks: the signature over this exact body and notice id, and a timestamp within tolerance. */
export function verifyWebhook(body: string, headers: Record<string, string | undefined>, secret: string, now: number = Date.now()): { ok: true; noticeId: string } | { ok: false; reason: 'MISSING' | 'STALE' | 'MISMATCH' } {
  const noticeId = headers[WEBHOOK_HEADERS.noticeId];
  const timestamp = headers[WEBHOOK_HEADERS.timestamp];
  const signature = headers[WEBHOOK_HEADERS.signature];
  if (!noticeId || !timestamp || !signature?.startsWith('v1=')) return { ok: false, reason: 'MISSING' };
  if (!/^\d+$/.test(timestamp) || Math.abs(now - Number(timestamp) * 1000) > WEBHOOK_TOLERANCE_MS) return { ok: false, reason: 'STALE' };
  const expected = Buffer.from(mac(secret, timestamp, noticeId, body));
  const given = Buffer.from(signature.slice(3));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'MISMATCH' };
  return { ok: true, noticeId };
}

/**
 * Whether an address is one the platform's own network could hide behind: loopback, private
 * (RFC 1918, ULA), link-local (cloud metadata), CGNAT, unspecified, or an IPv4-mapped form of one.
 */
export function isInternalAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped) return isInternalAddress(mapped[1]!);
  // The same, as a URL writes it: ::ffff:a00:1 is 10.0.0.1.
  const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(bare);
  if (mappedHex) {
    const [high, low] = [parseInt(mappedHex[1]!, 16), parseInt(mappedHex[2]!, 16)];
    return isInternalAddress(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  if (isIP(bare) === 4) {
    const [a, b] = bare.split('.').map(Number) as [number, number];
    return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224;
  }
  if (isIP(bare) === 6) return bare === '::' || bare === '::1' || /^f[cd]/.test(bare) || /^fe[89ab]/.test(bare) || bare.startsWith('ff');
  return false;
}

/** Names that only mean something inside a network: never a centre's public endpoint. */
const INTERNAL_NAME = /(^localhost$|\.localhost$|\.local$|\.internal$|\.intranet$|\.lan$|\.svc$|\.cluster\.local$|^[^.]+$)/i;

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
  if (url.protocol === 'https:') {
    // In production a notice goes to a centre's public endpoint only (the dispatcher checks what the name resolves to as well).
    if (mode === 'production' && (isInternalAddress(url.hostname) || (isIP(url.hostname.replace(/^\[|\]$/g, '')) === 0 && INTERNAL_NAME.test(url.hostname)))) {
      return 'must name a public host, not an internal address or name';
    }
    return null;
  }
  if (url.protocol === 'http:' && mode !== 'production' && isLoopback(url.hostname)) return null;
  return mode === 'production' ? 'must use https' : 'must use https (or http to a loopback address, in development and test)';
}
