/**
 * Sign-in at the identity provider by authorization code with PKCE (RFC 7636, S256), as a public
 * client: the verifier, state and nonce stay in this tab's sessionStorage until the provider sends
 * the person back; the access token is kept there too, never in localStorage or a cookie, and the
 * person signs in again when it expires (it lives minutes; there is no refresh token).
 */
import { redirectUri, type AppConfig } from './config';

const PENDING = 'hpf.sign-in';
const SESSION = 'hpf.session';

export interface Session {
  accessToken: string;
  /** Seconds since the epoch. */
  expiresAt: number;
  /**
   * The person signed in, from the token (the gateway checks the token; this only shows it): a
   * citizen's ID number, the applicant a hall agent acts for (what they named; the platform checks
   * it against the stored authorization), or empty.
   */
  idNumber: string;
  /** APPLICANT, FUND_OFFICER for the officer's workbench, or PROXY_AGENT at a service hall. */
  role: string;
  /** An officer's fund centre, or empty. */
  centre: string;
}

const base64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes as ArrayBuffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = (size: number) => base64url(crypto.getRandomValues(new Uint8Array(size)));

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

async function discover(config: AppConfig): Promise<Discovery> {
  const response = await fetch(`${config.issuer}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`identity provider: ${response.status}`);
  return (await response.json()) as Discovery;
}

/**
 * Sends the browser to the provider's sign-in. `fresh`: the provider asks for the credentials
 * again even while its session lasts — a service-hall agent names, each time, whom they act for.
 */
export async function startSignIn(config: AppConfig, returnTo: string, { fresh = false }: { fresh?: boolean } = {}): Promise<void> {
  const { authorization_endpoint } = await discover(config);
  const verifier = random(32);
  const state = random(16);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL(authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    response_type: 'code',
    redirect_uri: redirectUri(),
    scope: 'openid applicant',
    resource: config.audience,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
    nonce: random(16),
    ...(fresh ? { prompt: 'login' } : {}),
  }).toString();
  window.location.assign(url.toString());
}

function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = decodeURIComponent(
    [...atob(payload.replace(/-/g, '+').replace(/_/g, '/'))].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
  );
  return JSON.parse(json) as Record<string, unknown>;
}

/** On the landing page: trades the code for a token (checking state); resolves to where the person was going. */
export async function finishSignIn(config: AppConfig, search: URLSearchParams): Promise<string> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string; returnTo: string } | null;
  sessionStorage.removeItem(PENDING);
  if (search.get('error')) throw new Error(search.get('error_description') ?? search.get('error') ?? 'sign-in refused');
  if (!pending || search.get('state') !== pending.state) throw new Error('this sign-in was not started here, or has expired');
  if (search.get('iss') && search.get('iss') !== config.issuer) throw new Error('the answer came from another identity provider');
  const { token_endpoint } = await discover(config);
  const response = await fetch(token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: search.get('code') ?? '',
      redirect_uri: redirectUri(),
      client_id: config.clientId,
      code_verifier: pending.verifier,
      resource: config.audience,
    }).toString(),
  });
  const body = (await response.json()) as { access_token?: string; expires_in?: number; error_description?: string };
  if (!response.ok || !body.access_token) throw new Error(body.error_description ?? `token: ${response.status}`);
  const claims = claimsOf(body.access_token);
  const session: Session = {
    accessToken: body.access_token,
    expiresAt: Number(claims.exp ?? Date.now() / 1000 + (body.expires_in ?? 0)),
    idNumber: String(claims.id_number ?? claims.acting_for ?? ''),
    role: String(claims.role ?? ''),
    centre: String(claims.centre ?? ''),
  };
  sessionStorage.setItem(SESSION, JSON.stringify(session));
  return pending.returnTo;
}

/** The session of this tab, if its token has not expired. */
export function currentSession(): Session | null {
  const session = JSON.parse(sessionStorage.getItem(SESSION) ?? 'null') as Session | null;
  return session && session.expiresAt > Date.now() / 1000 + 10 ? session : null;
}

export function signOut(): void {
  sessionStorage.removeItem(SESSION);
}
