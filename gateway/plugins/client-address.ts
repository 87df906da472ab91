/**
 * Who is on the other end of a connection, as far as the gateway can know it: the peer's address,
 * or — only when the peer is a reverse proxy named in TRUSTED_PROXIES — the address that proxy
 * says it forwarded for (the last X-Forwarded-For hop that is not itself a trusted proxy), and
 * whether the client spoke TLS to it (X-Forwarded-Proto). Anyone else's X-Forwarded-* is ignored:
 * believing it would let every client pick its own address, and so its own rate limit.
 *
 * Two gateway features read it: useClientAddress fills the context's `client` once per request
 * (caller limits count by its address), and useStrictTransportSecurity sends HSTS to TLS clients.
 */
import type http from 'node:http';
import type { BaseContext } from '@apollo/server';
import { STRICT_TRANSPORT_SECURITY } from '../../lib/http-hardening';
import type { GatewayContext } from '../context';
import type { GatewayFeature } from '../feature';

export interface ClientOrigin {
  /** The client's IP address ('unknown' when the socket has none, e.g. already closed). */
  address: string;
  /** Whether the client reached us over TLS: directly, or through a trusted proxy that says so. */
  tls: boolean;
}

/** IPv4 clients of a dual-stack socket show as ::ffff:a.b.c.d; one client, one address. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().toLowerCase();
  return trimmed.startsWith('::ffff:') && trimmed.includes('.') ? trimmed.slice('::ffff:'.length) : trimmed;
}

export function clientOriginOf(request: http.IncomingMessage, trustedProxies: readonly string[]): ClientOrigin {
  const peer = normalizeAddress(request.socket.remoteAddress ?? 'unknown');
  const directTls = Boolean((request.socket as { encrypted?: boolean }).encrypted);
  const trusted = new Set(trustedProxies.map(normalizeAddress));
  if (!trusted.has(peer)) return { address: peer, tls: directTls };

  const forwardedFor = request.headers['x-forwarded-for'];
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map(normalizeAddress)
    .filter((hop) => hop !== '');
  // Right to left: each trusted proxy appended the address it saw; the first one that is not a
  // trusted proxy is the client (anything left of it was written by the client itself).
  let address = peer;
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    address = hops[i]!;
    if (!trusted.has(address)) break;
  }
  const proto = request.headers['x-forwarded-proto'];
  const firstProto = (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim().toLowerCase();
  return { address, tls: directTls || firstProto === 'https' };
}

export interface ClientAddressOptions {
  /** TRUSTED_PROXIES: the reverse proxies whose X-Forwarded-For and -Proto are believed. Default: none (the peer is the client). */
  trustedProxies?: readonly string[];
}

/** The client's origin as a gateway feature: the context's `client`, read once for every feature after it. */
export function useClientAddress({ trustedProxies = [] }: ClientAddressOptions = {}): GatewayFeature<GatewayContext> {
  const proxies = Object.freeze([...trustedProxies]);
  return { name: 'client-address', context: { provides: ['client'], build: (request) => ({ client: clientOriginOf(request, proxies) }) } };
}

export interface TransportSecurityOptions {
  /** BEHIND_TLS: TLS is terminated in front of the gateway for every client. Default: false. */
  behindTls?: boolean;
  /** TRUSTED_PROXIES: whose X-Forwarded-Proto says the client came over TLS. Default: none. */
  trustedProxies?: readonly string[];
}

/** HSTS as a gateway feature: only on replies to a client that came over TLS (a browser ignores it otherwise, and plain HTTP must stay reachable). */
export function useStrictTransportSecurity<Context extends BaseContext>({ behindTls = false, trustedProxies = [] }: TransportSecurityOptions): GatewayFeature<Context> {
  return {
    name: 'strict-transport-security',
    responseHeaders: (request): Record<string, string> =>
      behindTls || clientOriginOf(request, trustedProxies).tls ? { 'strict-transport-security': STRICT_TRANSPORT_SECURITY } : {},
  };
}
