/**
 * Configuration, read once from the environment, validated with every problem reported at once,
 * then frozen. Every variable the system reads is declared in CONFIG_VARIABLES (docker-compose's
 * consistency test checks against it). Defaults are for a developer's machine; in production
 * mode a missing secret stops start-up instead of silently falling back.
 */
import fs from 'node:fs';
import { AGENCY_SUBGRAPHS, SUBGRAPHS, GATEWAY_PORT, agencyUrlVariable, subgraphUrlVariable } from '../schema/subgraphs';
import type { AgencyName } from './agency-contracts';
import { PARTNER_SYSTEMS, type PartnerName } from './partner-contracts';
import { DEFAULT_HTTP_TIMEOUTS, type HttpTimeouts } from './http-hardening';
import { DEFAULT_AUTH_KEYS_DIR, DEFAULT_MAX_ALIASES, DEFAULT_MAX_COST, DEFAULT_MAX_DEPTH, DEFAULT_MAX_TOKEN_LIFETIME_S, TRUSTED_DOCUMENTS_MODES, type TrustedDocumentsMode } from './gateway-settings';
import type { SubgraphName } from '../schema/subgraphs';
import { DEVELOPMENT_GATEWAY_KEY_ID, DEVELOPMENT_GATEWAY_SIGNING_KEY, parseSigningKey, parseVerifyKeys, type GatewaySigningKey, type GatewayVerifyKey } from './gateway-keys';
import { redisConnectionOf } from './redis-connection';

export type RunMode = 'development' | 'test' | 'production';

