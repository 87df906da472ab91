import { createBatchLoader } from '../shared/loaders';
import type { NaturalResourcesApi } from './agency-client';

export function createRealEstateLoaders(api: NaturalResourcesApi) {
  return {
    registration: createBatchLoader({ agency: 'natural-resources', fetch: api.queryRegistrations }),
    holdings: createBatchLoader({ agency: 'natural-resources', fetch: api.queryHoldings }),
  };
}
export type RealEstateLoaders = ReturnType<typeof createRealEstateLoaders>;
