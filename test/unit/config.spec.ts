import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../lib/config';
import { PRODUCTION_ENV, configProblems } from '../support/config';

const PRODUCTION = PRODUCTION_ENV;
const problemsOf = configProblems;

describe('configuration', () => {
  it('runs on embedded defaults on a developer machine', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('development');
    expect(config.gatewayPort).toBe(4000);
    expect(config.agencyUrls['public-security']).toBe('http://127.0.0.1:4101');
    expect(config.subgraphUrls['real-estate']).toBe('http://127.0.0.1:4005/graphql');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({ GATEWAY_PORT: 'eighty', SIMULATOR_ERROR_RATE: '2', AGENCY_URL_TAX: 'not a url' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems).toEqual(
        expect.arrayContaining([expect.stringMatching(/^AGENCY_URL_TAX/), expect.stringMatching(/^GATEWAY_PORT/), expect.stringMatching(/^SIMULATOR_ERROR_RATE/)]),
      );
    }
  });

  it('refuses to start in production without its secrets, or with the development ones', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AGENCY_APP_SECRET is required in production[\s\S]*ENTITY_REF_KEY is required in production/);
    const dev = loadConfig({});
    expect(() => loadConfig({ NODE_ENV: 'production', AGENCY_APP_SECRET: dev.agencyAppSecret, ENTITY_REF_KEY: dev.entityRefKey })).toThrow(/must not be the development default/);
  });

  it('refuses a NODE_ENV it does not know instead of running as development', () => {
    for (const mode of ['prod', 'Production', 'staging']) expect(problemsOf({ NODE_ENV: mode })).toEqual([expect.stringContaining(`NODE_ENV must be one of development, test, production (got "${mode}")`)]);
    expect(problemsOf(PRODUCTION)).toEqual([]);
  });

  it('refuses weak production secrets, naming each one', () => {
    const weak = problemsOf({
      ...PRODUCTION,
      AGENCY_APP_SECRET: 'a'.repeat(32),
      ENTITY_REF_KEY: '0'.repeat(64),
      INTERNAL_TRUST_SECRET: 'abcabcabcabcabcabcabcabcabcabcabcabc',
    });
    expect(weak).toEqual([
      expect.stringMatching(/^AGENCY_APP_SECRET is too weak for production: it repeats a single character/),
      expect.stringMatching(/^ENTITY_REF_KEY is too weak for production: it repeats a single character or byte/),
      expect.stringMatching(/^INTERNAL_TRUST_SECRET is too weak for production: it has too little variety/),
    ]);
    expect(problemsOf({ ...PRODUCTION, INTERNAL_TRUST_SECRET: 'Zt4Qw8Er2Ty6Ui0' })).toEqual(['INTERNAL_TRUST_SECRET must be at least 32 characters']);
  });

  it('refuses a Redis without a password in production', () => {
    expect(problemsOf({ ...PRODUCTION, REDIS_URL: 'redis://redis:6379' })).toEqual([expect.stringMatching(/^REDIS_URL must carry a password in production/)]);
    expect(problemsOf({ ...PRODUCTION, REDIS_URL: 'rediss://:Xk3v9Qp2Lm7Zr4Tw@redis:6380' })).toEqual([]);
  });

  it('reads the identity provider’s settings from NAME_FILE too, as a deployment’s config files hold them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hpf-idp-'));
    const write = (name: string, value: string) => {
      fs.writeFileSync(path.join(dir, name), `${value}\n`);
      return path.join(dir, name);
    };
    const config = loadConfig({
      AUTH_ISSUER_FILE: write('issuer', 'https://auth.fj-hpf.example'),
      AUTH_AUDIENCE_FILE: write('audience', 'urn:fj-hpf:one-thing'),
      AUTH_JWKS_URL_FILE: write('jwks', 'https://auth.fj-hpf.example/jwks'),
    });
    expect(config.auth).toMatchObject({ issuer: 'https://auth.fj-hpf.example', audience: 'urn:fj-hpf:one-thing', jwksUrl: 'https://auth.fj-hpf.example/jwks' });
  });

  it('takes CORS origins only as exact origins', () => {
    expect(loadConfig({ CORS_ALLOWED_ORIGINS: 'https://app.fj-hpf.example, http://127.0.0.1:4300' }).edge.corsAllowedOrigins).toEqual(['https://app.fj-hpf.example', 'http://127.0.0.1:4300']);
    expect(problemsOf({ CORS_ALLOWED_ORIGINS: 'https://app.fj-hpf.example/path' })).toEqual([expect.stringMatching(/^CORS_ALLOWED_ORIGINS must list exact origins/)]);
    expect(problemsOf({ CORS_ALLOWED_ORIGINS: '*' })).toEqual([expect.stringMatching(/^CORS_ALLOWED_ORIGINS must list exact origins/)]);
  });

  it('exports traces only to a configured OTLP endpoint, over http or https', () => {
    expect(loadConfig({}).telemetry).toEqual({ otlpEndpoint: null, serviceName: null });
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318/', OTEL_SERVICE_NAME: 'hpf-gateway' }).telemetry).toEqual({ otlpEndpoint: 'http://otel-collector:4318', serviceName: 'hpf-gateway' });
    expect(problemsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://otel-collector:4317' })).toEqual([expect.stringMatching(/^OTEL_EXPORTER_OTLP_ENDPOINT must be an http or https URL/)]);
    expect(problemsOf({ OTEL_SERVICE_NAME: 'a name with spaces' })).toEqual([expect.stringMatching(/^OTEL_SERVICE_NAME must be/)]);
  });

  it('refuses a plain-http key URL in production', () => {
    expect(problemsOf({ ...PRODUCTION, AUTH_JWKS_URL: 'http://auth.fj-hpf.example/jwks' })).toEqual(['AUTH_JWKS_URL must use https in production']);
  });

  it('reads a secret from NAME_FILE, and refuses both at once or an unreadable file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hpf-secret-'));
    const file = path.join(dir, 'trust');
    fs.writeFileSync(file, `${PRODUCTION.INTERNAL_TRUST_SECRET}\n`);
    const { INTERNAL_TRUST_SECRET: _given, ...rest } = PRODUCTION;
    expect(loadConfig({ ...rest, INTERNAL_TRUST_SECRET_FILE: file }).internalTrustSecret).toBe(PRODUCTION.INTERNAL_TRUST_SECRET);
    expect(problemsOf({ ...PRODUCTION, INTERNAL_TRUST_SECRET_FILE: file })).toEqual(['INTERNAL_TRUST_SECRET and INTERNAL_TRUST_SECRET_FILE are both set; give one']);
    expect(problemsOf({ ...rest, INTERNAL_TRUST_SECRET_FILE: path.join(dir, 'missing') })).toEqual([expect.stringMatching(/^INTERNAL_TRUST_SECRET_FILE names a file that cannot be read/)]);
  });

  it('runs the loan worker unless LOAN_WORKER=off, and refuses any other word', () => {
    expect(loadConfig({}).loan.workerEnabled).toBe(true);
    expect(loadConfig({ LOAN_WORKER: 'on' }).loan.workerEnabled).toBe(true);
    expect(loadConfig({ LOAN_WORKER: 'off' }).loan.workerEnabled).toBe(false);
    expect(() => loadConfig({ LOAN_WORKER: 'no' })).toThrow(/LOAN_WORKER must be on or off \(got "no"\)/);
  });

  it('takes URL overrides per agency and subgraph', () => {
    const config = loadConfig({ AGENCY_URL_PBOC_CREDIT: 'http://credit.example.internal:8080/', SUBGRAPH_URL_TAX: 'http://tax:4004/graphql' });
    expect(config.agencyUrls['pboc-credit']).toBe('http://credit.example.internal:8080');
    expect(config.subgraphUrls.tax).toBe('http://tax:4004/graphql');
  });
});