export interface Config {
  mode: RunMode;
  /** Interface every server binds to; 0.0.0.0 in containers. */
  host: string;
  /** Host name other processes use to reach ours (URL defaults). */
  publicHost: string;
  gatewayPort: number;
  subgraphUrls: Readonly<Record<SubgraphName, string>>;
  agencyUrls: Readonly<Record<AgencyName, string>>;
  /** Where the loan engine reaches the entrusted bank (BANK_URL) and the 12329 SMS platform (SMS_GATEWAY_URL), signed as with the agencies. */
  partnerUrls: Readonly<Record<PartnerName, string>>;
  /** Our app id and HMAC secret on the data-sharing platform. */
  agencyAppId: string;
  agencyAppSecret: string;
  /** Per-call timeout towards an agency; a slower agency counts as unavailable for that call. */
  agencyTimeoutMs: number;
  /** Key (hex, 32 bytes) that seals entity references so they carry no readable ID number. */
  entityRefKey: string;
  /** Largest HTTP request body accepted by the gateway and subgraphs. */
  maxRequestBytes: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  simulator: {
    datasetSeed: number;
    datasetSize: number;
    latencyMs: number;
    errorRate: number;
  };
  redisUrl: string | null;
  /** Prefix of every Redis key of this deployment (several deployments may share a Redis). */
  redisKeyPrefix: string;
  databaseUrl: string | null;
  /** The operator's PostgreSQL role (owner of the tables): migrations and the purge use it when set. */
  databaseAdminUrl: string | null;
  /** PostgreSQL schema for our tables (tests isolate themselves in their own). */
  databaseSchema: string;
  /** Where the embedded store keeps its files when DATABASE_URL is not set. */
  storageDir: string;
  /** The access record's tamper evidence (storage/access-chain.ts, storage/checkpoints.ts, docs/threat-model.md). */
  accessRecordChain: {
    /** HMAC key of the chain and (derived from it) of the signed checkpoints; never stored in the database. */
    key: string;
    /** Where signed checkpoints go, outside the database; null: beside the embedded store (storage/location.ts). */
    checkpointDir: string | null;
    /** How often the processes that append sign the chain's head. */
    checkpointIntervalS: number;
  };
  auth: {
    issuer: string;
    audience: string;
    /** The identity provider's JWKS; when unset, the local key pair in keysDir (not in production). */
    jwksUrl: string | null;
    keysDir: string;
    /** Tokens whose lifetime (exp − iat) is longer are refused: a stolen long-lived token is a standing key. */
    maxTokenLifetimeSeconds: number;
    /** A service's own OAuth 2.0 client (the loan worker): where it asks for tokens (null: the issuer's discovery document says) and its credentials. */
    tokenUrl: string | null;
    clientId: string | null;
    clientSecret: string | null;
  };
  /** Where the local identity provider listens (development; its URL is the default AUTH_ISSUER). */
  identityProviderPort: number;
  /** HMAC secret of identity proofs (lib/identity-proof.ts). Caller assertions use the key pair below. */
  internalTrustSecret: string;
  /** The gateway's Ed25519 key for caller assertions; null in a production process that signs none (a subgraph). */
  gatewaySigningKey: GatewaySigningKey | null;
  /** The public keys caller assertions are accepted under (several during a rotation): lib/gateway-keys.ts. */
  gatewayVerifyKeys: readonly GatewayVerifyKey[];
  loan: {
    /** Where the loan worker reaches the gateway (it reads agency data as a SERVICE caller). */
    gatewayUrl: string;
    /** A check still unavailable this long after submission is given up (referred to an officer). */
    checkDeadlineMinutes: number;
    /** How long a submission waits for housing to say whether its contract is on file (subgraphs/loan/intake.ts). */
    intakeLookupMs: number;
    /** First retry delay of an unavailable check; doubles each attempt up to retryMaxMs. */
    retryBaseMs: number;
    retryMaxMs: number;
    /** How often an idle worker looks for due steps. */
    pollMs: number;
    /** How long a worker holds a step; a step whose worker died is taken over after this. */
    leaseMs: number;
    /** Whether this process runs the loan worker (LOAN_WORKER=off: the loan subgraph answers, others work the steps). */
    workerEnabled: boolean;
    /** Deliveries of one notice to one receiver tried this many times (with the retry backoff) before it is dead-lettered. */
    noticeMaxAttempts: number;
  };
  /** The gateway's query limits (gateway/plugins/limits.ts). Introspection defaults to off in production. */
  queryLimits: { maxDepth: number; maxCost: number; maxAliases: number; introspection: boolean };
  /** Which operations the gateway runs (gateway/plugins/trusted-documents.ts). */
  trustedDocuments: TrustedDocumentsMode;
  /**
   * Per-caller limits at the gateway (gateway/plugins/rate-limits.ts): a budget of query cost per
   * minute and a number of requests in flight, per token subject (an anonymous caller: per
   * address), per client address (every caller behind it together), and, instead of both, for
   * the platform services listed in lib/services.ts. 0 switches that limit off.
   */
  callerLimits: {
    perMinute: number;
    concurrency: number;
    addressPerMinute: number;
    addressConcurrency: number;
    servicePerMinute: number;
    serviceConcurrency: number;
  };
  /** Every server's timeouts against slow clients (lib/http-hardening.ts). */
  httpTimeouts: HttpTimeouts;
  /** Traces (lib/tracing.ts): exported over OTLP/HTTP only when an endpoint is configured; null = nothing leaves the process. */
  telemetry: {
    /** The collector's base URL (`/v1/traces` is added), e.g. http://otel-collector:4318. */
    otlpEndpoint: string | null;
    /** The service name spans are exported under; null = the process's role (scripts/serve.ts). */
    serviceName: string | null;
  };
  /** How the gateway sees its clients (gateway/plugins/client-address.ts) and who may read health details. */
  edge: {
    /** TLS is terminated in front of the gateway: every reply carries HSTS. */
    behindTls: boolean;
    /** Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (exact addresses). */
    trustedProxies: readonly string[];
    /** A secret that, sent as `x-health-token`, shows per-subgraph health (an AUDITOR token does too). */
    healthDetailsToken: string | null;
    /** Browser origins (scheme://host[:port], exact) allowed to call the gateway cross-origin; none by default. */
    corsAllowedOrigins: readonly string[];
  };
  privacy: {
    /** The ID-number mask: 'strict' keeps first 1 + last 2; 'six-four' keeps first 6 + last 4. */
    idNumberMask: 'strict' | 'six-four';
    /** Access records are kept at least this long (PIPL art. 56: 3 years). */
    accessRecordRetentionDays: number;
  };
}

