/** Calls of the Natural Resources real-estate registration endpoint (不动产登记信息共享接口). */
import type { MortgageRegistrationRequest } from '../../lib/agency-contracts';
import type { AgencyClient, CallContext } from '../shared/agency-client';

export function naturalResourcesApi(client: AgencyClient<'natural-resources'>, call: CallContext) {
  return {
    queryRegistrations: (unitNumbers: readonly string[]) =>
      client.call('/api/v1/registrations/batch-query', { unitNumbers: [...unitNumbers] }, call),
    /** The holdings of these owners; withRegistrations, the register's record of every unit held in the same call. */
    queryHoldings: (idNumbers: readonly string[], withRegistrations = false) =>
      client.call('/api/v1/registrations/batch-query-by-owner', withRegistrations ? { idNumbers: [...idNumbers], withRegistrations } : { idNumbers: [...idNumbers] }, call),
    registerMortgage: (request: MortgageRegistrationRequest) => client.call('/api/v1/mortgages/register', request, call),
  };
}
export type NaturalResourcesApi = ReturnType<typeof naturalResourcesApi>;
