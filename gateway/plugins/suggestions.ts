/**
 * graphql-js helps a developer who mistypes: `Cannot query field "nam" on type "Applicant". Did
 * you mean "name"?`, and likewise for arguments, types, enum values and input fields in
 * variables. With introspection off, those suggestions are a way to read the schema anyway, a
 * few names per request. In production the gateway drops them: from validation errors (Apollo
 * Server's hideSchemaDetailsFromClientErrors) and, with this plugin, from every other error
 * message too (a variable's value is checked during execution, not validation).
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GatewayFeature } from '../feature';

/** Every form graphql-js writes: ` Did you mean "a", "b", or "c"?`, ` Did you mean the enum value "X"?`. */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

export function noSuggestions<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        // Before the errors are formatted, whichever stage they come from.
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const message = withoutSuggestions(error.message);
            if (message !== error.message) error.message = message;
          }
        },
      };
    },
  };
}

/** Suggestions as a gateway feature: dropped when `hide` (production), kept otherwise (a developer's help). */
export function useSuggestions<Context extends BaseContext>({ hide }: { hide: boolean }): GatewayFeature<Context> {
  return { name: 'suggestions', plugins: hide ? [noSuggestions<Context>()] : [] };
}
