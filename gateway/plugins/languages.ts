/**
 * Error messages in the client's language (Accept-Language: Chinese unless English is preferred;
 * lib/language.ts), translated by `extensions.code` (lib/localize-error.ts). It runs here, at
 * the one place every reply leaves, so the errors subgraphs raise are translated as they pass
 * through, and no subgraph needs to know the client's language for its errors.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { preferredLanguage } from '../../lib/language';
import { localizeErrors } from '../../lib/localize-error';
import type { GatewayFeature } from '../feature';

/** The errors of every reply from Apollo's pipeline: after formatError (so codes are catalogued), before serialisation. */
function localizedReplies<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors?.length) return;
          result.errors = localizeErrors(result.errors, preferredLanguage(request.http?.headers.get('accept-language')));
        },
      };
    },
  };
}

/** No options: the languages are those of the catalogue, and the default (Chinese) is the service's. */
export function useLanguages<Context extends BaseContext>(): GatewayFeature<Context> {
  return {
    name: 'languages',
    plugins: [localizedReplies<Context>()],
    // Refusals the HTTP layer writes itself (a bad token, a rate limit, a malformed body) are translated the same way.
    rewriteErrors: (request, errors) => {
      const header = request.headers['accept-language'];
      return localizeErrors(errors, preferredLanguage(typeof header === 'string' ? header : undefined));
    },
  };
}
