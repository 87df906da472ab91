/**
 * The local identity provider: a real OpenID provider (oidc-provider, certified) for development
 * and the tests, standing in for the province's. It issues the gateway's access tokens as JWTs for
 * the audience AUTH_AUDIENCE (resource indicators, RFC 8707), signed with the development key pair
 * (AUTH_KEYS_DIR, generated at first start under .data/keys/, the key `npm run token` also uses):
 *
 *   - services by client credentials (RFC 6749 §4.4): the loan worker, a confidential client
 *     `hpf-loan-worker` (lib/services.ts), asks for one token per fund centre with the scope
 *     `centre:<6-digit code>`; its token says sub hpf-loan-worker, role SERVICE, centre <code>;
 *   - citizens by authorization code with PKCE: the public client `hpf-web` (the web app)
 *     sends the person to a sign-in page here (identity-provider/interaction.ts); their token says
 *     sub citizen-…, role APPLICANT, id_number <theirs>;
 *   - fund officers the same way, through the same app (its officer's workbench), signing in with
 *     a staff number: their token says sub <staff number>, role FUND_OFFICER, centre <theirs>.
 *     (The resource scope stays `applicant`: the gateway reads the role, never the scope.)
 *   - service-hall agents (帮代办) the same way, naming at sign-in the applicant they act for and
 *     the proxy authorization that applicant gave: their token says sub <agent account>, role
 *     PROXY_AGENT, acting_for, proxy_authorization — what they named, which the platform checks
 *     against its stored authorization on every request.
 *
 * Grants and sessions live in memory: a restart signs everyone out. Development only.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { ClientLike, ProviderContext, TokenLike } from 'oidc-provider';
import { ensureLocalKeys, TOKEN_ALGORITHM } from '../lib/auth-keys';
import type { Config } from '../lib/config';
import { listen } from '../lib/http';
import type { Logger } from '../lib/logger';
import { LOAN_ENGINE } from '../lib/services';
import { DEVELOPMENT_WORKER_CLIENT_SECRET } from '../lib/service-tokens';
import { accountById } from './accounts';
import { handleInteraction } from './interaction';
import { ProxyChoices } from './proxy-choices';

/** The citizens' web app (public client: no secret, PKCE), and where it receives the code in development. */
export const WEB_CLIENT_ID = 'hpf-web';
/** The gateway serves the app (gateway/plugins/web-app.ts): its sign-in landing on the default port. */
export const DEVELOPMENT_WEB_REDIRECT_URI = 'http://127.0.0.1:4000/app/signed-in';

/** The app's sign-in landing at the gateway this provider's system runs (PUBLIC_HOST, GATEWAY_PORT). */
export const webRedirectUriOf = (config: Readonly<Config>) => `http://${config.publicHost}:${config.gatewayPort}/app/signed-in`;

/** The scope a service asks for to act for one fund centre, e.g. `centre:350100`. */
const CENTRE_SCOPE = /^centre:(\d{6})$/;
/** The resource scope of a citizen's token for the gateway. */
const APPLICANT_SCOPE = 'applicant';
/** Services' and citizens' access tokens live 10 minutes (never longer than the gateway accepts). */
const ACCESS_TOKEN_TTL_S = 600;
/** Grants live an hour (the provider's ttl.Grant below); an agent's choice as long. */
const GRANT_TTL_S = 3600;

export interface IdentityProviderOptions {
  config: Readonly<Config>;
  logger: Logger;
  /** 0: a free port (tests). */
  port: number;
  /** The issuer it names itself by; default http://PUBLIC_HOST:<port it listens on>. */
  issuer?: string;
}

export interface IdentityProvider {
  issuer: string;
  jwksUrl: string;
  tokenUrl: string;
  stop(): Promise<void>;
}

