/**
 * What every HTTP server of the system (gateway and subgraphs, through lib/apollo-http.ts) does
 * against slow or hostile clients: how long a connection may take to send its headers and its
 * body, how long an idle keep-alive connection stays open, and the headers every reply carries.
 * Kept apart from apollo-http.ts so the configuration can name the defaults without loading Apollo.
 */

export interface HttpTimeouts {
  /** A request's headers must have arrived this long after its first byte (node:http headersTimeout); slower is cut off with 408. */
  headersMs: number;
  /** Its body must have been read this long after its headers (our body reader; 408 REQUEST_TIMEOUT). */
  bodyMs: number;
  /** An idle keep-alive connection is closed after this long (node:http keepAliveTimeout). */
  keepAliveMs: number;
}

/**
 * Generous for any honest client (a 256 KiB body in 10 s is 26 KB/s), short enough that a
 * connection dripping bytes (slowloris) is gone in seconds instead of holding a socket for
 * node's default five minutes. Keep-alive stays at node's 5 s: behind a load balancer, set it
 * above the balancer's idle timeout (60 s on most), or the balancer reuses closed connections.
 */
export const DEFAULT_HTTP_TIMEOUTS: Readonly<HttpTimeouts> = Object.freeze({ headersMs: 10_000, bodyMs: 10_000, keepAliveMs: 5_000 });

/**
 * On every reply of every process. No reply is a page to frame or sniff: JSON is JSON
 * (nosniff), nothing may embed it (frame-ancestors 'none', and X-Frame-Options for old
 * browsers), a JSON reply loads nothing (default-src 'none'), links leak no URL (no-referrer),
 * and personal data is never kept by a browser or a proxy cache (no-store). The IDE page
 * replaces the CSP with its own; Apollo may set its own cache-control on a cacheable reply.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
});

/** HSTS, sent only when the client reached us over TLS (see gateway/plugins/client-address.ts). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';
