/**
 * The base of every agency client: signs each call for the sharing platform, bounds it with a
 * timeout, unwraps the response envelope, and maps agency codes to our error catalogue through
 * one table. Anything unexpected becomes a masked internal error, logged without payloads.
 * Each call is a client span of the request's trace, and carries it (W3C traceparent) to the
 * agency; each is counted and timed by agency, endpoint and outcome (lib/metrics.ts). In the logs
 * `traceId` is our trace, `agencyTraceId` the agency's own serial number (业务流水号).
 * Calls go over the client's own keep-alive connections to its agency (lib/keep-alive-client.ts).
 */
import type { GraphQLError } from 'graphql';
import {
  AGENCY_CODES,
  type AgencyCode,
  type AgencyEnvelope,
  type AgencyName,
  type EndpointPath,
  type EndpointRequest,
  type EndpointResponse,
} from '../../lib/agency-contracts';
import { agencyAuthorizationRequired, agencyUnavailable, internalError } from '../../lib/errors';
import { KeepAliveClient, type KeepAliveReply } from '../../lib/keep-alive-client';
import type { Logger } from '../../lib/logger';
import { agencyCallMetrics, secondsSince, type AgencyCallOutcome } from '../../lib/metrics';
import { inOutgoingSpan, traceHeaders } from '../../lib/tracing';
import { signRequest } from '../../lib/signing';

export interface AgencyClientOptions<A extends AgencyName> {
  agency: A;
  baseUrl: string;
  appId: string;
  appSecret: string;
  timeoutMs: number;
  logger: Logger;
}

/** What a call needs to know about the GraphQL request it serves. */
export interface CallContext {
  requestId: string;
}

/** The answer plus its provenance, kept as evidence of where a value came from. */
export interface AgencyAnswer<T> {
  data: T;
  traceId: string;
  retrievedAt: string;
}

/** How each agency code surfaces to API callers; codes absent here are our own faults. */
const CODE_TO_ERROR: Partial<Record<AgencyCode, (agency: string) => GraphQLError>> = {
  [AGENCY_CODES.UNAVAILABLE]: (agency) => agencyUnavailable(agency, 'FAILING'),
  [AGENCY_CODES.INTERNAL]: (agency) => agencyUnavailable(agency, 'FAILING'),
  [AGENCY_CODES.AUTHORIZATION_REQUIRED]: (agency) => agencyAuthorizationRequired(agency),
};

export class AgencyClient<A extends AgencyName> {
  /** Connections to this agency, kept between calls; an idle one holds no process open. */
  private readonly connections = new KeepAliveClient();

  constructor(private readonly options: AgencyClientOptions<A>) {}

  get agency(): A {
    return this.options.agency;
  }

  call<P extends EndpointPath<A>>(path: P, request: EndpointRequest<A, P>, context: CallContext): Promise<AgencyAnswer<EndpointResponse<A, P>>> {
    const { agency } = this.options;
    return inOutgoingSpan(`agency ${agency} ${path}`, { 'hpf.agency': agency, 'hpf.agency.endpoint': path }, async (span) => {
      const started = performance.now();
      const outcome: { of: AgencyCallOutcome } = { of: 'unreachable' };
      try {
        return await this.send(path, request, context, outcome);
      } finally {
        span.setAttribute('hpf.agency.outcome', outcome.of);
        agencyCallMetrics.total.inc({ agency, endpoint: path, outcome: outcome.of });
        agencyCallMetrics.duration.observe({ agency, outcome: outcome.of }, secondsSince(started));
      }
    });
  }

  private async send<P extends EndpointPath<A>>(
    path: P,
    request: EndpointRequest<A, P>,
    context: CallContext,
    outcome: { of: AgencyCallOutcome },
  ): Promise<AgencyAnswer<EndpointResponse<A, P>>> {
    const { agency, baseUrl, appId, appSecret, timeoutMs, logger } = this.options;
    const body = JSON.stringify(request);
    const started = Date.now();
    let response: KeepAliveReply;
    try {
      response = await this.connections.request(baseUrl + path, {
        headers: {
          'content-type': 'application/json',
          'x-request-id': context.requestId,
          // Not signed: the platform's signature covers method, path and body, and nothing trusts a trace.
          ...traceHeaders(),
          ...signRequest({ method: 'POST', path, body }, { appId, secret: appSecret }),
        },
        body,
        timeoutMs,
      });
    } catch (error) {
      // Checked by name: the abort error is a DOMException, not always an instance of this realm's Error.
      const name = (error as { name?: unknown } | null)?.name;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      outcome.of = timedOut ? 'timeout' : 'unreachable';
      logger.warn('agency call failed', { agency, path, requestId: context.requestId, outcome: timedOut ? 'timeout' : 'unreachable', ms: Date.now() - started });
      throw agencyUnavailable(agency, timedOut ? 'TIMEOUT' : 'DOWN');
    }

    let envelope: AgencyEnvelope<EndpointResponse<A, P>>;
    try {
      envelope = JSON.parse(response.body.toString('utf8')) as AgencyEnvelope<EndpointResponse<A, P>>;
    } catch {
      outcome.of = 'bad_envelope';
      logger.warn('agency answered without an envelope', { agency, path, requestId: context.requestId, status: response.status });
      throw agencyUnavailable(agency, 'FAILING');
    }

    if (envelope.code === AGENCY_CODES.OK && envelope.data !== undefined) {
      outcome.of = 'ok';
      logger.debug('agency call', { agency, path, requestId: context.requestId, agencyTraceId: envelope.traceId, ms: Date.now() - started });
      return { data: envelope.data, traceId: envelope.traceId, retrievedAt: new Date().toISOString() };
    }
    outcome.of = 'refused';
    logger.warn('agency refused a call', { agency, path, requestId: context.requestId, code: envelope.code, agencyTraceId: envelope.traceId });
    const mapped = CODE_TO_ERROR[envelope.code];
    throw mapped ? mapped(agency) : internalError();
  }
}
