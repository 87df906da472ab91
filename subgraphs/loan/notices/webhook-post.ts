/**
 * One POST of a notice to a centre's webhook, to the address the name resolved to when it was
 * checked: in production an address inside the platform's network (loopback, private, link-local,
 * metadata) is refused however the name got there, and the connection goes to the checked address
 * only (no second look-up a DNS rebinding could answer differently). Redirects are not followed.
 */
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { RunMode } from '../../../lib/config';
import { isInternalAddress } from '../../../lib/webhook-signing';

/** The name resolves to an address no notice may go to. */
export class InternalAddressRefused extends Error {
  constructor() {
    super('the webhook host resolves to an internal address');
    this.name = 'InternalAddressRefused';
  }
}

/** Sends the body; resolves with the HTTP status (a 3xx is an answer, not a hop). */
export async function postWebhook(rawUrl: string, body: string, headers: Record<string, string>, options: { timeoutMs: number; mode: RunMode }): Promise<number> {
  const url = new URL(rawUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true });
  if (addresses.length === 0 || (options.mode === 'production' && addresses.some((entry) => isInternalAddress(entry.address)))) throw new InternalAddressRefused();
  const pinned = addresses[0]!;
  const pinnedLookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<number>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinnedLookup,
        signal: AbortSignal.timeout(options.timeoutMs),
        // The certificate is checked against the name, not the pinned address.
        ...(url.protocol === 'https:' && isIP(host) === 0 ? { servername: host } : {}),
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
