/**
 * Liveness says the gateway process answers; readiness says it can serve: its schema is loaded.
 * A subgraph that is down does not make the gateway unready: the design is a partial answer (that
 * subgraph's fields null, coded SUBGRAPH_UNAVAILABLE), and taking every gateway replica out of the
 * load balancer for one agency's outage would turn a partial answer into none. Each subgraph's
 * readiness (its storage) is its own /health/ready.
 *
 * Load balancers and orchestrators read the status code (200 or 503) and get nothing more: which
 * subgraph is down, and so how the platform is built, is for operators. An operator sees each
 * subgraph's state (up, not-ready, down) with an AUDITOR token, or with the HEALTH_DETAILS_TOKEN
 * secret sent as `x-health-token` (for a monitoring system that should hold no user token).
 *
 * Probes are shared: requests within PROBE_REUSE_MS of a probe get its answer, so a flood of
 * readiness requests does not become nine times as many subgraph calls.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import type { Route } from '../../lib/apollo-http';
import { headerValue, sendJson } from '../../lib/http';
import { reusedProbe } from '../../lib/reused-probe';
import type { Authenticator } from './authentication';
import type { BaseContext } from '@apollo/server';
import type { GatewayFeature } from '../feature';

/** A subgraph slower than this to answer a probe counts as down. */
export const READINESS_PROBE_TIMEOUT_MS = 1000;
/** A probe's answer serves the readiness requests that come within this long. */
export const PROBE_REUSE_MS = 1000;
export const HEALTH_TOKEN_HEADER = 'x-health-token';

export interface HealthOptions {
  /** Whether this request comes from an operator, who may see per-subgraph details. */
  isOperator: (request: http.IncomingMessage) => Promise<boolean>;
  /** Whether the gateway has its schema (the supergraph) loaded, and so can plan queries. */
  schemaLoaded: () => boolean;
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** An operator: the HEALTH_DETAILS_TOKEN (when one is configured) in x-health-token, or a valid AUDITOR token. */
export function healthOperator(authenticate: Authenticator, detailsToken: string | null): HealthOptions['isOperator'] {
  return async (request) => {
    const given = headerValue(request, HEALTH_TOKEN_HEADER);
    if (detailsToken && given && sameSecret(given, detailsToken)) return true;
    if (!request.headers.authorization) return false;
    try {
      return (await authenticate(request)).role === 'AUDITOR';
    } catch {
      return false; // a bad token sees what anyone sees: the status
    }
  };
}

/** A subgraph's state as the gateway sees it: ready, answering but not ready (its storage is away), or not answering. */
export type SubgraphState = 'up' | 'not-ready' | 'down';

export interface SubgraphHealth {
  /** Each subgraph's state, from a probe shared by the callers within PROBE_REUSE_MS (metrics read it too). */
  subgraphStates(): Promise<Readonly<Record<string, SubgraphState>>>;
  routes: Record<string, Route>;
}

async function probe(url: string): Promise<SubgraphState> {
  try {
    const reply = await fetch(new URL('/health/ready', url), { signal: AbortSignal.timeout(READINESS_PROBE_TIMEOUT_MS) });
    await reply.body?.cancel();
    if (reply.ok) return 'up';
    return reply.status === 503 ? 'not-ready' : 'down';
  } catch {
    return 'down';
  }
}

export function subgraphHealth(subgraphUrls: Readonly<Record<string, string>>, options: HealthOptions): SubgraphHealth {
  const subgraphStates = reusedProbe(
    async () => Object.fromEntries(await Promise.all(Object.entries(subgraphUrls).map(async ([name, url]) => [name, await probe(url)] as const))),
    PROBE_REUSE_MS,
  );
  return {
    subgraphStates,
    routes: {
      'GET /health/live': (_request, response) => sendJson(response, 200, { status: 'ok' }),
      'GET /health/ready': async (request, response) => {
        const ready = options.schemaLoaded();
        const status = ready ? 'ready' : 'not-ready';
        // Anyone gets the status; the subgraphs' states, and so how the platform is built, only an operator.
        const body = (await options.isOperator(request)) ? { status, subgraphs: await subgraphStates() } : { status };
        sendJson(response, ready ? 200 : 503, body);
      },
    },
  };
}

export interface UseHealthOptions extends HealthOptions {
  /** Where each subgraph is reached (its GraphQL URL; /health/ready is probed beside it). */
  subgraphUrls: Readonly<Record<string, string>>;
}

/** Health as a gateway feature; `subgraphStates` is there for metrics (a gauge per subgraph). */
export function useHealth<Context extends BaseContext>({ subgraphUrls, ...options }: UseHealthOptions): GatewayFeature<Context> & Pick<SubgraphHealth, 'subgraphStates'> {
  const health = subgraphHealth(subgraphUrls, options);
  return { name: 'health', routes: health.routes, subgraphStates: health.subgraphStates };
}
