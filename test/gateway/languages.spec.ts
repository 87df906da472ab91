/**
 * Error messages in Chinese or English by Accept-Language, through the running gateway: errors a
 * subgraph raised, errors of the gateway's own pipeline, and refusals written before Apollo runs.
 * Raw fetches here, since the specs' clients ask for English (test/support/system.ts).
 */
import { SCENARIOS } from '../../agencies/data/scenarios';
import { ERROR_CATALOGUE } from '../../lib/errors';
import { idNumberCheckCharacter } from '../../lib/identifiers';
import { startTestSystem, type GraphQLReply, type TestSystem } from '../support/system';

const APPLICANT = 'query($id: IdNumber!) { applicant(idNumber: $id) { name } }';
/** Valid, but nobody the population register knows: the identity subgraph answers NOT_FOUND. */
const UNKNOWN_ID = ((first17: string) => first17 + idNumberCheckCharacter(first17))('35010219300101001');
const zh = ERROR_CATALOGUE;

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<GraphQLReply> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLReply['body'] };
}

describe('error messages by accept-language', () => {
  let system: TestSystem;
  let asUnknown: (headers?: Record<string, string>) => Promise<GraphQLReply>;
  beforeAll(async () => {
    system = await startTestSystem();
    const authorization = `Bearer ${await system.token({ role: 'APPLICANT', sub: 'citizen-unknown', id_number: UNKNOWN_ID })}`;
    asUnknown = (headers = {}) => post(system.gatewayUrl, { query: APPLICANT, variables: { id: UNKNOWN_ID } }, { authorization, ...headers });
  });
  afterAll(() => system.stop());

  describe('an error a subgraph raised (identity: NOT_FOUND)', () => {
    it('is in Chinese without the header, keeping its code and, in extensions.detail, the English message', async () => {
      const reply = await asUnknown();
      expect(reply.status).toBe(200);
      expect(reply.body.errors).toEqual([
        { message: zh.NOT_FOUND.messages['zh-CN'], path: ['applicant'], extensions: { code: 'NOT_FOUND', serviceName: 'identity', detail: expect.stringMatching(/population register/) } },
      ]);
    });

    it('is in English, as written, when English is preferred', async () => {
      for (const header of ['en', 'en-US,en;q=0.9', 'zh-CN;q=0.3, en-GB;q=0.8']) {
        const reply = await asUnknown({ 'accept-language': header });
        expect({ header, errors: reply.body.errors }).toEqual({
          header,
          errors: [{ message: expect.stringMatching(/population register/), path: ['applicant'], extensions: { code: 'NOT_FOUND', serviceName: 'identity' } }],
        });
      }
    });

    it('is in Chinese when Chinese is preferred, or English is not acceptable', async () => {
      for (const header of ['zh-CN', 'en;q=0.4, zh;q=0.8', 'fr-FR', 'en;q=0']) {
        const reply = await asUnknown({ 'accept-language': header });
        expect({ header, message: reply.body.errors?.[0]?.message }).toEqual({ header, message: zh.NOT_FOUND.messages['zh-CN'] });
      }
    });
  });

  it('keeps the argument and the rule of a BAD_USER_INPUT beside the Chinese sentence', async () => {
    const known = SCENARIOS.cleanCouple.applicant.idNumber;
    const wrongCheck = known.slice(0, 17) + (known[17] === '1' ? '2' : '1');
    const officer = await system.asOfficer();
    const reply = await officer(APPLICANT, { id: wrongCheck }, { 'accept-language': 'zh-CN' });
    expect(reply.body.errors).toEqual([
      expect.objectContaining({
        message: zh.BAD_USER_INPUT.messages['zh-CN'],
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'idNumber', rule: expect.stringMatching(/check character/), detail: expect.stringMatching(/check character/) }),
      }),
    ]);
  });

  it("translates the gateway's own pipeline errors (validation, HTTP 400)", async () => {
    const reply = await post(system.gatewayUrl, { query: '{ applicant(idNumber: "x") { nam } }' });
    expect(reply.status).toBe(400);
    expect(reply.body.errors?.[0]).toEqual({
      message: zh.GRAPHQL_VALIDATION_FAILED.messages['zh-CN'],
      locations: expect.any(Array),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', detail: expect.stringContaining('Cannot query field "nam"') },
    });
  });

  it('translates refusals written before Apollo runs: a bad token, a body that is not JSON, a request without a query', async () => {
    const badToken = await post(system.gatewayUrl, { query: '{ __typename }' }, { authorization: 'Bearer not-a-token' });
    expect(badToken.status).toBe(401);
    expect(badToken.body.errors).toEqual([{ message: zh.UNAUTHENTICATED.messages['zh-CN'], extensions: { code: 'UNAUTHENTICATED', detail: expect.any(String) } }]);

    const notJson = await post(system.gatewayUrl, '{"query": ', { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.errors).toEqual([{ message: zh.BAD_REQUEST.messages['zh-CN'], extensions: { code: 'BAD_REQUEST', detail: 'The request body is not valid JSON.' } }]);

    // Refused by Apollo's HTTP layer, outside its request pipeline (no plugin sees it).
    const noQuery = await post(system.gatewayUrl, { variables: {} });
    expect(noQuery.status).toBe(400);
    expect(noQuery.body.errors).toEqual([expect.objectContaining({ message: zh.BAD_REQUEST.messages['zh-CN'], extensions: expect.objectContaining({ code: 'BAD_REQUEST' }) })]);

    const inEnglish = await post(system.gatewayUrl, { query: '{ __typename }' }, { authorization: 'Bearer not-a-token', 'accept-language': 'en' });
    expect(inEnglish.body.errors).toEqual([{ message: badToken.body.errors?.[0]?.extensions?.detail, extensions: { code: 'UNAUTHENTICATED' } }]);
  });
});

describe('error messages by accept-language, with a subgraph down', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(() => system.stop());

  it('names the subgraph that is down in the Chinese sentence, as extensions.serviceName does', async () => {
    const single = SCENARIOS.singleApplicant;
    const caseId = await system.openCase({ applicant: single.applicant.idNumber });
    await system.subgraphServers.credit.close();
    const officer = await system.asOfficer(undefined, caseId);
    const query = 'query($id: IdNumber!) { applicant(idNumber: $id) { name creditReport { reportNumber } } }';
    const reply = await officer(query, { id: single.applicant.idNumber }, { 'accept-language': 'zh-CN' });
    expect(reply.body.data).toMatchObject({ applicant: { name: single.applicant.name, creditReport: null } });
    expect(reply.body.errors).toEqual([
      expect.objectContaining({
        message: 'credit 服务暂时不可用，由它提供的数据暂为空。',
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'credit', detail: 'The credit service is unavailable; the fields it serves are null for now.' },
      }),
    ]);
  });
});
