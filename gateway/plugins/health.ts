/**
 * Liveness says the gateway process answers; readiness says it can serve the graph: every
 * subgraph answers its own liveness probe within a short timeout. The body names each subgraph's
 * state, so an operator sees which one is missing.
 */
import type { Route } from '../../lib/apollo-http';
import { sendJson } from '../../lib/http';

/** A subgraph slower than this to answer a probe counts as down for readiness. */
export const READINESS_PROBE_TIMEOUT_MS = 1000;

export function healthRoutes(subgraphUrls: Readonly<Record<string, string>>): Record<string, Route> {
  return {
    'GET /health/live': (_request, response) => sendJson(response, 200, { status: 'ok' }),
    'GET /health/ready': async (_request, response) => {
      const states = await Promise.all(
        Object.entries(subgraphUrls).map(async ([name, url]) => {
          try {
            const probe = await fetch(new URL('/health/live', url), { signal: AbortSignal.timeout(READINESS_PROBE_TIMEOUT_MS) });
            return [name, probe.ok ? 'up' : 'down'] as const;
          } catch {
            return [name, 'down'] as const;
          }
        }),
      );
      const ready = states.every(([, state]) => state === 'up');
      sendJson(response, ready ? 200 : 503, { status: ready ? 'ready' : 'not-ready', subgraphs: Object.fromEntries(states) });
    },
  };
}
