/**
 * Where per-caller limits keep their counts: in memory (one gateway instance), and in Redis (every
 * instance together) on the machine's Redis, with what happens when Redis is away; and two
 * gateways sharing one caller's budget through Redis.
 */
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { buildGateway } from '../../gateway/server';
import { listen } from '../../lib/http';
import { silentLogger } from '../../lib/logger';
import { createMemoryRateLimitStore, type RateLimitStore } from '../../lib/rate-limit-store';
import { createRedisRateLimitStore, type RedisRateLimitStore } from '../../lib/redis-rate-limits';
import { FUZHOU_CENTRE, startTestSystem } from '../support/system';
import { testRunLogger } from '../support/test-logs';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The contract every store keeps, whichever keeps the counts. */
function behavesAsAStore(open: () => Promise<RateLimitStore>) {
  let store: RateLimitStore;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(() => store.close());
  const key = () => `k-${randomUUID()}`;

  it('gives at most `limit` slots under a key, all of a request’s keys or none, and takes them back on release', async () => {
    const [a, b] = [key(), key()];
    const first = await store.acquire([{ key: a, limit: 2 }, { key: b, limit: 1 }]);
    expect(first.ok).toBe(true);
    // b is full: nothing is taken under a either.
    expect(await store.acquire([{ key: a, limit: 2 }, { key: b, limit: 1 }])).toEqual({ ok: false, key: b, retryAfterSeconds: 1 });
    const second = await store.acquire([{ key: a, limit: 2 }]);
    expect(second.ok).toBe(true);
    expect((await store.acquire([{ key: a, limit: 2 }])).ok).toBe(false);
    if (first.ok) {
      first.release();
      first.release(); // once only
    }
    await new Promise((resolve) => setTimeout(resolve, 20)); // Redis releases in the background
    const third = await store.acquire([{ key: a, limit: 2 }, { key: b, limit: 1 }]);
    expect(third.ok).toBe(true);
    expect((await store.acquire([{ key: a, limit: 2 }])).ok).toBe(false);
  });

  it('spends cost from every bucket or none, and says how long until the shortest holds what was asked', async () => {
    const [a, b] = [key(), key()];
    const budgets = [
      { key: a, perMinute: 600 },
      { key: b, perMinute: 6000 },
    ];
    expect(await store.spend(budgets, 0, 1)).toEqual({ ok: true }); // looking spends nothing
    expect(await store.spend(budgets, 500, 500)).toEqual({ ok: true });
    // a holds about 100 (10 a second): 300 more takes about 20 s; b is untouched by the refusal.
    const refused = await store.spend(budgets, 300, 300);
    expect(refused).toMatchObject({ ok: false, key: a });
    expect(refused.ok === false && refused.retryAfterSeconds).toBeGreaterThanOrEqual(19);
    expect(refused.ok === false && refused.retryAfterSeconds).toBeLessThanOrEqual(21);
    expect(await store.spend([{ key: b, perMinute: 6000 }], 5500, 5500)).toEqual({ ok: true });
  });
}

describe('the in-memory store', () => {
  behavesAsAStore(async () => createMemoryRateLimitStore());

  it('refills evenly over a minute, never above the budget', async () => {
    let now = 0;
    const store = createMemoryRateLimitStore(() => now);
    const budget = [{ key: 'k', perMinute: 600 }];
    expect(await store.spend(budget, 600, 600)).toEqual({ ok: true });
    expect(await store.spend(budget, 1, 1)).toMatchObject({ ok: false, retryAfterSeconds: 1 });
    now = 30_000;
    expect(await store.spend(budget, 300, 300)).toEqual({ ok: true });
    now = 10 * 60_000;
    expect(await store.spend(budget, 601, 601)).toMatchObject({ ok: false });
    expect(await store.spend(budget, 600, 600)).toEqual({ ok: true });
  });
});

