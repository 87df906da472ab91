/**
 * Opaque entity references. Federation keys travel through the gateway and to clients, so a key
 * must never be a readable ID number (STACK.md, "Masking vs federation keys"). A reference seals
 * the identifier with AES-256-GCM under a key every subgraph shares; the nonce is derived from
 * the identifier (synthetic IV), so one person always has one reference and loaders can dedupe.
 * The kind is bound as associated data: an applicant reference never opens as a property.
 */
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { badUserInput } from '../../lib/errors';

export type EntityKind = 'applicant' | 'property' | 'loan';

const PREFIX: Record<EntityKind, string> = { applicant: 'apl_', property: 'prp_', loan: 'lna_' };
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface EntityRefs {
  seal(kind: EntityKind, identifier: string): string;
  /** Opens a reference or throws BAD_USER_INPUT; a forged or foreign reference never opens. */
  open(kind: EntityKind, reference: string): string;
}

export function createEntityRefs(keyHex: string): EntityRefs {
  const key = Buffer.from(keyHex, 'hex');
  if (key.length !== 32) throw new Error('the entity reference key must be 32 bytes');
  const sealed = new Map<string, string>();

  return {
    seal(kind, identifier) {
      const memoKey = `${kind}\u0000${identifier}`;
      const memo = sealed.get(memoKey);
      if (memo) return memo;
      const nonce = createHmac('sha256', key).update(memoKey).digest().subarray(0, NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(kind));
      const body = Buffer.concat([cipher.update(identifier, 'utf8'), cipher.final()]);
      const reference = PREFIX[kind] + Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url');
      if (sealed.size > 100_000) sealed.clear(); // bound the memo; it is only a shortcut
      sealed.set(memoKey, reference);
      return reference;
    },
    open(kind, reference) {
      const invalid = () => badUserInput('ref', `not a valid ${kind} reference`);
      if (!reference.startsWith(PREFIX[kind])) throw invalid();
      const raw = Buffer.from(reference.slice(PREFIX[kind].length), 'base64url');
      if (raw.length <= NONCE_BYTES + TAG_BYTES) throw invalid();
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, NONCE_BYTES));
        decipher.setAAD(Buffer.from(kind));
        decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
        return Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw invalid();
      }
    },
  };
}
