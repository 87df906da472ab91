/** Calls of the Tax real-estate transaction endpoint (税务不动产交易税费申报信息共享接口). */
import type { AgencyClient, CallContext } from '../shared/agency-client';

export function taxApi(client: AgencyClient<'tax'>, call: CallContext) {
  return {
    queryTransferTaxByUnit: (unitNumbers: readonly string[]) =>
      client.call('/api/v1/transfer-tax/batch-query-by-unit', { unitNumbers: [...unitNumbers] }, call),
  };
}
export type TaxApi = ReturnType<typeof taxApi>;
