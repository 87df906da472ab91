/**
 * What a subgraph verifies of a request before any rule runs: a proxy's stored authorization, and
 * the case the request names — from the platform's own records, never from what the caller says.
 */
import type { AgencyName } from '../../lib/agency-contracts';
import { ANONYMOUS, type Actor } from '../../lib/actor';
import { LOAN_ENGINE } from '../../lib/services';
import type { LoanApplicationRow, LoanStatus, LoanStepRow } from '../../storage/loan-types';
import type { ProxyAuthorization, Storage } from '../../storage/types';
import { isCaseOpenTo, partiesOf, requiredSignersOf } from '../../subgraphs/shared/cases/case-file';
import { CHECK_RECORD_VERSION } from '../../subgraphs/shared/cases/check-record';
import { caseReads, verifiedActor } from '../../subgraphs/shared/cases/verification';

const APPLICANT = '350102199003140316';
const SPOUSE = '350102199205180427';
const CO_BORROWER = '350104198807011234';
const CO_OWNER = '350181196609030199';
const STRANGER = '350104199108220462';
const DAY = 24 * 3600 * 1000;
const key = (idNumber: string) => `key-of-${idNumber}`;

const actor = (role: Actor['role'], extra: Partial<Actor> = {}): Actor => ({ ...ANONYMOUS, role, subject: `${role.toLowerCase()}-1`, ...extra });
const agent = actor('PROXY_AGENT', { subject: 'hall-agent-7', personIdNumber: APPLICANT, proxyAuthorizationRef: 'auth-1' });

describe('verifiedActor: a proxy keeps their person only while a stored authorization backs the claim', () => {
  const authorization = (overrides: Partial<ProxyAuthorization> = {}): ProxyAuthorization => ({
    id: 'auth-1',
    subjectKey: key(APPLICANT),
    subjectMasked: '3***************16',
    agentSubject: 'hall-agent-7',
    scopes: ['VIEW_DATA'],
    validFrom: new Date(Date.now() - DAY),
    validUntil: new Date(Date.now() + DAY),
    grantedAt: new Date(Date.now() - DAY),
    revokedAt: null,
    status: 'ACTIVE',
    ...overrides,
  });
  const storeWith = (found: ProxyAuthorization | null) => {
    const asked: string[] = [];
    const proxyAuthorizations = { get: async (id: string) => (asked.push(id), found) } as unknown as Storage['proxyAuthorizations'];
    return { store: { proxyAuthorizations }, asked };
  };

  it('keeps a proxy whose authorization exists, is in force, and names this agent and this person', async () => {
    const { store, asked } = storeWith(authorization({ scopes: ['VIEW_DATA', 'MANAGE_CONSENTS'] }));
    expect(await verifiedActor(agent, store, key)).toEqual({ actor: agent, proxy: { id: 'auth-1', scopes: ['VIEW_DATA', 'MANAGE_CONSENTS'] } });
    expect(asked).toEqual(['auth-1']);
  });

  it.each([
    ['no such authorization', null],
    ['a revoked one', authorization({ status: 'REVOKED', revokedAt: new Date() })],
    ['an expired one', authorization({ status: 'EXPIRED' })],
    ['one not yet in force', authorization({ validFrom: new Date(Date.now() + DAY) })],
    ['one of another agent', authorization({ agentSubject: 'hall-agent-9' })],
    ['one of another person', authorization({ subjectKey: key(STRANGER) })],
  ])('drops the person of a proxy whose token names %s', async (_what, found) => {
    const { store } = storeWith(found);
    expect(await verifiedActor(agent, store, key)).toEqual({ actor: { ...agent, personIdNumber: null }, proxy: null });
  });

  it('drops the person of a proxy whose token names no authorization, without asking the store', async () => {
    const { store, asked } = storeWith(authorization());
    expect(await verifiedActor({ ...agent, proxyAuthorizationRef: null }, store, key)).toMatchObject({ actor: { personIdNumber: null }, proxy: null });
    expect(asked).toEqual([]);
  });

  it('leaves every other caller as the gateway asserted them, without asking the store', async () => {
    const { store, asked } = storeWith(null);
    const applicant = actor('APPLICANT', { personIdNumber: APPLICANT });
    expect(await verifiedActor(applicant, store, key)).toEqual({ actor: applicant, proxy: null });
    expect(asked).toEqual([]);
  });
});

function application(status: LoanStatus = 'ACCEPTED', centre = '350100'): LoanApplicationRow {
  return {
    id: '9b0f3c52-0c8e-4b7a-9a52-2f4f0c1d0e11',
    centre,
    status,
    request: {
      applicant: { idNumber: APPLICANT, name: '甲' },
      spouse: { idNumber: SPOUSE, name: '乙' },
      coBorrowers: [{ idNumber: CO_BORROWER, name: '丙' }],
    },
  } as unknown as LoanApplicationRow;
}

