/**
 * Trusted documents: production clients register their operations ahead of time (a manifest per
 * client in schema/trusted-documents/<client>.json, written by scripts/register-operations.ts) and
 * send `{ "documentId": "sha256:<hex>" }` or Apollo's `extensions.persistedQuery.sha256Hash`
 * instead of the text. In 'registered-only' mode nothing else runs, which bounds the distinct
 * operations the gateway ever plans to the registered ones.
 *
 * Two steps, one registry:
 * - `resolveTrustedDocument` runs on the HTTP body before Apollo Server sees it: it puts the
 *   registered text in place of the id (Apollo Server only knows its own APQ cache) and refuses an
 *   unknown id, or unregistered text, early, before anything is parsed;
 * - the plugin is the gate that cannot be bypassed: in 'registered-only' mode it refuses, before
 *   planning, any operation whose text is not registered, however it arrived (a GET, a batch, a
 *   hash Apollo's APQ cache already held).
 *
 * A document's id is the SHA-256 of its exact text (UTF-8), the same hash Apollo Server computes
 * for APQ, so a registered document sent as text is recognised as well.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, parse } from 'graphql';
import { REPO_ROOT } from '../../schema/subgraphs';
import type { Logger } from '../../lib/logger';
import type { StringCache } from '../../lib/redis-cache';
import { TRUSTED_DOCUMENTS_MODES, type TrustedDocumentsMode } from '../../lib/gateway-settings';
import type { GatewayFeature } from '../feature';

/** Where the committed manifests live (one `<client>.json` each); `sources/` holds the .graphql files they were registered from. */
export const TRUSTED_DOCUMENTS_DIR = path.join(REPO_ROOT, 'schema', 'trusted-documents');

// Declared below the configuration that reads them (lib/ imports nothing of the gateway).
export { TRUSTED_DOCUMENTS_MODES, type TrustedDocumentsMode } from '../../lib/gateway-settings';

export const DOCUMENT_ID_PREFIX = 'sha256:';
const HASH_PATTERN = /^[0-9a-f]{64}$/;
const DOCUMENT_ID_PATTERN = /^sha256:([0-9a-fA-F]{64})$/;
/** Client names become file names: lower-case letters, digits and dashes only. */
export const CLIENT_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** SHA-256 (hex) of the exact document text: the manifest key, and Apollo's APQ hash. */
export function documentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The id a client sends: `sha256:<hex>`. */
export function documentIdOf(text: string): string {
  return DOCUMENT_ID_PREFIX + documentHash(text);
}

export interface TrustedDocumentManifest {
  client: string;
  /** SHA-256 hex of the text → the exact text. */
  operations: Record<string, string>;
}

export interface TrustedDocument {
  hash: string;
  text: string;
  /** Every client whose manifest holds it. */
  clients: readonly string[];
}

export class TrustedDocumentsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid trusted documents:\n  - ${problems.join('\n  - ')}`);
    this.name = 'TrustedDocumentsError';
  }
}

/** What is wrong with a document a manifest may hold: it must parse, and every operation must be named. */
export function documentProblems(text: string): string[] {
  let document;
  try {
    document = parse(text);
  } catch (error) {
    return [`is not valid GraphQL: ${error instanceof Error ? error.message : String(error)}`];
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length === 0) return ['holds no operation'];
  return operations.some((o) => !o.name) ? ['has an operation without a name'] : [];
}

/** Checks a manifest's shape, that each key is the hash of its text, and each text's document; problems go to `problems`. */
export function checkManifest(value: unknown, source: string, problems: string[]): TrustedDocumentManifest | null {
  const before = problems.length;
  if (!isRecord(value)) {
    problems.push(`${source}: must be a JSON object { "client", "operations" }`);
    return null;
  }
  const { client, operations } = value;
  if (typeof client !== 'string' || !CLIENT_NAME_PATTERN.test(client)) problems.push(`${source}: "client" must match ${CLIENT_NAME_PATTERN}`);
  if (!isRecord(operations)) {
    problems.push(`${source}: "operations" must be an object of sha256 hex → document text`);
    return null;
  }
  for (const [hash, text] of Object.entries(operations)) {
    if (typeof text !== 'string') {
      problems.push(`${source}: operation ${hash} is not a string`);
      continue;
    }
    if (!HASH_PATTERN.test(hash)) problems.push(`${source}: key "${hash}" is not a lower-case sha256 hex`);
    else if (documentHash(text) !== hash) problems.push(`${source}: operation ${hash} does not match its text (sha256 ${documentHash(text)})`);
    for (const problem of documentProblems(text)) problems.push(`${source}: operation ${hash} ${problem}`);
  }
  return problems.length === before ? { client: client as string, operations: operations as Record<string, string> } : null;
}

/** Reads and checks one manifest file; a missing file is an empty manifest for `client`. */
export function readManifest(file: string, client: string): TrustedDocumentManifest {
  if (!fs.existsSync(file)) return { client, operations: {} };
  const problems: string[] = [];
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new TrustedDocumentsError([`${file}: is not valid JSON`]);
  }
  const manifest = checkManifest(json, file, problems);
  if (manifest && manifest.client !== client) problems.push(`${file}: "client" is "${manifest.client}" but the file is named for "${client}"`);
  if (!manifest || problems.length > 0) throw new TrustedDocumentsError(problems);
  return manifest;
}

/** Writes a manifest in its canonical form: keys sorted, two-space indent, final newline, so diffs stay small. */
export function writeManifest(file: string, manifest: TrustedDocumentManifest): void {
  const operations = Object.fromEntries(Object.entries(manifest.operations).sort(([a], [b]) => a.localeCompare(b)));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ client: manifest.client, operations }, null, 2)}\n`);
}

