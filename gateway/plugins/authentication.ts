/**
 * Authentication at the gateway: a bearer JWT verified for signature, issuer, audience and expiry
 * against configured keys (the identity provider's JWKS URL, or the local key pair in development),
 * then read into an Actor. No token means anonymous; a bad token is refused outright (401), never
 * downgraded to anonymous, so a client learns its token is wrong.
 *
 * As a gateway feature (useAuthentication) it fills the context's `actor`, first of all parts, so
 * a bad token is refused before anything reads the request's purpose or takes a rate-limit slot.
 *
 * A token verified a moment ago is not verified again (VerifiedTokens below).
 */
import type http from 'node:http';
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { ANONYMOUS, ACTOR_ROLES, type Actor } from '../../lib/actor';
import { RequestRefused } from '../../lib/apollo-http';
import { ensureLocalKeys } from '../../lib/auth-keys';
import { DEFAULT_AUTH_KEYS_DIR, DEFAULT_MAX_TOKEN_LIFETIME_S } from '../../lib/gateway-settings';
import { validateIdNumber } from '../../lib/identifiers';
import type { GatewayContext } from '../context';
import type { GatewayFeature } from '../feature';

export type Authenticator = (request: http.IncomingMessage) => Promise<Actor>;

const unauthenticated = (message: string) => new RequestRefused(401, 'UNAUTHENTICATED', message);

function actorOf(payload: JWTPayload): Actor {
  const claim = (name: string): string | null => (typeof payload[name] === 'string' ? (payload[name] as string) : null);
  const role = claim('role');
  const subject = payload.sub;
  if (!role || !ACTOR_ROLES.includes(role as Actor['role']) || role === 'ANONYMOUS' || !subject) {
    throw unauthenticated('The token names no known role or subject.');
  }
  const validPerson = (value: string | null) => (value && validateIdNumber(value).ok ? value : null);
  const centre = claim('centre');
  switch (role) {
    case 'APPLICANT': {
      const personIdNumber = validPerson(claim('id_number'));
      if (!personIdNumber) throw unauthenticated('An applicant token must carry a valid id_number.');
      return { role, subject, personIdNumber, centre: null, proxyAuthorizationRef: null };
    }
    case 'PROXY_AGENT': {
      const personIdNumber = validPerson(claim('acting_for'));
      const proxyAuthorizationRef = claim('proxy_authorization');
      if (!personIdNumber || !proxyAuthorizationRef) throw unauthenticated('A proxy agent token must carry acting_for and proxy_authorization.');
      return { role, subject, personIdNumber, centre: null, proxyAuthorizationRef };
    }
    case 'FUND_OFFICER':
    case 'SERVICE': {
      if (!centre || !/^\d{6}$/.test(centre)) throw unauthenticated(`A ${role.toLowerCase()} token must carry a 6-digit centre.`);
      return { role, subject, personIdNumber: null, centre, proxyAuthorizationRef: null };
    }
    default:
      return { role: 'AUDITOR', subject, personIdNumber: null, centre: null, proxyAuthorizationRef: null };
  }
}

export interface AuthenticationOptions {
  /** AUTH_ISSUER: the `iss` every token must name. Required: no issuer, no gateway. */
  issuer: string;
  /** AUTH_AUDIENCE: the `aud` every token must name. Required. */
  audience: string;
  /**
   * AUTH_JWKS_URL: the identity provider's keys. Default null: the local key pair in `keysDir`
   * (development; the configuration refuses it in production).
   */
  jwksUrl?: string | null;
  /** AUTH_KEYS_DIR: where the local key pair is kept (made on first use). Default DEFAULT_AUTH_KEYS_DIR. */
  keysDir?: string;
  /** AUTH_MAX_TOKEN_LIFETIME_S: a token living longer (exp − iat) is refused. Default DEFAULT_MAX_TOKEN_LIFETIME_S. */
  maxTokenLifetimeSeconds?: number;
}

/** How long a verified token is answered from memory at most: a key the provider withdraws stops its tokens within this. */
const VERIFIED_TOKEN_TTL_MS = 60_000;
/** Tokens remembered at most (the oldest go first): some thousand callers' worth, a few MB. */
const VERIFIED_TOKENS_MAX = 5_000;

