import { createBatchLoader } from '../shared/loaders';
import type { HousingApi } from './agency-client';

export function createHousingLoaders(api: HousingApi) {
  return {
    filingByContract: createBatchLoader({ agency: 'housing', fetch: api.queryFilingsByContract }),
    filingByUnit: createBatchLoader({ agency: 'housing', fetch: api.queryFilingsByUnit }),
  };
}
export type HousingLoaders = ReturnType<typeof createHousingLoaders>;
