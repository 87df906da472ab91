/**
 * Authentication at the gateway: a bearer JWT verified for signature, issuer, audience and expiry
 * against configured keys (the identity provider's JWKS URL, or the local key pair in development),
 * then read into an Actor. No token means anonymous; a bad token is refused outright (401), never
 * downgraded to anonymous, so a client learns its token is wrong.
 */
import type http from 'node:http';
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { ANONYMOUS, ACTOR_ROLES, type Actor } from '../../lib/actor';
import { RequestRefused } from '../../lib/apollo-http';
import { ensureLocalKeys } from '../../lib/auth-keys';
import type { Config } from '../../lib/config';
import { validateIdNumber } from '../../lib/identifiers';

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

export async function createAuthenticator(config: Readonly<Config>): Promise<Authenticator> {
  const keys = config.auth.jwksUrl
    ? createRemoteJWKSet(new URL(config.auth.jwksUrl))
    : createLocalJWKSet((await ensureLocalKeys(config.auth.keysDir)).jwks);

  return async (request) => {
    const header = request.headers.authorization;
    if (!header) return ANONYMOUS;
    // The scheme is case-insensitive (RFC 9110 §11.1); the token itself is not.
    const match = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i.exec(header);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <JWT>".');
    try {
      const { payload } = await jwtVerify(match[1]!, keys, {
        issuer: config.auth.issuer,
        audience: config.auth.audience,
        algorithms: ['ES256', 'RS256'],
        requiredClaims: ['exp', 'sub'],
      });
      const lifetime = payload.exp! - (payload.iat ?? Math.floor(Date.now() / 1000));
      if (lifetime > config.auth.maxTokenLifetimeSeconds) throw unauthenticated(`The token lives ${lifetime} s; this gateway accepts at most ${config.auth.maxTokenLifetimeSeconds} s.`);
      return actorOf(payload);
    } catch (error) {
      if (error instanceof RequestRefused) throw error;
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The token has expired.');
      if (error instanceof joseErrors.JWTClaimValidationFailed) throw unauthenticated(`The token's ${error.claim} claim is not accepted.`);
      throw unauthenticated('The token signature is not valid for this gateway.');
    }
  };
}
