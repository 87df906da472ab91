/**
 * Opaque entity references. Federation keys travel through the gateway and to clients, so a key
 * must never be a readable ID number (STACK.md, "Masking vs federation keys"). A reference seals
 * the identifier with AES-256-GCM under a key every subgraph shares; the nonce is derived from
 * the identifier (synthetic IV), so one person always has one reference and loaders can dedupe.
 * The kind is bound as associated data: an applicant reference never opens as a property.
 */
import { createCipheriv, createDecipheriv, createHmac, createSecretKey } from 'node:crypto';
import { badUserInput } from '../../lib/errors';

export type EntityKind = 'applicant' | 'property' | 'loan';

const PREFIX: Record<EntityKind, string> = { applicant: 'apl_', property: 'prp_', loan: 'lna_' };
/** The associated data of each kind, made once. */
const AAD: Record<EntityKind, Buffer> = { applicant: Buffer.from('applicant'), property: Buffer.from('property'), loan: Buffer.from('loan') };
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface EntityRefs {
  seal(kind: EntityKind, identifier: string): string;
  /** Opens a reference or throws BAD_USER_INPUT; a forged or foreign reference never opens. */
  open(kind: EntityKind, reference: string): string;
}

export function createEntityRefs(keyHex: string): EntityRefs {
  const raw = Buffer.from(keyHex, 'hex');
  if (raw.length !== 32) throw new Error('the entity reference key must be 32 bytes');
  // One key object for the life of the process: given raw bytes, every cipher, decipher and HMAC
  // would build its own (about 12 % of a 50-person request's CPU went to that).
  const key = createSecretKey(raw);
  const sealed = new Map<string, string>();
  // Opened references, by reference: only ones that opened (authenticated under this key) are kept,
  // and a reference names its kind by prefix and in its associated data, so a hit is what open would return.
  const opened = new Map<string, string>();

  return {
    seal(kind, identifier) {
      const memoKey = `${kind}\u0000${identifier}`;
      const memo = sealed.get(memoKey);
      if (memo) return memo;
      const nonce = createHmac('sha256', key).update(memoKey).digest().subarray(0, NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(AAD[kind]);
      const body = Buffer.concat([cipher.update(identifier, 'utf8'), cipher.final()]);
      const reference = PREFIX[kind] + Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url');
      if (sealed.size > 100_000) sealed.clear(); // bound the memo; it is only a shortcut
      sealed.set(memoKey, reference);
      return reference;
    },
    open(kind, reference) {
      const memo = opened.get(reference);
      if (memo !== undefined && reference.startsWith(PREFIX[kind])) return memo;
      const invalid = () => badUserInput('ref', `not a valid ${kind} reference`);
      if (!reference.startsWith(PREFIX[kind])) throw invalid();
      const sealedBytes = Buffer.from(reference.slice(PREFIX[kind].length), 'base64url');
      if (sealedBytes.length <= NONCE_BYTES + TAG_BYTES) throw invalid();
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, sealedBytes.subarray(0, NONCE_BYTES));
        decipher.setAAD(AAD[kind]);
        decipher.setAuthTag(sealedBytes.subarray(sealedBytes.length - TAG_BYTES));
        const identifier = Buffer.concat([decipher.update(sealedBytes.subarray(NONCE_BYTES, sealedBytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
        if (opened.size > 100_000) opened.clear(); // bound the memo; it is only a shortcut
        opened.set(reference, identifier);
        return identifier;
      } catch {
        throw invalid();
      }
    },
  };
}
