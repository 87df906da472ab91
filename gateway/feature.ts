/**
 * The one shape of a gateway feature: `use<Feature>(options)` returns the hooks it needs, and
 * gateway/server.ts lists the features and composes them (composeFeatures). A feature reads its
 * options once, when it is made: a bad option or a missing secret stops the gateway at start-up.
 * Every hook is optional; a feature fills in only what it does.
 */
import type http from 'node:http';
import type { ApolloGateway } from '@apollo/gateway';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { ValidationRule } from 'graphql';
import type { GraphQLHttpOptions, Route } from '../lib/apollo-http';

export type BodyResolver = NonNullable<GraphQLHttpOptions<BaseContext>['resolveBody']>;

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
  /** Admits a request whose context is built, or refuses it (throw RequestRefused) before anything runs. */
  admit?(context: Context, request: http.IncomingMessage, response: http.ServerResponse): Promise<void>;
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
  return {
    plugins: features.flatMap((feature) => [...(feature.plugins ?? [])]),
    validationRules: features.flatMap((feature) => [...(feature.validationRules ?? [])]),
    routes,
    responseHeaders: (request) => Object.assign({}, ...features.map((feature) => feature.responseHeaders?.(request) ?? {})) as Record<string, string>,
    resolveBody,
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
