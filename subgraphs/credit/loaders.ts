import type { CreditQueryItem } from '../../lib/agency-contracts';
import { createBatchLoader } from '../shared/loaders';
import type { PbocCreditApi } from './agency-client';

export function createCreditLoaders(api: PbocCreditApi) {
  return {
    /** Keyed by person and authorization: a report is only ever fetched under the authorization given for it. */
    creditReport: createBatchLoader({
      agency: 'pboc-credit',
      fetch: api.queryCreditReports,
      wireKey: (item: CreditQueryItem) => item.idNumber,
      cacheKey: (item: CreditQueryItem) => `${item.idNumber}|${item.authorizationRef}`,
    }),
  };
}
export type CreditLoaders = ReturnType<typeof createCreditLoaders>;
