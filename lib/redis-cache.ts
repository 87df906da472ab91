/**
 * A string cache in Redis, for what several gateway instances should share (Apollo Server's cache:
 * automatic persisted queries). Redis being down makes the cache miss — it never fails a request:
 * the cache is a shortcut, not a store of record.
 *
 * Nothing read back is trusted unchecked: whoever can write to Redis (an operator, another
 * deployment sharing it, an attacker on its network) must not be able to put words in the
 * gateway's mouth. So every key is namespaced (REDIS_KEY_PREFIX + this cache's part), and every
 * entry is sealed: an HMAC, with a key only the gateway holds, over the entry's full key, its
 * expiry and its value. An entry that is not sealed by us, is sealed for another key, or outlived
 * its expiry is a miss (logged, and removed). What an entry means is checked by its user on top
 * (a persisted query's text must hash to its key: gateway/plugins/trusted-documents.ts).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { hmacKey } from './hmac-key';
import type Redis from 'ioredis';
import type { Logger } from './logger';
import { closeRedis, openRedis, whenRedisReady } from './redis-connection';

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

export interface RedisCacheOptions {
  /** Namespace of every key, e.g. `${REDIS_KEY_PREFIX}gateway:`. */
  keyPrefix: string;
  logger: Logger;
  /** HMAC key sealing entries (the gateway derives it from its signing key). At least 32 bytes. */
  integrityKey: Buffer;
}

const ENVELOPE_VERSION = 'hpf1';
const ENVELOPE = /^hpf1\.(\d{1,16})\.([A-Za-z0-9_-]{43})\.([\s\S]*)$/;

/** Seals a value for the full key it is stored under: `hpf1.<expires ms, 0 = never>.<mac>.<value>`. */
export function sealCacheEntry(integrityKey: Buffer, fullKey: string, value: string, expiresAt: number): string {
  return `${ENVELOPE_VERSION}.${expiresAt}.${entryMac(integrityKey, fullKey, expiresAt, value)}.${value}`;
}

/** The value of a sealed entry, or why it is refused. */
export function openCacheEntry(integrityKey: Buffer, fullKey: string, stored: string, now = Date.now()): { ok: true; value: string } | { ok: false; reason: string } {
  const match = ENVELOPE.exec(stored);
  if (!match) return { ok: false, reason: 'not sealed' };
  const expiresAt = Number(match[1]);
  const value = match[3]!;
  const wanted = Buffer.from(entryMac(integrityKey, fullKey, expiresAt, value));
  const given = Buffer.from(match[2]!);
  if (wanted.length !== given.length || !timingSafeEqual(wanted, given)) return { ok: false, reason: 'seal does not match' };
  if (expiresAt !== 0 && expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, value };
}

function entryMac(integrityKey: Buffer, fullKey: string, expiresAt: number, value: string): string {
  // JSON of the parts: unambiguous, whatever the key or the value holds.
  return createHmac('sha256', hmacKey(integrityKey)).update(JSON.stringify([ENVELOPE_VERSION, fullKey, expiresAt, value])).digest('base64url');
}

export function createRedisCache(url: string, options: RedisCacheOptions): RedisCache {
  if (options.integrityKey.length < 32) throw new Error('the cache integrity key must be at least 32 bytes');
  const redis: Redis = openRedis(url, { keyPrefix: options.keyPrefix, logger: options.logger, purpose: 'the shared cache misses until it is back' });
  const { integrityKey, keyPrefix, logger } = options;

  const missOnFailure = async <T>(work: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await work();
    } catch {
      return fallback;
    }
  };

  return {
    get: (key) =>
      missOnFailure(async () => {
        const stored = await redis.get(key);
        if (stored === null) return undefined;
        const opened = openCacheEntry(integrityKey, keyPrefix + key, stored);
        if (opened.ok) return opened.value;
        // Our own expired entries are simply old; anything else was written by someone else.
        if (opened.reason !== 'expired') logger.warn('shared cache entry failed its integrity check; ignored and removed', { key, reason: opened.reason });
        await redis.del(key).catch(() => undefined);
        return undefined;
      }, undefined),
    set: (key, value, setOptions) =>
      missOnFailure(async () => {
        const ttl = setOptions?.ttl;
        const seconds = ttl ? Math.max(1, Math.round(ttl)) : 0;
        const sealed = sealCacheEntry(integrityKey, keyPrefix + key, value, seconds ? Date.now() + seconds * 1000 : 0);
        if (seconds) await redis.set(key, sealed, 'EX', seconds);
        else await redis.set(key, sealed);
      }, undefined),
    delete: (key) => missOnFailure(async () => (await redis.del(key)) > 0, false),
    whenReady: (waitMs = 2000) => whenRedisReady(redis, waitMs),
    close: async () => {
      await closeRedis(redis);
    },
  };
}
