/**
 * Serves an Apollo Server (gateway or subgraph) over node:http, without a web framework: one
 * GraphQL path, a few plain routes (health, IDE), a bounded body, and the request id on every
 * reply. The same handler runs in every process, so limits and error shapes are the same everywhere.
 * Slow clients are cut off (headers, body and idle keep-alive each have a deadline: see
 * lib/http-hardening.ts), and every reply carries the security headers. Each request is one span
 * of the caller's trace (lib/tracing.ts), and one log line and a few counts once it is answered
 * (lib/request-report.ts).
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { BodyTooLargeError, headerValue, readBody, sendJson } from './http';
import type { Logger } from './logger';
import { DEFAULT_HTTP_TIMEOUTS, SECURITY_HEADERS, type HttpTimeouts } from './http-hardening';
import { recordingOperationFacts, type OperationFacts } from './operation-facts';
import { reportRequest, type RequestFacts, type RequestReporting } from './request-report';
import { inIncomingSpan } from './tracing';
import { STORAGE_RETRY_AFTER_SECONDS, isStorageUnavailable, storageUnavailable } from './storage-unavailable';

export const REQUEST_ID_HEADER = 'x-request-id';
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Where a server's request ids come from:
 * - 'generate' (the gateway, facing clients): every request gets an id of ours. A client's
 *   x-request-id is kept only as a correlation field (logged as clientRequestId beside ours), never
 *   as the id anything is bound to: caller assertions bind the id, so a client must not choose it.
 * - 'from-gateway' (subgraphs): the id the gateway sent, which the subgraph checks against the
 *   gateway's signed caller assertion before believing anything; a fresh one if none is given.
 */
export type RequestIdSource = 'generate' | 'from-gateway';

export interface RequestIds {
  requestId: string;
  /** The client's own x-request-id when it was well-formed ('generate' only): for correlation, never trust. */
  clientRequestId: string | null;
}

export function requestIdsOf(request: http.IncomingMessage, source: RequestIdSource): RequestIds {
  const given = headerValue(request, REQUEST_ID_HEADER);
  const wellFormed = given && REQUEST_ID_PATTERN.test(given) ? given : null;
  if (source === 'from-gateway') return { requestId: wellFormed ?? randomUUID(), clientRequestId: null };
  return { requestId: randomUUID(), clientRequestId: wellFormed };
}

/**
 * Rewrites the errors of a reply to this request (the gateway puts them in the client's language).
 * Apollo's own plugins see only what runs through its request pipeline; this sees the rest.
 */
export type ErrorRewriter = (request: http.IncomingMessage, errors: readonly GraphQLFormattedError[]) => GraphQLFormattedError[];

export type Route = (request: http.IncomingMessage, response: http.ServerResponse) => void | Promise<void>;

/**
 * Thrown by a context factory to refuse a request before any execution: the reply is the status
 * and one coded error, e.g. 401 UNAUTHENTICATED for a bad token or a missing caller assertion.
 */
export class RequestRefused extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: string,
    message: string,
    /** Sent with the refusal, e.g. Retry-After on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The body did not arrive within its deadline (HttpTimeouts.bodyMs). */
export class BodyTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`request body not received within ${timeoutMs} ms`);
  }
}

/**
 * Our body reader with a deadline of its own, from the end of the headers: a client dripping its
 * body gets 408 REQUEST_TIMEOUT at the deadline, whatever the granularity of node's own timers.
 */
function readBodyWithin(request: http.IncomingMessage, limitBytes: number, deadlineMs: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new BodyTimeoutError(deadlineMs)), deadlineMs);
    readBody(request, limitBytes)
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });
}

