/**
 * A frontend built with GraphQL Code Generator's client preset, persisted documents on, works
 * against a gateway that runs registered operations only: its persisted-documents.json is registered
 * as it is (npm run register-operations), and the hash the preset puts in each document is what
 * the client sends — as documentId by POST and by GET, or as Apollo's persisted-query extension.
 *
 * The client is generated here, into a temp dir, from a small .ts source (a graphql() call, as a
 * frontend writes it), with the configuration frontend teams are given (schema/client-codegen.ts),
 * by test/support/codegen-client.ts: from schema/api.graphql, and from a development gateway's
 * introspection, each with the custom scalars typed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { GraphQLSchema } from 'graphql';
import ts from 'typescript';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { CLIENT_SCALARS } from '../../schema/client-codegen';
import { REPO_ROOT } from '../../schema/subgraphs';
import { buildGateway, type BuiltGateway } from '../../gateway/server';
import { TRUSTED_DOCUMENTS_DIR, documentHash, loadTrustedDocumentRegistry } from '../../gateway/plugins/trusted-documents';
import { listen, type ListeningServer } from '../../lib/http';
import { loadApiSchema, registerOperations, RegistrationError } from '../../scripts/register-operations';
import { startTestSystem, type TestSystem } from '../support/system';
import { testRunLogger } from '../support/test-logs';

const CLIENT = 'codegen-example';
const WIFE = SCENARIOS.cleanCouple.spouse!;

/** The frontend's source: its operations where its components use them. */
const SOURCE = `import { graphql } from './gql';

export const MyFundAccount = graphql(\`
  query MyFundAccount($idNumber: IdNumber!) {
    applicant(idNumber: $idNumber) {
      name
      providentFundAccount { balance continuousDepositMonths }
    }
  }
\`);
`;

/** What the preset generates for a document with persisted documents on: its hash under __meta__. */
interface PersistedDocument {
  __meta__: { hash: string };
  definitions: Array<{ name?: { value: string } }>;
}

/** Generates each client's <dir>/gql/ from the .ts sources in its dir, from its `schema` (a file or URL; default schema/api.graphql). */
async function generateClients(clients: Array<{ dir: string; schema?: string }>): Promise<void> {
  // @graphql-codegen/cli's generate() with the client preset, in a process of its own (test/support/codegen-client.ts),
  // one for every client of the spec: each start of that process takes seconds.
  // Asynchronously: when the schema is a gateway in this process, it must stay free to answer.
  const args = ['--import', 'tsx', path.join(REPO_ROOT, 'test', 'support', 'codegen-client.ts'), ...clients.flatMap(({ dir, schema }) => [...(schema ? ['--schema', schema] : []), dir])];
  await promisify(execFile)(process.execPath, args, { cwd: REPO_ROOT, timeout: 60_000 });
}

/** A frontend's use of its generated types: it compiles only if each scalar has its wire type. */
const CONSUMER = `import type { ApplicationFactsQuery, ApplicationFactsQueryVariables } from './gql/graphql';

declare const result: ApplicationFactsQuery;
export const balance: string | undefined = result.applicant?.providentFundAccount?.balance;
export const openedAt: string | undefined = result.applicant?.providentFundAccount?.openedAt;
export const retrievedAt: string | undefined = result.applicant?.providentFundAccount?.source.retrievedAt;
// @ts-expect-error Money is decimal text, never a number
export const balanceAsNumber: number | undefined = result.applicant?.providentFundAccount?.balance;
export const variables: ApplicationFactsQueryVariables = { idNumber: '11010519491231002X' };
// @ts-expect-error an IdNumber travels as a string
export const numericId: ApplicationFactsQueryVariables = { idNumber: 110105194912310020 };
`;

const FACTS_SOURCE = `import { graphql } from './gql';

export const ApplicationFacts = graphql(\`
  query ApplicationFacts($idNumber: IdNumber!) {
    applicant(idNumber: $idNumber) {
      birthDate
      providentFundAccount { balance openedAt source { retrievedAt } }
    }
  }
\`);
`;

/**
 * Type errors of the consumer against the generated client in each of `dirs`, strict as our own
 * code, each named by its file: one program for all (each program reads TypeScript's own lib anew).
 */
