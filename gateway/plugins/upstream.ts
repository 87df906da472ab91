/**
 * How the gateway calls subgraphs: only allowlisted headers go upstream (never cookies, tokens or
 * the client's whole header set); the gateway's own request id goes on every call so one id
 * follows a request from the gateway to the agency; and the verified caller goes as a caller
 * assertion (lib/caller-assertion.ts) signed for this one call: this subgraph, this request id,
 * this exact body, a fresh jti, seconds to live. It is all a subgraph believes about identity.
 * The trace goes too (W3C traceparent: lib/tracing.ts); it is not signed, and nothing trusts it.
 * Each fetch is counted and timed by subgraph and outcome (lib/metrics.ts). Fetches go over the
 * gateway's own keep-alive connections (lib/keep-alive-client.ts), not Apollo's default fetcher.
 *
 * As a gateway feature (useUpstream) it fills the context's `propagatedHeaders` and builds every
 * subgraph's data source; a gateway without its signing key does not start.
 */
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type http from 'node:http';
import { GraphQLError } from 'graphql';
import { REQUEST_ID_HEADER } from '../../lib/apollo-http';
import { KeepAliveClient, type KeepAliveReply } from '../../lib/keep-alive-client';
import { ConfigError } from '../../lib/config';
import { CALLER_ASSERTION_HEADER, newAssertion, operationHash, signAssertion } from '../../lib/caller-assertion';
import { isStorageUnavailable, storageUnavailable } from '../../lib/storage-unavailable';
import type { GatewaySigningKey } from '../../lib/gateway-keys';
import { secondsSince, subgraphFetchMetrics, type SubgraphFetchOutcome } from '../../lib/metrics';
import { traceHeaders } from '../../lib/tracing';
import type { GatewayContext } from '../context';
import type { GatewayFeature } from '../feature';

/** Headers a client may send that subgraphs need. Everything else stops at the gateway. */
export const PROPAGATED_HEADERS: readonly string[] = Object.freeze(['accept-language', 'x-client-name', 'x-client-version']);

/**
 * Headers that must never be copied from a client: its credentials, and the headers the gateway
 * itself writes on every upstream call (a client's own would be overwritten at best, believed at worst).
 */
const NEVER_PROPAGATED: ReadonlySet<string> = new Set(['authorization', 'cookie', 'proxy-authorization', CALLER_ASSERTION_HEADER, REQUEST_ID_HEADER, 'traceparent', 'tracestate', 'host', 'content-length']);

export function propagatedHeadersOf(request: http.IncomingMessage, names: readonly string[] = PROPAGATED_HEADERS): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of names) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/** A reply read whole, as the fetch Response RemoteGraphQLDataSource reads (status, headers, json or text). */
function fetcherResponse(url: string, reply: KeepAliveReply): FetcherResponse {
  const headers = new Headers();
  for (const [name, value] of Object.entries(reply.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  let bodyUsed = false;
  const text = (): Promise<string> => {
    bodyUsed = true;
    return Promise.resolve(reply.body.toString('utf8'));
  };
  return {
    get bodyUsed() {
      return bodyUsed;
    },
    url,
    redirected: false,
    status: reply.status,
    ok: reply.status >= 200 && reply.status < 300,
    statusText: reply.statusText,
    headers,
    text,
    json: async () => JSON.parse(await text()) as unknown,
    arrayBuffer: async () => {
      bodyUsed = true;
      return new Uint8Array(reply.body).buffer;
    },
    clone: () => fetcherResponse(url, reply),
  };
}

/** Apollo's fetcher interface over a keep-alive client: a failed connection rejects, as fetch does, and didEncounterError maps it. */
export function keepAliveFetcher(client: KeepAliveClient): Fetcher {
  return async (url, init = {}) =>
    fetcherResponse(url, await client.request(url, { method: init.method, headers: init.headers ?? {}, body: init.body ?? '', signal: init.signal as AbortSignal | undefined }));
}

export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraphName: string,
    url: string,
    private readonly signingKey: GatewaySigningKey,
    fetcher: Fetcher,
  ) {
    super({ url, fetcher });
  }

  /**
   * A subgraph that cannot be reached or answers with an HTTP error: its fields become null with
   * one coded error, and nothing of the transport failure (addresses, errno) reaches the client.
   * A subgraph whose database is away says so (503 STORAGE_UNAVAILABLE), and so does the gateway:
   * that is retryable, where a subgraph that is down is a partial answer.
   */
  override didEncounterError(error: Error): never {
    if (repliedStorageUnavailable(error)) throw storageUnavailable(this.subgraphName);
    throw new GraphQLError(`The ${this.subgraphName} service is unavailable; the fields it serves are null for now.`, {
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.subgraphName },
    });
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const started = performance.now();
    let outcome: SubgraphFetchOutcome = 'unavailable';
    try {
      const response = await super.process(options);
      outcome = response.errors?.length ? 'errors' : 'ok';
      return response;
    } finally {
      subgraphFetchMetrics.total.inc({ subgraph: this.subgraphName, outcome });
      subgraphFetchMetrics.duration.observe({ subgraph: this.subgraphName }, secondsSince(started));
    }
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const context = options.context as Partial<GatewayContext>;
    const headers = options.request.http?.headers;
    if (!headers) return;
    if (!context.requestId || !context.actor || !context.purpose) return; // not an incoming operation: nothing to assert
    headers.set(REQUEST_ID_HEADER, context.requestId);
    // The active span here is Apollo Gateway's fetch span, a child of this request's span.
    for (const [name, value] of Object.entries(traceHeaders())) headers.set(name, value);
    for (const [name, value] of Object.entries(context.propagatedHeaders ?? {})) headers.set(name, value);
    // The body's text exactly as RemoteGraphQLDataSource will send it: JSON.stringify of the request
    // without `http`, the same object serialized the same way a moment later. Were the two ever to
    // differ, every subgraph would refuse the call (another operation), never accept another body.
    const { http: _http, ...body } = options.request;
    const assertion = newAssertion({
      actor: context.actor,
      purpose: context.purpose,
      applicationId: context.applicationId ?? null,
      audience: this.subgraphName,
      requestId: context.requestId,
      operationHash: operationHash(JSON.stringify(body)),
    });
    headers.set(CALLER_ASSERTION_HEADER, signAssertion(assertion, this.signingKey));
  }
}