/** Development-only secrets. Never valid in production mode (checked below). */
const DEVELOPMENT_SECRETS = {
  agencyAppSecret: 'dev-only-sharing-platform-secret-not-for-production',
  internalTrustSecret: 'dev-only-gateway-to-subgraph-trust-secret-not-for-production',
  entityRefKey: '6465762d6f6e6c792d656e746974792d7265662d6b65792d3332627974657321',
  accessRecordChainKey: 'dev-only-access-record-chain-key-not-for-production',
} as const;

/** Variables that hold a secret (a key, a password, a URL with credentials): never echoed back, never plain in a deployment. */
export const SECRET_VARIABLES: readonly string[] = Object.freeze([
  'AGENCY_APP_SECRET',
  'ENTITY_REF_KEY',
  'INTERNAL_TRUST_SECRET',
  'GATEWAY_SIGNING_KEY',
  'DATABASE_URL',
  'REDIS_URL',
  'ACCESS_RECORD_CHAIN_KEY',
  'DATABASE_ADMIN_URL',
  'HEALTH_DETAILS_TOKEN',
  'AUTH_CLIENT_SECRET',
]);

/**
 * Variables that can be given as `NAME_FILE`, the path of a file holding the value (Docker and
 * Kubernetes secrets and configs): every secret, and the deployment settings kept beside them —
 * the gateway's public keys, and the identity provider's settings.
 */
export const FILE_VARIABLES: readonly string[] = Object.freeze([
  ...SECRET_VARIABLES,
  'GATEWAY_VERIFY_KEYS',
  'AUTH_ISSUER',
  'AUTH_AUDIENCE',
  'AUTH_JWKS_URL',
  'AUTH_TOKEN_URL',
  'AUTH_CLIENT_ID',
]);

/** The run modes, exactly: a misspelt NODE_ENV must never fall through to development. */
const RUN_MODES: readonly RunMode[] = ['development', 'test', 'production'];

/** The local identity provider's port (identity-provider/): beside the gateway's 4000 and the simulators' 41xx. */
export const IDENTITY_PROVIDER_PORT = 4200;

/**
 * Why a secret is too weak for production, or null. Length alone does not do: 32 × "a" is long.
 * A secret drawn at random has many distinct characters and about as many bits per character as
 * its alphabet allows; a key of one repeated byte (all zeros) is no key.
 */
export function secretWeakness(value: string, developmentValue: string): string | null {
  if (value === developmentValue) return 'is the development default';
  if (value.length < 32) return 'is shorter than 32 characters';
  if (/^(.)\1*$/.test(value) || /^(?:([0-9a-f]{2})\1*)$/i.test(value)) return 'repeats a single character or byte';
  const counts = new Map<string, number>();
  for (const character of value) counts.set(character, (counts.get(character) ?? 0) + 1);
  const entropyBitsPerCharacter = [...counts.values()].reduce((sum, n) => sum - (n / value.length) * Math.log2(n / value.length), 0);
  if (counts.size < 12 || entropyBitsPerCharacter < 3) return 'has too little variety to be random (generate it, e.g. openssl rand -hex 32)';
  return null;
}

