/**
 * A subgraph's health: live says the process answers; ready says it can serve, which for every
 * subgraph means its storage answers (each one writes the access record, and reads cases and
 * consents there). The gateway reads a subgraph's readiness to report it; orchestrators read the
 * status code.
 */
import type { Route } from '../../lib/apollo-http';
import { sendJson } from '../../lib/http';
import { reusedProbe } from '../../lib/reused-probe';
import type { SubgraphName } from '../../schema/subgraphs';
import type { Storage } from '../../storage/types';

/** A database slower than this to answer `SELECT 1` counts as unreachable. */
export const STORAGE_PROBE_TIMEOUT_MS = 1000;
/** A ping's answer serves the readiness requests that come within this long. */
export const STORAGE_PROBE_REUSE_MS = 1000;

export function subgraphHealthRoutes(subgraph: SubgraphName, storage: Pick<Storage, 'ping'>): Record<string, Route> {
  const storageUp = reusedProbe(() => storage.ping(STORAGE_PROBE_TIMEOUT_MS), STORAGE_PROBE_REUSE_MS);
  return {
    'GET /health/live': (_request, response) => sendJson(response, 200, { status: 'ok', subgraph }),
    'GET /health/ready': async (_request, response) => {
      const up = await storageUp();
      sendJson(response, up ? 200 : 503, { status: up ? 'ready' : 'not-ready', subgraph, storage: up ? 'up' : 'down' });
    },
  };
}
