import { createHash } from 'node:crypto';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { LOAN_ENGINE } from '../../lib/services';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { subjectKeyOf } from '../../storage';
import { maskIdNumber, maskName } from '../../subgraphs/shared/policy/masks';
import { startTestSystem, type Query, type TestSystem } from '../support/system';
import { FAST_LOAN_WORKER, submitWithConsents, untilDecided } from './support/loans';

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
const GRANT_PROXY = 'mutation($input: GrantProxyAuthorizationInput!) { grantProxyAuthorization(input: $input) { id } }';
const ATTEST = 'mutation { attestInPersonIdentity(checkReference: "HALL-20261125-0042") }';
const sha256Of = (text: string) => createHash('sha256').update(text).digest('hex');
/** How a party appears in a contract text to a reader who may not see them clear (the test system masks ID numbers strictly). */
const maskedParty = (person: { name: string; idNumber: string }) => `${maskName(person.name)} ${maskIdNumber(person.idNumber, 'strict')}`;
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
  });
  afterAll(() => system.stop());
  // One open application per applicant and home: each spec files the scenario people afresh.
  beforeEach(() => system.withdrawOpenApplications());

  it('takes the clean couple through checks, approval, signing (by face, or in person at a hall) and mortgage registration, every step in the timeline', async () => {
    const id = await submitWithConsents(system, couple);
    expect((await untilDecided(officer, id)).status).toBe('APPROVED');
    const approved = (await officer(FULL, { id })).body.data.loanApplication;
    expect(approved.contract).toMatchObject({ complete: false, sha256: sha256Of(approved.contract.text) });
    expect(approved.contract.signers.map((s: { role: string }) => s.role)).toEqual(['BORROWER', 'BORROWER']);
    // Both consented for this application: the officer's text names both clear.
    for (const person of [couple.applicant, couple.spouse!]) expect(approved.contract.text).toContain(`${person.name} ${person.idNumber}`);

    // Each signer is shown the contract with themself clear and the other party masked, and its hash is of that text.
    const shown: Record<string, { text: string; sha256: string }> = {};
    for (const [person, other] of [[couple.applicant, couple.spouse!], [couple.spouse!, couple.applicant]] as const) {
      const view = (await (await system.asApplicant(person.idNumber))(FULL, { id })).body.data.loanApplication.contract;
      expect(view.sha256).toBe(sha256Of(view.text));
      expect(view.text).toContain(`${person.name} ${person.idNumber}`);
      expect(view.text).toContain(maskedParty(other));
      expect(view.text).not.toContain(other.idNumber);
      expect(view.text).not.toContain(other.name);
      shown[person.idNumber] = view;
    }
    expect(shown[couple.applicant.idNumber]!.sha256).not.toBe(shown[couple.spouse!.idNumber]!.sha256);

    // He proves who he is by face; she at a service hall, where an agent checks her ID card in person.
    const proofs: Record<string, string> = {};
    {
      const person = couple.applicant;
      const herself = await system.asApplicant(person.idNumber);
      // Face verification needs its own consent: without it, nothing is compared.
      const refused = await herself(VERIFY_FACE, { photo: livePhotoOf(person.idNumber) });
      expect(refused.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      await herself('mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }', {
        input: { kind: 'FACE_VERIFICATION', purpose: 'HPF_LOAN_APPLICATION', scopes: [{ agency: 'PUBLIC_SECURITY', dataItems: ['face'] }], grantedToCentre: '350100', validUntil: inOneMonth() },
      });
      const mismatch = await herself(VERIFY_FACE, { photo: 'a'.repeat(64) });
      expect(mismatch.body.data.verifyFace).toEqual({ matched: false, score: expect.any(Number), reference: null });
      const face = (await herself(VERIFY_FACE, { photo: livePhotoOf(person.idNumber) })).body.data.verifyFace;
      expect(face.matched).toBe(true);
      proofs[person.idNumber] = face.reference;
    }
    {
      const person = couple.spouse!;
      const herselfAlone = await system.asApplicant(person.idNumber);
      // A token claiming an authorization she never gave (none is stored) gets the agent nothing.
      const unbacked = await system.as({ role: 'PROXY_AGENT', sub: 'gulou-hall-agent-3', acting_for: person.idNumber, proxy_authorization: 'WT-2026-0311' });
      expect((await unbacked(ATTEST)).body.errors![0]!.extensions!.code).toBe('PROXY_NOT_AUTHORIZED');
      // She authorizes the hall agent to attest her identity; the agent's token names that authorization.
      const authorization = (await herselfAlone(GRANT_PROXY, { input: { agent: 'gulou-hall-agent-3', scopes: ['ATTEST_IDENTITY'], validUntil: inOneMonth() } })).body.data.grantProxyAuthorization;
      const hallAgent = await system.as({ role: 'PROXY_AGENT', sub: 'gulou-hall-agent-3', acting_for: person.idNumber, proxy_authorization: authorization.id });
      const attested = await hallAgent(ATTEST);
      expect(attested.body.data.attestInPersonIdentity).toEqual(expect.any(String));
      proofs[person.idNumber] = attested.body.data.attestInPersonIdentity;
      expect((await herselfAlone(ATTEST)).body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    }

    for (const person of [couple.applicant, couple.spouse!]) {
      const herself = await system.asApplicant(person.idNumber);
      const other = person === couple.applicant ? couple.spouse! : couple.applicant;
      const mine = shown[person.idNumber]!.sha256;
      const wrongContract = await signAs(herself, id, 'f'.repeat(64), proofs[person.idNumber]!);
      expect(wrongContract.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'signature.jws' });
      // A text she was not shown — the officer's, or the other signer's view — is not hers to sign.
      for (const notShown of [approved.contract.sha256, shown[other.idNumber]!.sha256]) {
        const reply = await signAs(herself, id, notShown, proofs[person.idNumber]!);
        expect(reply.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'signature.jws' });
      }
      const someoneElsesProof = await signAs(herself, id, mine, proofs[other.idNumber]!);
      expect(someoneElsesProof.body.errors![0]!.extensions).toMatchObject({ argument: 'signature.identityProofReference' });
      const signed = await signAs(herself, id, mine, proofs[person.idNumber]!);
      expect(signed.body.errors).toBeUndefined();
      if (person === couple.applicant) {
        // Approved, but one signature still missing: not even the loan engine may register the mortgage.
        const engine = await system.as({ role: 'SERVICE', sub: LOAN_ENGINE, centre: '350100' });
        const early = await engine(
          'mutation($input: RegisterMortgageInput!) { registerMortgage(input: $input) { certificateNumber } }',
          {
            input: {
              unitNumber: couple.purchase.unitNumber,
              mortgagorIdNumbers: [couple.applicant.idNumber, couple.spouse!.idNumber],
              mortgagees: [{ name: '住房公积金管理中心 350100', amount: '600000.00' }],
              loanContractNumber: `HPF-${id}`,
            },
          },
          { 'x-application-id': id },
        );
        expect(early.body.errors![0]).toMatchObject({ extensions: { code: 'CASE_REQUIRED' }, message: expect.stringContaining('not every borrower and owner has signed') });
      }
    }

    let done = (await officer(FULL, { id })).body.data.loanApplication;
    // Registered, then disbursed by the entrusted bank at once (test/loan/disbursement.spec.ts follows that step).
    for (let i = 0; i < 100 && done.status !== 'DISBURSED'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      done = (await officer(FULL, { id })).body.data.loanApplication;
    }
    expect(done.status).toBe('DISBURSED');
    expect(done.contract.complete).toBe(true);
    expect(done.mortgage).toMatchObject({ certificateNumber: expect.stringMatching(/^闽\(\d{4}\).+不动产证明第\d+号$/), eCertificateSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(done.timeline.map((entry: { kind: string }) => entry.kind)).toEqual(
      expect.arrayContaining(['ACCEPTED', 'CHECKED', 'APPROVED_AUTOMATICALLY', 'SIGNED', 'ALL_SIGNED', 'MORTGAGE_REGISTERED', 'DISBURSED']),
    );
    expect(done.timeline.filter((entry: { kind: string }) => entry.kind === 'SIGNED')).toHaveLength(2);

    // The contract shown to the officer and the mortgage certificate are releases of the spouse's data too: in her own view.
    const spouseView = await (await system.asApplicant(couple.spouse!.idNumber))('{ myDataAccessRecords(first: 200) { records { fields applicationId } } }');
    const released = (spouseView.body.data.myDataAccessRecords.records as Array<{ fields: string[]; applicationId: string | null }>)
      .filter((record) => record.applicationId === id)
      .flatMap((record) => record.fields);
    expect(released).toEqual(expect.arrayContaining(['LoanApplication.contract', 'LoanApplication.mortgage', 'Mutation.registerMortgage']));
  });

  it('shows the officer clear identifiers only of the parties who consented for this application', async () => {
    const id = await submitWithConsents(system, couple);
    expect((await untilDecided(officer, id)).status).toBe('APPROVED');
    // The spouse withdraws her data-sharing consent for the application once it is approved.
    const spouseKey = subjectKeyOf(system.config.entityRefKey, couple.spouse!.idNumber);
    const sharing = (await system.storage.consents.listForSubject(spouseKey, new Date())).find((consent) => consent.kind === 'DATA_SHARING' && consent.applicationId === id)!;
    expect(await system.storage.consents.revoke(sharing.id, spouseKey, new Date())).toMatchObject({ id: sharing.id });
    const text = (await officer(FULL, { id })).body.data.loanApplication.contract.text as string;
    expect(text).toContain(`${couple.applicant.name} ${couple.applicant.idNumber}`);
    expect(text).toContain(maskedParty(couple.spouse!));
    expect(text).not.toContain(couple.spouse!.idNumber);
  });

  it('refuses a signature from someone not on the contract', async () => {
    const id = await submitWithConsents(system, couple);
    await untilDecided(officer, id);
    const stranger = await system.asApplicant(SCENARIOS.singleApplicant.applicant.idNumber);
    const reply = await signAs(stranger, id, 'f'.repeat(64), 'not.a-reference');
    expect(reply.body.errors![0]!.extensions!.code).toMatch(/FORBIDDEN|BAD_USER_INPUT/);
  });
});
