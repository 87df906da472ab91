/**
 * The local identity provider's sign-in, as oidc-provider leaves it to the host: a login page for
 * the development accounts (identity-provider/accounts.ts), then consent for the platform's own
 * web app given at once (a first-party client asking for what it always needs). Plain HTML forms,
 * no script: GET /interaction/<uid> shows the prompt, POST /interaction/<uid>/login signs in.
 * A service-hall agent also names, on the same form, the applicant they act for and the proxy
 * authorization that applicant gave them (its number, from the applicant): the sign-in's grant
 * keeps that choice for its tokens (identity-provider/proxy-choices.ts).
 */
import type http from 'node:http';
import type Provider from 'oidc-provider';
import { readBody } from '../lib/http';
import { validateIdNumber } from '../lib/identifiers';
import { SECURITY_HEADERS } from '../lib/http-hardening';
import { signIn } from './accounts';
import type { ProxyChoices } from './proxy-choices';

/** What a stored proxy authorization's id looks like (storage/proxy-authorization-store.ts: a UUID). */
const AUTHORIZATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The origin the provider sends the person back to once they signed in: a browser applies
 * form-action to the redirects that follow a form's submission, so the app's origin is allowed
 * there beside our own (the redirect URI was checked against the client's registered ones).
 */
function returnOriginOf(redirectUri: unknown): string {
  try {
    return typeof redirectUri === 'string' ? new URL(redirectUri).origin : '';
  } catch {
    return '';
  }
}

function page(response: http.ServerResponse, status: number, uid: string, notice: string | null, returnOrigin: string): void {
  const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>登录 — 住房公积金贷款“一件事”（开发用）</title></head>
<body>
<h1>登录（开发用身份提供方）</h1>
<p>Development accounts only: the scenario people of docs/scenarios.md by ID number, the fund officers by staff number (staff-001 福州, staff-002 厦门), the service-hall agents by agent account (hall-7, hall-8), all synthetic.</p>
${notice ? `<p role="alert">${escape(notice)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
  <label>身份证号或工号 ID number or staff number <input name="id_number" autocomplete="username" required></label>
  <label>密码 Password <input name="password" type="password" autocomplete="current-password" required></label>
  <fieldset>
    <legend>帮代办：代办人员填写 For service-hall agents only</legend>
    <label>委托人公民身份号码 The applicant's ID number <input name="acting_for" autocomplete="off"></label>
    <label>委托书编号 The proxy authorization's number <input name="proxy_authorization" autocomplete="off"></label>
  </fieldset>
  <button type="submit">登录 Sign in</button>
</form>
</body></html>`;
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    // A form posting to itself, then redirected back to the app; nothing else.
    'content-security-policy': `default-src 'none'; form-action 'self'${returnOrigin ? ` ${returnOrigin}` : ''}; frame-ancestors 'none'; base-uri 'none'`,
    'content-type': 'text/html; charset=utf-8',
  });
  response.end(html);
}

export async function handleInteraction(provider: Provider, proxyChoices: ProxyChoices, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const interaction = await provider.interactionDetails(request, response);
  const { uid, prompt, params, session } = interaction;
  const path = new URL(request.url ?? '/', 'http://local').pathname;

  if (request.method === 'POST' && path === `/interaction/${uid}/login`) {
    const form = new URLSearchParams(await readBody(request, 4096));
    const account = signIn(form.get('id_number') ?? '', form.get('password') ?? '');
    if (!account) return page(response, 401, uid, '身份证号（工号）或密码不正确 — the ID number (staff number) or the password is not right.', returnOriginOf(params.redirect_uri));
    if (account.kind === 'agent') {
      const actingFor = (form.get('acting_for') ?? '').trim().toUpperCase();
      const proxyAuthorization = (form.get('proxy_authorization') ?? '').trim().toLowerCase();
      if (!validateIdNumber(actingFor).ok || !AUTHORIZATION_ID.test(proxyAuthorization)) {
        return page(response, 400, uid, '代办人员请填写委托人的公民身份号码和委托书编号 — a hall agent names the applicant (a valid ID number) and the number of the proxy authorization they gave.', returnOriginOf(params.redirect_uri));
      }
      // A grant of this sign-in's own, so that the choice holds for its tokens and no earlier one's.
      const grant = new provider.Grant({ accountId: account.accountId, clientId: String(params.client_id) });
      grant.addOIDCScope('openid');
      if (typeof params.resource === 'string') grant.addResourceScope(params.resource, 'applicant');
      const grantId = await grant.save();
      proxyChoices.remember(grantId, { actingFor, proxyAuthorization });
      return provider.interactionFinished(request, response, { login: { accountId: account.accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
    }
    return provider.interactionFinished(request, response, { login: { accountId: account.accountId } }, { mergeWithLastSubmission: false });
  }
  if (request.method !== 'GET' || path !== `/interaction/${uid}`) {
    response.writeHead(405, SECURITY_HEADERS).end();
    return;
  }
  if (prompt.name === 'login') return page(response, 200, uid, null, returnOriginOf(params.redirect_uri));
  if (prompt.name === 'consent' && session) {
    const grant = (interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined) ?? new provider.Grant({ accountId: session.accountId, clientId: String(params.client_id) });
    const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = prompt.details;
    if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
    if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
    return provider.interactionFinished(request, response, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  }
  throw new Error(`unexpected prompt ${prompt.name}`);
}
