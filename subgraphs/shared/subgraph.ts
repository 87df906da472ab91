/**
 * What a subgraph is: an agency, a schema file, loaders over the agency client, and resolvers.
 * Every subgraph's server.ts is one `defineSubgraph` call; building and serving it is done here,
 * once, for all seven.
 */
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse, type GraphQLResolveInfo } from 'graphql';
import type { AgencyName } from '../../lib/agency-contracts';
import { createGraphQLHttpServer } from '../../lib/apollo-http';
import type { Config } from '../../lib/config';
import { createErrorFormatter } from '../../lib/format-error';
import { sendJson } from '../../lib/http';
import type { Logger } from '../../lib/logger';
import { subgraphSchemaPath, type SubgraphName } from '../../schema/subgraphs';
import { AgencyClient, type CallContext } from './agency-client';
import { createEntityRefs, type EntityRefs } from './entity-ref';
import { scalarResolvers } from './scalars';

/** What every resolver can reach. Loaders are made per request; refs and config are shared. */
export interface SubgraphContext<Loaders> {
  requestId: string;
  loaders: Loaders;
  refs: EntityRefs;
}

/**
 * A field resolver of any parent and arguments: `never` in those positions accepts every resolver
 * whatever it declares, so each resolver types its own parent and arguments precisely.
 */
type FieldResolver<Context> = (parent: never, args: never, context: Context, info: GraphQLResolveInfo) => unknown;
type FieldResolvers<Context> = Record<string, FieldResolver<Context>>;

export type Resolvers<Loaders> = Record<string, FieldResolvers<SubgraphContext<Loaders>>>;

/** The representation the gateway sends for an entity: its typename and its opaque key. */
export interface EntityRepresentation {
  ref: string;
}

export interface SubgraphDefinition<A extends AgencyName, Loaders> {
  name: SubgraphName;
  agency: A;
  createLoaders(client: AgencyClient<A>, call: CallContext): Loaders;
  resolvers: Resolvers<Loaders>;
}

export function defineSubgraph<A extends AgencyName, Loaders>(
  definition: SubgraphDefinition<A, Loaders>,
): SubgraphDefinition<A, Loaders> {
  return definition;
}

const BASE_SCHEMA_PATH = path.join(__dirname, 'base.graphql');

/** The subgraph's SDL as composed and served: the shared base followed by its own schema file. */
export function subgraphTypeDefs(name: SubgraphName): string {
  return `${fs.readFileSync(BASE_SCHEMA_PATH, 'utf8')}\n${fs.readFileSync(subgraphSchemaPath(name), 'utf8')}`;
}

export interface SubgraphDependencies {
  config: Readonly<Config>;
  logger: Logger;
  /** Override where the agency is reached (tests point it at a simulator on port 0). */
  agencyUrl?: string;
}

export interface BuiltSubgraph {
  server: http.Server;
  apollo: ApolloServer<SubgraphContext<unknown>>;
  stop(): Promise<void>;
}

export async function buildSubgraphServer<A extends AgencyName, Loaders>(
  definition: SubgraphDefinition<A, Loaders>,
  { config, logger: parentLogger, agencyUrl }: SubgraphDependencies,
): Promise<BuiltSubgraph> {
  const logger = parentLogger.child({ subgraph: definition.name });
  const refs = createEntityRefs(config.entityRefKey);
  const client = new AgencyClient({
    agency: definition.agency,
    baseUrl: agencyUrl ?? config.agencyUrls[definition.agency],
    appId: config.agencyAppId,
    appSecret: config.agencyAppSecret,
    timeoutMs: config.agencyTimeoutMs,
    logger,
  });

  const schema = buildSubgraphSchema({
    typeDefs: parse(subgraphTypeDefs(definition.name)),
    resolvers: { ...scalarResolvers, ...definition.resolvers } as GraphQLResolverMap<unknown>,
  });

  const apollo = new ApolloServer<SubgraphContext<Loaders>>({
    schema,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(logger),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      // Field traces would be sent to the gateway on request; we have no use for them.
      ApolloServerPluginInlineTraceDisabled(),
    ],
  });
  await apollo.start();

  const server = createGraphQLHttpServer<SubgraphContext<Loaders>>({
    apollo,
    maxRequestBytes: config.maxRequestBytes,
    logger,
    context: async (_request, requestId) => ({
      requestId,
      refs,
      loaders: definition.createLoaders(client, { requestId }),
    }),
    routes: {
      'GET /health/live': (_request, response) => sendJson(response, 200, { status: 'ok', subgraph: definition.name }),
    },
  });

  return {
    server,
    apollo: apollo as unknown as ApolloServer<SubgraphContext<unknown>>,
    stop: () => apollo.stop(),
  };
}
