/** Calls of the Public Security population endpoint (公安人口信息共享接口). */
import type { AgencyClient, CallContext } from '../shared/agency-client';
import type { FaceComparisonRequest, IdentityVerificationItem } from '../../lib/agency-contracts';

export function publicSecurityApi(client: AgencyClient<'public-security'>, call: CallContext) {
  return {
    queryPersons: (idNumbers: readonly string[]) =>
      client.call('/api/v1/persons/batch-query', { idNumbers: [...idNumbers] }, call),
    verifyIdentities: (items: readonly IdentityVerificationItem[]) =>
      client.call('/api/v1/persons/batch-verify', { items: [...items] }, call),
    compareFace: (request: FaceComparisonRequest) => client.call('/api/v1/faces/compare', request, call),
  };
}
export type PublicSecurityApi = ReturnType<typeof publicSecurityApi>;
