/**
 * Registers a client's operations as trusted documents:
 *
 *   npx tsx scripts/register-operations.ts --client hpf-web schema/trusted-documents/sources/hpf-web/*.graphql
 *   npx tsx scripts/register-operations.ts --client hpf-web src/gql/persisted-documents.json
 *
 * Each `.graphql` file is one document; a `.json` file is a persisted-documents manifest as
 * codegen's client preset writes it (`{ "sha256:<hex>": "<text>" }`). A document's exact text is
 * what is registered and hashed: it must parse, name
 * every operation, validate against the API schema of schema/supergraph.graphql, and stay within
 * the gateway's default query limits (a registered operation the gateway would refuse is of no use).
 * All files are checked before anything is written; the client's manifest
 * (schema/trusted-documents/<client>.json, or under --manifest-dir) is merged, never pruned, and
 * each document's id is printed for the client to send.
 */
import fs from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { Kind, parse, validate, type GraphQLSchema } from 'graphql';
import { checkQueryLimits, resolveQueryLimits } from '../gateway/plugins/limits';
import {
  CLIENT_NAME_PATTERN,
  DOCUMENT_ID_PREFIX,
  TRUSTED_DOCUMENTS_DIR,
  TrustedDocumentsError,
  documentHash,
  documentIdOf,
  documentProblems,
  manifestPath,
  readManifest,
  writeManifest,
} from '../gateway/plugins/trusted-documents';
import { SUPERGRAPH_PATH } from '../schema/subgraphs';

/**
 * The API schema clients query, built by Apollo Gateway itself from the supergraph, so it is the
 * schema the gateway validates against. Loading makes no network call (static SDL, and telemetry off).
 */
export async function loadApiSchema(supergraphSdl: string = fs.readFileSync(SUPERGRAPH_PATH, 'utf8')): Promise<GraphQLSchema> {
  process.env.APOLLO_TELEMETRY_DISABLED = '1'; // since gateway 2.14, it phones home otherwise
  const gateway = new ApolloGateway({ supergraphSdl });
  try {
    return (await gateway.load()).schema;
  } finally {
    await gateway.stop();
  }
}

export interface RegisteredOperation {
  file: string;
  documentId: string;
  operationNames: string[];
  /** False when the manifest already held it. */
  added: boolean;
}

export class RegistrationError extends Error {
  constructor(readonly problems: string[]) {
    super(`operations not registered:\n  - ${problems.join('\n  - ')}`);
    this.name = 'RegistrationError';
  }
}

/**
 * The documents the files hold: a `.graphql` file is one document, its exact text; a `.json` file
 * is a persisted-documents manifest as codegen's client preset writes it (`persisted-documents.json`,
 * `{ "sha256:<hex>": "<document text>" }`, bare hex keys too), each key checked against its text,
 * since it is the id the client will send. Problems go to `problems`.
 */
export function sourcesOf(files: readonly string[], problems: string[]): Array<{ file: string; text: string }> {
  const sources: Array<{ file: string; text: string }> = [];
  for (const file of files) {
    let content: string;
    try {
      content = fs.readFileSync(file, 'utf8');
    } catch {
      problems.push(`${file}: cannot be read`);
      continue;
    }
    if (!file.endsWith('.json')) {
      sources.push({ file, text: content });
      continue;
    }
    let manifest: unknown;
    try {
      manifest = JSON.parse(content);
    } catch {
      problems.push(`${file}: is not valid JSON`);
      continue;
    }
    if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest) || Object.keys(manifest).length === 0) {
      problems.push(`${file}: must be a persisted-documents manifest, a JSON object of "sha256:<hex>" → document text, with at least one document`);
      continue;
    }
    for (const [key, text] of Object.entries(manifest as Record<string, unknown>)) {
      if (typeof text !== 'string') {
        problems.push(`${file}: document ${key} is not a string`);
        continue;
      }
      const hash = key.startsWith(DOCUMENT_ID_PREFIX) ? key.slice(DOCUMENT_ID_PREFIX.length) : key;
      if (hash.toLowerCase() !== documentHash(text)) {
        problems.push(`${file}: key ${key} is not the SHA-256 of its text (${documentIdOf(text)}); generate with the client preset's default hashAlgorithm, 'sha256'`);
        continue;
      }
      sources.push({ file: `${file}#${key}`, text });
    }
  }
  return sources;
}

/** Checks every file, then merges them into the client's manifest; throws RegistrationError listing every problem, writing nothing. */
export function registerOperations(options: { client: string; files: readonly string[]; schema: GraphQLSchema; manifestDir?: string }): RegisteredOperation[] {
  const { client, files, schema, manifestDir = TRUSTED_DOCUMENTS_DIR } = options;
  const problems: string[] = [];
  if (!CLIENT_NAME_PATTERN.test(client)) problems.push(`--client must match ${CLIENT_NAME_PATTERN} (got "${client}")`);
  if (files.length === 0) problems.push('name at least one .graphql file or persisted-documents .json manifest');
  const limits = resolveQueryLimits();

  const documents: Array<{ file: string; text: string; operationNames: string[] }> = [];
  for (const { file, text } of sourcesOf(files, problems)) {
    const syntax = documentProblems(text);
    if (syntax.length > 0) {
      problems.push(...syntax.map((problem) => `${file}: ${problem}`));
      continue;
    }
    const document = parse(text);
    const invalid = [...validate(schema, document), ...checkQueryLimits(schema, document, limits)];
    problems.push(...invalid.map((error) => `${file}: ${error.message}`));
    const operationNames = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : []));
    if (invalid.length === 0) documents.push({ file, text, operationNames });
  }
  if (problems.length > 0) throw new RegistrationError(problems);

  const file = manifestPath(manifestDir, client);
  const manifest = readManifest(file, client);
  const registered = documents.map(({ file: source, text, operationNames }) => {
    const hash = documentHash(text);
    const added = manifest.operations[hash] === undefined;
    manifest.operations[hash] = text;
    return { file: source, documentId: documentIdOf(text), operationNames, added };
  });
  writeManifest(file, manifest);
  return registered;
}

function parseArguments(argv: readonly string[]): { client: string; manifestDir: string | undefined; files: string[] } {
  let client = '';
  let manifestDir: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const argument = argv[i] as string;
    if (argument === '--client') client = argv[++i] ?? '';
    else if (argument === '--manifest-dir') manifestDir = argv[++i];
    else files.push(argument);
  }
  return { client, manifestDir, files };
}

async function main(): Promise<void> {
  const { client, manifestDir, files } = parseArguments(process.argv.slice(2));
  try {
    const registered = registerOperations({ client, files, manifestDir, schema: await loadApiSchema() });
    for (const operation of registered) {
      process.stdout.write(`${operation.documentId}  ${operation.operationNames.join(', ')}  ${operation.file}${operation.added ? '' : '  (already registered)'}\n`);
    }
    process.stdout.write(`${manifestPath(manifestDir ?? TRUSTED_DOCUMENTS_DIR, client)}: ${registered.filter((o) => o.added).length} added\n`);
  } catch (error) {
    if (!(error instanceof RegistrationError || error instanceof TrustedDocumentsError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
