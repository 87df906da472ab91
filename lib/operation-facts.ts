/**
 * What Apollo learns about a request that the HTTP layer reports on (lib/request-report.ts): the
 * operation's name as resolved from the document (a client need not send operationName) and
 * whether the answer carries errors. An Apollo Server plugin records them per context object,
 * where the HTTP layer, which made that context, reads them once the reply is sent.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

export interface OperationFacts {
  operationName: string | null;
  errors: boolean;
}

const factsByContext = new WeakMap<object, OperationFacts>();

export function operationFactsPlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const facts: OperationFacts = { operationName: null, errors: false };
      factsByContext.set(contextValue, facts);
      return {
        async didResolveOperation({ operationName }) {
          facts.operationName = operationName ?? null;
        },
        async didEncounterErrors() {
          facts.errors = true;
        },
      };
    },
  };
}

/** The facts recorded for this context, if Apollo ran a request with it. */
export const operationFactsOf = (context: object): OperationFacts | undefined => factsByContext.get(context);
