/**
 * The system with a real identity provider: the local one (identity-provider/), run as its own
 * process as `npx tsx scripts/serve.ts identity-provider` (jest cannot load oidc-provider, an ES
 * module), and the gateway trusting nothing but its JWKS (AUTH_JWKS_URL). A citizen signs in by
 * authorization code with PKCE, the HTTP redirects driven by hand; the loan worker gets its tokens
 * by client credentials; the gateway accepts both, and nothing signed with any other key.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { DEVELOPMENT_PASSWORD } from '../../identity-provider/accounts';
import { DEVELOPMENT_WEB_REDIRECT_URI, WEB_CLIENT_ID } from '../../identity-provider/provider';
import { createServiceTokens } from '../../lib/service-tokens';
import { LOAN_ENGINE } from '../../lib/services';
import { REPO_ROOT } from '../../schema/subgraphs';
import { FAST_LOAN_WORKER, SUBMIT, consentFor, inputFor, untilDecided } from '../loan/support/loans';
import { startTestSystem, type Query, type TestSystem } from '../support/system';

const WORKER_SECRET = randomBytes(24).toString('base64url');
const person = SCENARIOS.singleApplicant.applicant;

/** Starts the provider as a process of its own, on a free port; resolves with its issuer. */
async function startProviderProcess(env: Record<string, string>): Promise<{ child: ChildProcess; issuer: string }> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/serve.ts', 'identity-provider'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the identity provider did not start:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.includes('identity provider listening'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { issuer: string }).issuer);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`the identity provider exited (${code}):\n${output}`)));
  });
  return { child, issuer };
}

/** A browser's cookie jar, as far as this flow needs one (every cookie to every path of one host). */
function cookieJar() {
  const cookies = new Map<string, string>();
  return {
    take(response: Response) {
      for (const header of response.headers.getSetCookie()) {
        const [pair] = header.split(';');
        const at = pair!.indexOf('=');
        cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
      }
    },
    header: () => [...cookies].filter(([, value]) => value !== '').map(([name, value]) => `${name}=${value}`).join('; '),
  };
}

const base64url = (buffer: Buffer) => buffer.toString('base64url');