/** Whether a subgraph's HTTP error reply (RemoteGraphQLDataSource keeps it in `extensions.response`) was 503 STORAGE_UNAVAILABLE. */
function repliedStorageUnavailable(error: Error): boolean {
  const reply = (error as { extensions?: { response?: { status?: unknown; body?: unknown } } }).extensions?.response;
  if (reply?.status !== 503) return false;
  const errors = (reply.body as { errors?: unknown } | null | undefined)?.errors;
  return Array.isArray(errors) && errors.some(isStorageUnavailable);
}

export interface UpstreamOptions {
  /** Where each subgraph is reached, by its name in the supergraph. Required; a subgraph without a URL stops the gateway when it loads. */
  subgraphUrls: Readonly<Record<string, string>>;
  /** GATEWAY_SIGNING_KEY: the private key of the caller assertions. Required: null stops start-up. */
  signingKey: GatewaySigningKey | null;
  /**
   * Client headers passed on to every subgraph, lower-case. Default PROPAGATED_HEADERS. Credentials
   * and the headers the gateway writes itself (NEVER_PROPAGATED) are refused at start-up.
   */
  propagatedHeaders?: readonly string[];
}

export interface Upstream extends GatewayFeature<GatewayContext> {
  /** The checked signing key, for the keys derived from it (the shared cache's integrity key). */
  signingKey: GatewaySigningKey;
}

/** Upstream calls as a gateway feature: the context's `propagatedHeaders`, and a signing data source per subgraph. */
export function useUpstream({ subgraphUrls, signingKey, propagatedHeaders = PROPAGATED_HEADERS }: UpstreamOptions): Upstream {
  // Only the gateway holds the private key (production gives it to no other process), so it is checked here.
  if (!signingKey) throw new ConfigError(['GATEWAY_SIGNING_KEY is required to run the gateway (the private key of its caller assertions)']);
  const names = Object.freeze(propagatedHeaders.map((name) => name.toLowerCase()));
  const refused = names.filter((name) => NEVER_PROPAGATED.has(name));
  if (refused.length > 0) throw new Error(`these headers are never passed to subgraphs: ${refused.join(', ')}`);
  // One pool of kept connections for every subgraph of this gateway, closed when the gateway stops.
  const connections = new KeepAliveClient();
  const fetcher = keepAliveFetcher(connections);
  return {
    name: 'upstream',
    signingKey,
    context: { provides: ['propagatedHeaders'], build: (request) => ({ propagatedHeaders: propagatedHeadersOf(request, names) }) },
    buildService: ({ name }) => {
      const url = subgraphUrls[name];
      if (!url) throw new Error(`no URL configured for subgraph "${name}"`);
      return new SubgraphDataSource(name, url, signingKey, fetcher);
    },
    close: async () => connections.close(),
  };
}