function typeErrors(dirs: readonly string[]): string[] {
  const consumers = dirs.map((dir) => path.join(dir, 'consumer.ts'));
  for (const consumer of consumers) fs.writeFileSync(consumer, CONSUMER);
  const program = ts.createProgram(consumers, {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    target: ts.ScriptTarget.ES2022,
    // The temp dir has no node_modules of its own: the generated client's one import is found in ours.
    paths: { '@graphql-typed-document-node/core': [path.join(REPO_ROOT, 'node_modules', '@graphql-typed-document-node', 'core')] },
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => `${diagnostic.file?.fileName ?? '(no file)'}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
}

// Every client of the spec, generated before its first test in one codegen process: two of the
// frontend that types its scalars (from schema/api.graphql, and from a development gateway's
// introspection), one of the frontend under TRUSTED_DOCUMENTS=registered-only.
let fromFile: string;
let fromGateway: string;
let registeredClient: string;

beforeAll(async () => {
  fromFile = fs.mkdtempSync(path.join(os.tmpdir(), 'codegen-file-'));
  fromGateway = fs.mkdtempSync(path.join(os.tmpdir(), 'codegen-gateway-'));
  registeredClient = fs.mkdtempSync(path.join(os.tmpdir(), 'codegen-client-'));
  for (const dir of [fromFile, fromGateway]) fs.writeFileSync(path.join(dir, 'application-facts.ts'), FACTS_SOURCE);
  fs.writeFileSync(path.join(registeredClient, 'my-fund-account.ts'), SOURCE);
  // A development gateway (introspection on by default outside production), as a frontend team runs one.
  const development = await startTestSystem();
  try {
    await generateClients([{ dir: fromFile }, { dir: fromGateway, schema: development.gatewayUrl }, { dir: registeredClient }]);
  } finally {
    await development.stop();
  }
}, 120_000);
afterAll(() => {
  for (const dir of [fromFile, fromGateway, registeredClient]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a codegen client-preset frontend’s types', () => {
  const generated = (dir: string) => fs.readFileSync(path.join(dir, 'gql', 'graphql.ts'), 'utf8');

  it('types each custom scalar the operation uses as its wire form, not unknown, from schema/api.graphql', () => {
    // The preset (6.x) writes the scalars' types straight into each operation's types.
    const client = generated(fromFile);
    expect(client).toContain('export type ApplicationFactsQueryVariables = Exact<{\n  idNumber: string;\n}>;');
    expect(client).toContain('{ birthDate: string | null, providentFundAccount: { balance: string, openedAt: string, source: { retrievedAt: string } } | null }');
  });

  it('generates the same client from a development gateway’s introspection as from the file', () => {
    expect(generated(fromGateway)).toBe(generated(fromFile));
  });

  it('is the configuration README gives frontend teams: the same scalar mapping', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const mapping = /^\s+scalars: (\{[^}]*\}),$/m.exec(readme.slice(readme.indexOf('## For frontend teams')))?.[1];
    const asJson = mapping?.replace(/(\w+): '(\w+)'/g, '"$1": "$2"');
    expect(asJson && (JSON.parse(asJson) as unknown)).toEqual(CLIENT_SCALARS);
  });

  it('gives a frontend types it can use strictly: Money, Date and DateTime are strings, an IdNumber variable is one', () => {
    expect(typeErrors([fromFile, fromGateway])).toEqual([]);
  });
});

describe('a codegen client-preset frontend under TRUSTED_DOCUMENTS=registered-only', () => {
  let dir: string;
  let manifestDir: string;
  let system: TestSystem;
  let gateway: BuiltGateway;
  let listening: ListeningServer;
  let url: string;
  let token: string;
  let myFundAccount: PersistedDocument;
  let persisted: Record<string, string>;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    dir = registeredClient;
    schema = await loadApiSchema();
    persisted = JSON.parse(fs.readFileSync(path.join(dir, 'gql', 'persisted-documents.json'), 'utf8')) as Record<string, string>;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the generated module, as the frontend imports it
    myFundAccount = (require(path.join(dir, 'gql', 'graphql.ts')) as Record<string, PersistedDocument>).MyFundAccountDocument!;

    // The committed manifests, plus this frontend's, registered with the script as an operator would.
    manifestDir = path.join(dir, 'trusted-documents');
    fs.mkdirSync(manifestDir);
    for (const file of fs.readdirSync(TRUSTED_DOCUMENTS_DIR).filter((f) => f.endsWith('.json'))) fs.copyFileSync(path.join(TRUSTED_DOCUMENTS_DIR, file), path.join(manifestDir, file));
    registerOperations({ client: CLIENT, files: [path.join(dir, 'gql', 'persisted-documents.json')], schema, manifestDir });

    system = await startTestSystem({ TRUSTED_DOCUMENTS: 'registered-only' });
    gateway = await buildGateway({ config: system.config, logger: testRunLogger(), subgraphUrls: system.subgraphUrls, trustedDocumentsDir: manifestDir });
    listening = await listen(gateway.server, 0);
    url = `${listening.url}/graphql`;
    token = await system.token({ role: 'APPLICANT', sub: 'citizen-wife', id_number: WIFE.idNumber });
  });
  afterAll(async () => {
    await listening?.close();
    await gateway?.stop();
    await system?.stop();
  });

  const headers = (): Record<string, string> => ({ authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' });
  const expectAnswered = (body: { data?: unknown; errors?: unknown }) => {
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ applicant: { name: WIFE.name, providentFundAccount: { balance: expect.any(String), continuousDepositMonths: expect.any(Number) } } });
  };

  it('generates a persisted-documents manifest keyed by sha256:<hex> of each document, and the same hash in the document', () => {
    expect(Object.keys(persisted)).toEqual([myFundAccount.__meta__.hash]);
    expect(myFundAccount.__meta__.hash).toBe(`sha256:${documentHash(persisted[myFundAccount.__meta__.hash]!)}`);
    expect(loadTrustedDocumentRegistry(manifestDir).get(myFundAccount.__meta__.hash.slice('sha256:'.length))?.clients).toEqual([CLIENT]);
  });

  it('runs by POST with the documentId the preset generated', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...headers(), 'content-type': 'application/json' },
      body: JSON.stringify({ documentId: myFundAccount.__meta__.hash, variables: { idNumber: WIFE.idNumber } }),
    });
    expect(response.status).toBe(200);
    expectAnswered(await response.json());
  });

  it('runs by GET: /graphql?documentId=sha256:…&variables=…', async () => {
    const search = new URLSearchParams({ documentId: myFundAccount.__meta__.hash, variables: JSON.stringify({ idNumber: WIFE.idNumber }) });
    const response = await fetch(`${url}?${search}`, { headers: headers() });
    expect(response.status).toBe(200);
    expectAnswered(await response.json());
  });

  it('runs as Apollo’s persisted-query extension, with the preset’s hash or its bare hex, by POST and by GET', async () => {
    for (const sha256Hash of [myFundAccount.__meta__.hash, myFundAccount.__meta__.hash.slice('sha256:'.length)]) {
      const extensions = { persistedQuery: { version: 1, sha256Hash } };
      const post = await fetch(url, {
        method: 'POST',
        headers: { ...headers(), 'content-type': 'application/json' },
        body: JSON.stringify({ operationName: 'MyFundAccount', variables: { idNumber: WIFE.idNumber }, extensions }),
      });
      expectAnswered(await post.json());
      const search = new URLSearchParams({ operationName: 'MyFundAccount', variables: JSON.stringify({ idNumber: WIFE.idNumber }), extensions: JSON.stringify(extensions) });
      const get = await fetch(`${url}?${search}`, { headers: headers() });
      expect(get.status).toBe(200);
      expectAnswered(await get.json());
    }
  });

  it('refuses, by GET too, a documentId nobody registered, and a GET that names none', async () => {
    const unknown = new URLSearchParams({ documentId: `sha256:${'0'.repeat(64)}`, variables: '{}' });
    const refused = await fetch(`${url}?${unknown}`, { headers: headers() });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: Array<{ extensions: { code: string } }> }).errors.map((e) => e.extensions.code)).toEqual(['OPERATION_NOT_TRUSTED']);
    const none = await fetch(`${url}?variables=%7B%7D`, { headers: headers() });
    expect(((await none.json()) as { errors: Array<{ extensions: { code: string } }> }).errors.map((e) => e.extensions.code)).toEqual(['TRUSTED_DOCUMENT_REQUIRED']);
  });

  it('register-operations refuses a manifest whose keys are not the SHA-256 of their text (e.g. generated with sha1)', async () => {
    const sha1 = path.join(dir, 'sha1-documents.json');
    fs.writeFileSync(sha1, JSON.stringify({ ['a'.repeat(40)]: Object.values(persisted)[0] }));
    expect(() => registerOperations({ client: CLIENT, files: [sha1], schema, manifestDir })).toThrow(RegistrationError);
    expect(() => registerOperations({ client: CLIENT, files: [sha1], schema, manifestDir })).toThrow(/is not the SHA-256 of its text/);
  });
});
