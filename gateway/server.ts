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
import { createRedisCache } from '../lib/redis-cache';
import { derivedGatewayKey } from '../lib/gateway-keys';
import { ConfigError, type Config } from '../lib/config';
import { createErrorFormatter } from '../lib/format-error';
import { retryableStoragePlugin } from '../lib/storage-unavailable';
import type { Logger } from '../lib/logger';
import { SUPERGRAPH_PATH } from '../schema/subgraphs';
import type { GatewayContext } from './context';
import { cors } from './plugins/cors';
import { healthOperator, subgraphHealth } from './plugins/health';
import { enforceScalars } from './plugins/scalars';
import { ideRoutes } from './plugins/ide';
import { createAuthenticator } from './plugins/authentication';
import { requestPurposeOf } from './plugins/purpose';
import { queryLimits, resolveQueryLimits } from './plugins/limits';
import { callerLimits } from './plugins/rate-limits';
import { clientOriginOf } from './plugins/client-address';
import { noSuggestions } from './plugins/suggestions';
import { STRICT_TRANSPORT_SECURITY } from '../lib/http-hardening';
import { createMemoryRateLimitStore } from '../lib/rate-limit-store';
import { createRedisRateLimitStore } from '../lib/redis-rate-limits';
import { TRUSTED_DOCUMENTS_DIR, trustedDocuments, verifiedPersistedQueries } from './plugins/trusted-documents';
import { SubgraphDataSource, propagatedHeadersOf } from './plugins/upstream';

export interface GatewayDependencies {
  config: Readonly<Config>;
  logger: Logger;
  /** Where each subgraph is reached; defaults to the configuration. */
  subgraphUrls?: Readonly<Record<string, string>>;
  /** Where the clients' trusted-document manifests are read; schema/trusted-documents unless told. */
  trustedDocumentsDir?: string;
}

export interface BuiltGateway {
  server: http.Server;
  stop(): Promise<void>;
}

const GRAPHQL_PATH = '/graphql';

