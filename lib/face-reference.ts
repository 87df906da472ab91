/**
 * A face verification as other subgraphs can trust it: the identity subgraph seals who was
 * verified, the agency's comparison reference and when, with the platform's internal secret. The
 * loan subgraph checks the seal instead of calling Public Security again; nothing biometric is in it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface FaceVerification {
  idNumber: string;
  comparisonRef: string;
  verifiedAt: number;
}

/** A face verification counts for signing this long after it was made. */
export const FACE_VERIFICATION_VALIDITY_MS = 10 * 60 * 1000;

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(`face:${payload}`).digest('base64url');

export function sealFaceVerification(verification: FaceVerification, secret: string): string {
  const payload = Buffer.from(JSON.stringify(verification)).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

export function openFaceVerification(reference: string, secret: string, now = Date.now()): FaceVerification | null {
  const [payload, signature] = reference.split('.');
  if (!payload || !signature) return null;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const verification = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as FaceVerification;
    return now - verification.verifiedAt <= FACE_VERIFICATION_VALIDITY_MS ? verification : null;
  } catch {
    return null;
  }
}
