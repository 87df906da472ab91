/**
 * A deployment without Docker: docker-compose.yml read as written, and every Node service it
 * defines started as a process of its own — its command, its environment (the compose file's,
 * over the image's ENV), in production mode — on the compiled tree (`npm run build`, into a
 * temporary tree laid out like the image's /app). Only what Docker would provide is replaced:
 *   - service names by the loopback (each service on its default port, schema/subgraphs.ts: the
 *     subgraphs' and simulators' listening ports are not configurable — serve.ts takes them from
 *     that list — so this spec cannot shift them);
 *   - /run/secrets/ by a directory holding what `npm run docker-secrets` makes (generateSecrets()),
 *     the database and Redis URLs pointed at the loopback;
 *   - the postgres service by the machine's PostgreSQL: a fresh database owned by a fresh owner
 *     role (DATABASE_ADMIN_URL), with an application role as deploy/postgres/create-app-role.sh
 *     makes it (DATABASE_URL); the redis service by a redis-server of the spec's own, with the
 *     generated password;
 *   - the volumes (/var/lib/hpf) by a temporary directory.
 * The province's identity provider is stood in for by the local one (identity-provider/), which
 * refuses production: it runs in development mode behind a small TLS front (node:https, a
 * self-signed certificate made by openssl here), so the production processes reach it over https
 * as production demands, trusting that certificate through NODE_EXTRA_CA_CERTS; it knows the loan
 * worker's client by the generated auth_client_secret. Compose's ${…} variables are given as an
 * operator would: AUTH_ISSUER, AUTH_JWKS_URL and AUTH_TOKEN_URL the front's.
 *
 * Then, with the gateway running registered operations only (TRUSTED_DOCUMENTS=registered-only;
 * the web client's operations are hpf-web's, sent by their ids), the clean couple, each signed in
 * at the provider by authorization code with PKCE, take their application from submission to
 * DISBURSED: consents, checks by the worker (through the gateway, with its own client-credentials
 * tokens), face verification, both signatures (ES256 JWS), then the worker registers the mortgage
 * and instructs the entrusted bank.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CompactSign, decodeJwt, exportJWK, generateKeyPair } from 'jose';
import { Client } from 'pg';
import Redis from 'ioredis';
import { parse } from 'yaml';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { TRUSTED_DOCUMENTS_DIR, documentHash } from '../../gateway/plugins/trusted-documents';
import { DEVELOPMENT_PASSWORD } from '../../identity-provider/accounts';
import { DATA_ITEMS } from '../../lib/data-items';
import { DEVELOPMENT_WEB_REDIRECT_URI, WEB_CLIENT_ID } from '../../identity-provider/provider';
import { LOAN_ENGINE } from '../../lib/services';
import { holdDefaultPorts } from '../support/default-ports';
import { GATEWAY_PORT, PROJECT_ROOT, REPO_ROOT } from '../../schema/subgraphs';
import { buildOnce } from '../support/build-once';
import { generateSecrets } from '../../scripts/compose-secrets';
import { envOf, runtimeStage } from '../support/dockerfile';
import { inputFor } from '../loan/support/loans';
import { testDatabaseUrl } from '../storage/support/postgres';

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  restart?: string;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  profiles?: string[];
}
const compose = parse(fs.readFileSync(path.join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
/** What Docker itself provides here; the spec provides these from the machine (PostgreSQL) or starts its own (Redis). */
const EXTERNAL = new Set(['postgres', 'redis']);
// What `docker-compose up` starts: services behind a profile (the local identity provider) are left out.
const nodeServices = Object.entries(compose.services).filter(([, service]) => service.command?.[0] === 'node' && !service.profiles);

const couple = SCENARIOS.cleanCouple;
const CENTRE = '350100';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hpf-deploy-'));
const app = path.join(tmp, 'app'); // the image's /app
const secretsDir = path.join(tmp, 'secrets'); // /run/secrets
const dataDir = path.join(tmp, 'data'); // /var/lib/hpf, the volumes
const suffix = randomBytes(5).toString('hex');
const names = { database: `hpf_deploy_${suffix}`, owner: `hpf_deploy_owner_${suffix}`, app: `hpf_deploy_app_${suffix}` };

