/**
 * Cross-origin access for browser apps on other origins (a frontend team's web app): an allowlist
 * of exact origins (CORS_ALLOWED_ORIGINS), none by default. An allowed origin gets its own origin
 * echoed, never `*`, and no credentials mode: the bearer token travels in the Authorization header,
 * never in a cookie, so no browser ever sends our credentials on its own.
 */
import type http from 'node:http';
import type { Route } from '../../lib/apollo-http';
import type { BaseContext } from '@apollo/server';
import type { GatewayFeature } from '../feature';

/** Headers a browser app sends to the graph; anything else in a preflight is refused. */
const ALLOWED_REQUEST_HEADERS = ['authorization', 'content-type', 'x-purpose', 'x-application-id', 'x-request-id', 'apollo-require-preflight', 'x-apollo-operation-name', 'accept-language'];
const PREFLIGHT_MAX_AGE_S = 600;

export interface Cors {
  /** The headers a reply to this request carries (none for a same-origin or unlisted origin). */
  headersFor(request: http.IncomingMessage): Record<string, string>;
  /** `OPTIONS <graphqlPath>`: the preflight answer, 204 for a listed origin, 403 otherwise. */
  routes: Record<string, Route>;
}

export function cors(allowedOrigins: readonly string[], graphqlPath: string): Cors {
  const allowed = new Set(allowedOrigins);
  const listed = (request: http.IncomingMessage): string | null => {
    const origin = request.headers.origin;
    return typeof origin === 'string' && allowed.has(origin) ? origin : null;
  };
  const headersFor = (request: http.IncomingMessage): Record<string, string> => {
    const origin = listed(request);
    // Vary on Origin always: a shared cache must not hand one origin's answer to another.
    return origin ? { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'x-request-id, retry-after', vary: 'Origin' } : { vary: 'Origin' };
  };
  const preflight: Route = (request, response) => {
    const origin = listed(request);
    const asked = String(request.headers['access-control-request-headers'] ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name !== '');
    const method = String(request.headers['access-control-request-method'] ?? '');
    if (!origin || !['GET', 'POST'].includes(method) || asked.some((name) => !ALLOWED_REQUEST_HEADERS.includes(name))) {
      response.writeHead(403, { vary: 'Origin' }).end();
      return;
    }
    response
      .writeHead(204, {
        ...headersFor(request),
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': ALLOWED_REQUEST_HEADERS.join(', '),
        'access-control-max-age': String(PREFLIGHT_MAX_AGE_S),
      })
      .end();
  };
  return { headersFor, routes: { [`OPTIONS ${graphqlPath}`]: preflight } };
}

export interface CorsOptions {
  /** CORS_ALLOWED_ORIGINS: exact origins (scheme, host, port) browser apps may call from. Default: none. */
  allowedOrigins?: readonly string[];
  /** Where the graph is served (the preflight's path). */
  graphqlPath: string;
}

/** Cross-origin access as a gateway feature: the preflight route and the reply headers. */
export function useCors<Context extends BaseContext>({ allowedOrigins = [], graphqlPath }: CorsOptions): GatewayFeature<Context> {
  const crossOrigin = cors(allowedOrigins, graphqlPath);
  return { name: 'cors', routes: crossOrigin.routes, responseHeaders: crossOrigin.headersFor };
}
