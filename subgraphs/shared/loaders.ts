/**
 * Batch loaders over the agencies' batch endpoints. Created per request (in the context factory),
 * so one GraphQL request over N applicants costs one agency call per endpoint, and nothing is
 * cached across callers.
 */
import DataLoader from 'dataloader';
import { MAX_BATCH_SIZE, type BatchResult } from '../../lib/agency-contracts';
import { internalError } from '../../lib/errors';
import type { AgencyAnswer } from './agency-client';

/** Where a value came from: shown to users as provenance and kept as evidence. */
export interface Source {
  agency: string;
  traceId: string;
  retrievedAt: string;
}

/** An agency record with its provenance beside its own fields, so default resolvers serve most fields. */
export type Sourced<R> = R & { source: Source };

/** The provenance of everything one agency answer carried. */
export function sourceOf(agency: string, answer: AgencyAnswer<unknown>): Source {
  return { agency, traceId: answer.traceId, retrievedAt: answer.retrievedAt };
}

/**
 * A loader whose batch function makes one agency call for all keys of a tick. A key the agency
 * does not know resolves to null; an agency failure rejects every key of that batch with the same
 * coded error, which GraphQL places on each field that needed it.
 */
export function createBatchLoader<K, R, W = K>(options: {
  agency: string;
  fetch: (keys: readonly K[]) => Promise<AgencyAnswer<BatchResult<W, R>>>;
  /** How a key is written on the wire, when it differs from the key itself. */
  wireKey?: (key: K) => W;
  cacheKey?: (key: K) => string;
}): DataLoader<K, Sourced<R> | null, string | K> {
  const wireKey = options.wireKey ?? ((key: K) => key as unknown as W);
  return new DataLoader<K, Sourced<R> | null, string | K>(
    async (keys) => {
      const answer = await options.fetch(keys);
      const source = sourceOf(options.agency, answer);
      // The contract answers every asked key once, in the order asked; anything else is a
      // broken agency, and guessing would pair one person's record with another's.
      const results = answer.data.results;
      if (results.length !== keys.length) throw internalError();
      return keys.map((key, index) => {
        const result = results[index]!;
        if (result.key !== wireKey(key)) throw internalError();
        return result.found && result.record !== undefined ? { ...result.record, source } : null;
      });
    },
    { maxBatchSize: MAX_BATCH_SIZE, ...(options.cacheKey ? { cacheKeyFn: options.cacheKey } : {}) },
  );
}
