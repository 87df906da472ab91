import { createBatchLoader } from '../shared/loaders';
import type { TaxApi } from './agency-client';

export function createTaxLoaders(api: TaxApi) {
  return {
    transferTaxByUnit: createBatchLoader({ agency: 'tax', fetch: api.queryTransferTaxByUnit }),
  };
}
export type TaxLoaders = ReturnType<typeof createTaxLoaders>;