export interface GraphQLHttpOptions<Context extends BaseContext> {
  apollo: ApolloServer<Context>;
  /**
   * Builds the context from the request and its parsed body; may throw RequestRefused. `bodyText`
   * is a POST's body as received (null for a GET), for what must be checked against its exact bytes.
   */
  context: (request: http.IncomingMessage, requestId: string, body: unknown, response: http.ServerResponse, bodyText: string | null) => Promise<Context>;
  /** Where request ids come from (see RequestIdSource); 'generate' unless told. */
  requestIds?: RequestIdSource;
  /** Plain routes keyed "METHOD /path", answered before GraphQL. */
  routes?: Record<string, Route>;
  graphqlPath?: string;
  /**
   * Rewrites or refuses the parsed body before anything else reads it (the gateway's trusted
   * documents put the registered text in place of a documentId). A GET's parameters are given as
   * such a body too; the same object back means unchanged.
   */
  resolveBody?: (body: unknown) => { kind: 'pass'; body: unknown } | { kind: 'refuse'; refusal: { code: string; message: string; httpStatus: number } };
  maxRequestBytes: number;
  /** Deadlines against slow clients; DEFAULT_HTTP_TIMEOUTS unless told. */
  timeouts?: HttpTimeouts;
  /** Headers added to (or replacing) SECURITY_HEADERS on every reply, e.g. HSTS for a client that came over TLS. */
  responseHeaders?: (request: http.IncomingMessage) => Record<string, string>;
  logger: Logger;
  /** How this server's requests are logged and counted (service name, operation labels, caller role). */
  reporting: RequestReporting<Context>;
  /**
   * Applied to the errors of the replies this handler writes itself (refusals, malformed or
   * oversized requests, a lost database) and of Apollo's replies with an HTTP error status (a
   * request Apollo refused before its pipeline ran). Unchanged unless given.
   */
  rewriteErrors?: ErrorRewriter;
}

const operationNameOf = (body: unknown): string | null => {
  const name = typeof body === 'object' && body !== null ? (body as { operationName?: unknown }).operationName : undefined;
  return typeof name === 'string' ? name : null;
};

/**
 * An Apollo reply with an HTTP error status, rewritten: such a body is one short error list
 * (a refusal before execution), so parsing it again costs little; 2xx replies are left alone.
 */
function rewrittenBody(text: string, rewrite: (errors: readonly GraphQLFormattedError[]) => GraphQLFormattedError[]): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { errors?: unknown }).errors)) return text;
  const body = parsed as { errors: GraphQLFormattedError[] };
  return JSON.stringify({ ...body, errors: rewrite(body.errors) });
}

/** The GraphQL parameters of a GET (GraphQL over HTTP), variables and extensions parsed; null when either is not a JSON object. */
export function getParametersOf(params: URLSearchParams): Record<string, unknown> | null {
  const body: Record<string, unknown> = {};
  for (const name of ['query', 'operationName', 'documentId'] as const) {
    const value = params.get(name);
    if (value !== null) body[name] = value;
  }
  for (const name of ['variables', 'extensions'] as const) {
    const value = params.get(name);
    if (value === null || value === '') continue;
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
      body[name] = parsed;
    } catch {
      return null;
    }
  }
  return body;
}

/** A resolved GET body back into the query string Apollo reads. */
function searchOf(body: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined) continue;
    params.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return `?${params.toString()}`;
}

