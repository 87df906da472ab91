/**
 * Composes the supergraph from each subgraph's SDL (one source of truth per subgraph) with
 * @apollo/composition, and derives the client-facing API schema from it. Used by `npm run compose`
 * and by the staleness test.
 */
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { parse, printSchema } from 'graphql';
import { subgraphTypeDefs } from '../subgraphs/shared/type-defs';
import { SUBGRAPHS } from './subgraphs';

export type Composition =
  | {
      ok: true;
      /** schema/supergraph.graphql: what the gateway loads, with the join__/link__ routing data. */
      supergraphSdl: string;
      /** schema/api.graphql: what clients see — the gateway's schema, printed. */
      apiSchemaSdl: string;
    }
  | { ok: false; errors: string[] };

export function composeSupergraph(): Composition {
  const result = composeServices(
    SUBGRAPHS.map((subgraph) => ({
      name: subgraph.name,
      // Placeholder URLs: the gateway resolves real ones from configuration at start-up.
      url: `http://${subgraph.name}.subgraph.invalid/graphql`,
      typeDefs: parse(subgraphTypeDefs(subgraph.name)),
    })),
  );
  if (result.errors) return { ok: false, errors: result.errors.map((e) => e.message) };
  // Derived from the supergraph SDL as the gateway derives it when it loads that file (same type
  // order too), so the API schema file is exactly what introspecting a running gateway answers
  // (test/deploy/composition.spec.ts holds the two together).
  const apiSchema = Supergraph.build(result.supergraphSdl).apiSchema().toGraphQLJSSchema();
  return { ok: true, supergraphSdl: `${result.supergraphSdl.trimEnd()}\n`, apiSchemaSdl: `${printSchema(apiSchema).trimEnd()}\n` };
}
