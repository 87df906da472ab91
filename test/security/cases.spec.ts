/**
 * Every read of a person's data is bound to a real case and an authorization the platform can
 * verify — tried through the gateway as an outsider and as each role, on scenario data.
 */
import { randomUUID } from 'node:crypto';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { LOAN_ENGINE } from '../../lib/services';
import { subjectKeyOf } from '../../storage';
import { createGatewayClient } from '../../subgraphs/shared/gateway-client';
import { startLoanWorker } from '../../subgraphs/loan/workflow/worker';
import { FAST_LOAN_WORKER, SUBMIT, VIEW, inputFor } from '../loan/support/loans';
import { errorCodes, startTestSystem, type TestSystem } from '../support/system';
import { testRunLogger } from '../support/test-logs';

const stranger = SCENARIOS.singleApplicant;
const victim = SCENARIOS.currentOverdue;
const couple = SCENARIOS.cleanCouple;
const FUZHOU = '350100';

const CREDIT = /* GraphQL */ `query Credit($id: IdNumber!) { applicant(idNumber: $id) { creditReport { hardQueries { lastMonth } } } }`;
const IDENTITY = /* GraphQL */ `query Identity($id: IdNumber!) { applicant(idNumber: $id) { idNumber name } }`;
const GRANT = /* GraphQL */ `mutation Grant($input: GrantConsentInput!) { grantConsent(input: $input) { id applicationId subjectRole } }`;
const GRANT_PROXY = /* GraphQL */ `mutation Proxy($input: GrantProxyAuthorizationInput!) { grantProxyAuthorization(input: $input) { id status } }`;
const REVOKE_PROXY = /* GraphQL */ `mutation Revoke($id: ID!) { revokeProxyAuthorization(id: $id) { status } }`;
const MY_RECORDS = /* GraphQL */ `{ myDataAccessRecords(first: 200) { records { fields legalBasis applicationId actorRole } } }`;
const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterMortgageInput!) { registerMortgage(input: $input) { certificateNumber } }
`;

const inAYear = () => new Date(Date.now() + 300 * 24 * 3600 * 1000).toISOString();
const sharingInput = (applicationId: string) => ({
  kind: 'DATA_SHARING',
  purpose: 'HPF_LOAN_REVIEW',
  scopes: [{ agency: 'PUBLIC_SECURITY', dataItems: ['identity'] }],
  applicationId,
  validUntil: inAYear(),
});

async function until<T>(what: string, probe: () => Promise<T | null | undefined>, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('cases: every read of personal data is bound to a verified case', () => {
  let system: TestSystem;

  // The loan worker runs only where a spec starts it: cases opened here are otherwise left still,
  // so the agencies' counters and the credit files change only by what a spec does.
  beforeAll(async () => {
    system = await startTestSystem({ ...FAST_LOAN_WORKER, LOAN_WORKER: 'off' });
  });
  afterAll(() => system.stop());
  // One open application per applicant and home: each spec files the scenario people afresh.
  beforeEach(() => system.withdrawOpenApplications());

  /** Leases every step due now to nobody, so a worker started later leaves the cases opened so far alone. */
  const holdOpenCases = () => system.storage.loans.claimDueSteps('held-by-spec', new Date(), 3_600_000, 1000);

  async function withWorker<T>(work: () => Promise<T>): Promise<T> {
    const worker = startLoanWorker({ storage: system.storage, config: system.config, logger: testRunLogger(), gateway: createGatewayClient(system.config, system.gatewayUrl) });
    try {
      return await work();
    } finally {
      await worker.stop();
    }
  }

  /** Submits as this applicant, with nobody consenting yet; the worker takes it up at once. */
  async function submitAs(applicantId: string, input: Record<string, unknown>): Promise<string> {
    const applicant = await system.asApplicant(applicantId);
    const reply = await applicant(SUBMIT, { input: { centreCode: FUZHOU, ...input } });
    const id = reply.body.data?.submitLoanApplication?.loanApplication?.id as string | undefined;
    if (!id) throw new Error(JSON.stringify(reply.body));
    return id;
  }

  const stepsOf = (id: string) => system.storage.loans.steps(id);
  const settled = (id: string) =>
    until(`application ${id} to settle`, async () => {
      const steps = (await stepsOf(id)).filter((s) => s.step.startsWith('GATHER_'));
      return steps.every((s) => s.status === 'DONE' || s.status === 'AWAITING_CONSENT' || s.status === 'GAVE_UP') ? steps : null;
    });

  it('never reads a person someone else named as co-borrower: no agency call, no PBoC hard query, nothing shown', async () => {
    // The victim applied themself and consented for their own application, credit query included.
    const own = await system.openCase({ applicant: victim.applicant.idNumber, contractNumber: victim.purchase.contractNumber });
    const officerOnOwn = await system.asOfficer(FUZHOU, own);
    const before = (await officerOnOwn(CREDIT, { id: victim.applicant.idNumber })).body.data?.applicant?.creditReport?.hardQueries?.lastMonth as number;
    expect(typeof before).toBe('number');

    const keyOf = (idNumber: string) => subjectKeyOf(system.config.entityRefKey, idNumber);
    await holdOpenCases();
    const named = await submitAs(stranger.applicant.idNumber, inputFor(stranger, { coBorrowers: [{ idNumber: victim.applicant.idNumber, name: victim.applicant.name }] }));
    await withWorker(async () => {
      const calls = (agency: string) => Object.values(system.counters()[agency] ?? {}).reduce((sum, n) => sum + n, 0);
      const people = ['public-security', 'civil-affairs', 'pboc-credit', 'provident-fund'];
      const before = people.map(calls);
      await system.storage.loans.resumeAwaitingConsent(named, new Date());
      await settled(named);
      // Nobody consented for this application: no person was looked up anywhere.
      expect(people.map(calls)).toEqual(before);

      // The stranger consents for themself; the worker reads the stranger, never the victim.
      await system.consentAll(stranger.applicant.idNumber, named);
      await system.storage.loans.resumeAwaitingConsent(named, new Date());
      await until('the stranger to be read', () => system.storage.creditQueries.find(named, keyOf(stranger.applicant.idNumber)));
      const steps = await settled(named);
      expect(steps.find((s) => s.step === 'GATHER_CREDIT')!.status).toBe('AWAITING_CONSENT');
    });
    expect(await system.storage.creditQueries.find(named, keyOf(victim.applicant.idNumber))).toBeNull();

    // The victim's file shows no new hard query: only the one their own application made.
    const second = await system.openCase({ applicant: victim.applicant.idNumber, contractNumber: victim.purchase.contractNumber });
    const after = (await (await system.asOfficer(FUZHOU, second))(CREDIT, { id: victim.applicant.idNumber })).body.data?.applicant?.creditReport?.hardQueries?.lastMonth;
    expect(after).toBe(before + 1);

    // What the stranger sees of the co-borrower: that their consent is awaited, none of their facts.
    const view = await (await system.asApplicant(stranger.applicant.idNumber))(VIEW, { id: named });
    const text = JSON.stringify(view.body.data);
    expect(text).toContain('共同借款人1：待本人授权');
    for (const revealing of ['逾期', 'overdue', 'nameMatches', victim.applicant.idNumber, victim.applicant.name]) expect(text).not.toContain(revealing);
  });

  it('refuses an officer whose x-application-id is no application of their centre naming that person', async () => {
    const officer = await system.asOfficer(FUZHOU);
    const id = couple.applicant.idNumber;
    const caseOfCouple = await system.openCase({ applicant: id, spouse: couple.spouse!.idNumber });
    const caseOfOther = await system.openCase({ applicant: stranger.applicant.idNumber });
    const xiamen = await system.openCase({ applicant: id, centre: '350200' }, []);
    await system.consentAll(id, xiamen, '350200');

    expect(errorCodes(await officer(IDENTITY, { id }))).toEqual(['CASE_REQUIRED']);
    expect(errorCodes(await officer(IDENTITY, { id }, { 'x-application-id': randomUUID() }))).toEqual(['CASE_REQUIRED']);
    expect(errorCodes(await officer(IDENTITY, { id }, { 'x-application-id': xiamen }))).toEqual(['CASE_REQUIRED']);
    expect(errorCodes(await officer(IDENTITY, { id }, { 'x-application-id': caseOfOther }))).toEqual(['NOT_A_PARTY']);
    const reply = await officer(IDENTITY, { id }, { 'x-application-id': caseOfCouple });
    expect(reply.body.data?.applicant).toMatchObject({ idNumber: id, name: couple.applicant.name });

    // A consent for one application serves that one only.
    const unconsented = await system.openCase({ applicant: id }, []);
    expect(errorCodes(await officer(IDENTITY, { id }, { 'x-application-id': unconsented }))).toEqual(['CONSENT_REQUIRED']);
    // The access record keeps the verified case, not whatever a caller claimed.
    const records = await system.storage.accessRecords.listForSubject(subjectKeyOf(system.config.entityRefKey, id), { after: null, limit: 50 });
    expect(records.filter((record) => record.actorRole === 'FUND_OFFICER').flatMap((record) => record.subjects.map((subject) => subject.applicationId))).toEqual([caseOfCouple]);
  });

  it('queries the PBoC once per person per application, however often the check is run again', async () => {
    const keyOf = (idNumber: string) => subjectKeyOf(system.config.entityRefKey, idNumber);
    await holdOpenCases();
    const id = await submitAs(couple.applicant.idNumber, inputFor(couple));
    await system.consentAll(couple.applicant.idNumber, id);
    const steps = await withWorker(async () => {
      await system.storage.loans.resumeAwaitingConsent(id, new Date());
      await until('the applicant to be queried', () => system.storage.creditQueries.find(id, keyOf(couple.applicant.idNumber)));
      const waiting = await settled(id);
      expect(waiting.find((s) => s.step === 'GATHER_CREDIT')!.status).toBe('AWAITING_CONSENT');

      // The spouse consents through the API, for this application: the waiting check runs again, for both.
      const spouse = await system.asApplicant(couple.spouse!.idNumber);
      const granted = await spouse(GRANT, {
        input: { kind: 'CREDIT_QUERY', purpose: 'HPF_LOAN_REVIEW', scopes: [{ agency: 'PBOC_CREDIT', dataItems: ['creditReport'] }], authorizationReference: 'ZXSQ-SPOUSE-1', applicationId: id, validUntil: inAYear() },
      });
      expect(granted.body.data?.grantConsent).toMatchObject({ applicationId: id, subjectRole: 'SPOUSE' });
      return until('the credit check to finish', async () => ((await stepsOf(id)).find((s) => s.step === 'GATHER_CREDIT')?.status === 'DONE' ? stepsOf(id) : null));
    });
    expect(steps.find((s) => s.step === 'GATHER_CREDIT')!.attempts).toBeGreaterThanOrEqual(2);
    // The second run used the applicant's first report (its PBoC trace), and queried only the spouse.
    const first = (await system.storage.creditQueries.find(id, keyOf(couple.applicant.idNumber)))!.report as { source: { traceId: string } };
    const evidence = (steps.find((s) => s.step === 'GATHER_CREDIT')!.outcome as { evidence: Array<{ traceId: string }> }).evidence.map((e) => e.traceId);
    expect(evidence).toContain(first.source.traceId);
    expect(new Set(evidence).size).toBe(2);
  });

  it('gives a proxy with a made-up authorization nothing; with a granted one exactly its scope; after revocation nothing', async () => {
    const person = stranger.applicant.idNumber;
    const hall = 'hall-fz-07';
    const asProxy = (authorization: string) => system.as({ role: 'PROXY_AGENT', sub: hall, acting_for: person, proxy_authorization: authorization });
    const applicationId = await system.openCase({ applicant: person }, []);

    const madeUp = await asProxy(randomUUID());
    expect(errorCodes(await madeUp(IDENTITY, { id: person }))).toEqual(['PROXY_NOT_AUTHORIZED']);
    expect(errorCodes(await madeUp(GRANT, { input: sharingInput(applicationId) }))).toEqual(['PROXY_NOT_AUTHORIZED']);

    const applicant = await system.asApplicant(person);
    const authorization = (await applicant(GRANT_PROXY, { input: { agent: hall, scopes: ['VIEW_DATA'], validUntil: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString() } })).body.data
      ?.grantProxyAuthorization as { id: string; status: string };
    expect(authorization.status).toBe('ACTIVE');
    const proxy = await asProxy(authorization.id);
    expect((await proxy(IDENTITY, { id: person })).body.data?.applicant).toMatchObject({ idNumber: person });
    // VIEW_DATA does not let the agent give consent in the person's name.
    expect(errorCodes(await proxy(GRANT, { input: sharingInput(applicationId) }))).toEqual(['PROXY_NOT_AUTHORIZED']);
    // Another agent quoting the same authorization gets nothing.
    const otherAgent = await system.as({ role: 'PROXY_AGENT', sub: 'hall-xm-01', acting_for: person, proxy_authorization: authorization.id });
    expect(errorCodes(await otherAgent(IDENTITY, { id: person }))).toEqual(['PROXY_NOT_AUTHORIZED']);

    expect((await applicant(REVOKE_PROXY, { id: authorization.id })).body.data?.revokeProxyAuthorization).toEqual({ status: 'REVOKED' });
    expect(errorCodes(await proxy(IDENTITY, { id: person }))).toEqual(['PROXY_NOT_AUTHORIZED']);
  });

  it('answers `me` with the signed-in person, or the person a verified proxy acts for, and nobody to anyone else', async () => {
    const ME = /* GraphQL */ `{ me { idNumber name } }`;
    const person = stranger.applicant;
    expect((await (await system.asApplicant(person.idNumber))(ME)).body.data?.me).toEqual({ idNumber: person.idNumber, name: person.name });
    const authorization = (
      await (await system.asApplicant(person.idNumber))(GRANT_PROXY, { input: { agent: 'hall-me-01', scopes: ['VIEW_DATA'], validUntil: new Date(Date.now() + 24 * 3600 * 1000).toISOString() } })
    ).body.data?.grantProxyAuthorization as { id: string };
    const proxy = await system.as({ role: 'PROXY_AGENT', sub: 'hall-me-01', acting_for: person.idNumber, proxy_authorization: authorization.id });
    expect((await proxy(ME)).body.data?.me).toEqual({ idNumber: person.idNumber, name: person.name });
    const madeUp = await system.as({ role: 'PROXY_AGENT', sub: 'hall-me-01', acting_for: person.idNumber, proxy_authorization: randomUUID() });
    expect(errorCodes(await madeUp(ME))).toEqual(['PROXY_NOT_AUTHORIZED']);
    expect(errorCodes(await (await system.asOfficer(FUZHOU))(ME))).toEqual(['FORBIDDEN']);
  });

  it('lets only the loan engine register a mortgage, and only for an approved application every party signed', async () => {
    const id = await system.openCase({ applicant: couple.applicant.idNumber, contractNumber: couple.purchase.contractNumber });
    const input = {
      unitNumber: couple.purchase.unitNumber,
      mortgagorIdNumbers: [couple.applicant.idNumber],
      mortgagees: [{ name: '住房公积金管理中心 350100', amount: '600000.00' }],
      loanContractNumber: `HPF-${id}`,
    };
    system.resetSimulators();
    const otherService = await system.as({ role: 'SERVICE', sub: 'some-centre-system', centre: FUZHOU });
    expect(errorCodes(await otherService(REGISTER, { input }, { 'x-application-id': id }))).toEqual(['FORBIDDEN']);
    const engine = await system.as({ role: 'SERVICE', sub: LOAN_ENGINE, centre: FUZHOU });
    expect(errorCodes(await engine(REGISTER, { input }))).toEqual(['CASE_REQUIRED']);
    const early = await engine(REGISTER, { input }, { 'x-application-id': id });
    expect(errorCodes(early)).toEqual(['CASE_REQUIRED']);
    expect(early.body.errors![0]!.message).toContain('not approved');
    expect(system.counters()['natural-resources'] ?? {}).toEqual({});
  });

  it('puts every release in the subject’s own access view: clear ID, existence answers, the application file', async () => {
    const person = couple.applicant.idNumber;
    const id = await system.openCase({ applicant: person, spouse: couple.spouse!.idNumber });
    const officer = await system.asOfficer(FUZHOU, id);
    await officer(/* GraphQL */ `query Lookup($ids: [IdNumber!]!) { applicants(idNumbers: $ids) { idNumber } }`, { ids: [person] });
    await officer(VIEW, { id });
    const view = await (await system.asApplicant(person))(MY_RECORDS);
    const records = view.body.data.myDataAccessRecords.records as Array<{ fields: string[]; legalBasis: string; applicationId: string | null; actorRole: string }>;
    const byOfficer = records.filter((record) => record.actorRole === 'FUND_OFFICER' && record.applicationId === id);
    const fields = byOfficer.flatMap((record) => record.fields);
    expect(fields).toEqual(expect.arrayContaining(['Query.applicants', 'Applicant.idNumber', 'LoanApplication.checks', 'LoanApplication.timeline']));
    expect(byOfficer.map((record) => record.legalBasis)).toEqual(expect.arrayContaining(['CONSENT', 'CASE_PROCESSING']));
  });

  it('teaches an existence sweep nothing: the same answer for real and unknown people, no agency called, small batches', async () => {
    const officer = await system.asOfficer(FUZHOU);
    system.resetSimulators();
    const unknown = '11010519491231002X'; // a valid number, and no such person in the (Fujian) data set
    const reply = await officer(/* GraphQL */ `query Sweep($ids: [IdNumber!]!) { applicants(idNumbers: $ids) { ref } }`, { ids: [couple.applicant.idNumber, unknown] });
    expect(reply.body.errors).toBeUndefined();
    expect(reply.body.data?.applicants).toHaveLength(2);
    expect(system.counters()['public-security'] ?? {}).toEqual({});
    const many = Array.from({ length: 11 }, () => couple.applicant.idNumber);
    expect(errorCodes(await officer(/* GraphQL */ `query Sweep($ids: [IdNumber!]!) { applicants(idNumbers: $ids) { ref } }`, { ids: many }))).toEqual(['BAD_USER_INPUT']);
  });
});
