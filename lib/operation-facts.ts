/**
 * What Apollo learns about a request that the HTTP layer reports on (lib/request-report.ts): the
 * operation's name as resolved from the document (a client need not send operationName) and
 * whether the answer carries errors. The HTTP layer runs Apollo inside `recordingOperationFacts`,
 * and an Apollo Server plugin fills in the record of the request it runs in. (Not keyed by the
 * context object: Apollo Server gives plugins a copy of it.)
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

export interface OperationFacts {
  operationName: string | null;
  errors: boolean;
}

const current = new AsyncLocalStorage<OperationFacts>();

/** Runs `work` (Apollo's execution of one HTTP request) with `facts` as the record the plugin fills in. */
export function recordingOperationFacts<T>(facts: OperationFacts, work: () => Promise<T>): Promise<T> {
  return current.run(facts, work);
}

export function operationFactsPlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const facts = current.getStore();
      if (!facts) return;
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
