import type { IdentityVerificationItem } from '../../lib/agency-contracts';
import { createBatchLoader } from '../shared/loaders';
import type { PublicSecurityApi } from './agency-client';

export function createIdentityLoaders(api: PublicSecurityApi) {
  return {
    /** Not a loader: a face comparison is one call for one live capture, never batched or cached. */
    compareFace: api.compareFace,
    person: createBatchLoader({ agency: 'public-security', fetch: api.queryPersons }),
    /** Keyed by person and claimed name: the register answers match or not, never the name itself. */
    verification: createBatchLoader({
      agency: 'public-security',
      fetch: api.verifyIdentities,
      wireKey: (item: IdentityVerificationItem) => item.idNumber,
      cacheKey: (item: IdentityVerificationItem) => `${item.idNumber}|${item.name}`,
    }),
  };
}
export type IdentityLoaders = ReturnType<typeof createIdentityLoaders>;
