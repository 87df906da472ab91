/**
 * Query limits and trusted documents through the running gateway, configured from the
 * environment as in production: a refused operation gets its own code and HTTP 400, and no agency
 * is called for it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { TRUSTED_DOCUMENTS_DIR, documentHash, documentIdOf } from '../../gateway/plugins/trusted-documents';
import { errorCodes, startTestSystem, type GraphQLReply, type TestSystem } from '../support/system';

const ID = SCENARIOS.cleanCouple.applicant.idNumber;
const LIMIT_CODES = ['QUERY_TOO_DEEP', 'QUERY_TOO_COSTLY', 'TOO_MANY_ALIASES', 'TOO_MANY_ROOT_FIELDS', 'INTROSPECTION_DISABLED'];
const TRUST_CODES = ['OPERATION_NOT_TRUSTED', 'TRUSTED_DOCUMENT_REQUIRED'];

/** applicant → (marriage → spouse) × pairs → name: 2 + 2 × pairs fields deep. */
function marriageChain(pairs: number): string {
  return `query Chain($id: IdNumber!) { applicant(idNumber: $id) { ${'marriage { spouse { '.repeat(pairs)}name${' } }'.repeat(pairs)} } }`;
}

async function post(system: TestSystem, body: unknown): Promise<GraphQLReply> {
  // In English: these specs read the messages as written (a reply without the header is in Chinese).
  const response = await fetch(system.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en' }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLReply['body'] };
}

/** True when no agency endpoint was called since the last reset: the operation never ran. */
function nothingCalled(system: TestSystem): boolean {
  return Object.values(system.counters()).every((calls) => Object.keys(calls).length === 0);
}

/**
 * A reply of an operation that ran, not one refused before execution: it has `data` (an object,
 * or null when a field policy denied a non-null root for this anonymous caller; this spec is about
 * whether the operation runs, not what the caller may see of it).
 */
function expectRan(reply: GraphQLReply): void {
  expect(reply.status).toBe(200);
  expect(errorCodes(reply).filter((code) => LIMIT_CODES.includes(String(code)) || TRUST_CODES.includes(String(code)))).toEqual([]);
  expect(Object.keys(reply.body)).toContain('data');
}

describe('query limits at the gateway', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ QUERY_MAX_DEPTH: '10', QUERY_MAX_COST: '2000', QUERY_MAX_ALIASES: '20', INTROSPECTION: 'off' });
  });
  afterAll(() => system.stop());
  beforeEach(() => system.resetSimulators());

  const expectRefused = (reply: GraphQLReply, code: string, message: RegExp) => {
    expect(reply.status).toBe(400);
    expect(errorCodes(reply)).toEqual([code]);
    expect(reply.body.errors?.[0]?.message).toMatch(message);
    expect(reply.body.data).toBeUndefined();
    expect(nothingCalled(system)).toBe(true);
  };

  it('runs a legitimate deep query (8 fields deep)', async () => {
    expectRan(await system.query(marriageChain(3), { id: ID }));
  });

  it('refuses a query deeper than QUERY_MAX_DEPTH with QUERY_TOO_DEEP', async () => {
    expectRefused(await system.query(marriageChain(5), { id: ID }), 'QUERY_TOO_DEEP', /^Query depth 12 exceeds the limit of 10\./);
  });

  it('refuses a query costlier than QUERY_MAX_COST with QUERY_TOO_COSTLY', async () => {
    const lists = `query Lists($id: IdNumber!) { applicant(idNumber: $id) { providentFundLoans { borrowers { providentFundLoans { borrowers { name } } } } } }`;
    expectRefused(await system.query(lists, { id: ID }), 'QUERY_TOO_COSTLY', /^Query cost 11112 exceeds the limit of 2000 /);
  });

  it('sizes applicants(idNumbers:) by the list the request sends', async () => {
    const view = `query Many($ids: [IdNumber!]!) { applicants(idNumbers: $ids) { name marriage { status spouse { name } } providentFundAccount { balance continuousDepositMonths } } }`;
    expectRan(await system.query(view, { ids: [ID] }));
    system.resetSimulators();
    expectRefused(await system.query(view, { ids: Array(300).fill(ID) }), 'QUERY_TOO_COSTLY', /^Query cost 2401 exceeds the limit of 2000 /);
  });

  it('refuses more aliases than QUERY_MAX_ALIASES with TOO_MANY_ALIASES', async () => {
    const aliases = `query Aliases($id: IdNumber!) { applicant(idNumber: $id) { ${Array.from({ length: 21 }, (_, i) => `n${i}: name`).join(' ')} } }`;
    expectRefused(await system.query(aliases, { id: ID }), 'TOO_MANY_ALIASES', /^Query uses 21 aliases, more than the limit of 20\./);
  });

  it('refuses more than 10 root fields with TOO_MANY_ROOT_FIELDS', async () => {
    const roots = `query Roots($id: IdNumber!) { ${Array.from({ length: 11 }, (_, i) => `r${i}: applicant(idNumber: $id) { name }`).join(' ')} }`;
    expectRefused(await system.query(roots, { id: ID }), 'TOO_MANY_ROOT_FIELDS', /^Query selects 11 root fields, more than the limit of 10\./);
  });

  it('refuses introspection with INTROSPECTION_DISABLED when INTROSPECTION=off, and still answers __typename', async () => {
    expectRefused(await system.query('{ __schema { queryType { name } } }'), 'INTROSPECTION_DISABLED', /__schema/);
    expectRefused(await system.query('{ __type(name: "Applicant") { name } }'), 'INTROSPECTION_DISABLED', /__type/);
    const typename = await system.query('{ __typename }');
    expect(typename.status).toBe(200);
    expect(typename.body).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('trusted documents at the gateway (TRUSTED_DOCUMENTS=registered-only)', () => {
  const overview = fs.readFileSync(path.join(TRUSTED_DOCUMENTS_DIR, 'sources', 'hpf-web', 'applicant-overview.graphql'), 'utf8');
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ TRUSTED_DOCUMENTS: 'registered-only' });
  });
  afterAll(() => system.stop());
  beforeEach(() => system.resetSimulators());

  it('runs a registered operation sent by documentId', async () => {
    const reply = await post(system, { documentId: documentIdOf(overview), operationName: 'ApplicantOverview', variables: { idNumber: ID } });
    expectRan(reply);
  });

  it('runs a registered operation sent as an APQ hash, or as its exact text', async () => {
    expectRan(await post(system, { extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(overview) } }, variables: { idNumber: ID } }));
    expectRan(await system.query(overview, { idNumber: ID }));
  });

  it('refuses an unregistered operation with OPERATION_NOT_TRUSTED, before any agency is called', async () => {
    const reply = await system.query('query Mine($id: IdNumber!) { applicant(idNumber: $id) { name mobile } }', { id: ID });
    expect(reply.status).toBe(400);
    expect(errorCodes(reply)).toEqual(['OPERATION_NOT_TRUSTED']);
    expect(reply.body.data).toBeUndefined();
    expect(nothingCalled(system)).toBe(true);
  });

  it('refuses an unknown documentId with OPERATION_NOT_TRUSTED naming it', async () => {
    const unknown = `sha256:${'0'.repeat(64)}`;
    const reply = await post(system, { documentId: unknown, variables: { idNumber: ID } });
    expect(reply.status).toBe(400);
    expect(errorCodes(reply)).toEqual(['OPERATION_NOT_TRUSTED']);
    expect(reply.body.errors?.[0]?.message).toContain(unknown);
  });

  it('refuses a request that names no document with TRUSTED_DOCUMENT_REQUIRED', async () => {
    const reply = await post(system, { variables: { idNumber: ID } });
    expect(reply.status).toBe(400);
    expect(errorCodes(reply)).toEqual(['TRUSTED_DOCUMENT_REQUIRED']);
  });

  it('refuses unregistered text that arrives by GET too', async () => {
    const url = `${system.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`;
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as GraphQLReply['body']).errors?.map((e) => e.extensions?.code)).toEqual(['OPERATION_NOT_TRUSTED']);
  });
});
