import fs from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { isObjectType } from 'graphql';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { SUPERGRAPH_PATH } from '../../schema/subgraphs';
import { PERMISSIONS_PATH, permissionMatrix, permissionMatrixMarkdown } from '../../scripts/permission-matrix';
import { startTestSystem, type Query, type TestSystem } from '../support/system';

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
  let system: TestSystem;
  let callers: Record<(typeof ROLE_COLUMNS)[number], Query>;

  beforeAll(async () => {
    system = await startTestSystem();
    await system.consentAll(person.idNumber, '350100');
    callers = {
      APPLICANT: await system.asApplicant(person.idNumber),
      PROXY_AGENT: await system.as({ role: 'PROXY_AGENT', sub: 'hall-agent-7', acting_for: person.idNumber, proxy_authorization: 'WT-2026-0007' }),
      FUND_OFFICER: await system.asOfficer('350100'),
      SERVICE: await system.as({ role: 'SERVICE', sub: 'loan-engine', centre: '350100' }),
      AUDITOR: await system.as({ role: 'AUDITOR', sub: 'auditor-01' }),
      ANONYMOUS: system.query,
    };
  });
  afterAll(() => system.stop());

  /** The matrix's word for what a reply shows of one field. */
  const observed = (value: unknown, clear: string | null): string => {
    if (value === null || value === undefined) return 'deny';
    if (typeof value === 'string' && clear !== null && value !== clear) return 'mask';
    return 'allow';
  };

  it.each(ROLE_COLUMNS)('%s: own data / with consent', async (role) => {
    const rows = await permissionMatrix();
    const column = ROLE_COLUMNS.indexOf(role);
    // The situation of this spec is each role's first: own data, for the authorizing applicant, with consent.
    const expected = Object.fromEntries(
      Object.keys(FIELDS).map((field) => [field, rows.find((row) => row.field === field)!.cells[column]!.split(' (')[0]]),
    );
    const selection = Object.values(FIELDS).join(' ');
    const reply = await callers[role](`query($id: IdNumber!) { applicant(idNumber: $id) { ${selection} } }`, { id: person.idNumber });
    const applicant = (reply.body.data?.applicant ?? {}) as Record<string, unknown>;
    const clear: Record<string, string | null> = { 'Applicant.idNumber': person.idNumber, 'Applicant.name': person.name, 'Applicant.mobile': person.mobile };
    const seen = Object.fromEntries(
      Object.entries(FIELDS).map(([field, selectionText]) => [field, observed(applicant[selectionText.split(' ')[0]!], clear[field] ?? null)]),
    );
    // An auditor or anonymous caller is stopped at the entry point, before any field: all deny.
    expect(seen).toEqual(role === 'AUDITOR' || role === 'ANONYMOUS' ? Object.fromEntries(Object.keys(FIELDS).map((f) => [f, 'deny'])) : expected);
    if (role === 'FUND_OFFICER') expect(applicant.idNumber).toBe(person.idNumber);
    if (role === 'APPLICANT') expect(applicant.mobile).toBe(person.mobile);
  });
});
