import { createBatchLoader } from '../shared/loaders';
import type { NaturalResourcesApi } from './agency-client';

export function createRealEstateLoaders(api: NaturalResourcesApi) {
  return {
    registration: createBatchLoader({ agency: 'natural-resources', fetch: api.queryRegistrations }),
    holdings: createBatchLoader({ agency: 'natural-resources', fetch: api.queryHoldings }),
    /** Not a loader: a registration is a command, sent once per call. */
    registerMortgage: api.registerMortgage,
  };
}
export type RealEstateLoaders = ReturnType<typeof createRealEstateLoaders>;
