/**
 * The gateway: Apollo Gateway over the committed static supergraph, on Apollo Server 5, served by
 * the shared HTTP handler with the gateway's plugins (upstream headers, health, IDE). Built here,
 * listened elsewhere.
 */
import fs from 'node:fs';
import type http from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { createGraphQLHttpServer } from '../lib/apollo-http';
import type { Config } from '../lib/config';
import { createErrorFormatter } from '../lib/format-error';
import type { Logger } from '../lib/logger';
import { SUPERGRAPH_PATH } from '../schema/subgraphs';
import type { GatewayContext } from './context';
import { healthRoutes } from './plugins/health';
import { ideRoutes } from './plugins/ide';
import { createAuthenticator } from './plugins/authentication';
import { requestPurposeOf } from './plugins/purpose';
import { SubgraphDataSource, propagatedHeadersOf } from './plugins/upstream';

export interface GatewayDependencies {
  config: Readonly<Config>;
  logger: Logger;
  /** Where each subgraph is reached; defaults to the configuration. */
  subgraphUrls?: Readonly<Record<string, string>>;
}

export interface BuiltGateway {
  server: http.Server;
  stop(): Promise<void>;
}

const GRAPHQL_PATH = '/graphql';

export async function buildGateway({ config, logger: parentLogger, subgraphUrls = config.subgraphUrls }: GatewayDependencies): Promise<BuiltGateway> {
  // Since 2.14 the gateway reports usage to Apollo unless this is set. A government system must
  // never call anywhere it was not configured to, so the gateway sets it itself, whatever the environment says.
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const logger = parentLogger.child({ component: 'gateway' });

  const authenticate = await createAuthenticator(config);
  const gateway = new ApolloGateway({
    supergraphSdl: fs.readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name }) => {
      const url = subgraphUrls[name];
      if (!url) throw new Error(`no URL configured for subgraph "${name}"`);
      return new SubgraphDataSource(name, url, config.internalTrustSecret);
    },
    logger: { debug: () => undefined, info: (m) => logger.info(String(m)), warn: (m) => logger.warn(String(m)), error: (m) => logger.error(String(m)) },
  });

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(logger),
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled()],
  });
  await apollo.start();

  const server = createGraphQLHttpServer<GatewayContext>({
    apollo,
    graphqlPath: GRAPHQL_PATH,
    maxRequestBytes: config.maxRequestBytes,
    logger,
    context: async (request, requestId) => {
      const actor = await authenticate(request);
      return { requestId, actor, ...requestPurposeOf(request, actor), propagatedHeaders: propagatedHeadersOf(request) };
    },
    routes: { ...healthRoutes(subgraphUrls), ...ideRoutes(GRAPHQL_PATH) },
  });

  return { server, stop: () => apollo.stop() };
}
