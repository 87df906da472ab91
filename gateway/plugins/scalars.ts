/**
 * The gateway checks variables against the supergraph before it plans, but the supergraph knows
 * only the scalars' names: as it stands, `amount: 1.5` would pass the gateway and fail inside a
 * subgraph, where the client would see only that the subgraph failed. So the gateway's schema gets
 * the same parsing as the subgraphs' scalars (lib/scalars.ts), and a bad value is the client's
 * BAD_USER_INPUT, named, before any subgraph is called.
 */
import type { ApolloGateway } from '@apollo/gateway';
import { isScalarType } from 'graphql';
import { scalarResolvers } from '../../lib/scalars';
import type { BaseContext } from '@apollo/server';
import type { GatewayFeature } from '../feature';

export function enforceScalars(gateway: ApolloGateway): void {
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    for (const scalar of Object.values(scalarResolvers)) {
      const type = apiSchema.getType(scalar.name);
      if (isScalarType(type)) Object.assign(type, { parseValue: scalar.parseValue, parseLiteral: scalar.parseLiteral });
    }
  });
}

/** Scalar parsing as a gateway feature: applied to each schema the gateway loads. */
export function useScalars<Context extends BaseContext>(): GatewayFeature<Context> {
  return { name: 'scalars', withGateway: enforceScalars };
}
