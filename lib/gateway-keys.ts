/**
 * The gateway's keys for caller assertions: an Ed25519 key pair. The gateway alone holds the
 * private key (GATEWAY_SIGNING_KEY) and signs; subgraphs hold public keys only
 * (GATEWAY_VERIFY_KEYS), so a subgraph — or whoever runs one — can check the gateway's word but
 * never mint a call to another subgraph.
 *
 * A key's id (kid) is its RFC 7638 JWK thumbprint, computed from the key itself, so nobody names
 * keys and the gateway and subgraphs cannot disagree about a name. Rotation: add the new public key
 * to every subgraph's GATEWAY_VERIFY_KEYS, switch the gateway's GATEWAY_SIGNING_KEY, then, once
 * the old key's assertions have expired (seconds), drop the old public key.
 *
 * Accepted forms — private: PEM (PKCS#8) or a JWK ({"kty":"OKP","crv":"Ed25519","d","x"});
 * public: a JWKS ({"keys":[…]}), a JSON array of JWKs or one JWK, or a comma-separated list of
 * PEMs (SPKI) and/or raw keys (the 43-character base64url `x` of the JWK).
 */
import { createHash, createPrivateKey, createPublicKey, hkdfSync, type JsonWebKey, type KeyObject } from 'node:crypto';

export interface GatewaySigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface GatewayVerifyKey {
  kid: string;
  publicKey: KeyObject;
}

/**
 * Development-only key pair (committed, so every process of a development run agrees without
 * setup). Production refuses it as signing key and in the verify set (lib/config.ts).
 */
export const DEVELOPMENT_GATEWAY_SIGNING_KEY = JSON.stringify({
  kty: 'OKP',
  crv: 'Ed25519',
  d: '7hEYs4tHmWAQ0Bz41O6TJYIwH24pQU8ZJGZtwab60sM',
  x: 'fR7MJq3Uks_h6ox2pxPkPH563pTevV_KF0ggmPiOG9U',
});

const RAW_PUBLIC_KEY = /^[A-Za-z0-9_-]{43}$/;

/** RFC 7638 thumbprint of an Ed25519 public key: the kid. */
export function keyIdOf(publicKey: KeyObject): string {
  const { x } = publicKey.export({ format: 'jwk' });
  return createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url');
}

/** A PEM given on one line (as env files often hold it) with literal "\n" separators. */
const unescapePem = (text: string) => text.replace(/\\n/g, '\n');

function requireEd25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${what} is a ${key.asymmetricKeyType ?? 'symmetric'} key, not Ed25519`);
  return key;
}

/** Parses the gateway's private key; throws an Error saying what is wrong (never quoting the key). */
export function parseSigningKey(raw: string): GatewaySigningKey {
  const text = raw.trim();
  let privateKey: KeyObject;
  try {
    if (text.startsWith('{')) {
      const jwk = JSON.parse(text) as Record<string, unknown>;
      if (typeof jwk.d !== 'string') throw new Error('no private part');
      privateKey = createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' });
    } else if (text.includes('-----BEGIN')) {
      if (!/-----BEGIN PRIVATE KEY-----/.test(text)) throw new Error('not PKCS#8');
      privateKey = createPrivateKey({ key: unescapePem(text), format: 'pem' });
    } else {
      throw new Error('unknown form');
    }
  } catch {
    throw new Error('must be an Ed25519 private key, as PEM (PKCS#8) or as a JWK with "d"');
  }
  requireEd25519(privateKey, 'the private key');
  const publicKey = createPublicKey(privateKey);
  return { kid: keyIdOf(publicKey), privateKey, publicKey };
}

/** Parses the set of public keys assertions are accepted under; throws an Error saying what is wrong. */
export function parseVerifyKeys(raw: string): GatewayVerifyKey[] {
  const text = raw.trim();
  const keys: KeyObject[] = [];
  const fromJwk = (jwk: unknown, index: number) => {
    if (typeof jwk !== 'object' || jwk === null) throw new Error(`key ${index + 1} is not a JWK object`);
    const { kty, crv, x, d } = jwk as Record<string, unknown>;
    if (d !== undefined) throw new Error(`key ${index + 1} holds a private key ("d"): give the public keys only`);
    if (kty !== 'OKP' || crv !== 'Ed25519' || typeof x !== 'string') throw new Error(`key ${index + 1} is not an Ed25519 public JWK (kty OKP, crv Ed25519, x)`);
    keys.push(createPublicKey({ key: { kty, crv, x }, format: 'jwk' }));
  };
  if (text.startsWith('{') || text.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error('is not valid JSON (a JWKS, a JWK or an array of JWKs)');
    }
    const list = Array.isArray(json) ? json : typeof json === 'object' && json !== null && Array.isArray((json as { keys?: unknown }).keys) ? (json as { keys: unknown[] }).keys : [json];
    list.forEach(fromJwk);
  } else {
    const items = unescapePem(text)
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    items.forEach((item, index) => {
      if (item.includes('PRIVATE KEY')) throw new Error(`key ${index + 1} is a private key: give the public keys only`);
      if (RAW_PUBLIC_KEY.test(item)) return fromJwk({ kty: 'OKP', crv: 'Ed25519', x: item }, index);
      if (!item.includes('-----BEGIN PUBLIC KEY-----')) throw new Error(`key ${index + 1} is neither a PEM public key nor a 43-character base64url Ed25519 key`);
      let key: KeyObject;
      try {
        key = createPublicKey({ key: item, format: 'pem' });
      } catch {
        throw new Error(`key ${index + 1} is not a readable PEM public key`);
      }
      keys.push(requireEd25519(key, `key ${index + 1}`));
    });
  }
  if (keys.length === 0) throw new Error('holds no key');
  const unique = new Map<string, GatewayVerifyKey>();
  for (const publicKey of keys) unique.set(keyIdOf(publicKey), { kid: keyIdOf(publicKey), publicKey });
  return [...unique.values()];
}

/** The public key in the raw form GATEWAY_VERIFY_KEYS takes (the JWK's x), e.g. to print for operators. */
export function rawPublicKeyOf(publicKey: KeyObject): string {
  return publicKey.export({ format: 'jwk' }).x as string;
}

/**
 * A symmetric key derived from the signing key for one purpose (HKDF-SHA256, the label as info),
 * for integrity checks only the gateway can make, such as the shared cache's entries. Another
 * label gives an unrelated key.
 */
export function derivedGatewayKey(signingKey: GatewaySigningKey, label: string): Buffer {
  const { d } = signingKey.privateKey.export({ format: 'jwk' });
  return Buffer.from(hkdfSync('sha256', Buffer.from(d as string, 'base64url'), 'fj-hpf-gateway', label, 32));
}

export const DEVELOPMENT_GATEWAY_KEY_ID = parseSigningKey(DEVELOPMENT_GATEWAY_SIGNING_KEY).kid;
