/** Calls of the Civil Affairs marriage registration endpoint (民政婚姻登记信息共享接口). */
import type { AgencyClient, CallContext } from '../shared/agency-client';

export function civilAffairsApi(client: AgencyClient<'civil-affairs'>, call: CallContext) {
  return {
    queryMarriages: (idNumbers: readonly string[]) =>
      client.call('/api/v1/marriages/batch-query', { idNumbers: [...idNumbers] }, call),
  };
}
export type CivilAffairsApi = ReturnType<typeof civilAffairsApi>;
