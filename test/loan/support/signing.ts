/** Signing an approved contract as each borrower would: a face check under its own consent, then an ES256 signature over the text they are shown. */
import { createHash } from 'node:crypto';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import type { TestSystem } from '../../support/system';

const CONTRACT = 'query($id: ID!) { loanApplication(id: $id) { contract { sha256 } } }';
const FACE_CONSENT = 'mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }';
const VERIFY_FACE = 'mutation($photo: String!, $centre: String!) { verifyFace(livePhotoSha256: $photo, centreCode: $centre) { matched reference } }';
const SIGN = 'mutation($id: ID!, $signature: ContractSignatureInput!) { signLoanContract(id: $id, signature: $signature) { status } }';

/** A capture the simulator's face comparison accepts for this person (see FaceComparisonRequest). */
export const livePhotoOf = (idNumber: string) => createHash('sha256').update(`live:${idNumber}`).digest('hex');

/** This person proves who they are by face and signs the contract of application `id`. */
export async function signByFace(system: TestSystem, id: string, idNumber: string, centre = '350100'): Promise<void> {
  const person = await system.asApplicant(idNumber);
  const validUntil = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
  await person(FACE_CONSENT, { input: { kind: 'FACE_VERIFICATION', purpose: 'HPF_LOAN_APPLICATION', scopes: [{ agency: 'PUBLIC_SECURITY', dataItems: ['face'] }], grantedToCentre: centre, validUntil } });
  const face = (await person(VERIFY_FACE, { photo: livePhotoOf(idNumber), centre })).body.data?.verifyFace;
  if (!face?.matched) throw new Error('the face check did not match');
  const contractSha256 = (await person(CONTRACT, { id })).body.data?.loanApplication?.contract?.sha256 as string;
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify({ applicationId: id, contractSha256 }))).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
  const signed = await person(SIGN, { id, signature: { jws, publicKeyJwk: JSON.stringify(await exportJWK(publicKey)), identityProofReference: face.reference } });
  if (signed.body.errors) throw new Error(`signing refused: ${JSON.stringify(signed.body.errors).slice(0, 500)}`);
}