interface Running {
  name: string;
  env: Record<string, string>;
  child: ChildProcess;
  output: () => string;
}
const running: Running[] = [];
const killAll = () => {
  for (const { child } of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
};
// Should jest's worker end without afterAll (a crash), no service is left behind.
process.once('exit', killAll);

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const exitOf = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

function start(name: string, args: string[], env: Record<string, string>, cwd = app): Running {
  const child = spawn(process.execPath, args, { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const entry = { name, env, child, output: () => output };
  running.push(entry);
  return entry;
}

/** Polls a URL until it answers 2xx; fails with the process's output if it ends first or the time is up. */
async function untilHealthy(service: Running, url: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (service.child.exitCode !== null) throw new Error(`${service.name} exited (${service.child.exitCode}) before it was healthy:\n${service.output()}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() - started > timeoutMs) throw new Error(`${service.name} not healthy at ${url} in time:\n${service.output()}`);
    await sleep(50);
  }
}

// ── compose, read as written ────────────────────────────────────────────────────────────────────

/** The values an operator gives compose's ${NAME:-default} variables (unset ones take the default). */
const operatorVariables: Record<string, string> = {};
const interpolate = (value: string) => value.replace(/\$\{(\w+):-([^}]*)\}/g, (_, name: string, fallback: string) => operatorVariables[name] || fallback);
/** Docker's part: secrets mounted, volumes, service names resolving to the service. */
function asHere(value: string): string {
  return interpolate(value)
    .replace(/^\/run\/secrets\//, `${secretsDir}/`)
    .replace(/^\/var\/lib\/hpf(?=\/|$)/, dataDir)
    .replace(/^(https?:\/\/)([a-z][a-z0-9-]*)(?=:\d+)/, (whole, scheme: string, host: string) => (host in compose.services ? `${scheme}127.0.0.1` : whole));
}
function environmentOf(service: ComposeService): Record<string, string> {
  const image = Object.fromEntries(Object.entries(envOf(runtimeStage())).map(([name, value]) => [name, asHere(value)]));
  const own = Object.fromEntries(Object.entries(service.environment ?? {}).map(([name, value]) => [name, asHere(String(value))]));
  // Each container binds every interface of its own network namespace; here they share the host's: the loopback.
  return { ...image, ...own, HOST: '127.0.0.1' };
}
/** The URL a compose health check fetches (each is `node -e "fetch('<url>')…"`). */
function healthUrlOf(service: ComposeService): string | null {
  const script = service.healthcheck?.test.join(' ') ?? '';
  return /fetch\('([^']+)'\)/.exec(script)?.[1] ?? null;
}

/** What the spec adds to compose's environment: registered operations only, and a quick worker. */
const SPEC_ENVIRONMENT: Record<string, Record<string, string>> = {
  gateway: { TRUSTED_DOCUMENTS: 'registered-only' },
  loan: { LOAN_WORKER_POLL_MS: '50', LOAN_RETRY_BASE_MS: '100', LOAN_RETRY_MAX_MS: '300' },
};

let caFile = '';
let caCert = '';
let issuer = '';
let front: https.Server;
let redisServer: ChildProcess | null = null;
let adminUrl = '';
let databaseCreated = false;
let secrets: Record<string, string> = {};

/** Starts a service once its depends_on conditions hold; resolves when its own condition can be checked. */
const readiness = new Map<string, { healthy: Promise<void>; completed: Promise<void> }>();
function bringUp(name: string): { healthy: Promise<void>; completed: Promise<void> } {
  const known = readiness.get(name);
  if (known) return known;
  const service = compose.services[name]!;
  const dependencies = Object.entries(service.depends_on ?? {}).filter(([dependency]) => !EXTERNAL.has(dependency));
  const launched = (async () => {
    await Promise.all(dependencies.map(([dependency, { condition }]) => (condition === 'service_completed_successfully' ? bringUp(dependency).completed : bringUp(dependency).healthy)));
    const [node, ...rest] = service.command!;
    expect(node).toBe('node');
    // Node's own flags come first (the gateway's, lib/node-flags.ts), then the script and its arguments.
    const flags = rest.slice(0, Math.max(0, rest.findIndex((arg) => !arg.startsWith('--'))));
    const [script, ...args] = rest.slice(flags.length);
    return start(name, [...flags, path.join(app, script!), ...args], { ...environmentOf(service), NODE_EXTRA_CA_CERTS: caFile, ...SPEC_ENVIRONMENT[name] });
  })();
  const entry = {
    healthy: launched.then((running) => {
      const url = healthUrlOf(service);
      if (!url) throw new Error(`${name} has no health check to wait for`);
      return untilHealthy(running, url);
    }),
    completed: launched.then(async (running) => {
      const code = await exitOf(running.child);
      if (code !== 0) throw new Error(`${name} exited ${code}:\n${running.output()}`);
    }),
  };
  // Each is awaited only where a condition asks for it.
  entry.healthy.catch(() => undefined);
  entry.completed.catch(() => undefined);
  readiness.set(name, entry);
  return entry;
}

// ── what stands in for Docker: PostgreSQL, Redis, the secrets, the identity provider ──────────────

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function startRedis(port: number, password: string): Promise<void> {
  redisServer = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--requirepass', password, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const started = Date.now();
  for (;;) {
    const probe = new Redis({ port, host: '127.0.0.1', password, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await probe.connect();
      await probe.ping();
      return;
    } catch {
      if (redisServer.exitCode !== null || Date.now() - started > 5000) throw new Error('the spec’s redis-server did not start');
      await sleep(50);
    } finally {
      probe.disconnect();
    }
  }
}

/** A TLS front for the local identity provider, as a reverse proxy would stand before it (Location rewritten to https, as nginx's proxy_redirect does). */
async function startTlsFront(upstreamPort: () => number): Promise<https.Server> {
  const key = path.join(tmp, 'front-key.pem');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', caFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`openssl: ${made.stderr}`);
  caCert = fs.readFileSync(caFile, 'utf8');
  const server = https.createServer({ key: fs.readFileSync(key), cert: caCert }, (request, response) => {
    const upstream = http.request(
      { host: '127.0.0.1', port: upstreamPort(), method: request.method, path: request.url, headers: { ...request.headers, 'x-forwarded-proto': 'https' } },
      (reply) => {
        const headers = { ...reply.headers };
        if (typeof headers.location === 'string') headers.location = headers.location.replace(/^http:\/\/127\.0\.0\.1:(\d+)/, (whole, port: string) => (port === String((server.address() as net.AddressInfo).port) ? `https://127.0.0.1:${port}` : whole));
        response.writeHead(reply.statusCode ?? 502, headers);
        reply.pipe(response);
      },
    );
    upstream.on('error', () => (response.headersSent ? response.destroy() : response.writeHead(502).end()));
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** An https request trusting the front's certificate (this process started before it existed: no NODE_EXTRA_CA_CERTS here). */
function tlsRequest(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const request = https.request(url, { method: init.method ?? 'GET', headers: init.headers ?? {}, ca: caCert }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
    });
    request.on('error', reject);
    request.end(init.body);
  });
}

