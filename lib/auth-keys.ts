/**
 * Local token keys. For development and tests the gateway trusts an ES256 key pair generated at
 * first start into AUTH_KEYS_DIR (never committed); `npm run token` mints tokens with its private
 * half. In production the gateway trusts the identity provider's JWKS instead (AUTH_JWKS_URL).
 */
import fs from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

const PRIVATE_KEY_FILE = 'token-signing.private.jwk.json';
const PUBLIC_JWKS_FILE = 'jwks.json';
export const TOKEN_ALGORITHM = 'ES256';

export interface LocalKeys {
  privateJwk: JWK;
  jwks: { keys: JWK[] };
}

/** Reads the local key pair, generating it on first use (files readable by the owner only). */
export async function ensureLocalKeys(dir: string): Promise<LocalKeys> {
  const privatePath = path.join(dir, PRIVATE_KEY_FILE);
  const publicPath = path.join(dir, PUBLIC_JWKS_FILE);
  if (fs.existsSync(privatePath) && fs.existsSync(publicPath)) {
    return {
      privateJwk: JSON.parse(fs.readFileSync(privatePath, 'utf8')) as JWK,
      jwks: JSON.parse(fs.readFileSync(publicPath, 'utf8')) as { keys: JWK[] },
    };
  }
  const { privateKey, publicKey } = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
  const kid = `local-${Date.now().toString(36)}`;
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: TOKEN_ALGORITHM };
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: TOKEN_ALGORITHM, use: 'sig' }] };
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(privatePath, JSON.stringify(privateJwk), { mode: 0o600 });
  fs.writeFileSync(publicPath, JSON.stringify(jwks, null, 2));
  return { privateJwk, jwks };
}

export async function importPrivateKey(jwk: JWK) {
  return importJWK(jwk, TOKEN_ALGORITHM);
}
