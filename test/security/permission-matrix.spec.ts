import fs from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { isObjectType } from 'graphql';
import { randomUUID } from 'node:crypto';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { LOAN_ENGINE } from '../../lib/services';
import { SUPERGRAPH_PATH } from '../../schema/subgraphs';
import { PERMISSIONS_PATH, permissionMatrix, permissionMatrixMarkdown } from '../../scripts/permission-matrix';
import { maskIdNumberForRecord, subjectKeyOf } from '../../storage';
import { errorCodes, startTestSystem, type Query, type TestSystem } from '../support/system';

describe('the permission matrix', () => {
  it('in docs/permissions.md is what the policies evaluate to now (run `npm run permissions` when this fails)', async () => {
    expect(fs.readFileSync(PERMISSIONS_PATH, 'utf8')).toBe(await permissionMatrixMarkdown());
  });

  it('names an explicit rule for every field of every subgraph: nothing rests on the deny fallback', async () => {
    const implicit = (await permissionMatrix()).filter((row) => !row.explicit).map((row) => `${row.subgraph}: ${row.field}`);
    expect(implicit).toEqual([]);
  });

  it('covers every field of the supergraph', async () => {
    const covered = new Set((await permissionMatrix()).map((row) => row.field));
    const api = Supergraph.build(fs.readFileSync(SUPERGRAPH_PATH, 'utf8')).apiSchema().toGraphQLJSSchema();
    const missing: string[] = [];
    for (const type of Object.values(api.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.keys(type.getFields())) if (!covered.has(`${type.name}.${field}`)) missing.push(`${type.name}.${field}`);
    }
    expect(missing).toEqual([]);
  });
});

