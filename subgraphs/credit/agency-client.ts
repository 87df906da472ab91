/** Calls of the PBoC credit reference endpoint (人民银行征信系统查询接口). */
import type { CreditQueryItem } from '../../lib/agency-contracts';
import type { AgencyClient, CallContext } from '../shared/agency-client';

/** The querying institution as registered with the credit reference centre. */
const QUERYING_INSTITUTION = 'FUJIAN_HPF_ONE_THING_PLATFORM';

export function pbocCreditApi(client: AgencyClient<'pboc-credit'>, call: CallContext) {
  return {
    queryCreditReports: (items: readonly CreditQueryItem[]) =>
      client.call(
        '/api/v1/credit-reports/batch-query',
        { items: [...items], queryReason: 'LOAN_APPROVAL', institution: QUERYING_INSTITUTION },
        call,
      ),
  };
}
export type PbocCreditApi = ReturnType<typeof pbocCreditApi>;
