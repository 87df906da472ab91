/**
 * The loan engine reads agency data through the gateway like any other caller: as a SERVICE of
 * the application's centre, for the purpose HPF_LOAN_REVIEW and naming the application, so every
 * read is checked against the applicants' consents and written to the access record. The worker
 * uses it for the checks and the mortgage; the loan subgraph for the intake look-up at submission,
 * before any application exists (no application named, so it opens nobody's personal data), and
 * for a couple's quota estimate, whose reads of the spouse go for the purpose HPF_QUOTA_ESTIMATE
 * and open only what she consented to lend it (rules.ts hasEstimateConsent).
 */
import { createHash } from 'node:crypto';
import type { Purpose } from '../../lib/actor';
import type { Config } from '../../lib/config';
import { LOAN_ENGINE } from '../../lib/services';
import { createServiceTokens } from '../../lib/service-tokens';

export interface GraphQLAnswer {
  data: Record<string, unknown> | null;
  errors: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; agency?: string; serviceName?: string } }>;
}

export interface GatewayClient {
  /**
   * `applicationId` null: no case yet (the intake look-up, a couple's estimate); `timeoutMs` defaults
   * to three agency timeouts; `purpose` to HPF_LOAN_REVIEW (the couple estimate's reads are HPF_QUOTA_ESTIMATE).
   */
  query(centre: string, applicationId: string | null, query: string, variables: Record<string, unknown>, options?: { timeoutMs?: number; purpose?: Purpose }): Promise<GraphQLAnswer>;
}

/**
 * Tokens from the identity provider by client credentials (AUTH_CLIENT_ID, AUTH_CLIENT_SECRET), one
 * per centre; in development without them, from the local key pair (lib/service-tokens.ts).
 * `gatewayUrl` may be asked per call: a system in one process starts its gateway after its
 * subgraphs, on a port not known before.
 */
export function createGatewayClient(config: Readonly<Config>, gatewayUrl: string | (() => string) = config.loan.gatewayUrl): GatewayClient {
  // Fail at start-up rather than retry every check until its deadline with tokens nobody trusts.
  const { tokenFor } = createServiceTokens(config, LOAN_ENGINE);

  return {
    async query(centre, applicationId, query, variables, { timeoutMs = config.agencyTimeoutMs * 3, purpose = 'HPF_LOAN_REVIEW' } = {}) {
      const signal = AbortSignal.timeout(timeoutMs);
      // A registered document goes by its hash (Apollo's persisted-query extension, the same
      // SHA-256 a documentId names): a gateway that runs registered operations only finds it in
      // its manifests (client hpf-loan-worker); one that does not asks for the text once (the APQ protocol).
      const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query, 'utf8').digest('hex') };
      const byHash = await send(centre, applicationId, purpose, signal, { variables, extensions: { persistedQuery } });
      if (!byHash.errors.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) return byHash;
      return send(centre, applicationId, purpose, signal, { query, variables, extensions: { persistedQuery } });
    },
  };

  async function send(centre: string, applicationId: string | null, purpose: Purpose, signal: AbortSignal, request: Record<string, unknown>): Promise<GraphQLAnswer> {
    const response = await fetch(typeof gatewayUrl === 'string' ? gatewayUrl : gatewayUrl(), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await tokenFor(centre)}`,
        'x-purpose': purpose,
        ...(applicationId === null ? {} : { 'x-application-id': applicationId }),
      },
      body: JSON.stringify(request),
      signal,
    });
    const body = (await response.json()) as Partial<GraphQLAnswer>;
    return { data: body.data ?? null, errors: body.errors ?? [] };
  }
}
