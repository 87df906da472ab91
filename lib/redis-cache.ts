/**
 * A string cache in Redis, for what several gateway instances should share (Apollo Server's cache:
 * automatic persisted queries). Keys are namespaced. Redis being down makes the cache miss — it
 * never fails a request: the cache is a shortcut, not a store of record.
 */
import Redis from 'ioredis';
import type { Logger } from './logger';

/** The shape Apollo Server takes as its `cache` (KeyValueCache<string> of @apollo/utils.keyvaluecache). */
export interface StringCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean>;
}

export interface RedisCache extends StringCache {
  /** Resolves true once connected, false if not within the wait (until then, every call misses). */
  whenReady(waitMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export function createRedisCache(url: string, options: { keyPrefix: string; logger: Logger }): RedisCache {
  const redis = new Redis(url, {
    keyPrefix: options.keyPrefix,
    // Fail fast when Redis is away: a miss now beats a request waiting on a reconnect.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: false,
  });
  let warned = false;
  redis.on('error', (error: Error & { code?: string }) => {
    if (!warned) options.logger.warn('redis cache unavailable; serving without it', { code: error.code ?? 'unknown' });
    warned = true;
  });
  redis.on('ready', () => (warned = false));

  const missOnFailure = async <T>(work: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await work();
    } catch {
      return fallback;
    }
  };

  return {
    get: (key) => missOnFailure(async () => (await redis.get(key)) ?? undefined, undefined),
    set: (key, value, setOptions) =>
      missOnFailure(async () => {
        const ttl = setOptions?.ttl;
        if (ttl) await redis.set(key, value, 'EX', Math.max(1, Math.round(ttl)));
        else await redis.set(key, value);
      }, undefined),
    delete: (key) => missOnFailure(async () => (await redis.del(key)) > 0, false),
    whenReady: (waitMs = 2000) =>
      redis.status === 'ready'
        ? Promise.resolve(true)
        : new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), waitMs);
            redis.once('ready', () => {
              clearTimeout(timer);
              resolve(true);
            });
          }),
    close: async () => {
      redis.disconnect();
    },
  };
}
