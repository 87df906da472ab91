/**
 * The gateway's observability: its requests logged and counted by registered operation name
 * (lib/request-report.ts), and the process's metrics at GET /metrics for operators only. Counts
 * and operation names are not personal, but they tell how the platform is used and built, so the
 * scrape is answered to whoever may see health details (gateway/plugins/health.ts): the
 * HEALTH_DETAILS_TOKEN in x-health-token, or an AUDITOR token. Traces go with every subgraph
 * fetch (gateway/plugins/upstream.ts).
 */
import type http from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Route } from '../../lib/apollo-http';
import { sendJson } from '../../lib/http';
import { writeMetrics } from '../../lib/metrics';
import { operationFactsPlugin } from '../../lib/operation-facts';
import { operationLabeller, registeredOperationNames } from '../../lib/operation-names';
import type { RequestReporting } from '../../lib/request-report';
import type { GatewayContext } from '../context';
import type { GatewayFeature } from '../feature';

export const METRICS_PATH = '/metrics';

export interface ObservabilityOptions {
  /** Who may scrape /metrics: healthOperator() of the health plugin. */
  isOperator: (request: http.IncomingMessage) => Promise<boolean>;
  /** The trusted-document manifests whose operation names are labels; schema/trusted-documents unless told. */
  manifestDir?: string;
}

export interface Observability extends GatewayFeature<GatewayContext> {
  plugins: ApolloServerPlugin<GatewayContext>[];
  routes: Record<string, Route>;
  /** For the HTTP handler (createGraphQLHttpServer's `reporting`): how the gateway's requests are logged and counted. */
  reporting: RequestReporting<GatewayContext>;
}

export function useObservability({ isOperator, manifestDir }: ObservabilityOptions): Observability {
  return {
    name: 'observability',
    plugins: [operationFactsPlugin<GatewayContext>()],
    reporting: { service: 'gateway', operationLabel: operationLabeller(registeredOperationNames(manifestDir)), callerRoleOf: (context) => context.actor.role },
    routes: {
      [`GET ${METRICS_PATH}`]: async (request, response) => {
        if (!(await isOperator(request))) {
          return sendJson(response, 401, { errors: [{ message: 'Metrics are for operators: x-health-token or an AUDITOR token.', extensions: { code: 'UNAUTHENTICATED' } }] });
        }
        await writeMetrics(response);
      },
    },
  };
}
