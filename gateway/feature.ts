/**
 * The one shape of a gateway feature: `use<Feature>(options)` returns the hooks it needs, and
 * gateway/server.ts lists the features and composes them (composeFeatures). A feature reads its
 * options once, when it is made: a bad option or a missing secret stops the gateway at start-up.
 * Every hook is optional; a feature fills in only what it does.
 */
import type http from 'node:http';
import type { ApolloGateway, GraphQLDataSource, ServiceEndpointDefinition } from '@apollo/gateway';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { ValidationRule } from 'graphql';
import type { ErrorRewriter, GraphQLHttpOptions, Route } from '../lib/apollo-http';
import type { RequestReporting } from '../lib/request-report';

export type BodyResolver = NonNullable<GraphQLHttpOptions<BaseContext>['resolveBody']>;

/** Builds a subgraph's data source: how the gateway calls it (ApolloGateway's `buildService`). */
export type DataSourceFactory = (definition: ServiceEndpointDefinition) => GraphQLDataSource;

/**
 * A feature's part of the request's context. The parts are built in list order, each seeing the
 * parts before it (the request's purpose is read once its caller is known); a part may refuse the
 * request by throwing RequestRefused (a bad token is 401 before anything else runs).
 */
export interface ContextPart<Context extends BaseContext> {
  /** The context keys this part fills in; two features filling one key stop the gateway at start-up. */
  readonly provides: ReadonlyArray<keyof Context & string>;
  /** The keys `build` reads from `earlier`: a feature listed before this one must provide each (checked at start-up). */
  readonly needs?: ReadonlyArray<keyof Context & string>;
  build(request: http.IncomingMessage, earlier: Readonly<Partial<Context>>): Promise<Partial<Context>> | Partial<Context>;
}

export interface GatewayFeature<Context extends BaseContext> {
  /** Names the feature in start-up errors (two features serving one route). */
  readonly name: string;
  /** Apollo Server plugins; features' plugins run in the order the features are listed. */
  plugins?: ReadonlyArray<ApolloServerPlugin<Context>>;
  /** GraphQL validation rules added to graphql-js's own. */
  validationRules?: readonly ValidationRule[];
  /** Plain HTTP routes, keyed "METHOD /path", answered before GraphQL. */
  routes?: Readonly<Record<string, Route>>;
  /** Headers for every reply to this request (a later feature's value wins on the same name). */
  responseHeaders?(request: http.IncomingMessage): Record<string, string>;
  /** Rewrites or refuses the parsed body before anything reads it; features' resolvers run in turn. */
  resolveBody?: BodyResolver;
  /**
   * Rewrites the errors of the replies the HTTP layer writes outside Apollo's pipeline (refusals,
   * malformed requests); a plugin's willSendResponse covers the rest. Features' rewriters run in turn.
   */
  rewriteErrors?: ErrorRewriter;
  /** Its part of each request's context (who calls, for what, what goes upstream). */
  context?: ContextPart<Context>;
  /** Admits a request whose context is built, or refuses it (throw RequestRefused) before anything runs. */
  admit?(context: Context, request: http.IncomingMessage, response: http.ServerResponse): Promise<void>;
  /** How the gateway calls each subgraph; at most one feature builds the data sources. */
  buildService?: DataSourceFactory;
  /** How the HTTP layer logs and counts each request; at most one feature reports. */
  reporting?: RequestReporting<Context>;
  /** Gets the Apollo Gateway before it loads its schema (e.g. to watch schema loads). */
  withGateway?(gateway: ApolloGateway): void;
  /** Releases what the feature holds (connections, timers); called once, in reverse order, at stop. */
  close?(): Promise<void>;
}

