/**
 * The gateway: Apollo Gateway over the committed static supergraph, on Apollo Server 5, served by
 * the shared HTTP handler. What it does beyond that is its list of features (gateway/feature.ts):
 * each `use<Feature>(options)`, composed once; this file wires their hooks to Apollo and the HTTP
 * layer and knows none of them by what it does. Built here, listened elsewhere.
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
import type { Config } from '../lib/config';
import { createErrorFormatter } from '../lib/format-error';
import { retryableStoragePlugin } from '../lib/storage-unavailable';
import type { Logger } from '../lib/logger';
import { SUPERGRAPH_PATH } from '../schema/subgraphs';
import { unfilledContextKeys, type GatewayContext } from './context';
import { healthOperator, useHealth } from './plugins/health';
import { useCors } from './plugins/cors';
import { useScalars } from './plugins/scalars';
import { useIde } from './plugins/ide';
import { useWebApp } from './plugins/web-app';
import { useSuggestions } from './plugins/suggestions';
import { useLanguages } from './plugins/languages';
import { composeFeatures } from './feature';
import { useAuthentication } from './plugins/authentication';
import { usePurpose } from './plugins/purpose';
import { resolveQueryLimits, useQueryLimits } from './plugins/limits';
import { useCallerLimits } from './plugins/rate-limits';
import { useClientAddress, useStrictTransportSecurity } from './plugins/client-address';
import { createMemoryRateLimitStore } from '../lib/rate-limit-store';
import { createRedisRateLimitStore } from '../lib/redis-rate-limits';
import { TRUSTED_DOCUMENTS_DIR, useTrustedDocuments, verifiedPersistedQueries } from './plugins/trusted-documents';
import { useUpstream } from './plugins/upstream';
import { useObservability } from './plugins/observability';

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

  // Made before the list: the signing key is checked first (no gateway without it), the shared
  // cache's key is derived from it, and health and metrics ask authentication whether a request comes from an operator.
  const upstream = useUpstream({ subgraphUrls, signingKey: config.gatewaySigningKey });
  const authentication = await useAuthentication(config.auth);
  const isOperator = healthOperator(authentication.authenticate, config.edge.healthDetailsToken);

  // Per caller (gateway/plugins/rate-limits.ts): counted by every instance together through Redis when configured.
  const sharedLimits = config.redisUrl ? createRedisRateLimitStore(config.redisUrl, { keyPrefix: `${config.redisKeyPrefix}limits:`, logger }) : null;
  if (sharedLimits && !(await sharedLimits.whenReady())) logger.warn('redis not reachable at start-up; rate limits count per instance until it is');
  const production = config.mode === 'production';
  // Set once apollo.start() has loaded the supergraph (static: it stays loaded until stop()).
  let schemaLoaded = false;

  // The gateway's features, in the order their hooks run. Read at start-up: a bad limit, a
  // malformed manifest or a missing signing key stops the gateway here. The context is built in
  // this order too: the caller first (a bad token is 401 before anything else), then what the
  // request is for, where it came from and what goes upstream; the caller limits admit it once it
  // is built. The trust gate before the limits: an unregistered operation is
  // OPERATION_NOT_TRUSTED, whatever its shape.
  const features = composeFeatures<GatewayContext>([
    useObservability({ isOperator, manifestDir: trustedDocumentsDir }),
    authentication,
    usePurpose(),
    useClientAddress({ trustedProxies: config.edge.trustedProxies }),
    upstream,
    useScalars(),
    useTrustedDocuments({ mode: config.trustedDocuments, manifestDir: trustedDocumentsDir }),
    useQueryLimits(config.queryLimits),
    useCallerLimits({
      limits: config.callerLimits,
      store: sharedLimits ?? createMemoryRateLimitStore(),
      defaultListSize: resolveQueryLimits(config.queryLimits).defaultListSize,
      logger,
    }),
    // No "Did you mean …" in production: suggestions read the schema out with introspection off.
    useSuggestions({ hide: production }),
    // Messages in Chinese unless the client prefers English; after suggestions are dropped, so the English kept in `detail` has none.
    useLanguages(),
    { name: 'storage-unavailable', plugins: [retryableStoragePlugin()] },
    useCors({ allowedOrigins: config.edge.corsAllowedOrigins, graphqlPath: GRAPHQL_PATH }),
    // HSTS only where the client came over TLS: BEHIND_TLS, or a trusted proxy's X-Forwarded-Proto.
    useStrictTransportSecurity({ behindTls: config.edge.behindTls, trustedProxies: config.edge.trustedProxies }),
    useHealth({ subgraphUrls, isOperator, schemaLoaded: () => schemaLoaded }),
    useIde({ graphqlPath: GRAPHQL_PATH }),
    // The citizens' app at /app/, signing people in where the gateway's tokens come from.
    useWebApp({ issuer: config.auth.issuer, audience: config.auth.audience, graphqlPath: GRAPHQL_PATH }),
  ]);
  // The HTTP layer seeds the request id; every other key of the context is some feature's part.
  const unfilled = unfilledContextKeys(features.provided, ['requestId']);
  if (unfilled.length > 0) throw new Error(`no gateway feature provides the context's ${unfilled.join(', ')}`);
  const { reporting, buildService } = features;
  if (!reporting) throw new Error('no gateway feature reports requests (useObservability)');
  if (!buildService) throw new Error('no gateway feature builds the subgraphs\' data sources (useUpstream)');

  const gateway = new ApolloGateway({
    supergraphSdl: fs.readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService,
    logger: { debug: () => undefined, info: (m) => logger.info(String(m)), warn: (m) => logger.warn(String(m)), error: (m) => logger.error(String(m)) },
  });
  features.withGateway(gateway);

  // Shared by every gateway instance when Redis is configured: a persisted query registered on
  // one is known to all. Without Redis, Apollo's bounded in-memory cache.
  // Entries are sealed with a key derived from the signing key, and a persisted query's text must
  // hash to its key, so nothing another writer put in Redis is ever run. (Mid-rotation, a gateway
  // with the other signing key just misses the entries: its clients send their text once more.)
  const cache = config.redisUrl
    ? createRedisCache(config.redisUrl, { keyPrefix: `${config.redisKeyPrefix}gateway:`, logger, integrityKey: derivedGatewayKey(upstream.signingKey, 'gateway-shared-cache') })
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
    validationRules: features.validationRules,
    includeStacktraceInErrorResponses: false,
    // No "Did you mean …" in validation errors in production (useSuggestions drops the rest).
    hideSchemaDetailsFromClientErrors: production,
    formatError: createErrorFormatter(logger),
    plugins: [
      ...features.plugins,
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
    ],
  });
  await apollo.start();
  schemaLoaded = true;

  const server = createGraphQLHttpServer<GatewayContext>({
    apollo,
    graphqlPath: GRAPHQL_PATH,
    maxRequestBytes: config.maxRequestBytes,
    timeouts: config.httpTimeouts,
    responseHeaders: features.responseHeaders,
    logger,
    reporting,
    resolveBody: features.resolveBody,
    rewriteErrors: features.rewriteErrors,
    context: async (request, requestId, _body, response) => {
      // Complete: every key but requestId has a feature that fills it (checked above, at start-up).
      const context = (await features.buildContext(request, { requestId })) as GatewayContext;
      await features.admit(context, request, response);
      return context;
    },
    routes: features.routes,
  });

  return {
    server,
    stop: async () => {
      schemaLoaded = false;
      await apollo.stop();
      await features.close();
      await cache?.close();
    },
  };
}