export function createGraphQLHttpServer<Context extends BaseContext>(options: GraphQLHttpOptions<Context>): http.Server {
  const graphqlPath = options.graphqlPath ?? '/graphql';
  const routes = options.routes ?? {};
  const timeouts = options.timeouts ?? DEFAULT_HTTP_TIMEOUTS;

  const server = http.createServer(
    {
      // Node answers 408 and closes a connection whose headers (or whole request) are late; it
      // looks every connectionsCheckingInterval, so that is kept well under the timeouts.
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.headersMs + timeouts.bodyMs,
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(timeouts.headersMs / 2))),
    },
    (request, response) => {
    const startedAt = performance.now();
    const rewrite = (errors: readonly GraphQLFormattedError[]): GraphQLFormattedError[] => (options.rewriteErrors ? options.rewriteErrors(request, errors) : [...errors]);
    const graphqlError = (code: string, message: string): { errors: GraphQLFormattedError[] } => ({ errors: rewrite([{ message, extensions: { code } }]) });
    const { requestId, clientRequestId } = requestIdsOf(request, options.requestIds ?? 'generate');
    response.setHeader(REQUEST_ID_HEADER, requestId);
    // The one line that joins a client's own id to ours; every other line carries ours.
    if (clientRequestId && clientRequestId !== requestId) options.logger.info('request id assigned', { requestId, clientRequestId });
    for (const [name, value] of Object.entries({ ...SECURITY_HEADERS, ...options.responseHeaders?.(request) })) response.setHeader(name, value);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const route = routes[`${request.method} ${url.pathname}`];
    const facts: RequestFacts<Context> = { requestId, traceId: null, startedAt, graphql: !route && url.pathname === graphqlPath, givenOperationName: null, operation: null, context: null };
    // Known routes and the GraphQL path by name; anything else as one value, so no path a client invents is logged.
    const reportedPath = route || facts.graphql ? url.pathname : 'other';
    response.once('close', () =>
      reportRequest(options.logger, options.reporting, facts, { status: response.statusCode, method: request.method ?? 'GET', path: reportedPath, completed: response.writableFinished }),
    );

    const handle = async (): Promise<void> => {
      if (route) return route(request, response);
      if (url.pathname !== graphqlPath) {
        return sendJson(response, 404, graphqlError('NOT_FOUND', `Nothing is served at ${url.pathname}; GraphQL is at ${graphqlPath}.`));
      }
      let body: unknown = undefined;
      let bodyText: string | null = null;
      let search = url.search;
      if (request.method === 'GET' && options.resolveBody) {
        // A GET's parameters go through the same resolution as a POST body: a documentId (or an
        // APQ hash) is replaced by its registered text, which Apollo then reads from the query string.
        const params = getParametersOf(url.searchParams);
        facts.givenOperationName = operationNameOf(params);
        if (params === null) return sendJson(response, 400, graphqlError('BAD_REQUEST', 'The variables and extensions parameters must be JSON objects.'));
        const resolved = options.resolveBody(params);
        if (resolved.kind === 'refuse') throw new RequestRefused(resolved.refusal.httpStatus, resolved.refusal.code, resolved.refusal.message);
        if (resolved.body !== params) search = searchOf(resolved.body as Record<string, unknown>);
      } else if (request.method === 'POST') {
        const text = await readBodyWithin(request, options.maxRequestBytes, timeouts.bodyMs);
        bodyText = text;
        if (/json/i.test(headerValue(request, 'content-type') ?? '')) {
          try {
            body = JSON.parse(text);
          } catch {
            return sendJson(response, 400, graphqlError('BAD_REQUEST', 'The request body is not valid JSON.'));
          }
        } else {
          body = text;
        }
        facts.givenOperationName = operationNameOf(body);
        if (options.resolveBody) {
          const resolved = options.resolveBody(body);
          if (resolved.kind === 'refuse') throw new RequestRefused(resolved.refusal.httpStatus, resolved.refusal.code, resolved.refusal.message);
          body = resolved.body;
        }
      }
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      // Built before Apollo runs, so a refusal is a plain reply and nothing is executed.
      const context = await options.context(request, requestId, body, response, bodyText);
      facts.context = context;
      const operation: OperationFacts = { operationName: null, errors: false };
      facts.operation = operation;
      const result = await recordingOperationFacts(operation, () =>
        options.apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: request.method ?? 'GET', headers, search, body },
          context: async () => context,
        }),
      );
      for (const [name, value] of result.headers) response.setHeader(name, value);
      response.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') {
        const status = result.status ?? 200;
        response.end(options.rewriteErrors && status >= 400 ? rewrittenBody(result.body.string, rewrite) : result.body.string);
      } else {
        for await (const chunk of result.body.asyncIterator) response.write(chunk);
        response.end();
      }
    };

    const traced = inIncomingSpan(request.headers, `${request.method} ${reportedPath}`, (span) => {
      facts.traceId = span.spanContext().traceId;
      return handle();
    });
    traced.catch((error: unknown) => {
      if (error instanceof RequestRefused) {
        sendJson(response, error.httpStatus, graphqlError(error.code, error.message), error.headers);
        return;
      }
      if (error instanceof BodyTimeoutError) {
        // Closed after the reply: a client that drips its body gets no second request on this connection.
        sendJson(response, 408, graphqlError('REQUEST_TIMEOUT', `The request body did not arrive within ${error.timeoutMs} ms.`), { connection: 'close' });
        request.resume();
        return;
      }
      if (error instanceof BodyTooLargeError) {
        sendJson(response, 413, graphqlError('PAYLOAD_TOO_LARGE', `The request body is larger than ${error.limitBytes} bytes.`));
        request.resume();
        return;
      }
      // The context factory reads storage (a subgraph verifies the caller's proxy and case there).
      if (isStorageUnavailable(error) && !response.headersSent) {
        options.logger.warn('storage unavailable before execution', { requestId });
        sendJson(response, 503, graphqlError('STORAGE_UNAVAILABLE', storageUnavailable().message), { 'retry-after': String(STORAGE_RETRY_AFTER_SECONDS) });
        return;
      }
      options.logger.error('request failed outside GraphQL', { requestId, error: error instanceof Error ? error.name : 'unknown' });
      if (!response.headersSent) sendJson(response, 500, graphqlError('INTERNAL_SERVER_ERROR', 'Internal server error.'));
      else response.end();
    });
  },
  );
  server.keepAliveTimeout = timeouts.keepAliveMs;
  return server;
}