/**
 * Tokens this gateway verified in the last minute, by their exact text, with the caller they name.
 * A client sends the same token with every request, and checking its signature each time was a
 * tenth of the gateway's CPU. An entry answers only while its token is in force (its `exp`) and for
 * at most VERIFIED_TOKEN_TTL_MS; then the token is verified again, in full. A refusal is never kept.
 */
class VerifiedTokens {
  private readonly entries = new Map<string, { actor: Actor; untilMs: number }>();

  find(token: string, nowMs: number): Actor | null {
    const entry = this.entries.get(token);
    if (!entry) return null;
    if (nowMs < entry.untilMs) return entry.actor;
    this.entries.delete(token);
    return null;
  }

  keep(token: string, actor: Actor, expiresAtS: number, nowMs: number): void {
    if (this.entries.size >= VERIFIED_TOKENS_MAX) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { actor, untilMs: Math.min(expiresAtS * 1000, nowMs + VERIFIED_TOKEN_TTL_MS) });
  }
}

export async function createAuthenticator(options: Readonly<AuthenticationOptions>): Promise<Authenticator> {
  const { issuer, audience, jwksUrl = null, keysDir = DEFAULT_AUTH_KEYS_DIR, maxTokenLifetimeSeconds = DEFAULT_MAX_TOKEN_LIFETIME_S } = options;
  // An empty issuer or audience would make jose skip that check: refuse to start instead.
  const problems = [...(issuer ? [] : ['an issuer']), ...(audience ? [] : ['an audience'])];
  if (problems.length > 0) throw new Error(`authentication needs ${problems.join(' and ')}`);
  if (!Number.isSafeInteger(maxTokenLifetimeSeconds) || maxTokenLifetimeSeconds < 1) throw new Error(`maxTokenLifetimeSeconds must be a positive integer (got ${maxTokenLifetimeSeconds})`);
  const keys = jwksUrl ? createRemoteJWKSet(new URL(jwksUrl)) : createLocalJWKSet((await ensureLocalKeys(keysDir)).jwks);
  const verified = new VerifiedTokens();

  return async (request) => {
    const header = request.headers.authorization;
    if (!header) return ANONYMOUS;
    // The scheme is case-insensitive (RFC 9110 §11.1); the token itself is not.
    const match = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i.exec(header);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <JWT>".');
    const token = match[1]!;
    const known = verified.find(token, Date.now());
    if (known) return known;
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer,
        audience,
        algorithms: ['ES256', 'RS256'],
        requiredClaims: ['exp', 'sub'],
      });
      const lifetime = payload.exp! - (payload.iat ?? Math.floor(Date.now() / 1000));
      if (lifetime > maxTokenLifetimeSeconds) throw unauthenticated(`The token lives ${lifetime} s; this gateway accepts at most ${maxTokenLifetimeSeconds} s.`);
      // Frozen: every request this token makes shares the one caller.
      const actor = Object.freeze(actorOf(payload));
      verified.keep(token, actor, payload.exp!, Date.now());
      return actor;
    } catch (error) {
      if (error instanceof RequestRefused) throw error;
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The token has expired.');
      if (error instanceof joseErrors.JWTClaimValidationFailed) throw unauthenticated(`The token's ${error.claim} claim is not accepted.`);
      throw unauthenticated('The token signature is not valid for this gateway.');
    }
  };
}

export interface Authentication extends GatewayFeature<GatewayContext> {
  /** The same check for routes outside GraphQL (health details, metrics: healthOperator()). */
  authenticate: Authenticator;
}

/** Authentication as a gateway feature: the context's `actor`, from the bearer token (none: ANONYMOUS). */
export async function useAuthentication(options: Readonly<AuthenticationOptions>): Promise<Authentication> {
  const authenticate = await createAuthenticator(options);
  return {
    name: 'authentication',
    authenticate,
    context: { provides: ['actor'], build: async (request) => ({ actor: await authenticate(request) }) },
  };
}