export function manifestPath(manifestDir: string, client: string): string {
  return path.join(manifestDir, `${client}.json`);
}

export class TrustedDocumentRegistry {
  private readonly documents: ReadonlyMap<string, TrustedDocument>;

  constructor(manifests: readonly TrustedDocumentManifest[]) {
    const documents = new Map<string, { hash: string; text: string; clients: string[] }>();
    for (const manifest of manifests) {
      for (const [hash, text] of Object.entries(manifest.operations)) {
        const known = documents.get(hash);
        if (known) known.clients.push(manifest.client);
        else documents.set(hash, { hash, text, clients: [manifest.client] });
      }
    }
    this.documents = documents;
  }

  /** The document under a hash (hex, either case). */
  get(hash: string): TrustedDocument | undefined {
    return this.documents.get(hash.toLowerCase());
  }

  get size(): number {
    return this.documents.size;
  }
}

/**
 * Reads every `<client>.json` directly in `manifestDir` (subdirectories such as `sources/` are not
 * manifests), synchronously, once at start-up. Any problem in any manifest (malformed JSON or
 * shape, a hash that is not its text's, a document that does not parse) stops start-up, all
 * problems reported at once: a registry silently missing a client's operations would refuse them
 * all in production.
 */
export function loadTrustedDocumentRegistry(manifestDir: string): TrustedDocumentRegistry {
  if (!fs.existsSync(manifestDir) || !fs.statSync(manifestDir).isDirectory()) {
    throw new TrustedDocumentsError([`${manifestDir}: no such directory of trusted-document manifests`]);
  }
  const problems: string[] = [];
  const manifests: TrustedDocumentManifest[] = [];
  const files = fs
    .readdirSync(manifestDir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => entry.name)
    .sort();
  for (const name of files) {
    try {
      manifests.push(readManifest(path.join(manifestDir, name), path.basename(name, '.json')));
    } catch (error) {
      if (!(error instanceof TrustedDocumentsError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new TrustedDocumentsError(problems);
  return new TrustedDocumentRegistry(manifests);
}

export type TrustedDocumentCode = 'OPERATION_NOT_TRUSTED' | 'TRUSTED_DOCUMENT_REQUIRED' | 'BAD_REQUEST';

/** The HTTP status of every refusal: the request is at fault, and nothing ran. */
export const TRUSTED_DOCUMENT_HTTP_STATUS = 400;

export interface TrustedDocumentRefusal {
  code: TrustedDocumentCode;
  message: string;
  httpStatus: number;
}

export type TrustedDocumentResolution = { kind: 'pass'; body: unknown } | { kind: 'refuse'; refusal: TrustedDocumentRefusal };

const refuse = (code: TrustedDocumentCode, message: string): TrustedDocumentResolution => ({
  kind: 'refuse',
  refusal: { code, message, httpStatus: TRUSTED_DOCUMENT_HTTP_STATUS },
});

const notRegistered = (hash: string): TrustedDocumentResolution =>
  refuse('OPERATION_NOT_TRUSTED', `No operation is registered under the document id ${DOCUMENT_ID_PREFIX}${hash.toLowerCase()}.`);

const UNREGISTERED_TEXT_MESSAGE =
  'This operation is not registered: this endpoint runs registered operations only. Register it with scripts/register-operations.ts and send its documentId.';

/** The body with the registered text as its query, and the id (ours and APQ's) removed: Apollo sees an ordinary request. */
function withText(body: Record<string, unknown>, text: string): Record<string, unknown> {
  const { documentId: _documentId, ...rest } = body;
  const extensions = isRecord(body.extensions) ? (({ persistedQuery: _persistedQuery, ...others }) => others)(body.extensions) : undefined;
  return { ...rest, query: text, ...(extensions === undefined ? {} : { extensions }) };
}

/**
 * Resolves a parsed JSON request body against the registry, before Apollo Server sees it.
 * - `documentId` ("sha256:<hex>"): replaced by the registered text; unknown → OPERATION_NOT_TRUSTED
 *   (in both enabled modes: there is no other place to find it); malformed or sent with a query → BAD_REQUEST.
 * - `extensions.persistedQuery.sha256Hash` (hex, or "sha256:<hex>") without a query: replaced by the registered text when
 *   registered; unknown → OPERATION_NOT_TRUSTED in 'registered-only', left to Apollo's APQ otherwise.
 * - a query text: in 'registered-only' it must be registered (OPERATION_NOT_TRUSTED otherwise).
 * - nothing at all: in 'registered-only', TRUSTED_DOCUMENT_REQUIRED (say what to send); otherwise Apollo's BAD_REQUEST.
 * Bodies that are not a JSON object (a batch, a string) pass unchanged: Apollo refuses or the plugin gates them.
 * A GET's parameters are resolved the same way (lib/apollo-http.ts reads them into such a body).
 * A body that passes unchanged is returned as the same object.
 */
export function resolveTrustedDocument(body: unknown, registry: TrustedDocumentRegistry, mode: TrustedDocumentsMode): TrustedDocumentResolution {
  if (mode === 'off' || !isRecord(body)) return { kind: 'pass', body };
  const registeredOnly = mode === 'registered-only';

  if (body.documentId !== undefined) {
    const match = typeof body.documentId === 'string' ? DOCUMENT_ID_PATTERN.exec(body.documentId) : null;
    if (!match) return refuse('BAD_REQUEST', `documentId must be "${DOCUMENT_ID_PREFIX}" followed by 64 hexadecimal digits.`);
    if (body.query !== undefined) return refuse('BAD_REQUEST', 'Send either a documentId or a query, not both.');
    const hash = match[1] as string;
    const document = registry.get(hash);
    return document ? { kind: 'pass', body: withText(body, document.text) } : notRegistered(hash);
  }

  const persisted = isRecord(body.extensions) && isRecord(body.extensions.persistedQuery) ? body.extensions.persistedQuery : undefined;
  if (persisted && body.query === undefined) {
    // Bare hex, as Apollo's persisted-query link sends it, or "sha256:<hex>", the form codegen's
    // client preset puts in each document's hash (what a link configured with generateHash sends).
    const given = typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : '';
    const hash = given.startsWith(DOCUMENT_ID_PREFIX) ? given.slice(DOCUMENT_ID_PREFIX.length) : given;
    if (!/^[0-9a-fA-F]{64}$/.test(hash)) {
      return registeredOnly ? refuse('BAD_REQUEST', `persistedQuery.sha256Hash must be 64 hexadecimal digits (or "${DOCUMENT_ID_PREFIX}" and 64).`) : { kind: 'pass', body };
    }
    const document = registry.get(hash);
    if (document) return { kind: 'pass', body: withText(body, document.text) };
    return registeredOnly ? notRegistered(hash) : { kind: 'pass', body };
  }

  if (!registeredOnly) return { kind: 'pass', body };
  if (typeof body.query === 'string' && body.query !== '') {
    return registry.get(documentHash(body.query)) ? { kind: 'pass', body } : refuse('OPERATION_NOT_TRUSTED', UNREGISTERED_TEXT_MESSAGE);
  }
  if (body.query === undefined || body.query === '') {
    return refuse('TRUSTED_DOCUMENT_REQUIRED', `This endpoint runs registered operations only: send { "documentId": "${DOCUMENT_ID_PREFIX}<hex>" }.`);
  }
  return { kind: 'pass', body }; // a query that is not a string: Apollo's BAD_REQUEST says so
}

export interface TrustedDocumentsOptions {
  mode: TrustedDocumentsMode;
  /** Directory of `<client>.json` manifests (the gateway uses schema/trusted-documents). Not read when mode is 'off'. */
  manifestDir: string;
}

export interface TrustedDocuments<TContext extends BaseContext> {
  mode: TrustedDocumentsMode;
  /** Empty when mode is 'off'. */
  registry: TrustedDocumentRegistry;
  /** The gate in Apollo Server; does nothing unless mode is 'registered-only'. */
  plugin: ApolloServerPlugin<TContext>;
  /** `resolveTrustedDocument` bound to this registry and mode, for the HTTP layer. */
  resolve(body: unknown): TrustedDocumentResolution;
}

/**
 * Loads the registry (synchronously: call it at start-up) and builds the plugin. Fails start-up on
 * any malformed manifest, or in 'registered-only' mode with nothing registered, which would refuse
 * every request.
 */
export function trustedDocuments<TContext extends BaseContext = BaseContext>(options: TrustedDocumentsOptions): TrustedDocuments<TContext> {
  const { mode, manifestDir } = options;
  if (!TRUSTED_DOCUMENTS_MODES.includes(mode)) throw new TrustedDocumentsError([`mode must be one of ${TRUSTED_DOCUMENTS_MODES.join(', ')} (got "${String(mode)}")`]);
  const registry = mode === 'off' ? new TrustedDocumentRegistry([]) : loadTrustedDocumentRegistry(manifestDir);
  if (mode === 'registered-only' && registry.size === 0) {
    throw new TrustedDocumentsError([`${manifestDir}: registered-only mode with no registered operation would refuse every request`]);
  }
  const plugin: ApolloServerPlugin<TContext> =
    mode === 'registered-only'
      ? {
          async requestDidStart() {
            return {
              // Before execution, where the gateway plans. queryHash is the SHA-256 of the text
              // Apollo will run (computed from the text, or an APQ hash Apollo checked against it).
              async didResolveOperation({ queryHash }) {
                if (!registry.get(queryHash)) {
                  throw new GraphQLError(UNREGISTERED_TEXT_MESSAGE, {
                    extensions: { code: 'OPERATION_NOT_TRUSTED', http: { status: TRUSTED_DOCUMENT_HTTP_STATUS } },
                  });
                }
              },
            };
          },
        }
      : {};
  return { mode, registry, plugin, resolve: (body) => resolveTrustedDocument(body, registry, mode) };
}

/** Where Apollo Server keeps automatic persisted queries in its cache: `apq:<sha256 hex>` → the text. */
const APQ_KEY = /^apq:([0-9a-fA-F]{64})$/;

/**
 * Apollo Server's cache with one more check on what it reads: a persisted query's text is used
 * only if it hashes (SHA-256) to the hash it is stored under. Apollo Server runs a cached text for
 * a hash-only request without looking at it again, so a text put under another operation's hash
 * (by whoever can write to the shared cache) would otherwise run in that operation's place, with
 * the next caller's token. A text that fails is a miss: the client sends its text again (the APQ
 * protocol), which Apollo checks against the hash before anything runs. Other keys pass as they are
 * (the Redis cache seals and checks every entry: lib/redis-cache.ts).
 */
export function verifiedPersistedQueries<Cache extends StringCache>(cache: Cache, logger: Logger): StringCache {
  return {
    async get(key) {
      const value = await cache.get(key);
      if (value === undefined || !key.startsWith('apq:')) return value;
      const apq = APQ_KEY.exec(key);
      if (apq && documentHash(value) === apq[1]!.toLowerCase()) return value;
      logger.warn('persisted query in the cache does not hash to its key; not used, and removed', { key });
      await cache.delete(key).catch(() => false);
      return undefined;
    },
    set: (key, value, options) => cache.set(key, value, options),
    delete: (key) => cache.delete(key),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Trusted documents as a gateway feature: the body resolution (documentId → text) and the gate. */
export function useTrustedDocuments<Context extends BaseContext>(options: TrustedDocumentsOptions): GatewayFeature<Context> {
  const trusted = trustedDocuments<Context>(options);
  return { name: 'trusted-documents', plugins: [trusted.plugin], resolveBody: trusted.resolve };
}
