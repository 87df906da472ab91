/**
 * `npm run token -- --role <ROLE> [options]` mints an access token for local use, signed with the
 * key pair the gateway generated at first start (AUTH_KEYS_DIR, never committed). Prints the token.
 *
 *   --role APPLICANT --id-number <ID>                         a citizen, for their own data
 *   --role FUND_OFFICER --subject <staff id> --centre 350100  an officer of a fund centre
 *   --role PROXY_AGENT --subject <agent id> --acting-for <ID> --proxy-authorization <ref>
 *   --role SERVICE --subject <system> --centre 350100
 *   --role AUDITOR --subject <auditor id>
 *   --expires 1h                                              lifetime (default 1h)
 */
import { parseArgs } from 'node:util';
import { ACTOR_ROLES } from '../lib/actor';
import { ensureLocalKeys } from '../lib/auth-keys';
import { ConfigError, loadConfig } from '../lib/config';
import { mintToken, type ActorClaims } from '../lib/tokens';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      subject: { type: 'string' },
      'id-number': { type: 'string' },
      centre: { type: 'string' },
      'acting-for': { type: 'string' },
      'proxy-authorization': { type: 'string' },
      expires: { type: 'string', default: '1h' },
    },
  });
  const role = values.role as ActorClaims['role'] | undefined;
  if (!role || !ACTOR_ROLES.includes(role) || (role as string) === 'ANONYMOUS') {
    throw new Error(`--role must be one of ${ACTOR_ROLES.filter((r) => r !== 'ANONYMOUS').join(', ')}`);
  }
  const config = loadConfig();
  if (config.auth.jwksUrl) throw new Error('AUTH_JWKS_URL is set: tokens come from the identity provider, not from this command');
  const { privateJwk } = await ensureLocalKeys(config.auth.keysDir);
  const claims: ActorClaims = {
    role,
    sub: values.subject ?? (role === 'APPLICANT' ? `citizen-${(values['id-number'] ?? '').slice(-4)}` : `${role.toLowerCase()}-local`),
    ...(values['id-number'] ? { id_number: values['id-number'] } : {}),
    ...(values.centre ? { centre: values.centre } : {}),
    ...(values['acting-for'] ? { acting_for: values['acting-for'] } : {}),
    ...(values['proxy-authorization'] ? { proxy_authorization: values['proxy-authorization'] } : {}),
  };
  process.stdout.write(`${await mintToken(claims, { privateJwk, issuer: config.auth.issuer, audience: config.auth.audience }, { expiresIn: values.expires })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
