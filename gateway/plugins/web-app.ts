/**
 * The citizens' web app (web/, React built by Vite) as a gateway feature: served at /app/ from the
 * files the build wrote (`npm run build` → dist/web/build in the image; `npm start` builds
 * web/build first), beside GraphiQL at / for developers. The app talks to this gateway's
 * /graphql and signs people in at the identity provider the gateway trusts (AUTH_ISSUER): the page
 * is told both in a <meta name="hpf-config">, so one build runs in every deployment.
 *
 * Read once, when the gateway starts: index.html and every file under assets/ (content-hashed
 * names, so each may be cached for good). Without a build, /app/ says how to make one (503).
 * The page's Content-Security-Policy allows scripts and styles from this origin only (the build
 * inlines none), calls to this origin and the identity provider's, and nothing else.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BaseContext } from '@apollo/server';
import type { Route } from '../../lib/apollo-http';
import { REPO_ROOT } from '../../schema/subgraphs';
import type { GatewayFeature } from '../feature';

/** Where the app is served. The identity provider's development redirect URI is `<origin>/app/signed-in`. */
export const WEB_APP_PATH = '/app/';
/** Vite's output, in the tree that runs (source or dist/): scripts/web-app.ts writes it. */
export const WEB_APP_DIR = path.join(REPO_ROOT, 'web', 'build');
/** The app's public OAuth client at the identity provider (the local one registers the same id). */
export const DEFAULT_WEB_CLIENT_ID = 'hpf-web';

export interface WebAppOptions {
  /** The identity provider's issuer (the gateway's AUTH_ISSUER): where citizens sign in. Required. */
  issuer: string;
  /** The resource the app asks tokens for (the gateway's AUTH_AUDIENCE). Required. */
  audience: string;
  /** This gateway's GraphQL path, which the app calls. Required. */
  graphqlPath: string;
  /** The built app; default WEB_APP_DIR. */
  dir?: string;
  /** The app's client id at the provider; default DEFAULT_WEB_CLIENT_ID. */
  clientId?: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const escapeAttribute = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function webAppPolicy(issuer: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    // The token endpoint and discovery document are the identity provider's; everything else is ours.
    `connect-src 'self' ${new URL(issuer).origin}`,
    "form-action 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export function webAppRoutes(options: WebAppOptions): Record<string, Route> {
  const dir = options.dir ?? WEB_APP_DIR;
  const base = WEB_APP_PATH.replace(/\/$/, '');
  const indexFile = path.join(dir, 'index.html');
  const redirect: Route = (_request, response) => {
    response.writeHead(308, { location: WEB_APP_PATH }).end();
  };
  if (!fs.existsSync(indexFile)) {
    const missing: Route = (_request, response) => {
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('The web app is not built: run `npm run build` (or `npm start`, which builds it).\n');
    };
    return { [`GET ${base}`]: redirect, [`GET ${WEB_APP_PATH}`]: missing, [`GET ${WEB_APP_PATH}signed-in`]: missing };
  }
  const config = { issuer: options.issuer, clientId: options.clientId ?? DEFAULT_WEB_CLIENT_ID, audience: options.audience, graphqlPath: options.graphqlPath };
  const page = fs.readFileSync(indexFile, 'utf8').replace(/<head>/i, () => `<head>\n    <meta name="hpf-config" content="${escapeAttribute(JSON.stringify(config))}">`);
  const policy = webAppPolicy(options.issuer);
  const servePage: Route = (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', 'content-security-policy': policy });
    response.end(page);
  };
  const routes: Record<string, Route> = { [`GET ${base}`]: redirect, [`GET ${WEB_APP_PATH}`]: servePage, [`GET ${WEB_APP_PATH}signed-in`]: servePage };
  const assets = path.join(dir, 'assets');
  for (const name of fs.existsSync(assets) ? fs.readdirSync(assets) : []) {
    const body = fs.readFileSync(path.join(assets, name));
    const type = CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream';
    routes[`GET ${WEB_APP_PATH}assets/${name}`] = (_request, response) => {
      // Content-hashed names: a changed file is a new name, so each may be kept for good.
      response.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': 'public, max-age=31536000, immutable' });
      response.end(body);
    };
  }
  return routes;
}

/** The web app as a gateway feature: /app/ (and /app/signed-in, the sign-in landing) and its assets. */
export function useWebApp<Context extends BaseContext>(options: WebAppOptions): GatewayFeature<Context> {
  for (const name of ['issuer', 'audience', 'graphqlPath'] as const) if (!options[name]) throw new Error(`useWebApp: ${name} is required`);
  return { name: 'web-app', routes: webAppRoutes(options) };
}
