import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { Kind, getIntrospectionQuery, parse, validate, type FragmentDefinitionNode, type GraphQLError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import {
  DEFAULT_MAX_DEPTH,
  checkQueryLimits,
  maxDepthRule,
  operationCost,
  queryLimits,
  rememberedQueryLimits,
  resolveQueryLimits,
  selectionDepth,
  type QueryLimitOptions,
} from '../../gateway/plugins/limits';
import {
  TRUSTED_DOCUMENTS_DIR,
  TrustedDocumentRegistry,
  TrustedDocumentsError,
  documentHash,
  documentIdOf,
  loadTrustedDocumentRegistry,
  resolveTrustedDocument,
  trustedDocuments,
  type TrustedDocumentManifest,
} from '../../gateway/plugins/trusted-documents';
import { RegistrationError, loadApiSchema, registerOperations } from '../../scripts/register-operations';

const ID = '350102199003070011';
const ID2 = '350102199105080022';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await loadApiSchema();
});

/** The refusals of a query that is otherwise valid against the API schema, as [code, message]. */
function refusals(query: string, options: QueryLimitOptions = {}, variables?: Record<string, unknown>): Array<[unknown, string]> {
  const document = parse(query);
  expect(validate(schema, document).map((e) => e.message)).toEqual([]);
  return checkQueryLimits(schema, document, resolveQueryLimits(options), variables).map((e) => [e.extensions.code, e.message]);
}
const codes = (query: string, options?: QueryLimitOptions, variables?: Record<string, unknown>) => refusals(query, options, variables).map(([code]) => code);

/** The first operation of a query, and a lookup of its fragments. */
function onlyOperation(query: string): { operation: OperationDefinitionNode; lookup: (name: string) => FragmentDefinitionNode | undefined } {
  const { definitions } = parse(query);
  const operation = definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('no operation');
  const fragments = definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
  return { operation, lookup: (name) => fragments.find((f) => f.name.value === name) };
}
const costOf = (query: string, variables?: Record<string, unknown>) => {
  const { operation, lookup } = onlyOperation(query);
  return operationCost(operation, { schema, lookup, variables, defaultListSize: 10 });
};
const depthOf = (query: string) => {
  const { operation, lookup } = onlyOperation(query);
  return selectionDepth(operation.selectionSet, lookup);
};

/** applicant → (marriage → spouse) × pairs → name: 2 + 2 × pairs fields deep. */
function marriageChain(pairs: number): string {
  return `{ applicant(idNumber: "${ID}") { ${'marriage { spouse { '.repeat(pairs)}name${' } }'.repeat(pairs)} } }`;
}

