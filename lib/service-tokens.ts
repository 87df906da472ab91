/**
 * The tokens a platform service (the loan worker: LOAN_ENGINE in lib/services.ts) shows the
 * gateway. With client credentials (AUTH_CLIENT_ID, AUTH_CLIENT_SECRET) it asks the identity
 * provider's token endpoint (AUTH_TOKEN_URL, or the one the discovery document of AUTH_ISSUER
 * names) by OAuth 2.0 client credentials: one token per fund centre, scope `centre:<code>`, for the
 * gateway's audience (`resource`, RFC 8707); the provider puts sub, role SERVICE and the centre in
 * it. Without them (development only) it mints its own with the local key pair, as `npm run token` does.
 */
import { ensureLocalKeys } from './auth-keys';
import { ConfigError, secretWeakness, type Config } from './config';
import { mintToken } from './tokens';

/** The loan worker's secret at the local identity provider when none is configured. Never valid in production. */
export const DEVELOPMENT_WORKER_CLIENT_SECRET = 'dev-only-loan-worker-client-secret-not-for-production';

/** Locally minted tokens live this long; a provider's live as long as it says. */
const LOCAL_TOKEN_LIFETIME_S = 300;

export interface ServiceTokens {
  /** A token for acting for this centre, fresh for at least a minute (or half its life, if shorter). */
  tokenFor(centre: string): Promise<string>;
}

/**
 * What keeps this process's service from getting tokens the gateway accepts. Checked where a
 * service starts (the loan worker), not in lib/config.ts: the other processes have no client.
 */
export function serviceTokenProblems(config: Readonly<Config>): string[] {
  const { clientId, clientSecret, tokenUrl, issuer, jwksUrl } = config.auth;
  const production = config.mode === 'production';
  const problems: string[] = [];
  if (Boolean(clientId) !== Boolean(clientSecret)) problems.push('AUTH_CLIENT_ID and AUTH_CLIENT_SECRET go together (the loan worker’s client at the identity provider)');
  else if (!clientId && production) problems.push('AUTH_CLIENT_ID and AUTH_CLIENT_SECRET are required in production by the loan worker (its client at the identity provider, for tokens by client credentials)');
  else if (!clientId && jwksUrl) problems.push('with AUTH_JWKS_URL set the loan worker needs its client credentials, AUTH_CLIENT_ID and AUTH_CLIENT_SECRET: tokens from the local keys would not be accepted');
  if (production && clientSecret) {
    const weakness = secretWeakness(clientSecret, DEVELOPMENT_WORKER_CLIENT_SECRET);
    if (weakness) problems.push(`AUTH_CLIENT_SECRET ${weakness === 'is the development default' ? 'must not be the development default in production' : `is too weak for production: it ${weakness}`}`);
  }
  // The secret goes there: over plain http anyone on the way could take it.
  if (production && tokenUrl && !tokenUrl.startsWith('https://')) problems.push('AUTH_TOKEN_URL must use https in production');
  if (production && !tokenUrl && !issuer.startsWith('https://')) problems.push('AUTH_TOKEN_URL is required in production unless AUTH_ISSUER is the https issuer whose discovery document names the token endpoint');
  return problems;
}

export function createServiceTokens(config: Readonly<Config>, subject: string): ServiceTokens {
  const problems = serviceTokenProblems(config);
  if (problems.length > 0) throw new ConfigError(problems);
  const cache = new Map<string, Promise<{ token: string; freshUntil: number }>>();
  const fetchToken = config.auth.clientId ? clientCredentials(config) : localToken(config, subject);
  return {
    async tokenFor(centre) {
      const cached = cache.get(centre);
      if (cached) {
        const entry = await cached.catch(() => null);
        if (entry && entry.freshUntil > Date.now()) return entry.token;
      }
      const pending = fetchToken(centre);
      cache.set(centre, pending);
      pending.catch(() => cache.delete(centre));
      return (await pending).token;
    },
  };
}

type Fetch = (centre: string) => Promise<{ token: string; freshUntil: number }>;

const freshUntil = (lifetimeS: number) => Date.now() + (lifetimeS - Math.min(60, lifetimeS / 2)) * 1000;

function localToken(config: Readonly<Config>, subject: string): Fetch {
  return async (centre) => {
    const { privateJwk } = await ensureLocalKeys(config.auth.keysDir);
    const token = await mintToken({ role: 'SERVICE', sub: subject, centre }, { privateJwk, issuer: config.auth.issuer, audience: config.auth.audience }, { expiresIn: `${LOCAL_TOKEN_LIFETIME_S}s` });
    return { token, freshUntil: freshUntil(LOCAL_TOKEN_LIFETIME_S) };
  };
}

function clientCredentials(config: Readonly<Config>): Fetch {
  const { clientId, clientSecret, issuer, audience } = config.auth;
  const timeout = () => AbortSignal.timeout(config.agencyTimeoutMs * 3);
  let endpoint: Promise<string> | null = config.auth.tokenUrl ? Promise.resolve(config.auth.tokenUrl) : null;
  const tokenEndpoint = () =>
    (endpoint ??= (async () => {
      const response = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: timeout() });
      const discovery = (await response.json().catch(() => ({}))) as { issuer?: string; token_endpoint?: string };
      // RFC 8414 §3.3: the document must name the issuer it was asked of.
      if (!response.ok || discovery.issuer !== issuer || typeof discovery.token_endpoint !== 'string') throw new Error(`the identity provider at ${issuer} has no discovery document naming it and its token endpoint`);
      return discovery.token_endpoint;
    })().catch((error: unknown) => {
      endpoint = null;
      throw error;
    }));
  // RFC 6749 §2.3.1: each part form-encoded, then Basic.
  const basic = Buffer.from(`${encodeURIComponent(clientId!)}:${encodeURIComponent(clientSecret!)}`).toString('base64');
  return async (centre) => {
    const response = await fetch(await tokenEndpoint(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}`, accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: `centre:${centre}`, resource: audience }).toString(),
      signal: timeout(),
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string };
    if (!response.ok || typeof body.access_token !== 'string') throw new Error(`the identity provider refused a token for centre ${centre}: ${response.status} ${body.error ?? ''}`.trim());
    return { token: body.access_token, freshUntil: freshUntil(typeof body.expires_in === 'number' ? body.expires_in : 60) };
  };
}
