/**
 * Hive Gateway (`@graphql-hive/gateway`, a devDependency) over our committed supergraph and our
 * subgraphs, given what the subgraphs demand of any gateway, so that `npm run bench` compares two
 * gateways doing the same work:
 * - our JWT check (gateway/plugins/authentication.ts) and the request's purpose and case
 *   (gateway/plugins/purpose.ts), once per request, into the context;
 * - per subgraph fetch, what gateway/plugins/upstream.ts adds: the request id, the allowlisted
 *   client headers, and a caller assertion (lib/caller-assertion.ts) signed for that subgraph and
 *   that exact body — without it a subgraph answers nothing.
 * In-flight deduplication of subgraph calls is off: it would hand one caller the answer read (and
 * access-recorded) for another, which our gateway never does.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { GraphQLError } from 'graphql';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway';
import type { Actor, RequestPurpose } from '../../lib/actor';
import { REQUEST_ID_HEADER, RequestRefused } from '../../lib/apollo-http';
import { CALLER_ASSERTION_HEADER, newAssertion, operationHash, signAssertion } from '../../lib/caller-assertion';
import type { Config } from '../../lib/config';
import { SUPERGRAPH_PATH } from '../../schema/subgraphs';
import { createAuthenticator } from '../../gateway/plugins/authentication';
import { requestPurposeOf } from '../../gateway/plugins/purpose';
import { propagatedHeadersOf } from '../../gateway/plugins/upstream';

/** What the bench's plugin puts in Hive's context for each incoming request. */
interface Caller extends RequestPurpose {
  actor: Actor;
  requestId: string;
  propagatedHeaders: Record<string, string>;
}

/** The committed supergraph with each subgraph's placeholder URL replaced by where it listens. */
function supergraphAt(subgraphUrls: Readonly<Record<string, string>>): string {
  let sdl = fs.readFileSync(SUPERGRAPH_PATH, 'utf8');
  for (const [name, url] of Object.entries(subgraphUrls)) sdl = sdl.replace(`url: "http://${name}.subgraph.invalid/graphql"`, `url: "${url}"`);
  const left = /url: "http:\/\/([a-z-]+)\.subgraph\.invalid/.exec(sdl);
  if (left) throw new Error(`no URL for subgraph "${left[1]}"`);
  return sdl;
}

/** Our checks read Node's IncomingMessage headers; Hive hands a Fetch Request. The headers are all they read. */
const asIncoming = (request: Request) => ({ headers: Object.fromEntries(request.headers) }) as unknown as http.IncomingMessage;

function useOurTrust(config: Readonly<Config>, subgraphUrls: Readonly<Record<string, string>>): GatewayPlugin<{ caller?: Caller }> {
  const signingKey = config.gatewaySigningKey;
  if (!signingKey) throw new Error('GATEWAY_SIGNING_KEY is required');
  const authenticator = createAuthenticator(config.auth);
  const subgraphOf = new Map(Object.entries(subgraphUrls).map(([name, url]) => [url, name]));
  return {
    onContextBuilding: async ({ context, extendContext }) => {
      const incoming = asIncoming(context.request);
      try {
        const actor = await (await authenticator)(incoming);
        const caller: Caller = { actor, ...requestPurposeOf(incoming, actor), requestId: randomUUID(), propagatedHeaders: propagatedHeadersOf(incoming) };
        extendContext({ caller });
      } catch (error) {
        if (!(error instanceof RequestRefused)) throw error;
        throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status: error.httpStatus } } });
      }
    },
    onFetch: ({ url, options, setOptions, context }) => {
      const caller = 'caller' in context ? context.caller : undefined;
      const audience = subgraphOf.get(url);
      if (!caller || !audience || typeof options.body !== 'string') return;
      const assertion = newAssertion({
        actor: caller.actor,
        purpose: caller.purpose,
        applicationId: caller.applicationId,
        audience,
        requestId: caller.requestId,
        operationHash: operationHash(options.body),
      });
      setOptions({
        ...options,
        headers: {
          ...(options.headers as Record<string, string> | undefined),
          ...caller.propagatedHeaders,
          [REQUEST_ID_HEADER]: caller.requestId,
          [CALLER_ASSERTION_HEADER]: signAssertion(assertion, signingKey),
        },
      });
    },
  };
}

export interface BuiltHiveGateway {
  server: http.Server;
  stop(): Promise<void>;
}

export function buildHiveGateway(config: Readonly<Config>, subgraphUrls: Readonly<Record<string, string>>): BuiltHiveGateway {
  const gateway = createGatewayRuntime<{ caller?: Caller }>({
    supergraph: supergraphAt(subgraphUrls),
    transportEntries: { '*': { options: { deduplicateInflightRequests: false } } },
    plugins: () => [useOurTrust(config, subgraphUrls)],
    logging: 'error',
    landingPage: false,
    graphiql: false,
  });
  const server = http.createServer(gateway);
  return { server, stop: async () => void (await gateway.dispose()) };
}
