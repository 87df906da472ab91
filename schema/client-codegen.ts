/**
 * GraphQL Code Generator's client preset as a frontend team sets it up against this graph: the
 * schema from schema/api.graphql (or a development gateway's introspection), every custom scalar
 * mapped to the TypeScript type its wire form has, and `strictScalars` so that a scalar added to the
 * graph without a mapping fails generation instead of turning into `unknown`. README's "For frontend
 * teams" shows the same mapping (a spec keeps the two equal), and test/gateway/codegen-client.spec.ts
 * generates a client with this config from both sources.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
import { API_SCHEMA_PATH } from './subgraphs';

/**
 * Each custom scalar's type in the client, input and output alike: its wire form (docs/scalars.md).
 * All are strings on purpose: Money is decimal text so that no amount ever passes through a float;
 * Date and DateTime stay text so that a date does not shift time zone in a browser's Date.
 */
export const CLIENT_SCALARS = {
  IdNumber: 'string',
  UnitNumber: 'string',
  ContractNumber: 'string',
  Money: 'string',
  Date: 'string',
  DateTime: 'string',
} as const satisfies Record<string, string>;

export interface ClientCodegenOptions {
  /** A file path or the development gateway's URL. Default: schema/api.graphql. */
  schema?: string;
  /** Glob(s) of the frontend's sources with graphql() calls. */
  documents: string | string[];
  /** Directory the client is written to (the preset's `gql/`), with its trailing slash. */
  output: string;
  /** Headers for introspection from a URL, e.g. `apollo-require-preflight`. */
  headers?: Record<string, string>;
  /** Write persisted-documents.json, for a gateway that runs registered operations only. Default on. */
  persistedDocuments?: boolean;
}

export function clientCodegenConfig(options: ClientCodegenOptions): CodegenConfig {
  const schema = options.schema ?? API_SCHEMA_PATH;
  return {
    schema: options.headers && /^https?:/.test(schema) ? [{ [schema]: { headers: options.headers } }] : schema,
    documents: options.documents,
    generates: {
      [options.output]: {
        preset: 'client',
        presetConfig: { persistedDocuments: options.persistedDocuments ?? true },
        config: { scalars: CLIENT_SCALARS, strictScalars: true },
      },
    },
  };
}