export interface ComposedFeatures<Context extends BaseContext> {
  plugins: Array<ApolloServerPlugin<Context>>;
  validationRules: ValidationRule[];
  routes: Record<string, Route>;
  responseHeaders(request: http.IncomingMessage): Record<string, string>;
  resolveBody: BodyResolver | undefined;
  rewriteErrors: ErrorRewriter | undefined;
  /** The context keys the features fill in, and which feature fills each. */
  provided: ReadonlyMap<keyof Context & string, string>;
  /** Builds the request's context from `seed` (what the HTTP layer knows: the request id) and every feature's part. */
  buildContext(request: http.IncomingMessage, seed: Partial<Context>): Promise<Partial<Context>>;
  /** The one feature's data-source factory; undefined when none builds them (Apollo's default data source). */
  buildService: DataSourceFactory | undefined;
  /** The one feature's request reporting; undefined when none reports. */
  reporting: RequestReporting<Context> | undefined;
  admit(context: Context, request: http.IncomingMessage, response: http.ServerResponse): Promise<void>;
  withGateway(gateway: ApolloGateway): void;
  close(): Promise<void>;
}

/** The features' hooks as the server's: in list order, except close, which runs last-made first. */
export function composeFeatures<Context extends BaseContext>(features: ReadonlyArray<GatewayFeature<Context>>): ComposedFeatures<Context> {
  const routes: Record<string, Route> = {};
  const owners = new Map<string, string>();
  for (const feature of features) {
    for (const [key, route] of Object.entries(feature.routes ?? {})) {
      const owner = owners.get(key);
      if (owner) throw new Error(`gateway features "${owner}" and "${feature.name}" both serve ${key}`);
      owners.set(key, feature.name);
      routes[key] = route;
    }
  }
  const provided = new Map<keyof Context & string, string>();
  for (const feature of features) {
    for (const key of feature.context?.needs ?? []) {
      if (!provided.has(key)) throw new Error(`gateway feature "${feature.name}" needs the context's ${key}, which no feature listed before it provides`);
    }
    for (const key of feature.context?.provides ?? []) {
      const owner = provided.get(key);
      if (owner) throw new Error(`gateway features "${owner}" and "${feature.name}" both provide the context's ${key}`);
      provided.set(key, feature.name);
    }
  }
  const builders = features.filter((feature) => feature.buildService);
  if (builders.length > 1) throw new Error(`gateway features ${builders.map((feature) => `"${feature.name}"`).join(' and ')} both build the subgraphs' data sources`);
  const reporters = features.filter((feature) => feature.reporting);
  if (reporters.length > 1) throw new Error(`gateway features ${reporters.map((feature) => `"${feature.name}"`).join(' and ')} both report requests`);
  const parts = features.flatMap((feature) => (feature.context ? [feature.context] : []));
  const resolvers = features.flatMap((feature) => (feature.resolveBody ? [feature.resolveBody] : []));
  const resolveBody: BodyResolver | undefined =
    resolvers.length === 0
      ? undefined
      : (body) => {
          let current = body;
          for (const resolve of resolvers) {
            const resolved = resolve(current);
            if (resolved.kind === 'refuse') return resolved;
            current = resolved.body;
          }
          // The same object back means unchanged (the HTTP layer rewrites a GET only then).
          return { kind: 'pass', body: current };
        };
  const rewriters = features.flatMap((feature) => (feature.rewriteErrors ? [feature.rewriteErrors] : []));
  const rewriteErrors: ErrorRewriter | undefined =
    rewriters.length === 0 ? undefined : (request, errors) => rewriters.reduce((current, rewrite) => rewrite(request, current), [...errors]);
  return {
    plugins: features.flatMap((feature) => [...(feature.plugins ?? [])]),
    validationRules: features.flatMap((feature) => [...(feature.validationRules ?? [])]),
    routes,
    responseHeaders: (request) => Object.assign({}, ...features.map((feature) => feature.responseHeaders?.(request) ?? {})) as Record<string, string>,
    resolveBody,
    rewriteErrors,
    provided,
    buildContext: async (request, seed) => {
      let context: Partial<Context> = { ...seed };
      for (const part of parts) context = { ...context, ...(await part.build(request, context)) };
      return context;
    },
    buildService: builders[0]?.buildService,
    reporting: reporters[0]?.reporting,
    admit: async (context, request, response) => {
      for (const feature of features) await feature.admit?.(context, request, response);
    },
    withGateway: (gateway) => {
      for (const feature of features) feature.withGateway?.(gateway);
    },
    close: async () => {
      for (const feature of [...features].reverse()) await feature.close?.();
    },
  };
}
