import { createBatchLoader } from '../shared/loaders';
import type { CivilAffairsApi } from './agency-client';

export function createCivilAffairsLoaders(api: CivilAffairsApi) {
  return {
    marriage: createBatchLoader({ agency: 'civil-affairs', fetch: api.queryMarriages }),
  };
}
export type CivilAffairsLoaders = ReturnType<typeof createCivilAffairsLoaders>;
