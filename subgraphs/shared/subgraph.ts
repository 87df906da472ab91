/**
 * What a subgraph is: an agency, a schema file, loaders over the agency client, and resolvers.
 * Every subgraph's server.ts is one `defineSubgraph` call; building and serving it is done here,
 * once, for all seven.
 */
import type http from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { parse, type GraphQLResolveInfo } from 'graphql';
import type { AgencyName } from '../../lib/agency-contracts';
import { RequestRefused, createGraphQLHttpServer } from '../../lib/apollo-http';
import { CALLER_ASSERTION_HEADER, operationHash, verifyAssertion, verifyKeySet } from '../../lib/caller-assertion';
import { createReplayGuard } from '../../lib/replay-guard';
import type { Config } from '../../lib/config';
import { createErrorFormatter } from '../../lib/format-error';
import { retryableStoragePlugin } from '../../lib/storage-unavailable';
import { headerValue } from '../../lib/http';
import { preferredLanguage } from '../../lib/language';
import type { Language } from '../../lib/errors';
import { writeMetrics } from '../../lib/metrics';
import { operationFactsPlugin } from '../../lib/operation-facts';
import { operationLabeller, registeredOperationNames } from '../../lib/operation-names';
import type { Logger } from '../../lib/logger';
import type { SubgraphName } from '../../schema/subgraphs';
import { subgraphTypeDefs } from './type-defs';
import { subgraphHealthRoutes } from './health';
import { AgencyClient, type CallContext } from './agency-client';
import { createEntityRefs, type EntityRefs } from './entity-ref';
import { scalarResolvers } from '../../lib/scalars';
import { AGENCY_ENUM } from '../../lib/agency-enum';
import { accessRecordPlugin } from './policy/access-record-plugin';
import { createAccessRecordWriter } from './policy/access-record-writer';
import type { PolicyContext } from './policy/context';
import { applyPolicy, type Policy } from './policy/policy';
import { subjectKeyMemo } from '../../storage';
import { caseReads, verifiedActor } from './cases/verification';
import type { Storage } from '../../storage/types';
import type { GatewayClient } from './gateway-client';

/** What every resolver can reach: the policy context, loaders made per request, shared refs and storage. */
export interface SubgraphContext<Loaders> extends PolicyContext {
  /** The language the caller reads (Accept-Language, passed on by the gateway): for the words of userErrors. */
  language: Language;
  loaders: Loaders;
  refs: EntityRefs;
  storage: Storage;
  config: Readonly<Config>;
  /** The graph as the loan engine reaches it (./gateway-client.ts): for the loan subgraph's intake look-up. */
  gateway: GatewayClient;
}

/**
 * A field resolver of any parent and arguments: `never` in those positions accepts every resolver
 * whatever it declares, so each resolver types its own parent and arguments precisely.
 */
type FieldResolver<Context> = (parent: never, args: never, context: Context, info: GraphQLResolveInfo) => unknown;
type FieldResolvers<Context> = Record<string, FieldResolver<Context>>;

export type Resolvers<Loaders> = Record<string, FieldResolvers<SubgraphContext<Loaders>>>;

/**
 * What any resolver map is: type name → its field resolvers (or a scalar, an enum's values). The
 * generated `Resolvers` of subgraphs/<name>/generated/resolvers-types.ts (`npm run codegen`) is
 * one, with every parent, argument and result checked against the SDL; `Resolvers<Loaders>` above
 * is the loose one, for a subgraph that has not adopted its generated types.
 */
export type ResolverMap = { readonly [typeName: string]: object | undefined };

/** The representation the gateway sends for an entity: its typename and its opaque key. */
export interface EntityRepresentation {
  ref: string;
}

/** The agency client a subgraph gets: none for the platform's own subgraph (consent). */
export type ClientOf<A extends AgencyName | null> = A extends AgencyName ? AgencyClient<A> : null;

export interface SubgraphDefinition<A extends AgencyName | null, Loaders, R extends ResolverMap = Resolvers<Loaders>> {
  name: SubgraphName;
  /** The agency whose endpoint this subgraph wraps; null for the platform's own data. */
  agency: A;
  /** Per request: the agency's batch loaders, and loaders over the platform's own records where the subgraph reads them. */
  createLoaders(client: ClientOf<A>, call: CallContext, storage: Storage): Loaders;
  /** Its generated `Resolvers` (or, not yet adopted, the loose `Resolvers<Loaders>`). */
  resolvers: R;
  /** Who may read what: every field of the schema, deny by default (policy.ts). */
  policy: Policy;
}

export function defineSubgraph<A extends AgencyName | null, Loaders, R extends ResolverMap = Resolvers<Loaders>>(
  definition: SubgraphDefinition<A, Loaders, R>,
): SubgraphDefinition<A, Loaders, R> {
  return definition;
}

export interface SubgraphDependencies {
  config: Readonly<Config>;
  logger: Logger;
  /** Consents and the access record, opened once per process. */
  storage: Storage;
  /** Override where the agency is reached (tests point it at a simulator on port 0). */
  agencyUrl?: string;
  /** How the platform's own calls reach the graph (the loan subgraph's); without it, such a call fails. */
  gateway?: GatewayClient;
}

const NO_GATEWAY: GatewayClient = { query: () => Promise.reject(new Error('this subgraph was given no gateway client')) };

export interface BuiltSubgraph {
  server: http.Server;
  apollo: ApolloServer<SubgraphContext<unknown>>;
  stop(): Promise<void>;
}

