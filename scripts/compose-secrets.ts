/**
 * The secrets docker-compose.yml mounts (Docker secrets, read by the services through NAME_FILE),
 * generated at random into `.secrets/` (never committed). docker-compose has no development
 * defaults: without these files its services do not start. Run once per deployment; existing
 * files are kept, so running it again never rotates a key behind a running system's back.
 *
 *   npm run docker-secrets            writes what is missing
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../schema/subgraphs';

export const SECRETS_DIR = path.join(PROJECT_ROOT, '.secrets');

const password = () => randomBytes(24).toString('base64url');

/** Every secret docker-compose.yml names, and how it is made from the ones before it. */
export function generateSecrets(existing: (name: string) => string | undefined): Record<string, string> {
  const made: Record<string, string> = {};
  const get = (name: string, make: () => string) => (made[name] = existing(name) ?? make());
  get('agency_app_secret', password);
  get('entity_ref_key', () => randomBytes(32).toString('hex'));
  get('internal_trust_secret', password);
  get('access_record_chain_key', () => randomBytes(32).toString('hex'));
  get('health_details_token', password);
  // The loan worker's client secret at the identity provider: register the same value there.
  get('auth_client_secret', password);
  const gatewayKey = get('gateway_signing_key', () => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
  get('gateway_verify_keys', () => createPublicKey(createPrivateKey(gatewayKey)).export({ format: 'pem', type: 'spki' }).toString());
  // PostgreSQL: the owner (migrations, purge) and the application role (INSERT/SELECT on the access record).
  const owner = get('postgres_password', password);
  const app = get('postgres_app_password', password);
  get('database_admin_url', () => `postgres://hpf:${owner}@postgres:5432/hpf`);
  get('database_url', () => `postgres://hpf_app:${app}@postgres:5432/hpf`);
  const redis = get('redis_password', password);
  get('redis_url', () => `redis://:${redis}@redis:6379`);
  return made;
}

if (require.main === module) {
  fs.mkdirSync(SECRETS_DIR, { recursive: true, mode: 0o700 });
  const read = (name: string) => {
    const file = path.join(SECRETS_DIR, name);
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined;
  };
  const written: string[] = [];
  for (const [name, value] of Object.entries(generateSecrets(read))) {
    const file = path.join(SECRETS_DIR, name);
    if (fs.existsSync(file)) continue;
    fs.writeFileSync(file, `${value.trim()}\n`, { mode: 0o600 });
    written.push(name);
  }
  process.stdout.write(written.length ? `wrote ${written.join(', ')} to ${SECRETS_DIR}\n` : `every secret is already in ${SECRETS_DIR}\n`);
}
