/**
 * The value a resolver holds for each shared scalar, read off the scalar definitions themselves
 * (lib/scalars.ts): what parseValue gives an argument and what serialize takes from a resolver.
 * The generated resolver types (scripts/codegen.ts) map every custom scalar to this, so Money is
 * integer fen on both sides and a scalar added to the SDL without a definition fails to compile.
 */
import type { GraphQLScalarType } from 'graphql';
import type { scalarResolvers } from '../../lib/scalars';

type InternalOf<S> = S extends GraphQLScalarType<infer Internal, infer _External> ? Internal : never;

export type ScalarTypes = { [Name in keyof typeof scalarResolvers]: InternalOf<(typeof scalarResolvers)[Name]> };
