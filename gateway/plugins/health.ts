/**
 * Liveness says the gateway process answers; readiness says it can serve the graph: every
 * subgraph answers its own liveness probe within a short timeout. Load balancers and
 * orchestrators read the status code (200 or 503) and get nothing more: which subgraph is down,
 * and so how the platform is built, is for operators. An operator sees each subgraph's state with
 * an AUDITOR token, or with the HEALTH_DETAILS_TOKEN secret sent as `x-health-token` (for a
 * monitoring system that should hold no user token).
 *
 * Probes are shared: requests within PROBE_REUSE_MS of a probe get its answer, so a flood of
 * readiness requests does not become nine times as many subgraph calls.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import type { Route } from '../../lib/apollo-http';
import { headerValue, sendJson } from '../../lib/http';
import type { Authenticator } from './authentication';

/** A subgraph slower than this to answer a probe counts as down for readiness. */
export const READINESS_PROBE_TIMEOUT_MS = 1000;
/** A probe's answer serves the readiness requests that come within this long. */
export const PROBE_REUSE_MS = 1000;
export const HEALTH_TOKEN_HEADER = 'x-health-token';

export interface HealthOptions {
  /** Whether this request comes from an operator, who may see per-subgraph details. */
  isOperator: (request: http.IncomingMessage) => Promise<boolean>;
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

export function healthRoutes(subgraphUrls: Readonly<Record<string, string>>, options: HealthOptions): Record<string, Route> {
  const probeAll = async (): Promise<Array<readonly [string, 'up' | 'down']>> =>
    Promise.all(
      Object.entries(subgraphUrls).map(async ([name, url]) => {
        try {
          const probe = await fetch(new URL('/health/live', url), { signal: AbortSignal.timeout(READINESS_PROBE_TIMEOUT_MS) });
          return [name, probe.ok ? 'up' : 'down'] as const;
        } catch {
          return [name, 'down'] as const;
        }
      }),
    );
  let last: { at: number; states: Promise<Array<readonly [string, 'up' | 'down']>> } | null = null;
  const states = () => {
    const now = Date.now();
    if (!last || now - last.at >= PROBE_REUSE_MS) last = { at: now, states: probeAll() };
    return last.states;
  };

  return {
    'GET /health/live': (_request, response) => sendJson(response, 200, { status: 'ok' }),
    'GET /health/ready': async (request, response) => {
      const [probed, operator] = await Promise.all([states(), options.isOperator(request)]);
      const ready = probed.every(([, state]) => state === 'up');
      const status = ready ? 'ready' : 'not-ready';
      sendJson(response, ready ? 200 : 503, operator ? { status, subgraphs: Object.fromEntries(probed) } : { status });
    },
  };
}
