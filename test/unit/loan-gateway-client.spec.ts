import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../lib/config';
import { serviceTokenProblems } from '../../lib/service-tokens';
import { startIdentityProvider } from '../../identity-provider/provider';
import { silentLogger } from '../../lib/logger';
import { createGatewayClient } from '../../subgraphs/shared/gateway-client';
import { PRODUCTION_ENV, configProblems } from '../support/config';

/** The worker's client at the province's identity provider, as a deployment would give it. */
const WORKER_CLIENT = { AUTH_CLIENT_ID: 'hpf-loan-worker', AUTH_CLIENT_SECRET: 'Wk3Rt9Yp2Qs7Zx4Vb8Nm1Lj6Hg5Fd0Ca', AUTH_TOKEN_URL: 'https://auth.fj-hpf.example/oauth2/token' };
const workerProblems = (env: Record<string, string>) => serviceTokenProblems(loadConfig(env));

describe('the loan worker’s gateway client', () => {
  it('refuses to start with an identity provider it has no credentials for, instead of failing every check later', () => {
    expect(() => createGatewayClient(loadConfig({ AUTH_JWKS_URL: 'https://idp.example/jwks.json' }))).toThrow(/client credentials/);
  });

  it('in production refuses to start without its client at the identity provider, and starts with it', () => {
    // The shared configuration loads (the gateway, the other subgraphs and the simulators have no client) …
    expect(configProblems({ ...PRODUCTION_ENV })).toEqual([]);
    // … but the loan worker does not start without one.
    expect(workerProblems({ ...PRODUCTION_ENV })).toEqual([
      'AUTH_CLIENT_ID and AUTH_CLIENT_SECRET are required in production by the loan worker (its client at the identity provider, for tokens by client credentials)',
      'AUTH_TOKEN_URL is required in production unless AUTH_ISSUER is the https issuer whose discovery document names the token endpoint',
    ]);
    expect(() => createGatewayClient(loadConfig({ ...PRODUCTION_ENV }))).toThrow(/AUTH_CLIENT_ID and AUTH_CLIENT_SECRET are required in production/);
    expect(() => createGatewayClient(loadConfig({ ...PRODUCTION_ENV, ...WORKER_CLIENT }))).not.toThrow();
    // The token URL may come from the issuer's discovery document instead.
    const { AUTH_TOKEN_URL: _url, ...discovered } = WORKER_CLIENT;
    expect(workerProblems({ ...PRODUCTION_ENV, ...discovered, AUTH_ISSUER: 'https://auth.fj-hpf.example' })).toEqual([]);
  });

  it('in production asks for a real secret, sent over https only; the secret may come from a file', () => {
    expect(workerProblems({ ...PRODUCTION_ENV, ...WORKER_CLIENT, AUTH_TOKEN_URL: 'http://auth.fj-hpf.example/token' })).toEqual(['AUTH_TOKEN_URL must use https in production']);
    expect(workerProblems({ ...PRODUCTION_ENV, ...WORKER_CLIENT, AUTH_CLIENT_SECRET: 'dev-only-loan-worker-client-secret-not-for-production' })).toEqual(['AUTH_CLIENT_SECRET must not be the development default in production']);
    expect(workerProblems({ ...PRODUCTION_ENV, ...WORKER_CLIENT, AUTH_CLIENT_SECRET: 'short' })).toEqual(['AUTH_CLIENT_SECRET is too weak for production: it is shorter than 32 characters']);
    const { AUTH_CLIENT_SECRET: _secret, ...withoutSecret } = WORKER_CLIENT;
    expect(workerProblems({ ...PRODUCTION_ENV, ...withoutSecret })).toEqual(['AUTH_CLIENT_ID and AUTH_CLIENT_SECRET go together (the loan worker’s client at the identity provider)']);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hpf-client-secret-')), 'auth_client_secret');
    fs.writeFileSync(file, `${WORKER_CLIENT.AUTH_CLIENT_SECRET}\n`);
    const fromFile = loadConfig({ ...PRODUCTION_ENV, ...withoutSecret, AUTH_CLIENT_SECRET_FILE: file });
    expect(fromFile.auth.clientSecret).toBe(WORKER_CLIENT.AUTH_CLIENT_SECRET);
    expect(serviceTokenProblems(fromFile)).toEqual([]);
  });

  it('the local identity provider refuses production mode (its accounts are synthetic, its password known)', async () => {
    await expect(startIdentityProvider({ config: loadConfig({ ...PRODUCTION_ENV, ...WORKER_CLIENT }), logger: silentLogger, port: 0 })).rejects.toThrow(/development and tests/);
  });
});
