/**
 * Signing the loan contract (面签): each required signer signs the contract's hash with their own
 * key, after proving who they are (face comparison, or an ID-card check in person at a service
 * hall); the signature and the proof's reference are kept as evidence.
 */
import { calculateJwkThumbprint, compactVerify, importJWK, type JWK } from 'jose';
import { transition } from './workflow/machine';
import { badUserInput } from '../../lib/errors';
import { openIdentityProof } from '../../lib/identity-proof';
import { maskIdNumberForRecord } from '../../storage';
import type { SubgraphContext } from '../shared/subgraph';
import type { LoanLoaders } from './loaders';
import { loanContractOf, signerReader } from './contract';

type Context = SubgraphContext<LoanLoaders>;

export interface SignatureInput {
  jws: string;
  publicKeyJwk: string;
  identityProofReference: string;
}

export async function signLoanContract(id: string, input: SignatureInput, context: Context, monthlyOffset: boolean | null = null) {
  const application = await context.storage.loans.get(id);
  if (!application) throw badUserInput('id', 'no application has this id');
  const signer = context.actor.personIdNumber!;
  // 冲还贷 draws on the main borrower's HPF account: theirs alone to choose.
  if (monthlyOffset !== null && signer !== application.request.applicant.idNumber) {
    throw badUserInput('monthlyOffsetFromHpfAccount', 'only the main borrower chooses the monthly offset from their HPF account');
  }
  // The signer signs the text they are shown: themself clear, the other parties masked.
  const contract = loanContractOf(application, await context.storage.loans.steps(id), signerReader(signer, context.idNumberMask));
  if (!contract || application.status !== 'APPROVED') throw badUserInput('id', 'only an approved application awaiting signatures can be signed');
  if (!contract.signerIdNumbers.includes(signer)) throw badUserInput('id', 'you are not a borrower or co-owner on this contract');

  const proof = openIdentityProof(input.identityProofReference, context.config.internalTrustSecret);
  if (!proof || proof.idNumber !== signer) {
    throw badUserInput('signature.identityProofReference', 'verify your identity again, by face or at a service hall (a proof counts for 10 minutes, for yourself only)');
  }

  let jwk: JWK;
  try {
    jwk = JSON.parse(input.publicKeyJwk) as JWK;
  } catch {
    throw badUserInput('signature.publicKeyJwk', 'must be a JWK in JSON');
  }
  let payload: { applicationId?: unknown; contractSha256?: unknown; monthlyOffsetFromHpfAccount?: unknown };
  try {
    const verified = await compactVerify(input.jws, await importJWK(jwk, 'ES256'), { algorithms: ['ES256'] });
    payload = JSON.parse(new TextDecoder().decode(verified.payload)) as typeof payload;
  } catch {
    throw badUserInput('signature.jws', 'the signature does not verify with the key given');
  }
  if (payload.applicationId !== id || payload.contractSha256 !== contract.sha256) {
    throw badUserInput('signature.jws', 'the signature is not over this contract as shown to you (its text changed, or another one was signed)');
  }
  // The choice draws on the borrower's own account every month: it is what they signed, or nothing.
  if (monthlyOffset !== null && payload.monthlyOffsetFromHpfAccount !== monthlyOffset) {
    throw badUserInput('signature.jws', 'the signed payload must carry your monthly-offset choice (monthlyOffsetFromHpfAccount) as given');
  }

  const requiredSignerKeys = contract.signerIdNumbers.map((idNumber) => context.subjectKeyOf(idNumber));
  // Stored with the signature, in one transaction: the last signature makes the mortgage registration due.
  await context.storage.loans.addSignature(
    id,
    {
      signerKey: context.subjectKeyOf(signer),
      signerMasked: maskIdNumberForRecord(signer),
      keyThumbprint: await calculateJwkThumbprint(jwk),
      signature: input.jws,
      contractSha256: contract.sha256,
      identityProof: `${proof.method}:${proof.evidenceRef}`,
      signedAt: new Date(),
      ...(monthlyOffset === null ? {} : { monthlyOffset }),
    },
    (state) => transition(state, { kind: 'SIGNED', signerKeys: state.signerKeys, requiredSignerKeys }, new Date(), context.config.loan),
    new Date(),
  );
  return context.storage.loans.get(id);
}