describe('the Redis store', () => {
  const prefix = `test-limits-${randomUUID()}:`;
  let other: RedisRateLimitStore;
  let raw: Redis;
  beforeAll(async () => {
    other = createRedisRateLimitStore(REDIS_URL, { keyPrefix: prefix, logger: silentLogger });
    raw = new Redis(REDIS_URL);
    expect(await other.whenReady()).toBe(true);
  });
  afterAll(async () => {
    const keys = await raw.keys(`${prefix}*`);
    if (keys.length > 0) await raw.del(...keys);
    raw.disconnect();
    await other.close();
  });

  behavesAsAStore(async () => {
    const store = createRedisRateLimitStore(REDIS_URL, { keyPrefix: prefix, logger: silentLogger });
    expect(await store.whenReady()).toBe(true);
    return store;
  });

  it('shares slots and budgets between instances, under namespaced keys that name no caller', async () => {
    const one = createRedisRateLimitStore(REDIS_URL, { keyPrefix: prefix, logger: silentLogger });
    try {
      expect(await one.whenReady()).toBe(true);
      const slot = await one.acquire([{ key: 'subject:shared', limit: 1 }]);
      expect(slot.ok).toBe(true);
      expect(await other.acquire([{ key: 'subject:shared', limit: 1 }])).toMatchObject({ ok: false });
      expect(await one.spend([{ key: 'subject:budget', perMinute: 1000 }], 1000, 1000)).toEqual({ ok: true });
      expect(await other.spend([{ key: 'subject:budget', perMinute: 1000 }], 100, 100)).toMatchObject({ ok: false, retryAfterSeconds: 6 });
      expect((await raw.keys(`${prefix}*:subject:*`)).sort()).toEqual([`${prefix}budget:subject:budget`, `${prefix}slots:subject:shared`]);
      // Both expire by themselves: a lease on the slot, the time to refill on the bucket.
      expect(await raw.pttl(`${prefix}slots:subject:shared`)).toBeGreaterThan(60_000);
      expect(await raw.pttl(`${prefix}budget:subject:budget`)).toBeLessThanOrEqual(61_000);
      if (slot.ok) slot.release();
    } finally {
      await one.close();
    }
  });

  it('counts in memory, per instance, while Redis is away: limits still hold, no request fails', async () => {
    const away = createRedisRateLimitStore('redis://127.0.0.1:1', { keyPrefix: prefix, logger: silentLogger });
    try {
      expect(await away.whenReady(200)).toBe(false);
      const slot = await away.acquire([{ key: 'k', limit: 1 }]);
      expect(slot.ok).toBe(true);
      expect(await away.acquire([{ key: 'k', limit: 1 }])).toMatchObject({ ok: false });
      expect(await away.spend([{ key: 'b', perMinute: 100 }], 100, 100)).toEqual({ ok: true });
      expect(await away.spend([{ key: 'b', perMinute: 100 }], 50, 50)).toMatchObject({ ok: false });
    } finally {
      await away.close();
    }
  });
});

describe('two gateways sharing limits through Redis', () => {
  it('refuses on one gateway the caller whose budget was spent on the other', async () => {
    const env = { REDIS_URL, REDIS_KEY_PREFIX: `test-${randomUUID()}:`, QUERY_MAX_COST: '1000', RATE_LIMIT_PER_MINUTE: '1000' };
    const system = await startTestSystem(env);
    const second = await buildGateway({ config: system.config, logger: testRunLogger(), subgraphUrls: system.subgraphUrls });
    const listening = await listen(second.server, 0);
    const raw = new Redis(REDIS_URL);
    try {
      const token = await system.token({ role: 'FUND_OFFICER', sub: `officer-${randomUUID()}`, centre: FUZHOU_CENTRE });
      // Costs 1 + (1 + 10 × (1 + 10 × 1 + 10 × 1 + 10 × 1)) = 312 (an unsized list of three lists): three fit in
      // 1,000; the fourth would need some 15 s of refill, so a busy machine cannot let it through by chance.
      const body = JSON.stringify({ query: '{ loanApplications { applications { checks { step } timeline { kind } coBorrowers { ref } } } }' });
      const post = (url: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
      const statuses: number[] = [];
      while (statuses.length < 8 && statuses[statuses.length - 1] !== 429) statuses.push((await post(system.gatewayUrl)).status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(3);
      expect(statuses[statuses.length - 1]).toBe(429);
      const elsewhere = await post(`${listening.url}/graphql`);
      expect(elsewhere.status).toBe(429);
      expect((await elsewhere.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
      const keys = await raw.keys(`${env.REDIS_KEY_PREFIX}limits:*`);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.join(' ')).not.toContain('officer-');
      await raw.del(...keys);
    } finally {
      raw.disconnect();
      await listening.close();
      await second.stop();
      await system.stop();
    }
  });
});