const base64url = (buffer: Buffer) => buffer.toString('base64url');

/** A citizen signs in at the provider by authorization code with PKCE (S256), as the web app and their browser would. */
async function signIn(idNumber: string): Promise<string> {
  const cookies = new Map<string, string>();
  const verifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(16));
  const authorize = new URL(`${issuer}/auth`);
  authorize.search = new URLSearchParams({
    client_id: WEB_CLIENT_ID,
    response_type: 'code',
    redirect_uri: DEVELOPMENT_WEB_REDIRECT_URI,
    scope: 'openid applicant',
    resource: 'urn:fj-hpf:one-thing',
    code_challenge: base64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
    state,
    nonce: base64url(randomBytes(16)),
  }).toString();
  const go = async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) => {
    const cookie = [...cookies].filter(([, value]) => value !== '').map(([name, value]) => `${name}=${value}`).join('; ');
    const reply = await tlsRequest(new URL(url, issuer).toString(), { ...init, headers: { ...init.headers, ...(cookie ? { cookie } : {}) } });
    for (const header of reply.headers['set-cookie'] ?? []) {
      const [pair] = header.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
    return reply;
  };
  let reply = await go(authorize.toString());
  for (let hop = 0; hop < 10; hop++) {
    if (reply.status === 200) {
      const action = /<form method="post" action="([^"]+)"/.exec(reply.text)?.[1];
      if (!action) throw new Error(`no sign-in form: ${reply.text.slice(0, 300)}`);
      reply = await go(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ id_number: idNumber, password: DEVELOPMENT_PASSWORD }).toString() });
      continue;
    }
    const location = reply.headers.location;
    if (!location) throw new Error(`sign-in stuck at ${reply.status}: ${reply.text.slice(0, 300)}`);
    if (location.startsWith(DEVELOPMENT_WEB_REDIRECT_URI)) {
      const back = new URL(location).searchParams;
      expect({ state: back.get('state'), iss: back.get('iss') }).toEqual({ state, iss: issuer });
      const token = await tlsRequest(`${issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: back.get('code')!, redirect_uri: DEVELOPMENT_WEB_REDIRECT_URI, client_id: WEB_CLIENT_ID, code_verifier: verifier, resource: 'urn:fj-hpf:one-thing' }).toString(),
      });
      const body = JSON.parse(token.text) as { access_token?: string };
      if (token.status !== 200 || !body.access_token) throw new Error(`no token: ${token.status} ${token.text}`);
      return body.access_token;
    }
    reply = await go(location);
  }
  throw new Error('too many redirects');
}

// ── the web client: hpf-web's registered operations, sent by id ─────────────────────────────────

const webDocument = (file: string) => fs.readFileSync(path.join(TRUSTED_DOCUMENTS_DIR, 'sources', 'hpf-web', file), 'utf8');
const WEB = {
  submit: webDocument('submit-loan-application.graphql'),
  view: webDocument('loan-application.graphql'),
  grantConsent: webDocument('grant-consent.graphql'),
  verifyFace: webDocument('verify-face.graphql'),
  contract: webDocument('loan-contract.graphql'),
  sign: webDocument('sign-loan-contract.graphql'),
};
const gatewayUrl = `http://127.0.0.1:${GATEWAY_PORT}/graphql`;
type Reply = { status: number; body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } }; // eslint-disable-line @typescript-eslint/no-explicit-any -- read by the document's shape
async function post(token: string, payload: Record<string, unknown>): Promise<Reply> {
  const response = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(payload) });
  return { status: response.status, body: (await response.json()) as Reply['body'] };
}
const web = (token: string) => (document: string, variables: Record<string, unknown> = {}) => post(token, { documentId: `sha256:${documentHash(document)}`, variables });