export async function buildGateway({ config, logger: parentLogger, subgraphUrls = config.subgraphUrls, trustedDocumentsDir = TRUSTED_DOCUMENTS_DIR }: GatewayDependencies): Promise<BuiltGateway> {
  // Since 2.14 the gateway reports usage to Apollo unless this is set. A government system must
  // never call anywhere it was not configured to, so the gateway sets it itself, whatever the environment says.
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const logger = parentLogger.child({ component: 'gateway' });

  // Only the gateway holds the private key (production gives it to no other process), so it is checked here.
  const signingKey = config.gatewaySigningKey;
  if (!signingKey) throw new ConfigError(['GATEWAY_SIGNING_KEY is required to run the gateway (the private key of its caller assertions)']);

  const authenticate = await createAuthenticator(config);
  const gateway = new ApolloGateway({
    supergraphSdl: fs.readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name }) => {
      const url = subgraphUrls[name];
      if (!url) throw new Error(`no URL configured for subgraph "${name}"`);
      return new SubgraphDataSource(name, url, signingKey);
    },
    logger: { debug: () => undefined, info: (m) => logger.info(String(m)), warn: (m) => logger.warn(String(m)), error: (m) => logger.error(String(m)) },
  });

  enforceScalars(gateway);

  // Read at start-up: a bad limit or a malformed manifest stops the gateway here.
  const limits = queryLimits<GatewayContext>(config.queryLimits);
  const trusted = trustedDocuments<GatewayContext>({ mode: config.trustedDocuments, manifestDir: trustedDocumentsDir });
  // Per caller (gateway/plugins/rate-limits.ts): counted by every instance together through Redis when configured.
  const sharedLimits = config.redisUrl ? createRedisRateLimitStore(config.redisUrl, { keyPrefix: `${config.redisKeyPrefix}limits:`, logger }) : null;
  if (sharedLimits && !(await sharedLimits.whenReady())) logger.warn('redis not reachable at start-up; rate limits count per instance until it is');
  const limitStore = sharedLimits ?? createMemoryRateLimitStore();
  const callers = callerLimits<GatewayContext>({ limits: config.callerLimits, store: limitStore, defaultListSize: resolveQueryLimits(config.queryLimits).defaultListSize, logger });
  const production = config.mode === 'production';

  // Shared by every gateway instance when Redis is configured: a persisted query registered on
  // one is known to all. Without Redis, Apollo's bounded in-memory cache.
  // Entries are sealed with a key derived from the signing key, and a persisted query's text must
  // hash to its key, so nothing another writer put in Redis is ever run. (Mid-rotation, a gateway
  // with the other signing key just misses the entries: its clients send their text once more.)
  const cache = config.redisUrl
    ? createRedisCache(config.redisUrl, { keyPrefix: `${config.redisKeyPrefix}gateway:`, logger, integrityKey: derivedGatewayKey(signingKey, 'gateway-shared-cache') })
    : null;
  // Give Redis a moment at start-up; if it is away the gateway still starts, and the cache misses.
  if (cache && !(await cache.whenReady())) logger.warn('redis not reachable at start-up; the shared cache misses until it is');

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // The process's owner (scripts/serve.ts, local-system.ts) stops it on SIGTERM/SIGINT, in order. Apollo's own
    // handlers (outside test mode) would re-raise the signal once this server stopped, killing the process
    // before the stores and the loan worker are closed: `docker stop` then saw 143, never a clean exit 0.
    stopOnTerminationSignals: false,
    cache: cache ? verifiedPersistedQueries(cache, logger) : 'bounded',
    // Allowed or not by config.queryLimits.introspection and refused by the limits plugin as
    // INTROSPECTION_DISABLED; Apollo's own switch would refuse first, as GRAPHQL_VALIDATION_FAILED.
    introspection: true,
    validationRules: limits.validationRules,
    includeStacktraceInErrorResponses: false,
    // No "Did you mean …" in production: suggestions read the schema out with introspection off.
    hideSchemaDetailsFromClientErrors: production,
    formatError: createErrorFormatter(logger),
    // The trust gate before the limits: an unregistered operation is OPERATION_NOT_TRUSTED, whatever its shape.
    plugins: [
      trusted.plugin,
      ...limits.plugins,
      callers.plugin,
      ...(production ? [noSuggestions<GatewayContext>()] : []),
      retryableStoragePlugin(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
    ],
  });
  await apollo.start();
  // start() resolved: the supergraph is loaded (static, so it stays loaded until stop()).
  let schemaLoaded = true;
  const health = subgraphHealth(subgraphUrls, { isOperator: healthOperator(authenticate, config.edge.healthDetailsToken), schemaLoaded: () => schemaLoaded });

  const crossOrigin = cors(config.edge.corsAllowedOrigins, GRAPHQL_PATH);
  const server = createGraphQLHttpServer<GatewayContext>({
    apollo,
    graphqlPath: GRAPHQL_PATH,
    maxRequestBytes: config.maxRequestBytes,
    timeouts: config.httpTimeouts,
    // HSTS only where the client came over TLS: BEHIND_TLS, or a trusted proxy's X-Forwarded-Proto.
    responseHeaders: (request): Record<string, string> => ({
      ...crossOrigin.headersFor(request),
      ...(config.edge.behindTls || clientOriginOf(request, config.edge.trustedProxies).tls ? { 'strict-transport-security': STRICT_TRANSPORT_SECURITY } : {}),
    }),
    logger,
    resolveBody: trusted.resolve,
    context: async (request, requestId, _body, response) => {
      const actor = await authenticate(request);
      const context: GatewayContext = { requestId, actor, ...requestPurposeOf(request, actor), propagatedHeaders: propagatedHeadersOf(request) };
      await callers.admit(context, actor, clientOriginOf(request, config.edge.trustedProxies).address, response);
      return context;
    },
    routes: { ...crossOrigin.routes, ...health.routes, ...ideRoutes(GRAPHQL_PATH) },
  });

  return {
    server,
    stop: async () => {
      schemaLoaded = false;
      await apollo.stop();
      await limitStore.close();
      await cache?.close();
    },
  };
}
