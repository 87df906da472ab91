/**
 * Per-caller limits shared by every gateway instance through Redis (REDIS_URL): one caller's
 * budget and in-flight count are the same whichever instance a request lands on. Each check is
 * one Lua script, so it is atomic across instances, and uses Redis's own clock, so instances
 * whose clocks differ still agree.
 *
 * - In flight: a sorted set per key of the requests holding a slot, scored by when the slot
 *   lapses (SLOT_LEASE_MS), so a gateway that dies holding slots gives them back by itself.
 * - Budget: a hash per key (tokens, when) refilled on read, expiring once it would be full again.
 *
 * Redis away means the instance counts alone, in memory (lib/rate-limit-store.ts), until Redis is
 * back: limits per instance instead of shared, never a request failed because Redis is down.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from './logger';
import { closeRedis, openRedis } from './redis-connection';
import { CONCURRENCY_RETRY_AFTER_SECONDS, createMemoryRateLimitStore, type RateLimitStore } from './rate-limit-store';

/** A slot not given back within this long is taken back (a request is not expected to outlive it). */
export const SLOT_LEASE_MS = 120_000;
/** Past this a Redis command counts as failed, and the instance counts in memory for that request. */
const COMMAND_TIMEOUT_MS = 250;

/** KEYS: slot keys. ARGV: member, lease ms, then one limit per key. Returns 0, or the 1-based index of the full key. */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  if redis.call('ZCARD', key) >= tonumber(ARGV[i + 2]) then return i end
end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now + tonumber(ARGV[2]), ARGV[1])
  redis.call('PEXPIRE', key, tonumber(ARGV[2]))
end
return 0
`;

/**
 * KEYS: bucket keys. ARGV: cost, need, then one per-minute budget per key. Returns {0, 0} when
 * spent, or {index of the shortest bucket, ms until it holds need}.
 */
const SPEND = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cost = tonumber(ARGV[1])
local need = tonumber(ARGV[2])
local levels = {}
local short, wait = 0, 0
for i, key in ipairs(KEYS) do
  local cap = tonumber(ARGV[i + 2])
  local state = redis.call('HMGET', key, 'tokens', 'at')
  local level = cap
  if state[1] and state[2] then
    level = math.min(cap, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) * cap / 60000)
  end
  levels[i] = level
  if level < need then
    local ms = math.ceil((need - level) * 60000 / cap)
    if ms > wait then short, wait = i, ms end
  end
end
if short > 0 then return {short, wait} end
if cost > 0 then
  for i, key in ipairs(KEYS) do
    local cap = tonumber(ARGV[i + 2])
    local left = levels[i] - cost
    redis.call('HSET', key, 'tokens', string.format('%.3f', left), 'at', now)
    redis.call('PEXPIRE', key, math.ceil((cap - left) * 60000 / cap) + 1000)
  end
end
return {0, 0}
`;

interface LimitCommands {
  hpfAcquireSlots(numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<number>;
  hpfSpendBudget(numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<[number, number]>;
}

export interface RedisRateLimitStore extends RateLimitStore {
  /** Resolves true once connected, false if not within the wait (until then, counts stay in memory). */
  whenReady(waitMs?: number): Promise<boolean>;
}

export function createRedisRateLimitStore(url: string, options: { keyPrefix: string; logger: Logger }): RedisRateLimitStore {
  // The same connection rules as every Redis use (password, TLS, fail fast); keys are prefixed below.
  const redis = openRedis(url, { keyPrefix: '', logger: options.logger, purpose: 'rate limits: this instance counts alone until it is back', commandTimeoutMs: COMMAND_TIMEOUT_MS });
  redis.defineCommand('hpfAcquireSlots', { lua: ACQUIRE });
  redis.defineCommand('hpfSpendBudget', { lua: SPEND });
  const commands = redis as unknown as LimitCommands;
  const local = createMemoryRateLimitStore();
  const instance = randomUUID();
  let serial = 0;
  let warned = false;
  const alone = (error: unknown) => {
    if (!warned) options.logger.warn('redis unavailable for rate limits; this instance counts alone until it is back', { code: (error as { code?: string }).code ?? 'unknown' });
    warned = true;
  };
  redis.on('ready', () => (warned = false));
  // A caller's slots (a sorted set) and budget (a hash) live under one key each, apart.
  const slotKey = (key: string) => `${options.keyPrefix}slots:${key}`;
  const budgetKey = (key: string) => `${options.keyPrefix}budget:${key}`;

  return {
    acquire: async (slots) => {
      if (slots.length === 0) return { ok: true, release: () => undefined };
      const member = `${instance}:${(serial += 1)}`;
      const keys = slots.map((slot) => slotKey(slot.key));
      try {
        const fullAt = await commands.hpfAcquireSlots(keys.length, ...keys, member, SLOT_LEASE_MS, ...slots.map((slot) => slot.limit));
        if (fullAt > 0) return { ok: false, key: slots[fullAt - 1]!.key, retryAfterSeconds: CONCURRENCY_RETRY_AFTER_SECONDS };
      } catch (error) {
        alone(error);
        // A timed-out script may still have run: give back what it may have taken.
        const undo = redis.pipeline();
        for (const key of keys) undo.zrem(key, member);
        undo.exec().catch(() => undefined);
        return local.acquire(slots);
      }
      let released = false;
      return {
        ok: true,
        release: () => {
          if (released) return;
          released = true;
          // If this fails the lease gives the slot back.
          const pipeline = redis.pipeline();
          for (const key of keys) pipeline.zrem(key, member);
          pipeline.exec().catch(alone);
        },
      };
    },
    spend: async (budgets, cost, need) => {
      if (budgets.length === 0) return { ok: true };
      const keys = budgets.map((budget) => budgetKey(budget.key));
      try {
        const [short, waitMs] = await commands.hpfSpendBudget(keys.length, ...keys, cost, need, ...budgets.map((budget) => budget.perMinute));
        return short > 0 ? { ok: false, key: budgets[short - 1]!.key, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) } : { ok: true };
      } catch (error) {
        alone(error);
        return local.spend(budgets, cost, need);
      }
    },
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
      await closeRedis(redis);
    },
  };
}
