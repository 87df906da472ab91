import { createHash } from 'node:crypto';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { startTestSystem, type Query, type TestSystem } from '../support/system';
import { FAST_LOAN_WORKER, SUBMIT, inputFor, untilDecided } from './support/loans';

const couple = SCENARIOS.cleanCouple;
const inOneMonth = () => new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
const FULL = /* GraphQL */ `
  query Full($id: ID!) {
    loanApplication(id: $id) {
      status
      contract { sha256 text complete signers { role signedAt keyThumbprint } }
      mortgage { certificateNumber eCertificateSha256 registeredAt }
      timeline { step kind }
    }
  }
`;
const VERIFY_FACE = 'mutation($photo: String!) { verifyFace(livePhotoSha256: $photo, centreCode: "350100") { matched score reference } }';
const SIGN = 'mutation($id: ID!, $signature: ContractSignatureInput!) { signLoanContract(id: $id, signature: $signature) { status } }';

/** A capture the simulator's face comparison accepts for this person (see FaceComparisonRequest). */
const livePhotoOf = (idNumber: string) => createHash('sha256').update(`live:${idNumber}`).digest('hex');

async function signAs(person: Query, id: string, contractSha256: string, reference: string) {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify({ applicationId: id, contractSha256 })))
    .setProtectedHeader({ alg: 'ES256' })
    .sign(privateKey);
  return person(SIGN, { id, signature: { jws, publicKeyJwk: JSON.stringify(await exportJWK(publicKey)), identityProofReference: reference } });
}

describe('from submission to the mortgage certificate', () => {
  let system: TestSystem;
  let officer: Query;
  beforeAll(async () => {
    system = await startTestSystem(FAST_LOAN_WORKER);
    officer = await system.asOfficer('350100');
    await system.consentAll(couple.applicant.idNumber);
    await system.consentAll(couple.spouse!.idNumber);
  });
  afterAll(() => system.stop());

  it('takes the clean couple through checks, approval, signing (by face, or in person at a hall) and mortgage registration, every step in the timeline', async () => {
    const id = (await officer(SUBMIT, { input: inputFor(couple) })).body.data.submitLoanApplication.loanApplication.id as string;
    expect((await untilDecided(officer, id)).status).toBe('APPROVED');
    const approved = (await officer(FULL, { id })).body.data.loanApplication;
    expect(approved.contract).toMatchObject({ complete: false, sha256: createHash('sha256').update(approved.contract.text).digest('hex') });
    expect(approved.contract.signers.map((s: { role: string }) => s.role)).toEqual(['BORROWER', 'BORROWER']);

    // He proves who he is by face; she at a service hall, where an agent checks her ID card in person.
    const proofs: Record<string, string> = {};
    {
      const person = couple.applicant;
      const herself = await system.asApplicant(person.idNumber);
      // Face verification needs its own consent: without it, nothing is compared.
      const refused = await herself(VERIFY_FACE, { photo: livePhotoOf(person.idNumber) });
      expect(refused.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      await herself('mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }', {
        input: { kind: 'FACE_VERIFICATION', purpose: 'HPF_LOAN_APPLICATION', subjectRole: 'APPLICANT', scopes: [{ agency: 'PUBLIC_SECURITY', dataItems: ['face'] }], grantedToCentre: '350100', validUntil: inOneMonth() },
      });
      const mismatch = await herself(VERIFY_FACE, { photo: 'a'.repeat(64) });
      expect(mismatch.body.data.verifyFace).toEqual({ matched: false, score: expect.any(Number), reference: null });
      const face = (await herself(VERIFY_FACE, { photo: livePhotoOf(person.idNumber) })).body.data.verifyFace;
      expect(face.matched).toBe(true);
      proofs[person.idNumber] = face.reference;
    }
    {
      const person = couple.spouse!;
      const hallAgent = await system.as({ role: 'PROXY_AGENT', sub: 'gulou-hall-agent-3', acting_for: person.idNumber, proxy_authorization: 'WT-2026-0311' });
      const attested = await hallAgent('mutation { attestInPersonIdentity(checkReference: "HALL-20261125-0042") }');
      expect(attested.body.data.attestInPersonIdentity).toEqual(expect.any(String));
      proofs[person.idNumber] = attested.body.data.attestInPersonIdentity;
      const herselfAlone = await system.asApplicant(person.idNumber);
      expect((await herselfAlone('mutation { attestInPersonIdentity(checkReference: "HALL-20261125-0042") }')).body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    }

    for (const person of [couple.applicant, couple.spouse!]) {
      const herself = await system.asApplicant(person.idNumber);
      const wrongContract = await signAs(herself, id, 'f'.repeat(64), proofs[person.idNumber]!);
      expect(wrongContract.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'signature.jws' });
      const someoneElsesProof = await signAs(herself, id, approved.contract.sha256, proofs[person === couple.applicant ? couple.spouse!.idNumber : couple.applicant.idNumber]!);
      expect(someoneElsesProof.body.errors![0]!.extensions).toMatchObject({ argument: 'signature.identityProofReference' });
      const signed = await signAs(herself, id, approved.contract.sha256, proofs[person.idNumber]!);
      expect(signed.body.errors).toBeUndefined();
    }

    let done = (await officer(FULL, { id })).body.data.loanApplication;
    for (let i = 0; i < 100 && done.status !== 'READY_FOR_DISBURSEMENT'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      done = (await officer(FULL, { id })).body.data.loanApplication;
    }
    expect(done.status).toBe('READY_FOR_DISBURSEMENT');
    expect(done.contract.complete).toBe(true);
    expect(done.mortgage).toMatchObject({ certificateNumber: expect.stringMatching(/^闽\(\d{4}\).+不动产证明第\d+号$/), eCertificateSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(done.timeline.map((entry: { kind: string }) => entry.kind)).toEqual(
      expect.arrayContaining(['ACCEPTED', 'CHECKED', 'APPROVED_AUTOMATICALLY', 'SIGNED', 'ALL_SIGNED', 'MORTGAGE_REGISTERED']),
    );
    expect(done.timeline.filter((entry: { kind: string }) => entry.kind === 'SIGNED')).toHaveLength(2);
  });

  it('refuses a signature from someone not on the contract', async () => {
    const id = (await officer(SUBMIT, { input: inputFor(couple) })).body.data.submitLoanApplication.loanApplication.id as string;
    await untilDecided(officer, id);
    const stranger = await system.asApplicant(SCENARIOS.singleApplicant.applicant.idNumber);
    const reply = await signAs(stranger, id, 'f'.repeat(64), 'not.a-reference');
    expect(reply.body.errors![0]!.extensions!.code).toMatch(/FORBIDDEN|BAD_USER_INPUT/);
  });
});
