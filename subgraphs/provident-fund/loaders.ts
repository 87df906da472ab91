import { createBatchLoader } from '../shared/loaders';
import type { ProvidentFundApi } from './agency-client';

export function createProvidentFundLoaders(api: ProvidentFundApi) {
  return {
    member: createBatchLoader({ agency: 'provident-fund', fetch: api.queryMembers }),
  };
}
export type ProvidentFundLoaders = ReturnType<typeof createProvidentFundLoaders>;
