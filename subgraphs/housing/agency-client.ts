/** Calls of the Housing contract-filing endpoint (住建网签备案信息共享接口). */
import type { AgencyClient, CallContext } from '../shared/agency-client';

export function housingApi(client: AgencyClient<'housing'>, call: CallContext) {
  return {
    queryFilingsByContract: (contractNumbers: readonly string[]) =>
      client.call('/api/v1/contract-filings/batch-query-by-contract', { contractNumbers: [...contractNumbers] }, call),
    queryFilingsByUnit: (unitNumbers: readonly string[]) =>
      client.call('/api/v1/contract-filings/batch-query-by-unit', { unitNumbers: [...unitNumbers] }, call),
  };
}
export type HousingApi = ReturnType<typeof housingApi>;