const inOneMonth = () => new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
const livePhotoOf = (idNumber: string) => createHash('sha256').update(`live:${idNumber}`).digest('hex');
const sha256Of = (text: string) => createHash('sha256').update(text).digest('hex');

// ── up ──────────────────────────────────────────────────────────────────────────────────────────

let releasePorts: () => void = () => undefined;

beforeAll(async () => {
  releasePorts = await holdDefaultPorts();
  // The image's /app: package.json, node_modules, and the compiled tree.
  fs.mkdirSync(app);
  fs.copyFileSync(path.join(PROJECT_ROOT, 'package.json'), path.join(app, 'package.json'));
  fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(app, 'node_modules'), 'dir');
  buildOnce(path.join(app, 'dist'));
  fs.mkdirSync(dataDir);

  // The secrets `npm run docker-secrets` makes, pointed at this machine's PostgreSQL and the spec's Redis.
  const redisPort = await freePort();
  secrets = generateSecrets(() => undefined);
  const owner = `postgres://${names.owner}:${secrets.postgres_password}@127.0.0.1:5432/${names.database}`;
  secrets.database_admin_url = owner;
  secrets.database_url = `postgres://${names.app}:${secrets.postgres_app_password}@127.0.0.1:5432/${names.database}`;
  secrets.redis_url = `redis://:${secrets.redis_password}@127.0.0.1:${redisPort}`;
  fs.mkdirSync(secretsDir, { mode: 0o700 });
  for (const [name, value] of Object.entries(secrets)) fs.writeFileSync(path.join(secretsDir, name), `${value.trim()}\n`, { mode: 0o600 });

  // The postgres service: its owner (POSTGRES_USER) and database, and the application role create-app-role.sh makes.
  adminUrl = await testDatabaseUrl();
  await adminQuery(adminUrl, `CREATE ROLE ${names.owner} LOGIN PASSWORD '${secrets.postgres_password}'`);
  await adminQuery(adminUrl, `CREATE ROLE ${names.app} LOGIN PASSWORD '${secrets.postgres_app_password}'`);
  await adminQuery(adminUrl, `CREATE DATABASE ${names.database} OWNER ${names.owner}`);
  databaseCreated = true;
  await adminQuery(adminUrl, `GRANT CONNECT ON DATABASE ${names.database} TO ${names.app}`);

  // The identity provider, in development mode behind its TLS front, knowing the worker's client by the generated secret.
  caFile = path.join(tmp, 'front-cert.pem');
  const providerPort = await freePort();
  front = await startTlsFront(() => providerPort);
  issuer = `https://127.0.0.1:${(front.address() as net.AddressInfo).port}`;
  const provider = start('identity-provider', [path.join(app, 'dist/scripts/serve.js'), 'identity-provider'], {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    APOLLO_TELEMETRY_DISABLED: '1',
    IDENTITY_PROVIDER_PORT: String(providerPort),
    AUTH_ISSUER: issuer,
    AUTH_KEYS_DIR: path.join(tmp, 'provider-keys'),
    AUTH_CLIENT_ID: LOAN_ENGINE,
    AUTH_CLIENT_SECRET: secrets.auth_client_secret!,
  });
  Object.assign(operatorVariables, { AUTH_ISSUER: issuer, AUTH_JWKS_URL: `${issuer}/jwks`, AUTH_TOKEN_URL: `${issuer}/token` });

  await Promise.all([
    startRedis(redisPort, secrets.redis_password!),
    (async () => {
      for (const started = Date.now(); ; await sleep(50)) {
        if (provider.child.exitCode !== null) throw new Error(`the identity provider exited:\n${provider.output()}`);
        const discovery = await tlsRequest(`${issuer}/.well-known/openid-configuration`).catch(() => null);
        if (discovery?.status === 200) return;
        if (Date.now() - started > 20_000) throw new Error(`the identity provider did not start:\n${provider.output()}`);
      }
    })(),
  ]);

  // Every Node service of the compose file, each when its depends_on conditions hold, the gateway last.
  await Promise.all(nodeServices.map(([name, service]) => (service.restart === 'no' ? bringUp(name).completed : bringUp(name).healthy)));
}, 120_000);

