/**
 * Composes the supergraph from each subgraph's SDL (one source of truth per subgraph) with
 * @apollo/composition. Used by `npm run compose` and by the staleness test.
 */
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { subgraphTypeDefs } from '../subgraphs/shared/type-defs';
import { SUBGRAPHS } from './subgraphs';

export type Composition = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

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
  return { ok: true, supergraphSdl: `${result.supergraphSdl.trimEnd()}\n` };
}