/** The contract and registration checks as the loan worker leaves them: who is on each. */
const gathered = (buyers: string[], owners: string[]): LoanStepRow[] =>
  [
    { step: 'GATHER_CONTRACT', status: 'DONE', outcome: { version: CHECK_RECORD_VERSION, persons: {}, evidence: [], property: { status: 'FOUND', facts: { buyerIdNumbers: buyers } } } },
    { step: 'GATHER_REGISTRATION', status: 'DONE', outcome: { version: CHECK_RECORD_VERSION, persons: {}, evidence: [], property: { status: 'FOUND', facts: { unitNumber: 'U-1', ownerIdNumbers: owners } } } },
  ] as unknown as LoanStepRow[];

describe('the parties of a case', () => {
  it('are the borrowers as filed, then the buyers and owners the checks found, each once', () => {
    expect(partiesOf(application(), gathered([APPLICANT, CO_OWNER], [CO_OWNER, SPOUSE]))).toEqual([
      { idNumber: APPLICANT, role: 'APPLICANT', ordinal: 1 },
      { idNumber: SPOUSE, role: 'SPOUSE', ordinal: 1 },
      { idNumber: CO_BORROWER, role: 'CO_BORROWER', ordinal: 1 },
      { idNumber: CO_OWNER, role: 'CO_OWNER', ordinal: 1 },
    ]);
  });

  it('take no one from a check that has not found its record', () => {
    const pending = gathered([CO_OWNER], [CO_OWNER]).map((step) => ({ ...step, status: 'UNAVAILABLE' as const }));
    expect(partiesOf(application(), pending).map((party) => party.idNumber)).toEqual([APPLICANT, SPOUSE, CO_BORROWER]);
  });

  it('sign the contract: every borrower and every registered owner', () => {
    expect(requiredSignersOf(application(), gathered([STRANGER], [CO_OWNER]))).toEqual([APPLICANT, SPOUSE, CO_BORROWER, CO_OWNER]);
  });
});

describe('whom a case is open to', () => {
  const parties = partiesOf(application(), []);
  const officer = actor('FUND_OFFICER', { centre: '350100' });
  const engine = actor('SERVICE', { subject: LOAN_ENGINE, centre: '350100' });

  it('an officer of its centre while the centre works on it, no one of another centre', () => {
    for (const status of ['ACCEPTED', 'REFERRED', 'APPROVED'] as const) expect(isCaseOpenTo(officer, application(status), parties)).toBe(true);
    for (const status of ['REJECTED', 'READY_FOR_DISBURSEMENT'] as const) expect(isCaseOpenTo(officer, application(status), parties)).toBe(false);
    expect(isCaseOpenTo({ ...officer, centre: '350200' }, application(), parties)).toBe(false);
  });

  it('the loan engine of its centre while its checks run; no other service', () => {
    expect(isCaseOpenTo(engine, application('ACCEPTED'), parties)).toBe(true);
    expect(isCaseOpenTo(engine, application('REFERRED'), parties)).toBe(false);
    expect(isCaseOpenTo({ ...engine, centre: '350200' }, application(), parties)).toBe(false);
    expect(isCaseOpenTo(actor('SERVICE', { subject: 'some-centre-system', centre: '350100' }), application(), parties)).toBe(false);
  });

  it('a party, or a proxy still holding their person; never an outsider or an auditor', () => {
    expect(isCaseOpenTo(actor('APPLICANT', { personIdNumber: SPOUSE }), application(), parties)).toBe(true);
    expect(isCaseOpenTo(agent, application('REJECTED'), parties)).toBe(true);
    expect(isCaseOpenTo({ ...agent, personIdNumber: null }, application(), parties)).toBe(false);
    expect(isCaseOpenTo(actor('APPLICANT', { personIdNumber: STRANGER }), application(), parties)).toBe(false);
    expect(isCaseOpenTo(actor('AUDITOR'), application(), parties)).toBe(false);
  });
});

