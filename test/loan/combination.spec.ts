/**
 * The combination loan (组合贷款), from submission to both schedules and one mortgage naming both
 * lenders: the single applicant buys in 厦门 (the centre that runs combination loans), asking
 * 1,500,000 in all where the HPF maximum for one depositor's first home is 800,000.
 */
import { createHash } from 'node:crypto';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { SCENARIOS } from '../../agencies/data/scenarios';
import type { AgencyEnvelope, BatchResult, PropertyRegistrationRecord } from '../../lib/agency-contracts';
import { LOAN_ENGINE } from '../../lib/services';
import { signRequest } from '../../lib/signing';
import { startTestSystem, type Query, type TestSystem } from '../support/system';
import { FAST_LOAN_WORKER, inputFor, SUBMIT, submitWithConsents, untilDecided } from './support/loans';

const person = SCENARIOS.singleApplicant;
const XIAMEN = '350200';
const inOneMonth = () => new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
const VIEW = /* GraphQL */ `
  query Combination($id: ID!) {
    loanApplication(id: $id) {
      status combinationLoan monthlyOffsetFromHpfAccount
      decision { outcome rate combination { hpfPart commercialPart commercialRate bank } }
      repaymentSchedule { rate totalPayment totalInterest }
      commercialRepaymentSchedule { rate totalPayment totalInterest }
      contract { sha256 text }
      mortgage { certificateNumber }
    }
  }
`;
const SIGN = 'mutation($id: ID!, $signature: ContractSignatureInput!, $offset: Boolean) { signLoanContract(id: $id, signature: $signature, monthlyOffsetFromHpfAccount: $offset) { status } }';

