/**
 * A frontend built with GraphQL Code Generator's client preset, persisted documents on, works
 * against a gateway that runs registered operations only: its persisted-documents.json is registered
 * as it is (npm run register-operations), and the hash the preset puts in each document is what
 * the client sends — as documentId by POST and by GET, or as Apollo's persisted-query extension.
 *
 * The client is generated here, into a temp dir, from a small .ts source (a graphql() call, as a
 * frontend writes it), against the API schema of schema/supergraph.graphql, by
 * test/support/codegen-client.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { GraphQLSchema } from 'graphql';
import { SCENARIOS } from '../../agencies/data/scenarios';
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
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codegen-client-'));
    fs.writeFileSync(path.join(dir, 'my-fund-account.ts'), SOURCE);
    // @graphql-codegen/cli's generate() with the client preset, in a process of its own (test/support/codegen-client.ts).
    execFileSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test', 'support', 'codegen-client.ts'), dir], { cwd: REPO_ROOT, stdio: 'pipe', timeout: 60_000 });
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
    fs.rmSync(dir, { recursive: true, force: true });
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