describe('caseReads: the named case, read once per request, with every consent given for it', () => {
  const consentOf = (idNumber: string, id: string, dataItems: string[]) => ({ id, subjectKey: key(idNumber), kind: 'DATA_SHARING', scopes: [{ agency: 'civil-affairs', dataItems }, { agency: 'natural-resources', dataItems: ['registration'] }] });
  const storeOf = (found: LoanApplicationRow | null) => {
    const calls = { readCase: 0, findActiveForItems: 0 };
    const withConsents: unknown[] = [];
    const loans = {
      readCase: async (_id: string, consents: unknown) => (
        calls.readCase++,
        withConsents.push(consents),
        // Newest first, as the store returns them: the applicant's newer consent covers marriage, the older one did too.
        found && { application: found, steps: gathered([CO_OWNER], []), consents: [consentOf(APPLICANT, 'consent-2', []), consentOf(APPLICANT, 'consent-1', ['marriage']), consentOf(CO_OWNER, 'consent-3', [])] }
      ),
    } as unknown as Storage['loans'];
    const consents = { findActiveForItems: async () => (calls.findActiveForItems++, new Map()) } as unknown as Storage['consents'];
    return { store: { loans, consents }, calls, withConsents };
  };
  const officer = actor('FUND_OFFICER', { centre: '350100' });
  const readsOf = (caller: Actor, applicationId: string | null, store: ReturnType<typeof storeOf>['store'], agency: AgencyName | null = null) =>
    caseReads({ actor: caller, applicationId, purpose: 'HPF_LOAN_REVIEW', agency, storage: store, subjectKeyOf: key });
  const asked = (idNumber: string, agency = 'civil-affairs', item = 'marriage') => `${idNumber}|DATA_SHARING|${agency}|${item}`;

  it('finds the case with its parties for a caller it is open to, reading the store once however often asked', async () => {
    const { store, calls } = storeOf(application());
    const { caseFile } = readsOf(officer, application().id, store);
    const [first, second] = await Promise.all([caseFile(), caseFile()]);
    expect(first).toBe(second);
    expect(first!.application.id).toBe(application().id);
    expect(first!.parties.map((party) => party.role)).toEqual(['APPLICANT', 'SPOUSE', 'CO_BORROWER', 'CO_OWNER']);
    expect(await caseFile()).toBe(first);
    expect(calls).toEqual({ readCase: 1, findActiveForItems: 0 });
  });

  it('answers every consent look-up from that one read, for the centre and the statuses open to it: the newest consent covering the item', async () => {
    const { store, calls, withConsents } = storeOf(application());
    const { caseFile, consentLookup } = readsOf(officer, application().id, store);
    const [consent, file] = await Promise.all([consentLookup.load(asked(APPLICANT)), caseFile()]);
    expect(file).not.toBeNull();
    expect(consent).toMatchObject({ id: 'consent-1' });
    expect(withConsents).toEqual([{ purpose: 'HPF_LOAN_REVIEW', centre: '350100', at: expect.any(Date), openStatuses: ['ACCEPTED', 'REFERRED', 'APPROVED'], agency: null }]);
    // Later ticks, other people and other items: still no statement.
    expect((await consentLookup.loadMany([asked(SPOUSE), asked(CO_OWNER, 'natural-resources', 'registration'), asked(APPLICANT, 'natural-resources', 'registration'), asked(CO_OWNER)])).map((found) => (found as { id?: string } | null)?.id ?? null)).toEqual([
      null,
      'consent-3',
      'consent-2',
      null,
    ]);
    expect(calls).toEqual({ readCase: 1, findActiveForItems: 0 });
  });

  it("asks only for the consents of the reading subgraph's agency, when it has one", async () => {
    const { store, withConsents } = storeOf(application());
    await readsOf(officer, application().id, store, 'civil-affairs').caseFile();
    expect(withConsents).toEqual([expect.objectContaining({ agency: 'civil-affairs' })]);
  });

  it('counts no consent when the case is not open to the caller, whatever the store returned', async () => {
    for (const [caller, found] of [
      [{ ...officer, centre: '350200' }, application()],
      [officer, application('REJECTED')],
      [actor('FUND_OFFICER', { centre: null }), application()],
    ] as const) {
      const { store, calls } = storeOf(found);
      const { caseFile, consentLookup } = readsOf(caller, application().id, store);
      const [consent, file] = await Promise.all([consentLookup.load(asked(APPLICANT)), caseFile()]);
      expect([consent, file]).toEqual([null, null]);
      expect(await consentLookup.load(asked(CO_OWNER, 'natural-resources', 'registration'))).toBeNull();
      expect(calls).toEqual({ readCase: 1, findActiveForItems: 0 });
    }
  });

  it('is null when the request names no case, without asking the store', async () => {
    const { store, calls } = storeOf(application());
    expect(await readsOf(officer, null, store).caseFile()).toBeNull();
    expect(await readsOf(officer, 'APP-2026-000123', store).caseFile()).toBeNull();
    expect(calls).toEqual({ readCase: 0, findActiveForItems: 0 });
  });

  it('is null for an application that does not exist, or is not open to the caller', async () => {
    expect(await readsOf(officer, application().id, storeOf(null).store).caseFile()).toBeNull();
    expect(await readsOf({ ...officer, centre: '350200' }, application().id, storeOf(application()).store).caseFile()).toBeNull();
    expect(await readsOf(officer, application().id, storeOf(application('REJECTED')).store).caseFile()).toBeNull();
    expect(await readsOf(actor('APPLICANT', { personIdNumber: STRANGER }), application().id, storeOf(application()).store).caseFile()).toBeNull();
  });
});