describe('a combination loan (组合贷款)', () => {
  let system: TestSystem;
  let officer: Query;
  beforeAll(async () => {
    system = await startTestSystem(FAST_LOAN_WORKER);
    officer = await system.asOfficer(XIAMEN);
  });
  afterAll(() => system.stop());
  beforeEach(() => system.withdrawOpenApplications());

  it('is refused at the door of a centre that does not run them', async () => {
    const applicant = await system.asApplicant(person.applicant.idNumber);
    const reply = await applicant(SUBMIT, { input: { ...inputFor(person, { combinationLoan: true }), centreCode: '350100' } });
    expect(reply.body.data.submitLoanApplication.userErrors).toEqual([expect.objectContaining({ field: ['input', 'combinationLoan'], code: 'COMBINATION_NOT_OFFERED' })]);
  });

  it('lends the HPF part up to the maximum and the bank the rest, with both schedules and one mortgage naming both lenders', async () => {
    const id = await submitWithConsents(system, person, inputFor(person, { combinationLoan: true, amount: '1500000.00', termMonths: 240 }), XIAMEN);
    expect((await untilDecided(officer, id)).status).toBe('APPROVED');
    const approved = (await officer(VIEW, { id })).body.data.loanApplication;
    expect(approved).toMatchObject({
      combinationLoan: true,
      decision: { rate: '2.6%', combination: { hpfPart: '800000.00', commercialPart: '700000.00', commercialRate: '3.2%', bank: expect.stringMatching(/银行/) } },
      repaymentSchedule: { rate: '2.6%' },
      commercialRepaymentSchedule: { rate: '3.2%' },
    });
    const principal = (schedule: { totalPayment: string; totalInterest: string }) => Number(schedule.totalPayment) - Number(schedule.totalInterest);
    expect(principal(approved.repaymentSchedule)).toBeCloseTo(800_000, 2);
    expect(principal(approved.commercialRepaymentSchedule)).toBeCloseTo(700_000, 2);
    expect(approved.contract.text).toMatch(/公积金贷款 HPF part 800000\.00 元.*商业贷款 Commercial part 700000\.00 元, 利率 Rate 3\.2%/);

    // He signs alone (he is the only owner), choosing 冲还贷: each month's HPF instalment from his HPF account.
    const herself = await system.asApplicant(person.applicant.idNumber);
    await herself('mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }', {
      input: { kind: 'FACE_VERIFICATION', purpose: 'HPF_LOAN_APPLICATION', scopes: [{ agency: 'PUBLIC_SECURITY', dataItems: ['face'] }], grantedToCentre: XIAMEN, validUntil: inOneMonth() },
    });
    const photo = createHash('sha256').update(`live:${person.applicant.idNumber}`).digest('hex');
    const face = (await herself(`mutation($photo: String!) { verifyFace(livePhotoSha256: $photo, centreCode: "${XIAMEN}") { reference } }`, { photo })).body.data.verifyFace;
    const shown = (await herself(VIEW, { id })).body.data.loanApplication.contract;
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify({ applicationId: id, contractSha256: shown.sha256, monthlyOffsetFromHpfAccount: true }))).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
    const publicKeyJwk = JSON.stringify(await exportJWK(publicKey));
    // The choice is part of what he signs: a payload without it does not carry it.
    const unsignedChoice = await new CompactSign(new TextEncoder().encode(JSON.stringify({ applicationId: id, contractSha256: shown.sha256 }))).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
    expect((await herself(SIGN, { id, offset: true, signature: { jws: unsignedChoice, publicKeyJwk, identityProofReference: face.reference } })).body.errors![0]!.extensions).toMatchObject({ argument: 'signature.jws' });
    // The register is away while he signs, so the worker's registration waits and the engine's token can be tried with other lenders.
    system.simulators['natural-resources'].setFaults({ down: true });
    const signed = await herself(SIGN, { id, offset: true, signature: { jws, publicKeyJwk, identityProofReference: face.reference } });
    expect(signed.body.errors).toBeUndefined();
    const engine = await system.as({ role: 'SERVICE', sub: LOAN_ENGINE, centre: XIAMEN });
    const otherLender = await engine(
      'mutation($input: RegisterMortgageInput!) { registerMortgage(input: $input) { certificateNumber } }',
      { input: { unitNumber: person.purchase.unitNumber, mortgagorIdNumbers: [person.applicant.idNumber], loanContractNumber: `HPF-${id}`, mortgagees: [{ name: 'Another Finance Ltd', amount: '1499999.00' }, { name: `住房公积金管理中心 ${XIAMEN}`, amount: '1.00' }] } },
      { 'x-application-id': id },
    );
    expect(otherLender.body.errors![0]).toMatchObject({ extensions: { code: 'CASE_REQUIRED' }, message: expect.stringContaining('mortgagees') });
    system.simulators['natural-resources'].setFaults({ down: false });

    let done: { status: string; mortgage: { certificateNumber: string } | null; monthlyOffsetFromHpfAccount: boolean | null } | undefined;
    for (const started = Date.now(); Date.now() - started < 20_000; await new Promise((resolve) => setTimeout(resolve, 100))) {
      done = (await officer(VIEW, { id })).body.data.loanApplication;
      if (done?.status === 'DISBURSED') break;
    }
    expect(done).toMatchObject({ status: 'DISBURSED', monthlyOffsetFromHpfAccount: true, mortgage: { certificateNumber: expect.any(String) } });
    // One registration, one certificate: on the register (asked as the agency's own client would), a mortgage right for the centre and one for the bank.
    const path = '/api/v1/registrations/batch-query';
    const body = JSON.stringify({ unitNumbers: [person.purchase.unitNumber] });
    const headers = { 'content-type': 'application/json', ...signRequest({ method: 'POST', path, body }, { appId: system.config.agencyAppId, secret: system.config.agencyAppSecret }) };
    const register = (await (await fetch(system.agencyUrls['natural-resources'] + path, { method: 'POST', headers, body })).json()) as AgencyEnvelope<BatchResult<string, PropertyRegistrationRecord>>;
    const mortgages = register.data!.results[0]!.record!.encumbrances.filter((e) => e.certificateNumber === done!.mortgage!.certificateNumber);
    expect(mortgages.map((e) => [e.holder, e.amountFen])).toEqual([[`住房公积金管理中心 ${XIAMEN}`, 80_000_000], [approved.decision.combination.bank, 70_000_000]]);
    // The bank disbursed both parts under one instruction, its own part named.
    const booked = system.partners['entrusted-bank'].state.disbursements().find((d) => d.idempotencyKey === `HPF-DISB-${id}`);
    expect(booked).toMatchObject({ status: 'DISBURSED', amountFen: 150_000_000, commercialPartFen: 70_000_000 });
  });
});
