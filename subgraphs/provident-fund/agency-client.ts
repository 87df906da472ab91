/** Calls of the HPF centre's member endpoint (住房公积金综合管理系统共享接口). */
import type { AgencyClient, CallContext } from '../shared/agency-client';

export function providentFundApi(client: AgencyClient<'provident-fund'>, call: CallContext) {
  return {
    queryMembers: (idNumbers: readonly string[]) =>
      client.call('/api/v1/members/batch-query', { idNumbers: [...idNumbers] }, call),
  };
}
export type ProvidentFundApi = ReturnType<typeof providentFundApi>;
