import DataLoader from 'dataloader';
import type { CreditQueryItem } from '../../lib/agency-contracts';
import type { CreditQueryStore, StoredCreditQuery } from '../../storage/types';
import { createBatchLoader } from '../shared/loaders';
import type { PbocCreditApi } from './agency-client';

/** A person in an application: the key of a report the platform already queried. */
export interface StoredReportKey {
  applicationId: string;
  subjectKey: string;
}

export function createCreditLoaders(api: PbocCreditApi, stored: CreditQueryStore) {
  return {
    /**
     * The reports the application already holds, for all the people of one tick in one statement:
     * so those still to be queried reach the PBoC together, in one batch, not one call each.
     */
    storedReport: new DataLoader<StoredReportKey, StoredCreditQuery | null, string>(
      async (keys) => {
        // A request serves one case, so one application; grouped all the same, to stay correct.
        const byApplication = new Map<string, Map<string, StoredCreditQuery>>();
        for (const applicationId of new Set(keys.map((key) => key.applicationId))) {
          byApplication.set(applicationId, await stored.findMany(applicationId, keys.filter((key) => key.applicationId === applicationId).map((key) => key.subjectKey)));
        }
        return keys.map((key) => byApplication.get(key.applicationId)!.get(key.subjectKey) ?? null);
      },
      { cacheKeyFn: (key) => `${key.applicationId}|${key.subjectKey}` },
    ),
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
