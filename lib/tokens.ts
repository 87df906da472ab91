/**
 * Access tokens as the gateway reads them: which claims each role carries, and minting for local
 * use (the `npm run token` command and tests). Verification lives in the gateway.
 */
import { SignJWT, type JWK } from 'jose';
import type { ActorRole } from './actor';
import { TOKEN_ALGORITHM, importPrivateKey } from './auth-keys';

/** Claims beyond the registered ones (sub, iss, aud, exp), by role. */
export interface ActorClaims {
  role: Exclude<ActorRole, 'ANONYMOUS'>;
  sub: string;
  /** APPLICANT: their own ID number (the identity provider verified it). */
  id_number?: string;
  /** FUND_OFFICER, SERVICE: the fund centre code. */
  centre?: string;
  /** PROXY_AGENT: the applicant acting for, and the reference of their authorization. */
  acting_for?: string;
  proxy_authorization?: string;
}

export async function mintToken(
  claims: ActorClaims,
  key: { privateJwk: JWK; issuer: string; audience: string },
  options: { expiresIn?: string | number; issuedAt?: number } = {},
): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: key.privateJwk.kid })
    .setSubject(sub)
    .setIssuer(key.issuer)
    .setAudience(key.audience)
    .setIssuedAt(options.issuedAt)
    .setExpirationTime(options.expiresIn ?? '1h')
    .sign(await importPrivateKey(key.privateJwk));
}
