import { SCENARIOS } from '../../agencies/data/scenarios';
import { idNumberCheckCharacter } from '../../lib/identifiers';
import { errorCodes, startTestSystem, type Query, type TestSystem } from '../support/system';

const withCheck = (first17: string) => first17 + idNumberCheckCharacter(first17);
const known = SCENARIOS.cleanCouple;
const APPLICANT = 'query($id: IdNumber!) { applicant(idNumber: $id) { name } }';
const PROPERTY = 'query($u: UnitNumber!) { property(unitNumber: $u) { unitNumber } }';
const BY_CONTRACT = 'query($c: ContractNumber!) { propertyByContract(contractNumber: $c) { ref } }';
/** Valid, but nobody the population register knows. */
const UNKNOWN_ID = withCheck('35010219300101001');

describe('bad input through the gateway', () => {
  let system: TestSystem;
  let officer: Query;
  beforeAll(async () => {
    system = await startTestSystem({ MAX_REQUEST_BYTES: '8192' });
    officer = await system.asOfficer();
  });
  afterAll(() => system.stop());

  const expectRule = async (query: string, variables: Record<string, unknown>, code: string, messagePart: RegExp) => {
    const reply = await officer(query, variables);
    expect(reply.status).toBe(200);
    expect(errorCodes(reply)).toEqual([code]);
    expect(reply.body.errors![0]!.message).toMatch(messagePart);
    return reply;
  };

  it('refuses an ID number whose check character is wrong, naming the rule', async () => {
    const wrongCheck = known.applicant.idNumber.slice(0, 17) + (known.applicant.idNumber[17] === '1' ? '2' : '1');
    const reply = await expectRule(APPLICANT, { id: wrongCheck }, 'BAD_USER_INPUT', /check character/);
    expect(reply.body.errors![0]!.extensions).toMatchObject({ argument: 'idNumber' });
    expect(reply.body.data).toEqual({ applicant: null });
  });

  it('refuses an ID number with an impossible birth date', async () => {
    await expectRule(APPLICANT, { id: withCheck('35010219900230001') }, 'BAD_USER_INPUT', /real calendar date/);
  });

  it('refuses an ID number with a future birth date', async () => {
    await expectRule(APPLICANT, { id: withCheck('35010220990101001') }, 'BAD_USER_INPUT', /future/);
  });

  it('refuses an ID number of the wrong shape, given inline in the query', async () => {
    const reply = await officer('{ applicant(idNumber: "12345") { name } }');
    expect(errorCodes(reply)).toEqual(['BAD_USER_INPUT']);
    expect(reply.body.errors![0]!.message).toMatch(/17 digits/);
  });

  it('answers NOT_FOUND for a valid ID number the population register does not know, to a caller with a ground to read that person', async () => {
    const themself = await system.asApplicant(UNKNOWN_ID);
    const own = await themself(APPLICANT, { id: UNKNOWN_ID });
    expect(errorCodes(own)).toEqual(['NOT_FOUND']);
    expect(own.body.errors![0]!.message).toMatch(/population register/);

    const onCase = await system.asOfficer(undefined, await system.openCase({ applicant: UNKNOWN_ID }));
    const officerReply = await onCase(APPLICANT, { id: UNKNOWN_ID });
    expect(errorCodes(officerReply)).toEqual(['NOT_FOUND']);
    expect(officerReply.body.errors![0]!.message).toMatch(/population register/);
  });

  it('answers an officer without a case the same opaque reference for an unknown ID number as for a known one, calling no agency', async () => {
    const REF = 'query($id: IdNumber!) { applicant(idNumber: $id) { ref } }';
    system.resetSimulators();
    const unknown = await officer(REF, { id: UNKNOWN_ID });
    const existing = await officer(REF, { id: known.applicant.idNumber });
    for (const reply of [unknown, existing]) {
      expect(reply.status).toBe(200);
      expect(reply.body.errors).toBeUndefined();
      expect(reply.body.data.applicant.ref).toMatch(/^apl_/);
    }
    expect(system.counters()).toEqual(Object.fromEntries(Object.keys(system.simulators).map((agency) => [agency, {}])));
  });

  it('refuses a malformed unit number, naming the rule', async () => {
    await expectRule(PROPERTY, { u: '3501020040' }, 'BAD_USER_INPUT', /28 characters/);
    await expectRule(PROPERTY, { u: known.purchase.unitNumber.toLowerCase() }, 'BAD_USER_INPUT', /capital letters/);
  });

  it('answers NOT_FOUND for a well-formed unit number that is not registered', async () => {
    await expectRule(PROPERTY, { u: '350102999999GB99999F99999999' }, 'NOT_FOUND', /register/);
  });

  it('refuses a malformed contract number and answers NOT_FOUND for an unknown one', async () => {
    await expectRule(BY_CONTRACT, { c: 'HT-123' }, 'BAD_USER_INPUT', /contract number is WQ/);
    await expectRule(BY_CONTRACT, { c: 'WQ3501022026999999' }, 'NOT_FOUND', /contract/);
  });

  it('refuses a DateTime on a day that does not exist, or without an offset, at the gateway: a variable as BAD_USER_INPUT, a literal as an invalid document', async () => {
    const RECORDS = 'query($from: DateTime) { accessRecords(filter: { from: $from }) { nextCursor } }';
    for (const from of ['2026-02-30T00:00:00Z', '2026-02-28T00:00:00']) {
      const reply = await officer(RECORDS, { from });
      expect(errorCodes(reply)).toEqual(['BAD_USER_INPUT']);
      expect(reply.body.errors![0]!.message).toMatch(/RFC 3339 date-time with its offset/);
    }
    // A literal is checked while the document is validated (GraphQL's "Values of Correct Type"), so
    // the whole document is refused, with the scalar's own message.
    const inline = await officer('{ accessRecords(filter: { to: "2026-02-30T00:00:00+08:00" }) { nextCursor } }');
    expect(inline.status).toBe(400);
    expect(errorCodes(inline)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(inline.body.errors![0]!.message).toMatch(/RFC 3339 date-time/);
  });

  it('answers a syntax error with GRAPHQL_PARSE_FAILED and an unknown field with GRAPHQL_VALIDATION_FAILED', async () => {
    const parse = await officer('{ applicant(idNumber: ');
    expect(parse.status).toBe(400);
    expect(errorCodes(parse)).toEqual(['GRAPHQL_PARSE_FAILED']);
    const validation = await officer('{ applicant(idNumber: "x") { salary } }');
    expect(validation.status).toBe(400);
    expect(errorCodes(validation)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('answers a body that is not JSON with BAD_REQUEST, and an oversized body with PAYLOAD_TOO_LARGE', async () => {
    const notJson = await fetch(system.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).errors[0].extensions.code).toBe('BAD_REQUEST');

    const huge = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }`, variables: { padding: 'x'.repeat(20000) } }),
    });
    expect(huge.status).toBe(413);
    expect((await huge.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a call straight to a subgraph that does not come from the gateway', async () => {
    const response = await fetch(system.subgraphUrls['civil-affairs'], {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Applicant { marriage { status } } } }',
        variables: { r: [{ __typename: 'Applicant', ref: `apl_${Buffer.from(known.applicant.idNumber).toString('base64url')}` }] },
      }),
    });
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