export async function startIdentityProvider({ config, logger, port, issuer: givenIssuer }: IdentityProviderOptions): Promise<IdentityProvider> {
  if (config.mode === 'production') throw new Error('the local identity provider is for development and tests: in production point AUTH_ISSUER and AUTH_JWKS_URL at the province’s identity provider');
  const { default: Provider, errors } = await import('oidc-provider');
  const { privateJwk } = await ensureLocalKeys(config.auth.keysDir);

  // Listen first: the issuer is the URL it is reached at, port included.
  let handler: http.RequestListener = (_request, response) => response.writeHead(503).end();
  const server = http.createServer((request, response) => handler(request, response));
  server.headersTimeout = config.httpTimeouts.headersMs;
  server.requestTimeout = config.httpTimeouts.headersMs + config.httpTimeouts.bodyMs;
  server.keepAliveTimeout = config.httpTimeouts.keepAliveMs;
  const listening = await listen(server, port, config.host);
  const issuer = (givenIssuer ?? `http://${config.publicHost}:${listening.port}`).replace(/\/$/, '');
  const audience = config.auth.audience;
  const ttl = Math.min(ACCESS_TOKEN_TTL_S, config.auth.maxTokenLifetimeSeconds);
  const serviceClients = new Set([LOAN_ENGINE]);
  const proxyChoices = new ProxyChoices(GRANT_TTL_S * 1000);

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: LOAN_ENGINE,
        // The same value the worker is given (AUTH_CLIENT_SECRET), or the development one.
        client_secret: config.auth.clientId === LOAN_ENGINE && config.auth.clientSecret ? config.auth.clientSecret : DEVELOPMENT_WORKER_CLIENT_SECRET,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      {
        client_id: WEB_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        // The default one, and the gateway's when it listens elsewhere (a spec's gateway on a free port).
        redirect_uris: [...new Set([DEVELOPMENT_WEB_REDIRECT_URI, webRedirectUriOf(config)])],
        id_token_signed_response_alg: TOKEN_ALGORITHM,
      },
    ],
    jwks: { keys: [privateJwk] },
    clientDefaults: { id_token_signed_response_alg: TOKEN_ALGORITHM },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    findAccount: async (_ctx: unknown, accountId: string) => {
      const account = accountById(accountId);
      return account ? { accountId, claims: async () => ({ sub: accountId }) } : undefined;
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    ttl: { AccessToken: ttl, ClientCredentials: ttl, AuthorizationCode: 60, IdToken: ttl, Interaction: 600, Session: 3600, Grant: GRANT_TTL_S },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx: ProviderContext, resource: string, client: ClientLike) => {
          if (resource !== audience) throw new errors.InvalidTarget(`the only resource here is ${audience}`);
          let scope = APPLICANT_SCOPE;
          if (serviceClients.has(client.clientId)) {
            // A service acts for one centre per token: its powers never span centres.
            const asked = String(ctx.oidc.params?.scope ?? '').split(' ').filter((s) => CENTRE_SCOPE.test(s));
            if (asked.length !== 1) throw new errors.InvalidScope('ask for exactly one fund centre: scope centre:<6-digit code>', 'centre');
            scope = asked[0]!;
          }
          return { scope, audience, accessTokenTTL: ttl, accessTokenFormat: 'jwt', jwt: { sign: { alg: TOKEN_ALGORITHM } } };
        },
      },
    },
    // The claims the gateway reads (gateway/plugins/authentication.ts).
    extraTokenClaims: async (_ctx: unknown, token: TokenLike) => {
      if (token.kind === 'ClientCredentials' && token.clientId && serviceClients.has(token.clientId)) {
        return { role: 'SERVICE', centre: CENTRE_SCOPE.exec(token.scope ?? '')?.[1] };
      }
      const account = token.kind === 'AccessToken' && token.accountId ? accountById(token.accountId) : null;
      if (account?.kind === 'officer') return { role: 'FUND_OFFICER', centre: account.centre };
      if (account?.kind === 'agent') {
        // No choice, no role: the gateway refuses a token that names nobody to act for.
        const choice = proxyChoices.of(token.grantId);
        return choice ? { role: 'PROXY_AGENT', acting_for: choice.actingFor, proxy_authorization: choice.proxyAuthorization } : undefined;
      }
      return account ? { role: 'APPLICANT', id_number: account.idNumber } : undefined;
    },
  });
  provider.on('server_error', (_ctx, error) => logger.error('identity provider error', { error: error instanceof Error ? error.message : String(error) }));

  const callback = provider.callback();
  handler = (request, response) => {
    if (request.url?.startsWith('/interaction/')) {
      handleInteraction(provider, proxyChoices, request, response).catch((error: unknown) => {
        logger.warn('sign-in interaction failed', { error: error instanceof Error ? error.message : String(error) });
        if (!response.headersSent) response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('This sign-in has expired or is not valid: start again from the application.');
      });
      return;
    }
    callback(request, response);
  };

  logger.info('identity provider listening', { issuer });
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    tokenUrl: `${issuer}/token`,
    stop: () => listening.close(),
  };
}