describe('the gateway answers each actor as the matrix says', () => {
  const person = SCENARIOS.singleApplicant.applicant;
  const someoneElse = SCENARIOS.cleanCouple.applicant;
  const FIELDS = {
    'Applicant.idNumber': 'idNumber',
    'Applicant.name': 'name',
    'Applicant.mobile': 'mobile',
    'Applicant.marriage': 'marriage { status }',
    'Applicant.creditReport': 'creditReport { reportNumber }',
    'Applicant.providentFundAccount': 'providentFundAccount { balance }',
    'Applicant.realEstateHoldings': 'realEstateHoldings { count }',
  } as const;
  const ROLE_COLUMNS = ['APPLICANT', 'PROXY_AGENT', 'FUND_OFFICER', 'SERVICE', 'AUDITOR', 'ANONYMOUS'] as const;
  type Role = (typeof ROLE_COLUMNS)[number];
  const AGENT = 'hall-agent-7';
  const GRANT_PROXY = 'mutation($input: GrantProxyAuthorizationInput!) { grantProxyAuthorization(input: $input) { id } }';
  const REVOKE_PROXY = 'mutation($id: ID!) { revokeProxyAuthorization(id: $id) { status } }';
  let system: TestSystem;

  /**
   * Each situation of the matrix (by its label in scripts/permission-matrix.ts), made real: a case
   * opened in the store, a proxy authorization granted by the person, a token of that caller.
   * `stoppedAtEntry`: the caller may not name the person at `applicant(idNumber:)` at all, so every
   * field is null whatever the matrix says of the fields themselves.
   */
  interface Live {
    role: Role;
    label: string | null;
    /** Which way of being in that situation this is, when several are tried. */
    how?: string;
    caller: () => Promise<Query>;
    stoppedAtEntry?: boolean;
    /** The error codes of the reply (each once), as docs/errors.md names the refusals. */
    codes: string[];
  }
  const proxyWith = (authorization: string, agent = AGENT) => system.as({ role: 'PROXY_AGENT', sub: agent, acting_for: person.idNumber, proxy_authorization: authorization });
  const engine = async (caseId?: string) => {
    const service = await system.as({ role: 'SERVICE', sub: LOAN_ENGINE, centre: '350100' });
    return (query: string, variables?: Record<string, unknown>) => service(query, variables, caseId ? { 'x-application-id': caseId } : {});
  };
  const grantedProxy = async () => {
    const herself = await system.asApplicant(person.idNumber);
    const reply = await herself(GRANT_PROXY, { input: { agent: AGENT, scopes: ['VIEW_DATA', 'MANAGE_CONSENTS', 'SUBMIT_APPLICATION', 'ATTEST_IDENTITY'], validUntil: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString() } });
    return reply.body.data.grantProxyAuthorization.id as string;
  };
  const consentingCase = () => system.openCase({ applicant: person.idNumber });
  const LIVE: Live[] = [
    { role: 'APPLICANT', label: 'own data', caller: () => system.asApplicant(person.idNumber), codes: ['FORBIDDEN'] }, // the credit report is the centre's to query, not theirs
    { role: 'APPLICANT', label: "another person's", caller: () => system.asApplicant(someoneElse.idNumber), stoppedAtEntry: true, codes: ['FORBIDDEN'] },
    { role: 'PROXY_AGENT', label: 'stored authorization of the person, in force', caller: async () => proxyWith(await grantedProxy()), codes: ['FORBIDDEN'] },
    { role: 'PROXY_AGENT', label: 'made-up, revoked or expired authorization', how: 'a reference of no stored authorization', caller: () => proxyWith('WT-2026-0007'), stoppedAtEntry: true, codes: ['PROXY_NOT_AUTHORIZED'] },
    { role: 'PROXY_AGENT', label: 'made-up, revoked or expired authorization', how: 'an unknown id', caller: () => proxyWith(randomUUID()), stoppedAtEntry: true, codes: ['PROXY_NOT_AUTHORIZED'] },
    {
      role: 'PROXY_AGENT',
      label: 'made-up, revoked or expired authorization',
      how: 'revoked',
      caller: async () => {
        const id = await grantedProxy();
        await (await system.asApplicant(person.idNumber))(REVOKE_PROXY, { id });
        return proxyWith(id);
      },
      stoppedAtEntry: true,
      codes: ['PROXY_NOT_AUTHORIZED'],
    },
    {
      role: 'PROXY_AGENT',
      label: 'made-up, revoked or expired authorization',
      how: 'expired',
      caller: async () => {
        const day = 24 * 3600 * 1000;
        const expired = await system.storage.proxyAuthorizations.grant({
          subjectKey: subjectKeyOf(system.config.entityRefKey, person.idNumber),
          subjectMasked: maskIdNumberForRecord(person.idNumber),
          agentSubject: AGENT,
          scopes: ['VIEW_DATA'],
          validFrom: new Date(Date.now() - 2 * day),
          validUntil: new Date(Date.now() - day),
        });
        return proxyWith(expired.id);
      },
      stoppedAtEntry: true,
      codes: ['PROXY_NOT_AUTHORIZED'],
    },
    // Someone else's authorization is no authorization of this agent.
    { role: 'PROXY_AGENT', label: 'made-up, revoked or expired authorization', how: 'another agent’s', caller: async () => proxyWith(await grantedProxy(), 'hall-agent-9'), stoppedAtEntry: true, codes: ['PROXY_NOT_AUTHORIZED'] },
    { role: 'FUND_OFFICER', label: 'case naming the person, with their consent for it', caller: async () => system.asOfficer('350100', await consentingCase()), codes: [] },
    { role: 'FUND_OFFICER', label: 'case naming them, no consent', caller: async () => system.asOfficer('350100', await system.openCase({ applicant: person.idNumber }, [])), codes: ['CONSENT_REQUIRED'] },
    { role: 'FUND_OFFICER', label: 'no case, or not a party to it', how: 'no case', caller: () => system.asOfficer('350100'), codes: ['CASE_REQUIRED'] },
    { role: 'FUND_OFFICER', label: 'no case, or not a party to it', how: 'a case of someone else', caller: async () => system.asOfficer('350100', await system.openCase({ applicant: someoneElse.idNumber })), codes: ['NOT_A_PARTY'] },
    { role: 'SERVICE', label: 'loan engine, case naming the person, consent', caller: async () => engine(await consentingCase()), codes: [] },
    { role: 'SERVICE', label: 'loan engine, no consent', caller: async () => engine(await system.openCase({ applicant: person.idNumber }, [])), codes: ['CONSENT_REQUIRED'] },
    {
      role: 'SERVICE',
      label: "loan engine, couple's estimate, the spouse's consent to it",
      how: 'her own estimate consent to the centre, no case, x-purpose HPF_QUOTA_ESTIMATE',
      caller: async () => {
        const herself = await system.asApplicant(person.idNumber);
        const scopes = [{ agency: 'PROVIDENT_FUND', dataItems: ['account', 'loans'] }, { agency: 'NATURAL_RESOURCES', dataItems: ['holdings'] }];
        await herself('mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }', {
          input: { kind: 'DATA_SHARING', purpose: 'HPF_QUOTA_ESTIMATE', grantedToCentre: '350100', scopes, validUntil: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString() },
        });
        const service = await system.as({ role: 'SERVICE', sub: LOAN_ENGINE, centre: '350100' });
        return (query, variables) => service(query, variables, { 'x-purpose': 'HPF_QUOTA_ESTIMATE' });
      },
      codes: ['CASE_REQUIRED'],
    },
    {
      role: 'SERVICE',
      label: 'any other service',
      caller: async () => {
        const caseId = await consentingCase();
        const service = await system.as({ role: 'SERVICE', sub: 'some-centre-system', centre: '350100' });
        return (query, variables) => service(query, variables, { 'x-application-id': caseId });
      },
      stoppedAtEntry: true,
      codes: ['FORBIDDEN'],
    },
    { role: 'AUDITOR', label: null, caller: () => system.as({ role: 'AUDITOR', sub: 'auditor-01' }), stoppedAtEntry: true, codes: ['FORBIDDEN'] },
    { role: 'ANONYMOUS', label: null, caller: async () => system.query, stoppedAtEntry: true, codes: ['UNAUTHENTICATED'] },
  ];

  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(() => system.stop());

  /** The matrix's word for what a reply shows of one field. */
  const observed = (value: unknown, clear: string | null): string => {
    if (value === null || value === undefined) return 'deny';
    if (typeof value === 'string' && clear !== null && value !== clear) return 'mask';
    return 'allow';
  };

  /** One situation's answer in a cell: `allow (label) · deny (other)`, or the one answer of all situations. */
  const answerIn = (cell: string, label: string | null): string => {
    if (!cell.includes(' (')) return cell;
    const part = cell.split(' · ').find((entry) => entry.endsWith(` (${label})`));
    if (!part) throw new Error(`no situation "${label}" in the cell "${cell}"`);
    return part.split(' (')[0]!;
  };

  it('tries every situation the matrix evaluates', async () => {
    const tried = new Set(LIVE.map((live) => `${live.role}: ${live.label}`));
    // Applicant.name's cells name every situation of each role whose answer differs.
    const cells = (await permissionMatrix()).find((row) => row.field === 'Applicant.name')!.cells;
    const evaluated = ROLE_COLUMNS.flatMap((role, column) =>
      cells[column]!.includes(' (') ? cells[column]!.split(' · ').map((entry) => `${role}: ${entry.slice(entry.indexOf(' (') + 2, -1)}`) : [],
    );
    expect(evaluated.length).toBeGreaterThan(0);
    expect(evaluated.filter((situation) => !tried.has(situation))).toEqual([]);
  });

  it.each(LIVE.map((live) => [`${live.role}: ${live.label ?? 'any'}${live.how ? ` — ${live.how}` : ''}`, live] as const))(
    '%s',
    async (_name, live) => {
      const rows = await permissionMatrix();
      const column = ROLE_COLUMNS.indexOf(live.role);
      const expected = Object.fromEntries(Object.keys(FIELDS).map((field) => [field, answerIn(rows.find((row) => row.field === field)!.cells[column]!, live.label)]));
      const selection = Object.values(FIELDS).join(' ');
      const caller = await live.caller();
      const reply = await caller(`query($id: IdNumber!) { applicant(idNumber: $id) { ${selection} } }`, { id: person.idNumber });
      const applicant = (reply.body.data?.applicant ?? {}) as Record<string, unknown>;
      const clear: Record<string, string | null> = { 'Applicant.idNumber': person.idNumber, 'Applicant.name': person.name, 'Applicant.mobile': person.mobile };
      const seen = Object.fromEntries(
        Object.entries(FIELDS).map(([field, selectionText]) => [field, observed(applicant[selectionText.split(' ')[0]!], clear[field] ?? null)]),
      );
      // A caller who may not name the person is stopped at the entry point, before any field: all deny.
      expect(seen).toEqual(live.stoppedAtEntry ? Object.fromEntries(Object.keys(FIELDS).map((f) => [f, 'deny'])) : expected);
      expect([...new Set(errorCodes(reply))].sort()).toEqual(live.codes);
      if (live.label === 'case naming the person, with their consent for it') expect(applicant.idNumber).toBe(person.idNumber);
      if (live.role === 'APPLICANT' && !live.stoppedAtEntry) expect(applicant.mobile).toBe(person.mobile);
    },
  );
});
