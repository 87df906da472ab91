/**
 * The gateway's key pair as configured: the forms accepted, the key ids, and what production
 * refuses (a missing or development key, a private key among the public ones). Only the gateway
 * holds the private key: a subgraph's production configuration has none, and the gateway refuses
 * to start without one.
 */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../lib/config';
import { PRODUCTION_ENV, configProblems } from '../support/config';
import { DEVELOPMENT_GATEWAY_KEY_ID, DEVELOPMENT_GATEWAY_SIGNING_KEY, derivedGatewayKey, keyIdOf, parseSigningKey, parseVerifyKeys, rawPublicKeyOf } from '../../lib/gateway-keys';
import { silentLogger } from '../../lib/logger';
import { buildGateway } from '../../gateway/server';

const pair = () => generateKeyPairSync('ed25519');
/** Production as a process given no gateway keys at all. */
const { GATEWAY_VERIFY_KEYS: _verifyKeys, ...PRODUCTION } = PRODUCTION_ENV;
const problemsOf = configProblems;
/** This spec's concern only, so other production requirements added later do not change it. */
const keyProblemsOf = (env: Record<string, string>) => problemsOf(env).filter((problem) => problem.startsWith('GATEWAY_'));

describe('the gateway key pair', () => {
  const { privateKey, publicKey } = pair();
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  const jwk = JSON.stringify(privateKey.export({ format: 'jwk' }));
  const kid = keyIdOf(publicKey);

  it('reads the private key as PEM (also on one line with \\n) or as a JWK; the kid is the key’s thumbprint', () => {
    expect(parseSigningKey(pem).kid).toBe(kid);
    expect(parseSigningKey(pem.replace(/\n/g, '\\n')).kid).toBe(kid);
    expect(parseSigningKey(jwk).kid).toBe(kid);
    expect(kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a private key that is not Ed25519, or is not a private key at all', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    for (const raw of [ec, publicKey.export({ format: 'pem', type: 'spki' }) as string, rawPublicKeyOf(publicKey), 'secret']) {
      expect(() => parseSigningKey(raw)).toThrow(/must be an Ed25519 private key|not Ed25519/);
    }
  });

  it('reads the public keys as a JWKS, a JWK array, or a comma-separated list of PEMs and raw keys', () => {
    const other = pair().publicKey;
    const publicJwk = publicKey.export({ format: 'jwk' });
    const forms = [
      JSON.stringify({ keys: [publicJwk, other.export({ format: 'jwk' })] }),
      JSON.stringify([publicJwk, other.export({ format: 'jwk' })]),
      `${publicKey.export({ format: 'pem', type: 'spki' })}, ${rawPublicKeyOf(other)}`,
      `${rawPublicKeyOf(publicKey)},${rawPublicKeyOf(other)},${rawPublicKeyOf(other)}`,
    ];
    for (const form of forms) expect(parseVerifyKeys(form).map((key) => key.kid)).toEqual([kid, keyIdOf(other)]);
  });

  it('refuses a private key among the public ones', () => {
    expect(() => parseVerifyKeys(JSON.stringify({ keys: [privateKey.export({ format: 'jwk' })] }))).toThrow(/private key/);
    expect(() => parseVerifyKeys(pem)).toThrow(/private key/);
    expect(() => parseVerifyKeys(' , ')).toThrow(/holds no key/);
  });

  it('derives unrelated symmetric keys per purpose', () => {
    const key = parseSigningKey(jwk);
    expect(derivedGatewayKey(key, 'a')).toHaveLength(32);
    expect(derivedGatewayKey(key, 'a').equals(derivedGatewayKey(key, 'b'))).toBe(false);
    expect(derivedGatewayKey(key, 'a').equals(derivedGatewayKey(parseSigningKey(DEVELOPMENT_GATEWAY_SIGNING_KEY), 'a'))).toBe(false);
  });

  describe('in the configuration', () => {
    it('runs development on the development pair, verify keys following the signing key', () => {
      const config = loadConfig({});
      expect(config.gatewaySigningKey?.kid).toBe(DEVELOPMENT_GATEWAY_KEY_ID);
      expect(config.gatewayVerifyKeys.map((key) => key.kid)).toEqual([DEVELOPMENT_GATEWAY_KEY_ID]);
      expect(loadConfig({ GATEWAY_SIGNING_KEY: jwk }).gatewayVerifyKeys.map((key) => key.kid)).toEqual([kid]);
    });

    it('asks production for the public keys everywhere and the private key of no process (a subgraph has none)', () => {
      expect(keyProblemsOf(PRODUCTION)).toEqual(['GATEWAY_VERIFY_KEYS is required in production (the public keys of the gateway’s caller assertions)']);
      expect(keyProblemsOf({ ...PRODUCTION, GATEWAY_VERIFY_KEYS: rawPublicKeyOf(publicKey) })).toEqual([]); // a subgraph: public keys only
      expect(keyProblemsOf({ ...PRODUCTION, GATEWAY_VERIFY_KEYS: rawPublicKeyOf(publicKey), GATEWAY_SIGNING_KEY: pem })).toEqual([]); // the gateway
    });

    it('refuses the development key in production, in either role and in any form', () => {
      const development = parseSigningKey(DEVELOPMENT_GATEWAY_SIGNING_KEY);
      const developmentPem = development.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
      expect(keyProblemsOf({ ...PRODUCTION, GATEWAY_VERIFY_KEYS: rawPublicKeyOf(publicKey), GATEWAY_SIGNING_KEY: DEVELOPMENT_GATEWAY_SIGNING_KEY })).toContain('GATEWAY_SIGNING_KEY must not be the development default in production');
      expect(keyProblemsOf({ ...PRODUCTION, GATEWAY_VERIFY_KEYS: rawPublicKeyOf(development.publicKey), GATEWAY_SIGNING_KEY: developmentPem })).toEqual([
        'GATEWAY_SIGNING_KEY must not be the development key in production',
        'GATEWAY_VERIFY_KEYS must not hold the development key in production',
      ]);
    });

    it('refuses a signing key whose public half the verify keys lack, and malformed keys, without quoting them', () => {
      expect(keyProblemsOf({ GATEWAY_SIGNING_KEY: jwk, GATEWAY_VERIFY_KEYS: rawPublicKeyOf(pair().publicKey) })).toEqual([expect.stringMatching(/^GATEWAY_VERIFY_KEYS does not hold the public key of GATEWAY_SIGNING_KEY/)]);
      const problems = keyProblemsOf({ GATEWAY_SIGNING_KEY: 'not-a-key-at-all', GATEWAY_VERIFY_KEYS: 'nor-this' });
      expect(problems).toEqual([expect.stringMatching(/^GATEWAY_SIGNING_KEY must be an Ed25519 private key/), expect.stringMatching(/^GATEWAY_VERIFY_KEYS key 1 is neither/)]);
      expect(problems.join(' ')).not.toMatch(/not-a-key-at-all|nor-this/);
    });

    it('reads the signing key from GATEWAY_SIGNING_KEY_FILE', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hpf-gateway-key-'));
      const file = path.join(dir, 'gateway.pem');
      fs.writeFileSync(file, pem);
      expect(loadConfig({ GATEWAY_SIGNING_KEY_FILE: file }).gatewaySigningKey?.kid).toBe(kid);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('gateway refuses to start without the private key', async () => {
      const subgraphOnly = { ...loadConfig({ NODE_ENV: 'test' }), gatewaySigningKey: null };
      await expect(buildGateway({ config: subgraphOnly, logger: silentLogger })).rejects.toThrow(/GATEWAY_SIGNING_KEY is required to run the gateway/);
    });
  });
});
