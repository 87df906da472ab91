/**
 * The loan worker reads agency data through the gateway like any other caller: as a SERVICE of
 * the application's centre, for the purpose HPF_LOAN_REVIEW and naming the application, so every
 * read is checked against the applicants' consents and written to the access record.
 */
import { createHash } from 'node:crypto';
import type { Config } from '../../../lib/config';
import { LOAN_ENGINE } from '../../../lib/services';
import { createServiceTokens } from '../../../lib/service-tokens';

export interface GraphQLAnswer {
  data: Record<string, unknown> | null;
  errors: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; agency?: string; serviceName?: string } }>;
}

export interface GatewayClient {
  query(centre: string, applicationId: string, query: string, variables: Record<string, unknown>): Promise<GraphQLAnswer>;
}

/**
 * Tokens from the identity provider by client credentials (AUTH_CLIENT_ID, AUTH_CLIENT_SECRET), one
 * per centre; in development without them, from the local key pair (lib/service-tokens.ts).
 */
export function createGatewayClient(config: Readonly<Config>, gatewayUrl = config.loan.gatewayUrl): GatewayClient {
  // Fail at start-up rather than retry every check until its deadline with tokens nobody trusts.
  const { tokenFor } = createServiceTokens(config, LOAN_ENGINE);

  return {
    async query(centre, applicationId, query, variables) {
      // A registered document goes by its hash (Apollo's persisted-query extension, the same
      // SHA-256 a documentId names): a gateway that runs registered operations only finds it in
      // its manifests (client hpf-loan-worker); one that does not asks for the text once (the APQ protocol).
      const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query, 'utf8').digest('hex') };
      const byHash = await send(centre, applicationId, { variables, extensions: { persistedQuery } });
      if (!byHash.errors.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) return byHash;
      return send(centre, applicationId, { query, variables, extensions: { persistedQuery } });
    },
  };

  async function send(centre: string, applicationId: string, request: Record<string, unknown>): Promise<GraphQLAnswer> {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await tokenFor(centre)}`,
        'x-purpose': 'HPF_LOAN_REVIEW',
        'x-application-id': applicationId,
      },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(config.agencyTimeoutMs * 3),
    });
    const body = (await response.json()) as Partial<GraphQLAnswer>;
    return { data: body.data ?? null, errors: body.errors ?? [] };
  }
}
