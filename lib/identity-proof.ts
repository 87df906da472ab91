/**
 * Proof that a person's identity was verified, as other subgraphs can trust it: who, how, the
 * evidence's reference and when, sealed with the platform's internal secret. Two ways exist,
 * because face recognition must not be the only way where an alternative exists (face recognition
 * rules, 2025): a face comparison by Public Security, or an ID-card check in person at a service
 * hall by an authorized agent. Nothing biometric is in the proof.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type IdentityProofMethod = 'FACE_COMPARISON' | 'IN_PERSON_ID_CHECK';

export interface IdentityProof {
  idNumber: string;
  method: IdentityProofMethod;
  /** The agency's comparison reference, or the service hall's check reference. */
  evidenceRef: string;
  verifiedAt: number;
}

/** A proof counts for signing this long after it was made. */
export const IDENTITY_PROOF_VALIDITY_MS = 10 * 60 * 1000;

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(`identity-proof:${payload}`).digest('base64url');

export function sealIdentityProof(proof: IdentityProof, secret: string): string {
  const payload = Buffer.from(JSON.stringify(proof)).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

export function openIdentityProof(reference: string, secret: string, now = Date.now()): IdentityProof | null {
  const [payload, signature] = reference.split('.');
  if (!payload || !signature) return null;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const proof = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as IdentityProof;
    return now - proof.verifiedAt <= IDENTITY_PROOF_VALIDITY_MS ? proof : null;
  } catch {
    return null;
  }
}