afterAll(async () => {
  for (const { child } of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(running.map(({ child }) => exitOf(child))), new Promise((resolve) => (timer = setTimeout(resolve, 5000)))]);
  clearTimeout(timer);
  killAll();
  if (redisServer && redisServer.exitCode === null) redisServer.kill('SIGKILL');
  await new Promise((resolve) => (front ? front.close(resolve) : resolve(undefined)));
  if (adminUrl) {
    if (databaseCreated) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${names.database} WITH (FORCE)`).catch(() => undefined);
    for (const role of [names.app, names.owner]) await adminQuery(adminUrl, `DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  releasePorts();
}, 30_000);

// ── the deployment at work ──────────────────────────────────────────────────────────────────────

describe('docker-compose.yml, every Node service a process of its own, in production, on the machine’s PostgreSQL and a password-protected Redis', () => {
  it('started every Node service compose defines, the migration ran to completion, and the gateway is ready', async () => {
    expect(running.map((r) => r.name).filter((name) => name !== 'identity-provider').sort()).toEqual(nodeServices.map(([name]) => name).sort());
    for (const { name, child } of running) if (name !== 'migrate-storage') expect({ name, alive: child.exitCode === null }).toEqual({ name, alive: true });
    // In production, as compose says (NODE_ENV unset on the host), every secret from a mounted file.
    for (const { name, env } of running.filter((r) => r.name !== 'identity-provider')) {
      expect({ name, mode: env.NODE_ENV }).toEqual({ name, mode: 'production' });
      for (const [variable, value] of Object.entries(env)) if (variable.endsWith('_FILE')) expect({ name, variable, inSecrets: value.startsWith(`${secretsDir}/`) }).toEqual({ name, variable, inSecrets: true });
    }
    expect(running.find((r) => r.name === 'migrate-storage')!.output()).toContain('the application role may only append and read access records');
    expect((await fetch(`http://127.0.0.1:${GATEWAY_PORT}/health/ready`)).status).toBe(200);
  });

  it('takes the clean couple, signed in at the provider, from submission to DISBURSED under registered operations only', async () => {
    const applicantToken = await signIn(couple.applicant.idNumber);
    const spouseToken = await signIn(couple.spouse!.idNumber);
    expect(decodeJwt(applicantToken)).toMatchObject({ iss: issuer, role: 'APPLICANT', id_number: couple.applicant.idNumber });
    const applicant = web(applicantToken);

    // Nothing unregistered runs, not even for a signed-in citizen.
    const adHoc = await post(applicantToken, { query: '{ serviceGuide { title } }' });
    expect({ status: adHoc.status, codes: adHoc.body.errors?.map((e) => e.extensions?.code) }).toEqual({ status: 400, codes: ['OPERATION_NOT_TRUSTED'] });

    const submitted = await applicant(WEB.submit, { input: { centreCode: CENTRE, ...inputFor(couple) } });
    const id = submitted.body.data?.submitLoanApplication?.loanApplication?.id as string;
    expect({ id: typeof id, errors: submitted.body.errors }).toEqual({ id: 'string', errors: undefined });

    // Each party consents for themself: data sharing of every item, and the written credit-query authorization.
    const people = [
      { person: couple.applicant, query: applicant },
      { person: couple.spouse!, query: web(spouseToken) },
    ];
    const sharingScopes = Object.entries(DATA_ITEMS)
      .filter(([agency]) => agency !== 'pboc-credit')
      .map(([agency, items]) => ({ agency: agency.toUpperCase().replace(/-/g, '_'), dataItems: (items as readonly string[]).filter((item) => item !== 'face') }));
    for (const { person, query } of people) {
      const sharing = await query(WEB.grantConsent, { input: { kind: 'DATA_SHARING', purpose: 'HPF_LOAN_REVIEW', applicationId: id, validUntil: inOneMonth(), scopes: sharingScopes } });
      expect({ errors: sharing.body.errors, consent: sharing.body.data?.grantConsent?.applicationId }).toEqual({ errors: undefined, consent: id });
      const credit = await query(WEB.grantConsent, {
        input: { kind: 'CREDIT_QUERY', purpose: 'HPF_LOAN_REVIEW', applicationId: id, validUntil: inOneMonth(), authorizationReference: `ZXSQ-${person.idNumber.slice(-6)}`, scopes: [{ agency: 'PBOC_CREDIT', dataItems: ['creditReport'] }] },
      });
      expect(credit.body.errors).toBeUndefined();
    }

    // The worker checks through the gateway, with its own tokens by client credentials at the provider.
    let application: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the LoanApplication document's shape
    for (const started = Date.now(); ; await sleep(100)) {
      application = (await applicant(WEB.view, { id })).body.data?.loanApplication;
      if (application && application.status !== 'ACCEPTED') break;
      if (Date.now() - started > 30_000) throw new Error(`not decided in time: ${JSON.stringify(application)}\n${running.find((r) => r.name === 'loan')!.output().slice(-4000)}`);
    }
    expect(application.status).toBe('APPROVED');
    expect(application.checks.map((check: { step: string; outcome: string }) => [check.step, check.outcome])).toEqual(
      expect.arrayContaining(['GATHER_IDENTITY', 'GATHER_MARRIAGE', 'GATHER_CONTRACT', 'GATHER_TAX', 'GATHER_REGISTRATION', 'GATHER_CREDIT', 'GATHER_PROVIDENT_FUND'].map((step) => [step, 'PASSED'])),
    );

    // Each signer: their own view of the contract, face verification under its own consent, then an ES256 signature over it.
    for (const { person, query } of people) {
      const contract = (await query(WEB.contract, { id })).body.data.loanApplication.contract;
      expect(contract.sha256).toBe(sha256Of(contract.text));
      expect(contract.text).toContain(`${person.name} ${person.idNumber}`);
      const face = await query(WEB.grantConsent, { input: { kind: 'FACE_VERIFICATION', purpose: 'HPF_LOAN_APPLICATION', scopes: [{ agency: 'PUBLIC_SECURITY', dataItems: ['face'] }], grantedToCentre: CENTRE, validUntil: inOneMonth() } });
      expect(face.body.errors).toBeUndefined();
      const verified = (await query(WEB.verifyFace, { livePhotoSha256: livePhotoOf(person.idNumber), centreCode: CENTRE })).body.data.verifyFace;
      expect(verified).toMatchObject({ matched: true, reference: expect.any(String) });

      const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
      const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify({ applicationId: id, contractSha256: contract.sha256 }))).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
      const signed = await query(WEB.sign, { id, signature: { jws, publicKeyJwk: JSON.stringify(await exportJWK(publicKey)), identityProofReference: verified.reference } });
      expect(signed.body.errors).toBeUndefined();
    }

    // Everyone has signed: the worker registers the mortgage (自然资源), and the entrusted bank disburses.
    let done: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the LoanContract document's shape
    for (const started = Date.now(); ; await sleep(100)) {
      done = (await applicant(WEB.contract, { id })).body.data?.loanApplication;
      if (done?.status === 'DISBURSED') break;
      if (Date.now() - started > 20_000) throw new Error(`not disbursed in time: ${JSON.stringify(done)}\n${running.find((r) => r.name === 'loan')!.output().slice(-4000)}`);
    }
    expect(done.contract.complete).toBe(true);
    expect(done.contract.signers).toHaveLength(2);
    expect(done.mortgage).toMatchObject({ certificateNumber: expect.stringMatching(/^闽\(\d{4}\).+不动产证明第\d+号$/), eCertificateSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const timeline = (await applicant(WEB.view, { id })).body.data.loanApplication.timeline.map((entry: { kind: string }) => entry.kind);
    expect(timeline).toEqual(expect.arrayContaining(['ACCEPTED', 'CHECKED', 'APPROVED_AUTOMATICALLY', 'SIGNED', 'ALL_SIGNED', 'MORTGAGE_REGISTERED', 'DISBURSED']));

    // It all landed where compose puts it: the shared PostgreSQL (the application, the access record's
    // chain) and the password-protected Redis (the used caller assertions every subgraph shares).
    const database = new Client({ connectionString: secrets.database_admin_url });
    await database.connect();
    try {
      const { rows } = await database.query<{ status: string; records: string }>('SELECT (SELECT status FROM loan_applications WHERE id = $1) AS status, (SELECT count(*) FROM access_records) AS records', [id]);
      expect(rows[0]!.status).toBe('DISBURSED');
      expect(Number(rows[0]!.records)).toBeGreaterThan(0);
    } finally {
      await database.end();
    }
    const redisPort = Number(new URL(secrets.redis_url!).port);
    const redis = new Redis({ port: redisPort, host: '127.0.0.1', password: secrets.redis_password!, lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      await redis.connect();
      expect((await redis.keys('fj-hpf:*')).length).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
    // Without the password, Redis answers nothing.
    const unasked = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(redisPort, '127.0.0.1', () => socket.write('PING\r\n'));
      socket.once('data', (chunk) => {
        socket.destroy();
        resolve(chunk.toString());
      });
      socket.once('error', reject);
    });
    expect(unasked).toMatch(/^-NOAUTH/);
  }, 60_000);

  it('stops every service cleanly on SIGTERM, as docker stop does', async () => {
    const services = running.filter(({ name, child }) => name !== 'identity-provider' && child.exitCode === null);
    expect(services.length).toBe(nodeServices.length - 1); // all but the one-shot migration
    for (const { child } of services) child.kill('SIGTERM');
    const codes = await Promise.all(services.map(async ({ name, child, output }) => ({ name, code: await exitOf(child), ...(child.exitCode === 0 ? {} : { signal: child.signalCode, output: output().slice(-1500) }) })));
    expect(codes).toEqual(services.map(({ name }) => ({ name, code: 0 })));
  });
});
