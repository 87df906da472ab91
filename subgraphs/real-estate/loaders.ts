import { internalError } from '../../lib/errors';
import { createBatchLoader, sourceOf } from '../shared/loaders';
import type { NaturalResourcesApi } from './agency-client';

const AGENCY = 'natural-resources';

export function createRealEstateLoaders(api: NaturalResourcesApi) {
  const registration = createBatchLoader({ agency: AGENCY, fetch: api.queryRegistrations });
  return {
    registration,
    holdings: createBatchLoader({ agency: AGENCY, fetch: (idNumbers: readonly string[]) => api.queryHoldings(idNumbers) }),
    /**
     * Holdings whose units' registrations are read next (a query asking for the homes a person holds
     * and their registrations): asked in the same agency call, and put in the registration loader,
     * so the registrations cost no second call by unit.
     */
    holdingsWithRegistrations: createBatchLoader({
      agency: AGENCY,
      fetch: async (idNumbers: readonly string[]) => {
        const answer = await api.queryHoldings(idNumbers, true);
        const source = sourceOf(AGENCY, answer);
        for (const { record } of answer.data.results) {
          for (const unit of record?.registrations ?? []) {
            // Only a unit this holding lists: anything else is a broken agency, not a record to file under that unit.
            if (!record!.unitNumbers.includes(unit.unitNumber)) throw internalError();
            registration.prime(unit.unitNumber, { ...unit, source });
          }
        }
        return answer;
      },
    }),
    /** Not a loader: a registration is a command, sent once per call. */
    registerMortgage: api.registerMortgage,
  };
}
export type RealEstateLoaders = ReturnType<typeof createRealEstateLoaders>;