describe('query limits', () => {
  describe('configuration', () => {
    it('fills in the documented defaults', () => {
      expect(resolveQueryLimits()).toEqual({ maxDepth: 12, maxCost: 10000, maxAliases: 30, maxRootFields: 10, defaultListSize: 10, introspection: false });
    });

    it('refuses a limit that is not a positive integer, rather than switching the check off', () => {
      expect(() => resolveQueryLimits({ maxDepth: 0, maxCost: Number.NaN })).toThrow(/maxDepth must be a positive integer.*maxCost must be a positive integer/);
    });
  });

  describe('depth', () => {
    it('counts the fields on the longest path', () => {
      expect(depthOf(`{ applicant(idNumber: "${ID}") { name } }`)).toBe(2);
      expect(depthOf(marriageChain(6))).toBe(14);
    });

    it('lets the deepest legitimate query through, and refuses one 14 deep with QUERY_TOO_DEEP', () => {
      expect(refusals(marriageChain(3))).toEqual([]);
      expect(refusals(marriageChain(6))).toEqual([['QUERY_TOO_DEEP', `Query depth 14 exceeds the limit of ${DEFAULT_MAX_DEPTH}.`]]);
    });

    it('counts depth through fragment spreads and inline fragments, wherever the fragments are declared', () => {
      const query = `
        query Deep { applicant(idNumber: "${ID}") { ...Outer } }
        fragment Outer on Applicant { marriage { spouse { ... on Applicant { ...Inner } } } }
        fragment Inner on Applicant { marriage { spouse { marriage { spouse { marriage { spouse { marriage { spouse { marriage { spouse { name } } } } } } } } } } }
      `;
      expect(depthOf(query)).toBe(14);
      expect(codes(query)).toEqual(['QUERY_TOO_DEEP']);
    });

    it('ends on a fragment cycle, which graphql itself refuses', () => {
      const query = `
        query Cycle { applicant(idNumber: "${ID}") { ...A } }
        fragment A on Applicant { marriage { spouse { ...B } } }
        fragment B on Applicant { marriage { spouse { ...A } } }
      `;
      expect(depthOf(query)).toBe(5);
      expect(validate(schema, parse(query)).map((e) => e.message)).toContain('Cannot spread fragment "A" within itself via "B".');
    });
  });

  describe('aliases', () => {
    const aliased = (count: number) => `{ applicant(idNumber: "${ID}") { ${Array.from({ length: count }, (_, i) => `a${i}: name`).join(' ')} } }`;

    it('allows 30 and refuses 31 with TOO_MANY_ALIASES', () => {
      expect(refusals(aliased(30))).toEqual([]);
      expect(refusals(aliased(31))).toEqual([['TOO_MANY_ALIASES', 'Query uses 31 aliases, more than the limit of 30.']]);
    });

    it('counts a fragment’s aliases each time it is spread', () => {
      const fields = Array.from({ length: 16 }, (_, i) => `n${i}: name`).join(' ');
      const query = `
        query Twice { applicant(idNumber: "${ID}") { ...Names marriage { spouse { ...Names } } } }
        fragment Names on Applicant { ${fields} }
      `;
      expect(refusals(query)).toEqual([['TOO_MANY_ALIASES', 'Query uses 32 aliases, more than the limit of 30.']]);
    });
  });

  describe('root fields', () => {
    const roots = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `r${i}: applicant(idNumber: "${ID}") { name }`).join(' ')} }`;

    it('allows 10 and refuses 11 with TOO_MANY_ROOT_FIELDS', () => {
      expect(refusals(roots(10))).toEqual([]);
      expect(refusals(roots(11))).toEqual([['TOO_MANY_ROOT_FIELDS', 'Query selects 11 root fields, more than the limit of 10.']]);
    });

    it('counts root fields through fragments on Query, each response key once', () => {
      const query = `
        query Roots { ...Two ...Two applicant(idNumber: "${ID}") { name } }
        fragment Two on Query { a: applicant(idNumber: "${ID}") { name } b: applicant(idNumber: "${ID2}") { name } }
      `;
      expect(refusals(query, { maxRootFields: 2 })).toEqual([['TOO_MANY_ROOT_FIELDS', 'Query selects 3 root fields, more than the limit of 2.']]);
    });
  });

  describe('cost', () => {
    it('costs each field 1 and multiplies what is under a list by its idNumbers length', () => {
      expect(costOf(`{ applicant(idNumber: "${ID}") { name } }`)).toBe(2);
      expect(costOf(`{ applicants(idNumbers: ["${ID}", "${ID2}", "${ID}"]) { name marriage { status } } }`)).toBe(1 + 3 * (1 + 2));
    });

    it('assumes 10 for a list the query does not size, once per level', () => {
      expect(costOf(`{ applicant(idNumber: "${ID}") { providentFundLoans { borrowers { name } } } }`)).toBe(1 + (1 + 10 * (1 + 10 * 1)));
    });

    it('sizes a list argument passed as a variable by its value, or by its default', () => {
      const query = `query Many($ids: [IdNumber!]! = ["${ID}", "${ID2}"]) { applicants(idNumbers: $ids) { name } }`;
      expect(costOf(query, { ids: Array(100).fill(ID) })).toBe(1 + 100);
      expect(costOf(query, {})).toBe(1 + 2);
    });

    it('measures fragments on their own type, inside the list that spreads them', () => {
      const query = `
        query Frag { applicants(idNumbers: ["${ID}", "${ID2}"]) { ...Person } }
        fragment Person on Applicant { name realEstateHoldings { properties { ref } } }
      `;
      expect(costOf(query)).toBe(1 + 2 * (1 + (1 + (1 + 10 * 1))));
    });

    // Regression: a default of 5000 refused 70 applicants with a view like test/graph/batching.spec.ts's,
    // while applicants(idNumbers:) takes up to 100.
    it('lets a batching view through for 100 applicants, the most applicants(idNumbers:) takes', () => {
      const query = `query Batch($idNumbers: [IdNumber!]!) { applicants(idNumbers: $idNumbers) {
        name gender birthDate identityVerification { householdStatus } marriage { status } providentFundAccount { balance }
        realEstateHoldings { count properties { registration { status } contractFiling { price } transferTax { paid } } } } }`;
      expect(costOf(query, { idNumbers: Array(100).fill(ID) })).toBe(1 + 100 * 72);
      expect(codes(query, {}, { idNumbers: Array(100).fill(ID) })).toEqual([]);
    });

    it('refuses nested lists of lists with QUERY_TOO_COSTLY', () => {
      const query = `{ applicant(idNumber: "${ID}") { providentFundLoans { borrowers { providentFundLoans { borrowers { providentFundLoans { borrowers { name } } } } } } } }`;
      const [refusal] = refusals(query);
      expect(refusal?.[0]).toBe('QUERY_TOO_COSTLY');
      expect(refusal?.[1]).toMatch(/^Query cost 1111112 exceeds the limit of 10000 /);
    });

    it('sizes a request by the variables it was sent with', () => {
      const view = 'name gender birthDate identityVerification { verified householdStatus householdRegion } marriage { status registrationDate spouse { name } } providentFundAccount { balance monthlyDeposit continuousDepositMonths }';
      const query = `query Many($ids: [IdNumber!]!) { applicants(idNumbers: $ids) { ${view} } }`;
      expect(costOf(query, { ids: Array(100).fill(ID) })).toBe(1 + 100 * 16);
      expect(codes(query, {}, { ids: Array(100).fill(ID) })).toEqual([]);
      expect(codes(query, { maxCost: 1000 }, { ids: Array(10).fill(ID) })).toEqual([]);
      expect(codes(query, { maxCost: 1000 }, { ids: Array(100).fill(ID) })).toEqual(['QUERY_TOO_COSTLY']);
    });

    // The gateway's plugin measures an operation once per schema, document and list length, not per request.
    it('is remembered per document and list length, and measured again when either changes', () => {
      const check = rememberedQueryLimits(resolveQueryLimits({ maxCost: 1000 }));
      const many = parse(`query Many($ids: [IdNumber!]!) { applicants(idNumbers: $ids) { ...Person } } fragment Person on Applicant { name marriage { status spouse { name } } }`);
      const few = check(schema, many, { ids: Array(10).fill(ID) });
      expect(few).toEqual([]);
      expect(check(schema, many, { ids: Array(10).fill(ID2) })).toBe(few);
      expect(check(schema, many, { ids: Array(500).fill(ID) }).map((e) => e.extensions.code)).toEqual(['QUERY_TOO_COSTLY']);
      expect(check(schema, many, { ids: Array(10).fill(ID) })).toBe(few);
      // Not sent is not an empty list: the default length applies.
      expect(check(schema, parse(`query Some($ids: [IdNumber!]! = ["${ID}"]) { applicants(idNumbers: $ids) { name } }`), {})).toEqual([]);
      const deep = parse(`{ applicant(idNumber: "${ID}") { providentFundLoans { borrowers { providentFundLoans { borrowers { name } } } } } }`);
      expect(check(schema, deep).map((e) => e.extensions.code)).toEqual(['QUERY_TOO_COSTLY']);
      expect(rememberedQueryLimits(resolveQueryLimits({ maxCost: 20_000 }))(schema, deep)).toEqual([]);
    });
  });

  describe('a fragment bomb', () => {
    it('is measured in time linear in the document, and refused on every count', () => {
      const levels = 40;
      const fragments = Array.from({ length: levels }, (_, i) =>
        i === 0
          ? 'fragment F0 on Applicant { name }'
          : `fragment F${i} on Applicant { a${i}: marriage { spouse { ...F${i - 1} } } b${i}: marriage { spouse { ...F${i - 1} } } }`,
      );
      const document = parse(`query Bomb { applicant(idNumber: "${ID}") { ...F${levels - 1} } } ${fragments.join('\n')}`);
      const started = Date.now();
      const found = checkQueryLimits(schema, document, resolveQueryLimits()).map((e: GraphQLError) => e.extensions.code);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(found).toEqual(['TOO_MANY_ALIASES', 'QUERY_TOO_DEEP', 'QUERY_TOO_COSTLY']);
    });
  });

  describe('introspection', () => {
    it('refuses __schema and __type with INTROSPECTION_DISABLED, also inside fragments', () => {
      expect(codes('{ __schema { queryType { name } } }')).toEqual(['INTROSPECTION_DISABLED']);
      expect(codes('{ __type(name: "Applicant") { name } }')).toEqual(['INTROSPECTION_DISABLED']);
      expect(codes('query Q { ...Meta } fragment Meta on Query { __type(name: "Applicant") { fields { name } } }')).toEqual(['INTROSPECTION_DISABLED']);
    });

    it('always allows __typename', () => {
      expect(refusals(`{ __typename applicant(idNumber: "${ID}") { __typename name } }`)).toEqual([]);
    });

    it('allows introspection when switched on', () => {
      expect(refusals('{ __schema { queryType { name } } }', { introspection: true })).toEqual([]);
    });

    it('lets the standard introspection query of GraphiQL and codegen (15 levels) through, measured apart from the depth limit', () => {
      expect(refusals(getIntrospectionQuery(), { introspection: true })).toEqual([]);
      // Its own depth does not lend an operation room: the rest of the operation keeps the limit.
      expect(codes(`{ __schema { queryType { name } } applicant(idNumber: "${ID}") { marriage { spouse { marriage { spouse { name } } } } } }`, { introspection: true, maxDepth: 4 })).toEqual(['QUERY_TOO_DEEP']);
    });

    it('still bounds a hand-made introspection that nests without end', () => {
      const nested = `{ __type(name: "Applicant") { ${'ofType { '.repeat(20)}name${' }'.repeat(20)} } }`;
      expect(refusals(nested, { introspection: true })).toEqual([['QUERY_TOO_DEEP', 'Introspection depth 22 exceeds the limit of 16.']]);
    });
  });

  describe('through Apollo Server', () => {
    let apollo: ApolloServer;
    beforeAll(async () => {
      const limits = queryLimits({ maxDepth: 4 });
      apollo = new ApolloServer({ schema, introspection: true, validationRules: limits.validationRules, plugins: limits.plugins });
      await apollo.start();
    });
    afterAll(() => apollo.stop());

    it('refuses with its own code and HTTP 400, before execution', async () => {
      for (const [query, code] of [
        [marriageChain(2), 'QUERY_TOO_DEEP'],
        ['{ __schema { queryType { name } } }', 'INTROSPECTION_DISABLED'],
      ] as const) {
        const reply = await apollo.executeOperation({ query });
        expect(reply.http.status).toBe(400);
        expect(reply.body.kind === 'single' && reply.body.singleResult).toMatchObject({ errors: [{ extensions: { code } }] });
        expect(reply.body.kind === 'single' && reply.body.singleResult.data).toBeUndefined();
      }
    });

    it('runs what is within the limits', async () => {
      const reply = await apollo.executeOperation({ query: `{ __typename applicant(idNumber: "${ID}") { name } }` });
      expect(reply.body.kind === 'single' && reply.body.singleResult).toEqual({ data: { __typename: 'Query', applicant: null } });
    });

    // Why the limits are a plugin: a validation rule's own code does not survive Apollo Server.
    it('would lose the code as a validation rule (Apollo Server reports GRAPHQL_VALIDATION_FAILED)', async () => {
      const plain = new ApolloServer({ schema, validationRules: [maxDepthRule(4)] });
      await plain.start();
      try {
        const reply = await plain.executeOperation({ query: marriageChain(2) });
        expect(reply.body.kind === 'single' && reply.body.singleResult.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      } finally {
        await plain.stop();
      }
    });
  });
});

describe('trusted documents', () => {
  const OVERVIEW = `query Overview($id: IdNumber!) { applicant(idNumber: $id) { name } }\n`;
  const PROPERTY = `query Property($c: ContractNumber!) { propertyByContract(contractNumber: $c) { ref } }\n`;
  const manifest = (client: string, ...texts: string[]): TrustedDocumentManifest => ({
    client,
    operations: Object.fromEntries(texts.map((text) => [documentHash(text), text])),
  });

  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trusted-documents-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: unknown) => fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));

  describe('the registry', () => {
    it('identifies a document by the SHA-256 of its exact text, the hash Apollo Server checks for APQ', async () => {
      expect(documentIdOf('')).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
      const apollo = new ApolloServer({ schema });
      await apollo.start();
      try {
        const reply = await apollo.executeOperation({ query: OVERVIEW, variables: { id: ID }, extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(OVERVIEW) } } });
        expect(reply.body.kind === 'single' && reply.body.singleResult).toEqual({ data: { applicant: null } });
      } finally {
        await apollo.stop();
      }
    });

    it('loads every client’s manifest, ignoring the sources directory, and looks documents up in either case', () => {
      write('hpf-web.json', manifest('hpf-web', OVERVIEW, PROPERTY));
      write('counter-app.json', manifest('counter-app', OVERVIEW));
      fs.mkdirSync(path.join(dir, 'sources'));
      fs.writeFileSync(path.join(dir, 'sources', 'not-a-manifest.json'), '{');
      const registry = loadTrustedDocumentRegistry(dir);
      expect(registry.size).toBe(2);
      expect(registry.get(documentHash(OVERVIEW).toUpperCase())).toEqual({ hash: documentHash(OVERVIEW), text: OVERVIEW, clients: ['counter-app', 'hpf-web'] });
      expect(registry.get(documentHash('{ other }'))).toBeUndefined();
    });

    it('fails loading on a hash that does not match its text, naming the file and the hash', () => {
      const wrong = 'a'.repeat(64);
      write('hpf-web.json', { client: 'hpf-web', operations: { [wrong]: OVERVIEW } });
      expect(() => loadTrustedDocumentRegistry(dir)).toThrow(new RegExp(`hpf-web\\.json: operation ${wrong} does not match its text`));
    });

    it('reports every malformed manifest at once', () => {
      write('a.json', '{ not json');
      write('b.json', { client: 'someone-else', operations: {} });
      write('c.json', manifest('c', '{ applicant(idNumber: "x") { name } }', 'query Broken {'));
      try {
        loadTrustedDocumentRegistry(dir);
        throw new Error('expected a TrustedDocumentsError');
      } catch (error) {
        expect(error).toBeInstanceOf(TrustedDocumentsError);
        const problems = (error as TrustedDocumentsError).problems.join('\n');
        expect(problems).toMatch(/a\.json: is not valid JSON/);
        expect(problems).toMatch(/b\.json: "client" is "someone-else" but the file is named for "b"/);
        expect(problems).toMatch(/c\.json: operation \w+ has an operation without a name/);
        expect(problems).toMatch(/c\.json: operation \w+ is not valid GraphQL/);
      }
    });

    it('fails start-up in registered-only mode without manifests, and reads nothing when off', () => {
      expect(() => trustedDocuments({ mode: 'registered-only', manifestDir: path.join(dir, 'missing') })).toThrow(/no such directory/);
      expect(() => trustedDocuments({ mode: 'registered-only', manifestDir: dir })).toThrow(/would refuse every request/);
      expect(trustedDocuments({ mode: 'off', manifestDir: path.join(dir, 'missing') }).registry.size).toBe(0);
    });
  });

  describe('resolving a request body', () => {
    const registry = new TrustedDocumentRegistry([manifest('hpf-web', OVERVIEW)]);
    const id = documentIdOf(OVERVIEW);
    const unknownId = `sha256:${'b'.repeat(64)}`;

    it('puts the registered text in place of a documentId, keeping variables and operation name', () => {
      expect(resolveTrustedDocument({ documentId: id, variables: { id: ID }, operationName: 'Overview' }, registry, 'registered-only')).toEqual({
        kind: 'pass',
        body: { query: OVERVIEW, variables: { id: ID }, operationName: 'Overview' },
      });
    });

    it('puts the registered text in place of an APQ hash, and drops the hash', () => {
      const body = { variables: {}, extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(OVERVIEW) }, other: true } };
      expect(resolveTrustedDocument(body, registry, 'allow-registered-and-ad-hoc')).toEqual({ kind: 'pass', body: { variables: {}, query: OVERVIEW, extensions: { other: true } } });
    });

    it('refuses an unknown documentId with OPERATION_NOT_TRUSTED naming it, in either enabled mode', () => {
      for (const mode of ['registered-only', 'allow-registered-and-ad-hoc'] as const) {
        expect(resolveTrustedDocument({ documentId: unknownId }, registry, mode)).toEqual({
          kind: 'refuse',
          refusal: { code: 'OPERATION_NOT_TRUSTED', message: `No operation is registered under the document id ${unknownId}.`, httpStatus: 400 },
        });
      }
    });

    it('refuses a malformed documentId, or one sent with a query, as BAD_REQUEST', () => {
      expect(resolveTrustedDocument({ documentId: 'md5:abc' }, registry, 'registered-only')).toMatchObject({ kind: 'refuse', refusal: { code: 'BAD_REQUEST' } });
      expect(resolveTrustedDocument({ documentId: id, query: OVERVIEW }, registry, 'registered-only')).toMatchObject({ kind: 'refuse', refusal: { code: 'BAD_REQUEST' } });
    });

    it('in registered-only mode, runs registered text and refuses any other with OPERATION_NOT_TRUSTED', () => {
      expect(resolveTrustedDocument({ query: OVERVIEW }, registry, 'registered-only')).toEqual({ kind: 'pass', body: { query: OVERVIEW } });
      expect(resolveTrustedDocument({ query: '{ __typename }' }, registry, 'registered-only')).toMatchObject({ kind: 'refuse', refusal: { code: 'OPERATION_NOT_TRUSTED', httpStatus: 400 } });
      const apq = { extensions: { persistedQuery: { version: 1, sha256Hash: unknownId.slice(7) } } };
      expect(resolveTrustedDocument(apq, registry, 'registered-only')).toMatchObject({ kind: 'refuse', refusal: { code: 'OPERATION_NOT_TRUSTED', message: expect.stringContaining(unknownId) } });
      expect(resolveTrustedDocument({ variables: {} }, registry, 'registered-only')).toMatchObject({ kind: 'refuse', refusal: { code: 'TRUSTED_DOCUMENT_REQUIRED' } });
    });

    it('in allow-registered-and-ad-hoc mode, passes ad-hoc text and unknown APQ hashes on to Apollo', () => {
      const apq = { extensions: { persistedQuery: { version: 1, sha256Hash: 'c'.repeat(64) } } };
      for (const body of [{ query: '{ __typename }' }, apq, {}]) {
        expect(resolveTrustedDocument(body, registry, 'allow-registered-and-ad-hoc')).toEqual({ kind: 'pass', body });
      }
    });

    it('changes nothing when off', () => {
      expect(resolveTrustedDocument({ documentId: id }, registry, 'off')).toEqual({ kind: 'pass', body: { documentId: id } });
    });
  });

  describe('the gate in Apollo Server', () => {
    it('refuses unregistered text however it arrives, and runs registered text', async () => {
      write('hpf-web.json', manifest('hpf-web', OVERVIEW));
      const trusted = trustedDocuments({ mode: 'registered-only', manifestDir: dir });
      const apollo = new ApolloServer({ schema, plugins: [trusted.plugin] });
      await apollo.start();
      try {
        const refused = await apollo.executeOperation({ query: '{ __typename }' });
        expect(refused.http.status).toBe(400);
        expect(refused.body.kind === 'single' && refused.body.singleResult.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_TRUSTED');
        const ran = await apollo.executeOperation({ query: OVERVIEW, variables: { id: ID } });
        expect(ran.body.kind === 'single' && ran.body.singleResult).toEqual({ data: { applicant: null } });
      } finally {
        await apollo.stop();
      }
    });
  });

  describe('the committed manifests', () => {
    it('load, and every operation in them validates against the API schema within the default limits', () => {
      const registry = loadTrustedDocumentRegistry(TRUSTED_DOCUMENTS_DIR);
      expect(registry.size).toBeGreaterThan(0);
      for (const file of fs.readdirSync(TRUSTED_DOCUMENTS_DIR).filter((f) => f.endsWith('.json'))) {
        const { operations } = JSON.parse(fs.readFileSync(path.join(TRUSTED_DOCUMENTS_DIR, file), 'utf8')) as TrustedDocumentManifest;
        for (const text of Object.values(operations)) {
          const document = parse(text);
          expect([...validate(schema, document), ...checkQueryLimits(schema, document, resolveQueryLimits())].map((e) => `${file}: ${e.message}`)).toEqual([]);
        }
      }
    });

    it('hold every source operation of each client, as registered by the script', () => {
      const sourcesDir = path.join(TRUSTED_DOCUMENTS_DIR, 'sources');
      const registry = loadTrustedDocumentRegistry(TRUSTED_DOCUMENTS_DIR);
      for (const client of fs.readdirSync(sourcesDir)) {
        for (const source of fs.readdirSync(path.join(sourcesDir, client)).filter((f) => f.endsWith('.graphql'))) {
          const text = fs.readFileSync(path.join(sourcesDir, client, source), 'utf8');
          expect({ source, clients: registry.get(documentHash(text))?.clients }).toEqual({ source, clients: expect.arrayContaining([client]) });
        }
      }
    });
  });

  describe('the register script', () => {
    const source = (name: string, text: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return file;
    };

    it('writes the manifest, merges on a second run, and prints each document id', () => {
      const first = registerOperations({ client: 'hpf-web', files: [source('overview.graphql', OVERVIEW)], schema, manifestDir: dir });
      expect(first).toEqual([{ file: path.join(dir, 'overview.graphql'), documentId: documentIdOf(OVERVIEW), operationNames: ['Overview'], added: true }]);
      const second = registerOperations({ client: 'hpf-web', files: [source('overview.graphql', OVERVIEW), source('property.graphql', PROPERTY)], schema, manifestDir: dir });
      expect(second.map((o) => o.added)).toEqual([false, true]);
      expect(loadTrustedDocumentRegistry(dir).size).toBe(2);
    });

    it('registers nothing when any file is anonymous, invalid against the schema or over a limit', () => {
      const files = [
        source('ok.graphql', OVERVIEW),
        source('anonymous.graphql', `{ applicant(idNumber: "${ID}") { name } }`),
        source('invalid.graphql', `query Invalid { applicant(idNumber: "${ID}") { shoeSize } }`),
        source('deep.graphql', `query Deep ${marriageChain(6)}`),
      ];
      try {
        registerOperations({ client: 'hpf-web', files, schema, manifestDir: dir });
        throw new Error('expected a RegistrationError');
      } catch (error) {
        expect(error).toBeInstanceOf(RegistrationError);
        const problems = (error as RegistrationError).problems;
        expect(problems).toEqual([
          expect.stringMatching(/anonymous\.graphql: has an operation without a name/),
          expect.stringMatching(/invalid\.graphql: Cannot query field "shoeSize"/),
          expect.stringMatching(/deep\.graphql: Query depth 14 exceeds the limit of 12/),
        ]);
      }
      expect(fs.existsSync(path.join(dir, 'hpf-web.json'))).toBe(false);
    });
  });
});