export const CONFIG_VARIABLES: readonly string[] = Object.freeze([
  ...FILE_VARIABLES.map((name) => `${name}_FILE`),
  'AUTH_MAX_TOKEN_LIFETIME_S',
  'NODE_ENV',
  'HOST',
  'PUBLIC_HOST',
  'GATEWAY_PORT',
  'AGENCY_APP_ID',
  'AGENCY_APP_SECRET',
  'AGENCY_TIMEOUT_MS',
  'ENTITY_REF_KEY',
  'MAX_REQUEST_BYTES',
  'LOG_LEVEL',
  'SIMULATOR_DATASET_SEED',
  'SIMULATOR_DATASET_SIZE',
  'SIMULATOR_LATENCY_MS',
  'SIMULATOR_ERROR_RATE',
  'REDIS_URL',
  'REDIS_KEY_PREFIX',
  'DATABASE_URL',
  'DATABASE_ADMIN_URL',
  'DATABASE_SCHEMA',
  'STORAGE_DIR',
  'AUTH_ISSUER',
  'AUTH_AUDIENCE',
  'AUTH_JWKS_URL',
  'AUTH_KEYS_DIR',
  'AUTH_TOKEN_URL',
  'AUTH_CLIENT_ID',
  'AUTH_CLIENT_SECRET',
  'IDENTITY_PROVIDER_PORT',
  'INTERNAL_TRUST_SECRET',
  'GATEWAY_SIGNING_KEY',
  'GATEWAY_VERIFY_KEYS',
  'ID_NUMBER_MASK',
  'GATEWAY_URL',
  'LOAN_CHECK_DEADLINE_MINUTES',
  'LOAN_RETRY_BASE_MS',
  'LOAN_RETRY_MAX_MS',
  'LOAN_WORKER_POLL_MS',
  'LOAN_LEASE_MS',
  'LOAN_WORKER',
  'NOTICE_MAX_ATTEMPTS',
  ...PARTNER_SYSTEMS.map((partner) => partner.urlVariable),
  'QUERY_MAX_DEPTH',
  'QUERY_MAX_COST',
  'QUERY_MAX_ALIASES',
  'INTROSPECTION',
  'TRUSTED_DOCUMENTS',
  'RATE_LIMIT_PER_MINUTE',
  'RATE_LIMIT_CONCURRENCY',
  'RATE_LIMIT_ADDRESS_PER_MINUTE',
  'RATE_LIMIT_ADDRESS_CONCURRENCY',
  'RATE_LIMIT_SERVICE_PER_MINUTE',
  'RATE_LIMIT_SERVICE_CONCURRENCY',
  'HTTP_HEADERS_TIMEOUT_MS',
  'HTTP_BODY_TIMEOUT_MS',
  'HTTP_KEEP_ALIVE_TIMEOUT_MS',
  'BEHIND_TLS',
  'TRUSTED_PROXIES',
  'CORS_ALLOWED_ORIGINS',
  'HEALTH_DETAILS_TOKEN',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_SERVICE_NAME',
  'ACCESS_RECORD_RETENTION_DAYS',
  'ACCESS_RECORD_CHAIN_KEY',
  'ACCESS_RECORD_CHECKPOINT_DIR',
  'ACCESS_RECORD_CHECKPOINT_INTERVAL_S',
  'APOLLO_TELEMETRY_DISABLED',
  ...SUBGRAPHS.map((s) => subgraphUrlVariable(s.name)),
  ...AGENCY_SUBGRAPHS.map((s) => agencyUrlVariable(s.agency)),
]);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(rawEnv: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const problems: string[] = [];

  // NAME_FILE gives a secret's value from a file; never both, so no one wonders which one counts.
  const env: NodeJS.ProcessEnv = { ...rawEnv };
  const unreadable = new Set<string>();
  for (const name of FILE_VARIABLES) {
    const file = rawEnv[`${name}_FILE`];
    if (!file) continue;
    if (rawEnv[name]) {
      problems.push(`${name} and ${name}_FILE are both set; give one`);
      continue;
    }
    try {
      env[name] = fs.readFileSync(file, 'utf8').trim();
    } catch {
      problems.push(`${name}_FILE names a file that cannot be read (${file})`);
      unreadable.add(name);
    }
  }

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const fraction = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0 || value > 1) {
      problems.push(`${name} must be a number from 0 to 1 (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const url = (name: string, fallback: string | null): string | null => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    try {
      new URL(raw);
      return raw.replace(/\/$/, '');
    } catch {
      // A URL may hold a password (REDIS_URL, DATABASE_URL): those are never quoted back.
      problems.push(`${name} must be a URL${SECRET_VARIABLES.includes(name) ? '' : ` (got "${raw}")`}`);
      return fallback;
    }
  };

  const modeRaw = env.NODE_ENV || 'development';
  const mode = RUN_MODES.find((m) => m === modeRaw);
  if (!mode) problems.push(`NODE_ENV must be one of ${RUN_MODES.join(', ')} (got "${modeRaw}"); refusing to guess`);
  const production = mode === 'production';

  const secret = (name: string, developmentValue: string, check: (v: string) => string | null, requiredInProduction = true): string => {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      if (production && requiredInProduction && !unreadable.has(name)) problems.push(`${name} is required in production`);
      return developmentValue;
    }
    const problem = check(raw);
    if (problem) problems.push(`${name} ${problem}`);
    else if (production) {
      const weakness = secretWeakness(raw, developmentValue);
      if (weakness) problems.push(`${name} ${weakness === 'is the development default' ? 'must not be the development default in production' : `is too weak for production: it ${weakness}`}`);
    }
    return raw;
  };

  // The processes that keep the access record are those given the database (in production the
  // subgraphs; serve.ts refuses a production subgraph without one). The gateway and the simulators
  // never hold the chain key.
  const keepsAccessRecord = Boolean(env.DATABASE_URL);

  const host = env.HOST || '127.0.0.1';
  const publicHost = env.PUBLIC_HOST || '127.0.0.1';

  const subgraphUrls = Object.fromEntries(
    SUBGRAPHS.map((s) => [s.name, url(subgraphUrlVariable(s.name), `http://${publicHost}:${s.port}/graphql`)!]),
  ) as Record<SubgraphName, string>;
  const agencyUrls = Object.fromEntries(
    AGENCY_SUBGRAPHS.map((s) => [s.agency, url(agencyUrlVariable(s.agency), `http://${publicHost}:${s.agencyPort}`)!]),
  ) as Record<AgencyName, string>;
  const partnerUrls = Object.fromEntries(PARTNER_SYSTEMS.map((p) => [p.name, url(p.urlVariable, `http://${publicHost}:${p.port}`)!])) as Record<PartnerName, string>;

  const logLevelRaw = env.LOG_LEVEL ?? 'info';
  const logLevel = (['debug', 'info', 'warn', 'error'] as const).find((l) => l === logLevelRaw);
  if (!logLevel) problems.push(`LOG_LEVEL must be one of debug, info, warn, error (got "${logLevelRaw}")`);

  const otlpEndpoint = url('OTEL_EXPORTER_OTLP_ENDPOINT', null);
  if (otlpEndpoint && !/^https?:\/\//.test(otlpEndpoint)) problems.push(`OTEL_EXPORTER_OTLP_ENDPOINT must be an http or https URL (got "${otlpEndpoint}")`);
  const serviceName = env.OTEL_SERVICE_NAME || null;
  if (serviceName !== null && !/^[A-Za-z0-9._-]{1,64}$/.test(serviceName)) problems.push(`OTEL_SERVICE_NAME must be letters, digits, dots, dashes or underscores (got "${serviceName}")`);

  const loanWorker = env.LOAN_WORKER || 'on';
  if (loanWorker !== 'on' && loanWorker !== 'off') problems.push(`LOAN_WORKER must be on or off (got "${loanWorker}")`);
  const introspection = env.INTROSPECTION || (production ? 'off' : 'on');
  if (introspection !== 'on' && introspection !== 'off') problems.push(`INTROSPECTION must be on or off (got "${introspection}")`);
  const trustedDocuments = TRUSTED_DOCUMENTS_MODES.find((mode) => mode === (env.TRUSTED_DOCUMENTS || 'off'));
  if (!trustedDocuments) problems.push(`TRUSTED_DOCUMENTS must be one of ${TRUSTED_DOCUMENTS_MODES.join(', ')} (got "${env.TRUSTED_DOCUMENTS}")`);
  const behindTls = env.BEHIND_TLS || 'off';
  if (behindTls !== 'on' && behindTls !== 'off') problems.push(`BEHIND_TLS must be on or off (got "${behindTls}")`);
  const corsAllowedOrigins = (env.CORS_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter((o) => o !== '');
  for (const origin of corsAllowedOrigins) {
    let exact: boolean;
    try {
      exact = new URL(origin).origin === origin;
    } catch {
      exact = false;
    }
    if (!exact) problems.push(`CORS_ALLOWED_ORIGINS must list exact origins such as https://app.example.gov.cn, comma-separated (got "${origin}")`);
  }
  const trustedProxies = (env.TRUSTED_PROXIES ?? '').split(',').map((a) => a.trim()).filter((a) => a !== '');
  for (const address of trustedProxies) if (!/^[0-9a-fA-F.:]+$/.test(address)) problems.push(`TRUSTED_PROXIES must list IP addresses, comma-separated (got "${address}")`);

  const agencyTimeoutMs = integer('AGENCY_TIMEOUT_MS', 3000, 50, 60000);
  const identityProviderPort = integer('IDENTITY_PROVIDER_PORT', IDENTITY_PROVIDER_PORT, 0, 65535);

  // Caller assertions (lib/gateway-keys.ts). Only the gateway holds the private key, so production
  // asks it of no other process (gateway/server.ts refuses to start without it), and asks the
  // public keys of every process; development runs on the committed development pair.
  const signingKeyProblem = (v: string) => {
    try {
      parseSigningKey(v);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  };
  const signingKeyRaw = env.GATEWAY_SIGNING_KEY
    ? secret('GATEWAY_SIGNING_KEY', DEVELOPMENT_GATEWAY_SIGNING_KEY, signingKeyProblem)
    : production
      ? null
      : DEVELOPMENT_GATEWAY_SIGNING_KEY;
  const gatewaySigningKey = signingKeyRaw !== null && signingKeyProblem(signingKeyRaw) === null ? parseSigningKey(signingKeyRaw) : null;
  if (production && gatewaySigningKey?.kid === DEVELOPMENT_GATEWAY_KEY_ID && signingKeyRaw !== DEVELOPMENT_GATEWAY_SIGNING_KEY) {
    problems.push('GATEWAY_SIGNING_KEY must not be the development key in production');
  }
  let gatewayVerifyKeys: GatewayVerifyKey[] = [];
  if (env.GATEWAY_VERIFY_KEYS) {
    try {
      gatewayVerifyKeys = parseVerifyKeys(env.GATEWAY_VERIFY_KEYS);
    } catch (error) {
      problems.push(`GATEWAY_VERIFY_KEYS ${(error as Error).message}`);
    }
    if (production && gatewayVerifyKeys.some((key) => key.kid === DEVELOPMENT_GATEWAY_KEY_ID)) problems.push('GATEWAY_VERIFY_KEYS must not hold the development key in production');
    if (gatewaySigningKey && gatewayVerifyKeys.length > 0 && !gatewayVerifyKeys.some((key) => key.kid === gatewaySigningKey.kid)) {
      problems.push('GATEWAY_VERIFY_KEYS does not hold the public key of GATEWAY_SIGNING_KEY: subgraphs with these keys would refuse every call');
    }
  } else if (production) {
    problems.push('GATEWAY_VERIFY_KEYS is required in production (the public keys of the gateway’s caller assertions)');
  } else if (gatewaySigningKey) {
    gatewayVerifyKeys = [{ kid: gatewaySigningKey.kid, publicKey: gatewaySigningKey.publicKey }];
  }

  const config: Config = {
    mode: mode ?? 'development',
    host,
    publicHost,
    gatewayPort: integer('GATEWAY_PORT', GATEWAY_PORT, 0, 65535),
    subgraphUrls,
    agencyUrls,
    partnerUrls,
    agencyAppId: env.AGENCY_APP_ID || 'fj-hpf-one-thing',
    agencyAppSecret: secret('AGENCY_APP_SECRET', DEVELOPMENT_SECRETS.agencyAppSecret, (v) =>
      v.length >= 32 ? null : 'must be at least 32 characters',
    ),
    agencyTimeoutMs,
    entityRefKey: secret('ENTITY_REF_KEY', DEVELOPMENT_SECRETS.entityRefKey, (v) =>
      /^[0-9a-f]{64}$/i.test(v) ? null : 'must be 64 hex characters (32 bytes)',
    ),
    maxRequestBytes: integer('MAX_REQUEST_BYTES', 256 * 1024, 1024, 16 * 1024 * 1024),
    logLevel: logLevel ?? 'info',
    simulator: {
      datasetSeed: integer('SIMULATOR_DATASET_SEED', 20261125, 0, 2 ** 31 - 1),
      datasetSize: integer('SIMULATOR_DATASET_SIZE', 1000, 50, 100000),
      latencyMs: integer('SIMULATOR_LATENCY_MS', 15, 0, 60000),
      errorRate: fraction('SIMULATOR_ERROR_RATE', 0),
    },
    redisUrl: url('REDIS_URL', null),
    redisKeyPrefix: env.REDIS_KEY_PREFIX || 'fj-hpf:',
    databaseUrl: url('DATABASE_URL', null),
    databaseAdminUrl: url('DATABASE_ADMIN_URL', null),
    databaseSchema: env.DATABASE_SCHEMA || 'public',
    storageDir: env.STORAGE_DIR || '.data/pglite',
    accessRecordChain: {
      key: secret('ACCESS_RECORD_CHAIN_KEY', DEVELOPMENT_SECRETS.accessRecordChainKey, (v) => (v.length >= 32 ? null : 'must be at least 32 characters'), keepsAccessRecord),
      checkpointDir: env.ACCESS_RECORD_CHECKPOINT_DIR || null,
      checkpointIntervalS: integer('ACCESS_RECORD_CHECKPOINT_INTERVAL_S', 60, 1, 86_400),
    },
    auth: {
      // Default: the local identity provider of `npm start` (identity-provider/).
      issuer: (env.AUTH_ISSUER || `http://${publicHost}:${identityProviderPort}`).replace(/\/$/, ''),
      // An absolute URI: it is also the resource indicator (RFC 8707) services ask tokens for.
      audience: env.AUTH_AUDIENCE || 'urn:fj-hpf:one-thing',
      jwksUrl: url('AUTH_JWKS_URL', null),
      keysDir: env.AUTH_KEYS_DIR || DEFAULT_AUTH_KEYS_DIR,
      maxTokenLifetimeSeconds: integer('AUTH_MAX_TOKEN_LIFETIME_S', DEFAULT_MAX_TOKEN_LIFETIME_S, 60, 24 * 3600),
      tokenUrl: url('AUTH_TOKEN_URL', null),
      clientId: env.AUTH_CLIENT_ID || null,
      clientSecret: env.AUTH_CLIENT_SECRET || null,
    },
    identityProviderPort,
    internalTrustSecret: secret('INTERNAL_TRUST_SECRET', DEVELOPMENT_SECRETS.internalTrustSecret, (v) =>
      v.length >= 32 ? null : 'must be at least 32 characters',
    ),
    gatewaySigningKey,
    gatewayVerifyKeys: Object.freeze(gatewayVerifyKeys),
    loan: {
      gatewayUrl: url('GATEWAY_URL', `http://${publicHost}:${env.GATEWAY_PORT || GATEWAY_PORT}/graphql`)!,
      checkDeadlineMinutes: integer('LOAN_CHECK_DEADLINE_MINUTES', 24 * 60, 1, 30 * 24 * 60),
      // Short: the person at the form waits for it; a slower housing agency is checked afterwards.
      intakeLookupMs: integer('LOAN_INTAKE_LOOKUP_MS', 1500, 50, 10_000),
      retryBaseMs: integer('LOAN_RETRY_BASE_MS', 1000, 10, 3_600_000),
      retryMaxMs: integer('LOAN_RETRY_MAX_MS', 60_000, 10, 3_600_000),
      pollMs: integer('LOAN_WORKER_POLL_MS', 500, 10, 60_000),
      // Long enough for the slowest gather (three agency timeouts), short enough that a crash is soon noticed.
      leaseMs: integer('LOAN_LEASE_MS', 3 * agencyTimeoutMs + 5000, 500, 600_000),
      workerEnabled: loanWorker === 'on',
      noticeMaxAttempts: integer('NOTICE_MAX_ATTEMPTS', 10, 1, 100),
    },
    queryLimits: {
      maxDepth: integer('QUERY_MAX_DEPTH', DEFAULT_MAX_DEPTH, 1, 100),
      maxCost: integer('QUERY_MAX_COST', DEFAULT_MAX_COST, 1, 10_000_000),
      maxAliases: integer('QUERY_MAX_ALIASES', DEFAULT_MAX_ALIASES, 1, 1000),
      introspection: introspection === 'on',
    },
    trustedDocuments: trustedDocuments ?? 'off',
    // Defaults: a person at a browser (six connections per host, as browsers open) never meets
    // them; a flood from one caller does. A service hall's officers share one address.
    callerLimits: {
      perMinute: integer('RATE_LIMIT_PER_MINUTE', 30_000, 0, 1_000_000_000),
      concurrency: integer('RATE_LIMIT_CONCURRENCY', 6, 0, 10_000),
      addressPerMinute: integer('RATE_LIMIT_ADDRESS_PER_MINUTE', 300_000, 0, 1_000_000_000),
      addressConcurrency: integer('RATE_LIMIT_ADDRESS_CONCURRENCY', 64, 0, 10_000),
      servicePerMinute: integer('RATE_LIMIT_SERVICE_PER_MINUTE', 600_000, 0, 1_000_000_000),
      serviceConcurrency: integer('RATE_LIMIT_SERVICE_CONCURRENCY', 32, 0, 10_000),
    },
    httpTimeouts: {
      headersMs: integer('HTTP_HEADERS_TIMEOUT_MS', DEFAULT_HTTP_TIMEOUTS.headersMs, 100, 600_000),
      bodyMs: integer('HTTP_BODY_TIMEOUT_MS', DEFAULT_HTTP_TIMEOUTS.bodyMs, 100, 600_000),
      keepAliveMs: integer('HTTP_KEEP_ALIVE_TIMEOUT_MS', DEFAULT_HTTP_TIMEOUTS.keepAliveMs, 100, 600_000),
    },
    telemetry: { otlpEndpoint, serviceName },
    edge: { behindTls: behindTls === 'on', trustedProxies: Object.freeze(trustedProxies), healthDetailsToken: env.HEALTH_DETAILS_TOKEN || null, corsAllowedOrigins: Object.freeze(corsAllowedOrigins) },
    privacy: {
      idNumberMask: env.ID_NUMBER_MASK === 'six-four' ? 'six-four' : 'strict',
      accessRecordRetentionDays: integer('ACCESS_RECORD_RETENTION_DAYS', 1095, 1095, 36500),
    },
  };
  // A query the limits let through must fit in a minute's budget, or that caller could never run it.
  for (const [name, budget] of [['RATE_LIMIT_PER_MINUTE', config.callerLimits.perMinute], ['RATE_LIMIT_ADDRESS_PER_MINUTE', config.callerLimits.addressPerMinute], ['RATE_LIMIT_SERVICE_PER_MINUTE', config.callerLimits.servicePerMinute]] as const) {
    if (budget > 0 && budget < config.queryLimits.maxCost) problems.push(`${name} must be 0 (off) or at least QUERY_MAX_COST (${config.queryLimits.maxCost}); got ${budget}`);
  }
  const healthWeakness = production && config.edge.healthDetailsToken ? secretWeakness(config.edge.healthDetailsToken, '') : null;
  if (healthWeakness) problems.push(`HEALTH_DETAILS_TOKEN is too weak for production: it ${healthWeakness}`);
  if (env.ID_NUMBER_MASK && !['strict', 'six-four'].includes(env.ID_NUMBER_MASK)) problems.push(`ID_NUMBER_MASK must be strict or six-four (got "${env.ID_NUMBER_MASK}")`);
  if (production && !config.auth.jwksUrl) problems.push('AUTH_JWKS_URL is required in production (local token keys are for development)');
  // Keys fetched over plain http can be swapped on the way: anyone could then mint accepted tokens.
  if (production && config.auth.jwksUrl && !config.auth.jwksUrl.startsWith('https://')) problems.push('AUTH_JWKS_URL must use https in production');
  if (config.redisUrl) {
    try {
      const connection = redisConnectionOf(config.redisUrl);
      // The shared cache and the used-assertion ids live there: in production nobody may reach it unasked.
      if (production && !connection.password) problems.push('REDIS_URL must carry a password in production (redis://:<password>@host:6379, or rediss:// for TLS)');
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (config.databaseSchema && !/^[a-z_][a-z0-9_]{0,62}$/.test(config.databaseSchema)) problems.push('DATABASE_SCHEMA must be a lower-case SQL identifier');
  if (config.databaseAdminUrl && !config.databaseUrl) problems.push('DATABASE_ADMIN_URL is the operator role of the PostgreSQL in DATABASE_URL: set DATABASE_URL too');
  // A checkpoint written where nobody keeps it anchors nothing: production names the place.
  if (production && keepsAccessRecord && !config.accessRecordChain.checkpointDir) problems.push('ACCESS_RECORD_CHECKPOINT_DIR is required in production (the signed checkpoints of the access record, outside the database: docs/threat-model.md)');

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