describe('a real identity provider: the local one', () => {
  let provider: ChildProcess;
  let issuer: string;
  let system: TestSystem;

  beforeAll(async () => {
    const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hpf-idp-keys-'));
    ({ child: provider, issuer } = await startProviderProcess({
      NODE_ENV: 'test',
      IDENTITY_PROVIDER_PORT: '0',
      AUTH_KEYS_DIR: keysDir,
      AUTH_CLIENT_ID: LOAN_ENGINE,
      AUTH_CLIENT_SECRET: WORKER_SECRET,
      APOLLO_TELEMETRY_DISABLED: '1',
    }));
    // The gateway trusts the provider's JWKS alone; the worker has its client there (the token URL from discovery).
    system = await startTestSystem({ ...FAST_LOAN_WORKER, AUTH_ISSUER: issuer, AUTH_JWKS_URL: `${issuer}/jwks`, AUTH_CLIENT_ID: LOAN_ENGINE, AUTH_CLIENT_SECRET: WORKER_SECRET });
  }, 60_000);
  afterAll(async () => {
    await system?.stop();
    provider?.kill('SIGTERM');
  });

  const bearer =
    (token: string): Query =>
    async (query, variables = {}, headers = {}) => {
      const response = await fetch(system.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: await response.json() };
    };

  /** Authorization code with PKCE (RFC 7636), as the web app and the person's browser would do it. */
  async function signIn(idNumber: string, password: string): Promise<{ accessToken: string; failedSignIn?: string }> {
    const jar = cookieJar();
    const verifier = base64url(randomBytes(32));
    const state = base64url(randomBytes(16));
    const authorize = new URL(`${issuer}/auth`);
    authorize.search = new URLSearchParams({
      client_id: WEB_CLIENT_ID,
      response_type: 'code',
      redirect_uri: DEVELOPMENT_WEB_REDIRECT_URI,
      scope: 'openid applicant',
      resource: system.config.auth.audience,
      code_challenge: base64url(createHash('sha256').update(verifier).digest()),
      code_challenge_method: 'S256',
      state,
      nonce: base64url(randomBytes(16)),
    }).toString();

    const go = async (url: string, init: RequestInit = {}) => {
      const response = await fetch(new URL(url, issuer), { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: jar.header() } });
      jar.take(response);
      return response;
    };
    let response = await go(authorize.toString());
    for (let hop = 0; hop < 10; hop++) {
      const location = response.headers.get('location');
      if (response.status === 200) {
        // The sign-in page: fill in its form.
        const page = await response.text();
        const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
        if (!action) throw new Error(`no sign-in form: ${page.slice(0, 300)}`);
        response = await go(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ id_number: idNumber, password }).toString() });
        if (response.status === 401) return { accessToken: '', failedSignIn: await response.text() };
        continue;
      }
      if (!location) throw new Error(`stuck at ${response.status}: ${(await response.text()).slice(0, 300)}`);
      if (location.startsWith(DEVELOPMENT_WEB_REDIRECT_URI)) {
        const back = new URL(location).searchParams;
        expect(back.get('state')).toBe(state);
        expect(back.get('iss')).toBe(issuer);
        const token = await fetch(`${issuer}/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'authorization_code', code: back.get('code')!, redirect_uri: DEVELOPMENT_WEB_REDIRECT_URI, client_id: WEB_CLIENT_ID, code_verifier: verifier, resource: system.config.auth.audience }).toString(),
        });
        const body = (await token.json()) as { access_token?: string; id_token?: string };
        expect({ status: token.status, idToken: typeof body.id_token }).toEqual({ status: 200, idToken: 'string' });
        return { accessToken: body.access_token! };
      }
      response = await go(location);
    }
    throw new Error('too many redirects');
  }

  it('signs a scenario applicant in by authorization code with PKCE; the gateway accepts the token as that APPLICANT', async () => {
    const { accessToken } = await signIn(person.idNumber, DEVELOPMENT_PASSWORD);
    const claims = decodeJwt(accessToken);
    expect(claims).toMatchObject({ iss: issuer, aud: system.config.auth.audience, role: 'APPLICANT', id_number: person.idNumber, sub: expect.stringMatching(/^citizen-[0-9a-f]{20}$/) });
    expect(claims.sub).not.toContain(person.idNumber.slice(-6));
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(system.config.auth.maxTokenLifetimeSeconds);

    const herself = bearer(accessToken);
    const own = await herself('query($id: IdNumber!) { applicant(idNumber: $id) { name } }', { id: person.idNumber });
    expect(own.body).toEqual({ data: { applicant: { name: person.name } } });
    // As herself, and no one else: another person's data stays closed to her.
    const other = await herself('query($id: IdNumber!) { applicant(idNumber: $id) { name } }', { id: SCENARIOS.cleanCouple.applicant.idNumber });
    expect(other.body.data?.applicant ?? null).toBeNull();
  });

  it('signs no one in with a wrong password, and sends no one to sign in without PKCE', async () => {
    expect((await signIn(person.idNumber, 'not-the-password')).failedSignIn).toMatch(/not right/);
    const noPkce = await fetch(`${issuer}/auth?${new URLSearchParams({ client_id: WEB_CLIENT_ID, response_type: 'code', redirect_uri: DEVELOPMENT_WEB_REDIRECT_URI, scope: 'openid' })}`, { redirect: 'manual' });
    expect(new URL(noPkce.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
  });

  it('gives the loan worker a token per centre by client credentials, which the gateway accepts as the SERVICE hpf-loan-worker of that centre', async () => {
    const tokens = createServiceTokens(system.config, LOAN_ENGINE);
    const token = await tokens.tokenFor('350200');
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ iss: issuer, aud: system.config.auth.audience, sub: LOAN_ENGINE, role: 'SERVICE', centre: '350200', client_id: LOAN_ENGINE });
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(system.config.auth.maxTokenLifetimeSeconds);
    expect(await tokens.tokenFor('350200')).toBe(token); // kept while fresh
    expect(decodeJwt(await tokens.tokenFor('350100')).centre).toBe('350100');
    // Accepted (a refused token is 401 before anything runs), with nothing to read outside a case.
    const reply = await bearer(token)('{ serviceGuide { title } }');
    expect(reply.status).toBe(200);
    // A wrong secret gets no token.
    const wrong = createServiceTokens({ ...system.config, auth: { ...system.config.auth, clientSecret: `${WORKER_SECRET}x` } }, LOAN_ENGINE);
    await expect(wrong.tokenFor('350100')).rejects.toThrow(/refused a token for centre 350100: 401 invalid_client/);
  });

  it('runs a whole application: the applicant signed in at the provider submits, the worker gathers through the gateway with its own tokens', async () => {
    const herself = bearer((await signIn(person.idNumber, DEVELOPMENT_PASSWORD)).accessToken);
    const reply = await herself(SUBMIT, { input: { centreCode: '350100', ...inputFor(SCENARIOS.singleApplicant) } });
    const id = reply.body.data?.submitLoanApplication?.loanApplication?.id as string;
    expect(id).toEqual(expect.any(String));
    await consentFor(system, id, [person.idNumber]);
    const decided = await untilDecided(herself, id);
    // Every check ran: the agencies' data reached the worker, so the gateway took its tokens.
    expect(decided.checks.map((check: { status: string }) => check.status).every((status: string) => status === 'DONE')).toBe(true);
    expect(decided.decision.outcome).toBe('APPROVED');
  });

  it('refuses a token signed with any other key, even naming the provider as its issuer', async () => {
    const forged = await system.token({ role: 'APPLICANT', sub: 'citizen-forged', id_number: person.idNumber });
    expect((await bearer(forged)('{ serviceGuide { title } }')).status).toBe(401);
  });
});
