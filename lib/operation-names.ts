/**
 * Operation names as metric labels, bounded: a client chooses its operation's name, so a name
 * becomes a label only when it is one of the platform's registered operations (the trusted-document
 * manifests); any other is "other", and an operation without a name "anonymous". A subgraph sees
 * the gateway's names for its fetches (`<operation>__<subgraph>__<n>`), labelled by the operation.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';
import { REPO_ROOT } from '../schema/subgraphs';

/** The manifests the gateway's trusted documents read (gateway/plugins/trusted-documents.ts). */
export const OPERATION_MANIFESTS_DIR = path.join(REPO_ROOT, 'schema', 'trusted-documents');

export const OTHER_OPERATION = 'other';
export const ANONYMOUS_OPERATION = 'anonymous';

/** How the gateway's query planner names a subgraph fetch of a named operation. */
const FETCH_NAME_SUFFIX = /__[A-Za-z0-9_-]+?__\d+$/;

export type OperationLabel = (name: string | null | undefined) => string;

/** The label of an operation name: itself when registered, else "other" ("anonymous" without one). */
export function operationLabeller(registered: ReadonlySet<string>): OperationLabel {
  return (name) => {
    if (!name) return ANONYMOUS_OPERATION;
    const operation = name.replace(FETCH_NAME_SUFFIX, '');
    return registered.has(operation) ? operation : OTHER_OPERATION;
  };
}

/**
 * The names of every operation in the manifests (`<client>.json`: `{ operations: { hash: text } }`).
 * Only names are taken; whether a manifest is valid is the gateway's check, at its start-up, so a
 * manifest that cannot be read here just adds no names.
 */
export function registeredOperationNames(manifestDir: string = OPERATION_MANIFESTS_DIR): ReadonlySet<string> {
  const names = new Set<string>();
  if (!fs.existsSync(manifestDir)) return names;
  for (const file of fs.readdirSync(manifestDir).filter((name) => name.endsWith('.json'))) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(manifestDir, file), 'utf8')) as { operations?: Record<string, unknown> };
      for (const text of Object.values(manifest.operations ?? {})) {
        if (typeof text !== 'string') continue;
        for (const definition of parse(text).definitions) {
          if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) names.add(definition.name.value);
        }
      }
    } catch {
      continue;
    }
  }
  return names;
}
