/**
 * Secrets the platform must read back in clear, kept sealed in the database. A centre's webhook
 * signing secret signs every notice, so it cannot be stored as a hash; it is sealed with AES-256-GCM
 * under a key derived from ACCESS_RECORD_CHAIN_KEY (held by the application's hosts, never in the
 * database) and bound to its row. A copy of the database alone — a backup, a read-only role —
 * yields no secret, and a sealed value copied onto another row does not open there.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { derivedKey } from './access-chain';
import { StorageError } from './errors';

/** How a sealed value starts; a value without it was stored before sealing (see isSealed). */
export const SEALED = 'sealed:v1:';

/** The sealing key: derived from the chain secret for this one purpose, as the chain's own keys are (access-chain.ts chainKeys). */
export function sealingKeyOf(chainSecret: string): Buffer {
  return derivedKey(chainSecret, 'fj-hpf stored secrets v1: seal');
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(SEALED);
}

/** `secret` sealed for the row `boundTo` (its id): a fresh nonce each time. */
export function seal(key: Buffer, secret: string, boundTo: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${SEALED}${[nonce, body, cipher.getAuthTag()].map((part) => part.toString('base64url')).join('.')}`;
}

/**
 * The secret sealed for `boundTo`. A value stored before secrets were sealed is returned as it is;
 * opening the storage seals those (notice-outbox.ts sealWebhookSecrets).
 */
export function unseal(key: Buffer, stored: string, boundTo: string): string {
  if (!isSealed(stored)) return stored;
  const [nonce, body, tag] = stored.slice(SEALED.length).split('.').map((part) => Buffer.from(part, 'base64url'));
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce!);
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
  } catch {
    throw new StorageError('SEALED_SECRET_INVALID', 'a stored secret does not open: sealed under another ACCESS_RECORD_CHAIN_KEY, altered, or copied from another row');
  }
}
