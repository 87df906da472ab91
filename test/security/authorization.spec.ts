/**
 * Who sees what, through the gateway, on scenario data, with consents and the access record in
 * real PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { createStorage, maskIdNumberForRecord } from '../../storage';
import { openPostgres, type SqlDatabase } from '../../storage/database';
import { maskIdNumber } from '../../subgraphs/shared/policy/masks';
import { tamper } from '../storage/support/backends';
import { dropSchema, freshSchemaName, testDatabaseUrl } from '../storage/support/postgres';
import { errorCodes, startTestSystem, type Query, type TestSystem } from '../support/system';

const couple = SCENARIOS.cleanCouple;
const single = SCENARIOS.singleApplicant;
const XIAMEN_CENTRE = '350200';
const GRANT = /* GraphQL */ `
  mutation Grant($input: GrantConsentInput!) { grantConsent(input: $input) { id status kind subjectRole grantedToCentre applicationId } }
`;
const REVOKE = 'mutation($id: ID!) { revokeConsent(id: $id) { id status revokedAt } }';
const PERSON = /* GraphQL */ `
  query Person($id: IdNumber!) {
    applicant(idNumber: $id) { idNumber name mobile marriage { status } providentFundAccount { accountNumber balance } }
  }
`;
const inOneMonth = () => new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();