export async function buildSubgraphServer<A extends AgencyName | null, Loaders, R extends ResolverMap>(
  definition: SubgraphDefinition<A, Loaders, R>,
  { config, logger: parentLogger, agencyUrl, storage, gateway = NO_GATEWAY }: SubgraphDependencies,
): Promise<BuiltSubgraph> {
  const logger = parentLogger.child({ subgraph: definition.name });
  const refs = createEntityRefs(config.entityRefKey);
  const agency: AgencyName | null = definition.agency;
  const client = (
    agency === null
      ? null
      : new AgencyClient({
          agency,
          baseUrl: agencyUrl ?? config.agencyUrls[agency],
          appId: config.agencyAppId,
          appSecret: config.agencyAppSecret,
          timeoutMs: config.agencyTimeoutMs,
          logger,
        })
  ) as ClientOf<A>;

  const schema = applyPolicy(
    buildSubgraphSchema([
      {
        typeDefs: parse(subgraphTypeDefs(definition.name)),
        resolvers: { ...scalarResolvers, Agency: AGENCY_ENUM, ...definition.resolvers } as GraphQLResolverMap<unknown>,
      },
    ]),
    definition.policy,
  );
  const subjectKeyOf = subjectKeyMemo(config.entityRefKey);

  const apollo = new ApolloServer<SubgraphContext<Loaders>>({
    schema,
    // The process's owner (scripts/serve.ts, local-system.ts) stops it on SIGTERM/SIGINT, in order. Apollo's own
    // handlers (outside test mode) would re-raise the signal once this server stopped, killing the process
    // before the stores and the loan worker are closed: `docker stop` then saw 143, never a clean exit 0.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(logger),
    plugins: [
      retryableStoragePlugin(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      // Field traces would be sent to the gateway on request; we have no use for them.
      ApolloServerPluginInlineTraceDisabled(),
      // No field carries a cache hint and every reply is `no-store` (lib/http-hardening.ts). Left on,
      // the plugin is the one listener of willResolveField, so Apollo would wrap every field resolver
      // to call it: measured at about 5 % of a 50-person request's CPU.
      ApolloServerPluginCacheControlDisabled(),
      accessRecordPlugin(createAccessRecordWriter(storage.accessRecords), subjectKeyOf, logger),
      operationFactsPlugin(),
    ],
  });
  await apollo.start();

  // The gateway's public keys (never its private one), and the jti of every assertion accepted,
  // shared by all instances through Redis when configured (lib/replay-guard.ts says what happens
  // while Redis is away).
  const verifyKeys = verifyKeySet(config.gatewayVerifyKeys);
  const replayGuard = createReplayGuard({ redisUrl: config.redisUrl, keyPrefix: `${config.redisKeyPrefix}caller-assertion:`, logger });
  if (config.redisUrl && !(await replayGuard.whenReady())) logger.warn('redis not reachable at start-up; caller assertions are single-use per instance until it is');

  const server = createGraphQLHttpServer<SubgraphContext<Loaders>>({
    apollo,
    maxRequestBytes: config.maxRequestBytes,
    timeouts: config.httpTimeouts,
    logger,
    // The gateway's request id, which the assertion must name (a client never chose it: lib/apollo-http.ts).
    requestIds: 'from-gateway',
    // The gateway names its fetches after the client's operation: labelled by that, when registered.
    reporting: { service: definition.name, operationLabel: operationLabeller(registeredOperationNames()), callerRoleOf: (context) => context.actor.role },
    context: async (request, requestId, _body, _response, bodyText) => {
      // The gateway POSTs every call; a GET carries no body for the assertion to cover.
      if (bodyText === null) throw new RequestRefused(401, 'UNAUTHENTICATED', 'Subgraphs answer the gateway only (its calls are POSTs).');
      // Signed by the gateway, for this subgraph, this request id, this exact body, not used before, not expired.
      const verdict = await verifyAssertion(
        headerValue(request, CALLER_ASSERTION_HEADER),
        { audience: definition.name, requestId, operationHash: operationHash(bodyText) },
        verifyKeys,
        replayGuard,
      );
      // Only the gateway speaks to subgraphs: without its assertion a call gets nothing at all.
      if (!verdict.ok) throw new RequestRefused(401, 'UNAUTHENTICATED', `Subgraphs answer the gateway only (${verdict.reason}).`);
      const { purpose, applicationId } = verdict.assertion;
      const { actor, proxy } = await verifiedActor(verdict.assertion.actor, storage, subjectKeyOf);
      const { caseFile, consentLookup, settledCase } = caseReads({ actor, applicationId, purpose, agency, storage, subjectKeyOf });
      // Read before execution, so every field of the request is decided from it at once rather than each waiting for it.
      if (applicationId !== null) await caseFile();
      return {
        requestId,
        actor,
        proxy,
        caseFile,
        denials: new Map(),
        purpose,
        applicationId,
        consents: storage.consents,
        consentLookup,
        settledCase,
        ledger: [],
        idNumberMask: config.privacy.idNumberMask,
        _shield: { cache: {} },
        refs,
        storage,
        config,
        gateway,
        subjectKeyOf,
        language: preferredLanguage(headerValue(request, 'accept-language')),
        loaders: definition.createLoaders(client, { requestId }, storage),
      };
    },
    // /metrics is open like the probes: a subgraph's port is on the internal network only (README, Operate).
    routes: { ...subgraphHealthRoutes(definition.name, storage), 'GET /metrics': (_request, response) => writeMetrics(response) },
  });

  return {
    server,
    apollo: apollo as unknown as ApolloServer<SubgraphContext<unknown>>,
    stop: async () => {
      await apollo.stop();
      await replayGuard.close();
    },
  };
}
