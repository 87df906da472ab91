/**
 * Single use of caller assertions: each carries a unique id (jti), and a subgraph remembers every
 * id it accepted until the assertion expires, so a captured call cannot be played again.
 *
 * With REDIS_URL, the ids are shared by every instance of every subgraph (SET NX with the
 * assertion's remaining lifetime), so a replay to another instance is refused too. Each instance
 * also keeps the ids it saw itself in memory, always.
 *
 * When Redis is away the guard does not fail requests (that would turn a cache outage into a
 * platform outage): it falls back to the in-memory set alone. What is lost for the outage is
 * only the cross-instance part: a replay to the same instance is still refused, and a replay to
 * another instance of the *same* subgraph would have to happen within the assertion's lifetime
 * (seconds, ASSERTION_LIFETIME_MS) and carry the identical operation, since an assertion names its
 * subgraph and covers the whole request body. The outage is logged (once per outage).
 */
import type Redis from 'ioredis';
import type { Logger } from './logger';
import { closeRedis, openRedis, whenRedisReady } from './redis-connection';

export interface ReplayGuard {
  /** True the first time `id` is presented; false if it was presented before (until `untilMs`, epoch ms). */
  firstUse(id: string, untilMs: number): Promise<boolean>;
  /** Resolves true once the shared store is connected (always true in memory). */
  whenReady(waitMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Ids in memory until they expire; pruned as new ones come (ids arrive roughly in expiry order). */
export function memoryReplayGuard(now: () => number = Date.now): ReplayGuard & { readonly size: number } {
  const seen = new Map<string, number>();
  const prune = () => {
    const at = now();
    for (const [id, until] of seen) {
      if (until > at) break;
      seen.delete(id);
    }
  };
  return {
    async firstUse(id, untilMs) {
      prune();
      const known = seen.get(id);
      if (known !== undefined && known > now()) return false;
      seen.delete(id); // re-inserted at the end, keeping the map in arrival order
      seen.set(id, untilMs);
      return true;
    },
    whenReady: async () => true,
    close: async () => seen.clear(),
    get size() {
      return seen.size;
    },
  };
}

export interface ReplayGuardOptions {
  /** Shared store; null = this instance's memory only. */
  redisUrl: string | null;
  /** Namespace of the ids' keys, e.g. `${REDIS_KEY_PREFIX}caller-assertion:`. */
  keyPrefix: string;
  logger: Logger;
}

export function createReplayGuard(options: ReplayGuardOptions): ReplayGuard {
  const memory = memoryReplayGuard();
  if (!options.redisUrl) return memory;
  const redis: Redis = openRedis(options.redisUrl, {
    keyPrefix: options.keyPrefix,
    logger: options.logger,
    purpose: 'caller assertions are single-use per instance only until it is back',
  });
  let degraded = false;
  return {
    async firstUse(id, untilMs) {
      if (!(await memory.firstUse(id, untilMs))) return false;
      try {
        const answer = await redis.set(id, '1', 'PX', Math.max(1, Math.ceil(untilMs - Date.now())), 'NX');
        degraded = false;
        return answer === 'OK';
      } catch (error) {
        // Redis away (or too slow): the in-memory set above decided, within the assertion's short
        // lifetime — see the comment at the top of this file.
        if (!degraded) options.logger.warn('caller assertions checked for single use in this instance only: the shared store did not answer', { code: (error as { code?: string }).code ?? (error as Error).name });
        degraded = true;
        return true;
      }
    },
    whenReady: (waitMs = 2000) => whenRedisReady(redis, waitMs),
    close: async () => {
      await closeRedis(redis);
      await memory.close();
    },
  };
}