describe('authorization, masking and consent through the gateway', () => {
  let system: TestSystem;
  let db: SqlDatabase;
  let url: string;
  let schema: string;

  beforeAll(async () => {
    url = await testDatabaseUrl();
    schema = freshSchemaName();
    db = await openPostgres(url, { schema });
    system = await startTestSystem({}, undefined, await createStorage(db));
  });
  afterAll(async () => {
    await system.stop();
    await db.close();
    await dropSchema(url, schema);
  });

  describe('an applicant', () => {
    let applicant: Query;
    beforeAll(async () => {
      applicant = await system.asApplicant(single.applicant.idNumber);
    });

    it('reads their own data in clear', async () => {
      const reply = await applicant(PERSON, { id: single.applicant.idNumber });
      expect(reply.body.errors).toBeUndefined();
      expect(reply.body.data.applicant).toMatchObject({
        idNumber: single.applicant.idNumber,
        name: single.applicant.name,
        mobile: single.applicant.mobile,
        marriage: { status: 'UNREGISTERED' },
      });
      expect(reply.body.data.applicant.providentFundAccount.accountNumber).not.toContain('*');
    });

    it('cannot look up anyone else, even knowing their ID number', async () => {
      const reply = await applicant(PERSON, { id: couple.applicant.idNumber });
      expect(reply.body.data).toEqual({ applicant: null });
      expect(errorCodes(reply)).toEqual(['FORBIDDEN']);
    });

    it('cannot read a spouse’s data through their own marriage record', async () => {
      const husband = await system.asApplicant(couple.applicant.idNumber);
      const reply = await husband('query($id: IdNumber!) { applicant(idNumber: $id) { marriage { spouse { idNumber name } } } }', { id: couple.applicant.idNumber });
      expect(reply.body.data.applicant.marriage.spouse).toEqual({ idNumber: maskIdNumber(couple.spouse!.idNumber, 'strict'), name: null });
      expect(errorCodes(reply)).toEqual(['FORBIDDEN']);
    });
  });

  describe('a fund officer', () => {
    /** A Xiamen application of the single applicant, with their consents for it. */
    let xiamenCase: string;
    beforeAll(async () => {
      xiamenCase = await system.openCase({ applicant: single.applicant.idNumber, centre: XIAMEN_CENTRE });
    });

    it('of the centre handling the applicant’s case, which they consented to, sees their data in clear, with the mobile masked', async () => {
      const officer = await system.asOfficer(XIAMEN_CENTRE, xiamenCase);
      const reply = await officer(PERSON, { id: single.applicant.idNumber });
      expect(reply.body.errors).toBeUndefined();
      expect(reply.body.data.applicant).toMatchObject({ idNumber: single.applicant.idNumber, name: single.applicant.name, mobile: expect.stringMatching(/^1\d{2}\*{4}\d{4}$/) });
      expect(reply.body.data.applicant.providentFundAccount.accountNumber).toMatch(/^.{4}\*+.{4}$/);
    });

    it('of another centre gets the ID number masked and everything else denied, naming no case or the other centre’s', async () => {
      const denied = {
        idNumber: maskIdNumber(single.applicant.idNumber, 'strict'),
        name: null,
        mobile: null,
        marriage: null,
        providentFundAccount: null,
      };
      for (const otherCentre of [await system.asOfficer('350500'), await system.asOfficer('350500', xiamenCase)]) {
        const reply = await otherCentre(PERSON, { id: single.applicant.idNumber });
        expect(reply.body.data.applicant).toEqual(denied);
        // Another centre's application is no case of theirs: the same answer as naming none.
        expect(new Set(errorCodes(reply))).toEqual(new Set(['CASE_REQUIRED']));
      }
    });

    it('of the same centre, without naming the case, gets nothing of the person', async () => {
      const officer = await system.asOfficer(XIAMEN_CENTRE);
      const reply = await officer(PERSON, { id: single.applicant.idNumber });
      expect(reply.body.data.applicant).toMatchObject({ idNumber: maskIdNumber(single.applicant.idNumber, 'strict'), name: null, marriage: null, providentFundAccount: null });
      expect(new Set(errorCodes(reply))).toEqual(new Set(['CASE_REQUIRED']));
    });

    it('under another purpose than the one consented to gets nothing of it', async () => {
      const officer = await system.asOfficer(XIAMEN_CENTRE, xiamenCase);
      const reply = await officer(PERSON, { id: single.applicant.idNumber }, { 'x-purpose': 'HPF_LOAN_APPLICATION' });
      expect(reply.body.data.applicant.marriage).toBeNull();
      expect(reply.body.data.applicant.idNumber).toBe(maskIdNumber(single.applicant.idNumber, 'strict'));
      expect(new Set(errorCodes(reply))).toEqual(new Set(['CONSENT_REQUIRED']));
    });
  });

  describe('consent', () => {
    const MARRIAGE = 'query($id: IdNumber!) { applicant(idNumber: $id) { marriage { status } } }';
    const marriageConsent = (applicationId: string) => ({
      kind: 'DATA_SHARING',
      purpose: 'HPF_LOAN_REVIEW',
      scopes: [{ agency: 'CIVIL_AFFAIRS', dataItems: ['marriage'] }],
      applicationId,
      validUntil: inOneMonth(),
    });

    it('once revoked, stops the agency being called at all', async () => {
      const wife = couple.spouse!;
      // The couple's case, in which nobody has consented yet: the wife gives her own consent for it.
      const caseId = await system.openCase({ applicant: couple.applicant.idNumber, spouse: wife.idNumber }, []);
      const herself = await system.asApplicant(wife.idNumber);
      const granted = await herself(GRANT, { input: marriageConsent(caseId) });
      // Her part in it and the centre come from the application, not from what she says.
      expect(granted.body.data.grantConsent).toMatchObject({ status: 'ACTIVE', kind: 'DATA_SHARING', subjectRole: 'SPOUSE', grantedToCentre: '350100', applicationId: caseId });
      const officer = await system.asOfficer('350100', caseId);

      system.resetSimulators();
      expect((await officer(MARRIAGE, { id: wife.idNumber })).body.data.applicant.marriage).toEqual({ status: 'MARRIED' });
      expect(system.counters()['civil-affairs']).toEqual({ '/api/v1/marriages/batch-query': 1 });

      const revoked = await herself(REVOKE, { id: granted.body.data.grantConsent.id });
      expect(revoked.body.data.revokeConsent).toMatchObject({ status: 'REVOKED', revokedAt: expect.any(String) });

      system.resetSimulators();
      const after = await officer(MARRIAGE, { id: wife.idNumber });
      expect(after.body.data.applicant.marriage).toBeNull();
      expect(errorCodes(after)).toEqual(['CONSENT_REQUIRED']);
      expect(system.counters()['civil-affairs']).toEqual({});
    });

    it('opens reads for the application it was given for, and no other', async () => {
      const wife = couple.spouse!;
      const [given, other] = [
        await system.openCase({ applicant: couple.applicant.idNumber, spouse: wife.idNumber }, []),
        await system.openCase({ applicant: couple.applicant.idNumber, spouse: wife.idNumber }, []),
      ];
      const herself = await system.asApplicant(wife.idNumber);
      expect((await herself(GRANT, { input: marriageConsent(given) })).body.errors).toBeUndefined();

      system.resetSimulators();
      const elsewhere = await (await system.asOfficer('350100', other))(MARRIAGE, { id: wife.idNumber });
      expect(elsewhere.body.data.applicant.marriage).toBeNull();
      expect(errorCodes(elsewhere)).toEqual(['CONSENT_REQUIRED']);
      expect(system.counters()['civil-affairs']).toEqual({});
      expect((await (await system.asOfficer('350100', given))(MARRIAGE, { id: wife.idNumber })).body.data.applicant.marriage).toEqual({ status: 'MARRIED' });
    });

    it('is given only for an application the person is a party to, naming the argument', async () => {
      const theirs = await system.openCase({ applicant: couple.applicant.idNumber }, []);
      const outsider = await system.asApplicant(single.applicant.idNumber);
      for (const applicationId of [theirs, randomUUID()]) {
        const reply = await outsider(GRANT, { input: marriageConsent(applicationId) });
        expect(reply.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'applicationId' });
      }
      const { applicationId: _none, ...withoutCase } = marriageConsent(theirs);
      const reply = await outsider(GRANT, { input: { ...withoutCase, grantedToCentre: '350100' } });
      expect(reply.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'applicationId' });
    });

    it('refuses a credit-query consent without its written authorization, naming the argument', async () => {
      const herself = await system.asApplicant(single.applicant.idNumber);
      const applicationId = await system.openCase({ applicant: single.applicant.idNumber, centre: XIAMEN_CENTRE }, []);
      const reply = await herself(GRANT, {
        input: { kind: 'CREDIT_QUERY', purpose: 'HPF_LOAN_REVIEW', scopes: [{ agency: 'PBOC_CREDIT', dataItems: ['creditReport'] }], applicationId, validUntil: inOneMonth() },
      });
      expect(reply.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'authorizationReference' });
    });

    it('keeps the credit query apart from data sharing', async () => {
      const herself = await system.asApplicant(single.applicant.idNumber);
      const applicationId = await system.openCase({ applicant: single.applicant.idNumber, centre: XIAMEN_CENTRE }, []);
      const reply = await herself(GRANT, {
        input: { kind: 'DATA_SHARING', purpose: 'HPF_LOAN_REVIEW', scopes: [{ agency: 'PBOC_CREDIT', dataItems: ['creditReport'] }], applicationId, validUntil: inOneMonth() },
      });
      expect(reply.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'scopes' });
    });

    it('sends the written authorization’s reference with the credit query', async () => {
      const caseId = await system.openCase({ applicant: single.applicant.idNumber, centre: XIAMEN_CENTRE });
      const officer = await system.asOfficer(XIAMEN_CENTRE, caseId);
      const reply = await officer('query($id: IdNumber!) { applicant(idNumber: $id) { creditReport { reportNumber } } }', { id: single.applicant.idNumber });
      expect(reply.body.data.applicant.creditReport.reportNumber).toBeTruthy();
      const stranger = await system.asOfficer('350500', caseId);
      const refused = await stranger('query($id: IdNumber!) { applicant(idNumber: $id) { creditReport { reportNumber } } }', { id: single.applicant.idNumber });
      expect(errorCodes(refused)).toEqual(['CASE_REQUIRED']);
    });
  });

  describe('the access record', () => {
    it('shows the applicant a fund officer’s earlier read: who, which agency and fields, why, on what ground, for which case', async () => {
      const caseId = await system.openCase({ applicant: single.applicant.idNumber, centre: XIAMEN_CENTRE }, []);
      const [sharing] = await system.consentAll(single.applicant.idNumber, caseId, XIAMEN_CENTRE);
      const officer = await system.asOfficer(XIAMEN_CENTRE, caseId);
      expect((await officer(PERSON, { id: single.applicant.idNumber })).body.errors).toBeUndefined();
      const herself = await system.asApplicant(single.applicant.idNumber);
      const reply = await herself('{ myDataAccessRecords(first: 50) { records { actorRole actorCentre agency fields purpose legalBasis consentId applicationId subjectMasked } } }');
      const records = reply.body.data.myDataAccessRecords.records;
      expect(records).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            actorRole: 'FUND_OFFICER',
            actorCentre: XIAMEN_CENTRE,
            agency: 'CIVIL_AFFAIRS',
            fields: ['Applicant.marriage'],
            purpose: 'HPF_LOAN_REVIEW',
            legalBasis: 'CONSENT',
            consentId: sharing!.id,
            applicationId: caseId,
          }),
          // The clear ID number the officer was shown is a release too.
          expect.objectContaining({
            actorRole: 'FUND_OFFICER',
            agency: 'PUBLIC_SECURITY',
            fields: expect.arrayContaining(['Applicant.idNumber', 'Applicant.name']),
            legalBasis: 'CONSENT',
            consentId: sharing!.id,
            applicationId: caseId,
          }),
          expect.objectContaining({ actorRole: 'APPLICANT', legalBasis: 'DATA_SUBJECT_REQUEST', agency: 'PUBLIC_SECURITY' }),
        ]),
      );
      expect(JSON.stringify(records)).not.toContain(single.applicant.idNumber);
    });

    it('keeps one record of a request that read a couple, which each of them sees with only their own part and the auditor whole', async () => {
      const [husbandId, wifeId] = [couple.applicant.idNumber, couple.spouse!.idNumber];
      const caseId = await system.openCase({ applicant: husbandId, spouse: wifeId });
      const officer = await system.asOfficer('350100', caseId);
      const read = await officer('query($ids: [IdNumber!]!) { applicants(idNumbers: $ids) { name } }', { ids: [husbandId, wifeId] });
      expect(read.body.errors).toBeUndefined();
      const MINE = '{ myDataAccessRecords(first: 200) { records { sequence actorRole agency fields subjectMasked subjects { subjectMasked fields legalBasis applicationId } } } }';
      const ownRecord = async (idNumber: string) => {
        const records = (await (await system.asApplicant(idNumber))(MINE)).body.data.myDataAccessRecords.records as Array<{ sequence: number; actorRole: string; agency: string }>;
        return records.filter((record) => record.actorRole === 'FUND_OFFICER' && record.agency === 'PUBLIC_SECURITY').at(0)!;
      };
      const [his, hers] = [await ownRecord(husbandId), await ownRecord(wifeId)];
      expect(his.sequence).toBe(hers.sequence);
      const part = (idNumber: string) => ({ subjectMasked: maskIdNumberForRecord(idNumber), fields: ['Applicant.name', 'Query.applicants'], legalBasis: 'CONSENT', applicationId: caseId });
      expect(his).toMatchObject({ fields: ['Applicant.name', 'Query.applicants'], subjectMasked: part(husbandId).subjectMasked, subjects: [part(husbandId)] });
      expect(hers).toMatchObject({ subjectMasked: part(wifeId).subjectMasked, subjects: [part(wifeId)] });
      expect(JSON.stringify(his)).not.toContain(part(wifeId).subjectMasked);
      const auditor = await system.as({ role: 'AUDITOR', sub: 'auditor-01' });
      const listed = (await auditor('{ accessRecords(first: 200) { records { sequence subjects { subjectMasked } } } }')).body.data.accessRecords.records as Array<{ sequence: number; subjects: unknown[] }>;
      expect(listed.find((record) => record.sequence === his.sequence)!.subjects).toEqual([{ subjectMasked: part(husbandId).subjectMasked }, { subjectMasked: part(wifeId).subjectMasked }]);
    });

    it('lets an auditor read it without clear personal data, and names the first altered record', async () => {
      const auditor = await system.as({ role: 'AUDITOR', sub: 'auditor-01' });
      const listed = await auditor('{ accessRecords(first: 200) { records { sequence subjectMasked agency } } accessRecordChain { intact records } }');
      expect(listed.body.data.accessRecordChain.intact).toBe(true);
      const text = JSON.stringify(listed.body.data);
      for (const scenario of Object.values(SCENARIOS)) {
        expect(text).not.toContain(scenario.applicant.idNumber);
        expect(text).not.toContain(scenario.applicant.name);
      }
      const victim = listed.body.data.accessRecords.records.at(-1).sequence + 1;
      await tamper(db, `UPDATE access_records SET purpose = 'MARKETING' WHERE sequence = $1`, [victim]);
      const checked = await auditor('{ accessRecordChain { intact firstBrokenSequence reason } }');
      expect(checked.body.data.accessRecordChain).toEqual({ intact: false, firstBrokenSequence: victim, reason: expect.stringMatching(/hash/) });
    });

    it('is not open to applicants’ neighbours: officers cannot read it, auditors cannot read people', async () => {
      const officer = await system.asOfficer(XIAMEN_CENTRE);
      expect(errorCodes(await officer('{ accessRecords { records { sequence } } }'))).toEqual(['FORBIDDEN']);
      const auditor = await system.as({ role: 'AUDITOR', sub: 'auditor-01' });
      const reply = await auditor(PERSON, { id: single.applicant.idNumber });
      expect(reply.body.data).toEqual({ applicant: null });
    });
  });
});
