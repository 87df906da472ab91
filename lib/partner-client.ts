/**
 * The loan engine's calls to the partner systems it instructs (the entrusted bank, the 12329 SMS
 * platform: lib/partner-contracts.ts): signed as the sharing platform signs (lib/signing.ts),
 * bounded by a timeout, the envelope unwrapped. Not the agency client of the subgraphs: nothing
 * here answers a GraphQL request, so a failure is a typed error for the workflow to retry or
 * give up on, never an API error. Payloads are never logged.
 */
import { randomUUID } from 'node:crypto';
import { AGENCY_CODES, type AgencyEnvelope } from './agency-contracts';
import type { PartnerName, SystemPath, SystemRequest, SystemResponse } from './partner-contracts';
import { signRequest } from './signing';
import { traceHeaders } from './tracing';

export interface PartnerClientOptions {
  baseUrl: string;
  appId: string;
  appSecret: string;
  timeoutMs: number;
}

/**
 * A call that did not succeed. UNAVAILABLE: no answer, a timeout, or the partner saying it is
 * unavailable — worth trying again. REFUSED: the partner answered with a refusal code (`code`) —
 * the same call will be refused again.
 */
export class PartnerCallError extends Error {
  constructor(
    readonly partner: PartnerName,
    readonly kind: 'UNAVAILABLE' | 'REFUSED',
    /** The envelope's code, or TIMEOUT / UNREACHABLE / BAD_ENVELOPE. */
    readonly code: string,
  ) {
    super(`${partner} ${kind === 'UNAVAILABLE' ? 'unavailable' : 'refused the call'} (${code})`);
    this.name = 'PartnerCallError';
  }
}

const RETRYABLE: ReadonlySet<string> = new Set([AGENCY_CODES.UNAVAILABLE, AGENCY_CODES.INTERNAL]);

export interface PartnerClient<P extends PartnerName> {
  call<Path extends SystemPath<P>>(path: Path, request: SystemRequest<P, Path>): Promise<{ data: SystemResponse<P, Path>; traceId: string }>;
}

export function createPartnerClient<P extends PartnerName>(partner: P, options: PartnerClientOptions): PartnerClient<P> {
  return {
    async call(path, request) {
      const body = JSON.stringify(request);
      let response: Response;
      try {
        response = await fetch(options.baseUrl + path, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-request-id': randomUUID(),
            ...traceHeaders(),
            ...signRequest({ method: 'POST', path, body }, { appId: options.appId, secret: options.appSecret }),
          },
          body,
          redirect: 'error',
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        const name = (error as { name?: unknown } | null)?.name;
        throw new PartnerCallError(partner, 'UNAVAILABLE', name === 'TimeoutError' || name === 'AbortError' ? 'TIMEOUT' : 'UNREACHABLE');
      }
      let envelope: AgencyEnvelope<SystemResponse<P, typeof path>>;
      try {
        envelope = (await response.json()) as AgencyEnvelope<SystemResponse<P, typeof path>>;
      } catch {
        throw new PartnerCallError(partner, 'UNAVAILABLE', 'BAD_ENVELOPE');
      }
      if (envelope.code === AGENCY_CODES.OK && envelope.data !== undefined) return { data: envelope.data, traceId: envelope.traceId };
      throw new PartnerCallError(partner, RETRYABLE.has(envelope.code) ? 'UNAVAILABLE' : 'REFUSED', envelope.code);
    },
  };
}
