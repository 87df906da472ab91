/**
 * Where per-caller limits keep their counts: requests in flight per key, and a token bucket of
 * query cost per key that refills evenly over a minute. This is the in-memory store, one per
 * gateway instance; lib/redis-rate-limits.ts shares the same counts between instances through
 * Redis. What is counted under which key is decided by gateway/plugins/rate-limits.ts.
 */

/** At most `limit` requests in flight under `key`. */
export interface SlotLimit {
  key: string;
  limit: number;
}

/** A bucket of `perMinute` units of query cost under `key`: full at start, refilled at perMinute / 60 s, holding at most perMinute. */
export interface BudgetLimit {
  key: string;
  perMinute: number;
}

export type Refusal = { ok: false; /** The key whose limit was reached. */ key: string; retryAfterSeconds: number };
export type Acquired = { ok: true; /** Gives the slots back; calling it again does nothing. */ release: () => void } | Refusal;
export type Spent = { ok: true } | Refusal;

export interface RateLimitStore {
  /** Takes one in-flight slot under every key, or none of them. */
  acquire(slots: readonly SlotLimit[]): Promise<Acquired>;
  /**
   * Whether every bucket holds at least `need`; if they all do, takes `cost` from each (cost 0 only
   * looks). Refused, it says when the shortest bucket will hold `need`.
   */
  spend(budgets: readonly BudgetLimit[], cost: number, need: number): Promise<Spent>;
  close(): Promise<void>;
}

/** A slot frees when a request ends, which no one can predict: a refused caller may try again in a second. */
export const CONCURRENCY_RETRY_AFTER_SECONDS = 1;

const MINUTE_MS = 60_000;

/** Seconds until a bucket of `perMinute` that now holds `level` holds `need` (at least 1). */
export function secondsUntil(level: number, need: number, perMinute: number): number {
  return Math.max(1, Math.ceil(((need - level) * MINUTE_MS) / perMinute / 1000));
}

/** Buckets are forgotten once full again, so the maps hold only callers of the last minute or so. */
const SWEEP_ABOVE_ENTRIES = 10_000;

export function createMemoryRateLimitStore(now: () => number = Date.now): RateLimitStore {
  const inFlight = new Map<string, number>();
  const buckets = new Map<string, { tokens: number; at: number; perMinute: number }>();

  const levelOf = (key: string, perMinute: number, at: number): number => {
    const bucket = buckets.get(key);
    if (!bucket) return perMinute;
    return Math.min(perMinute, bucket.tokens + ((at - bucket.at) * perMinute) / MINUTE_MS);
  };
  const sweep = (at: number) => {
    if (buckets.size <= SWEEP_ABOVE_ENTRIES) return;
    for (const [key, bucket] of buckets) if (levelOf(key, bucket.perMinute, at) >= bucket.perMinute) buckets.delete(key);
  };

  return {
    acquire: async (slots) => {
      for (const { key, limit } of slots) {
        if ((inFlight.get(key) ?? 0) >= limit) return { ok: false, key, retryAfterSeconds: CONCURRENCY_RETRY_AFTER_SECONDS };
      }
      for (const { key } of slots) inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
      let released = false;
      return {
        ok: true,
        release: () => {
          if (released) return;
          released = true;
          for (const { key } of slots) {
            const left = (inFlight.get(key) ?? 1) - 1;
            if (left <= 0) inFlight.delete(key);
            else inFlight.set(key, left);
          }
        },
      };
    },
    spend: async (budgets, cost, need) => {
      const at = now();
      let refusal: Refusal | null = null;
      const levels = budgets.map(({ key, perMinute }) => {
        const level = levelOf(key, perMinute, at);
        if (level < need) {
          const retryAfterSeconds = secondsUntil(level, need, perMinute);
          if (!refusal || retryAfterSeconds > refusal.retryAfterSeconds) refusal = { ok: false, key, retryAfterSeconds };
        }
        return level;
      });
      if (refusal) return refusal;
      if (cost > 0) {
        budgets.forEach(({ key, perMinute }, i) => buckets.set(key, { tokens: levels[i]! - cost, at, perMinute }));
        sweep(at);
      }
      return { ok: true };
    },
    close: async () => undefined,
  };
}
