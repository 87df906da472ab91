/**
 * Redis, for real: the cache contract on the machine's Redis, its behaviour when Redis is away,
 * and two gateway instances sharing automatic persisted queries through it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { listen, type ListeningServer } from '../../lib/http';
import { silentLogger } from '../../lib/logger';
import { createRedisCache, type RedisCache } from '../../lib/redis-cache';
import { buildGateway, type BuiltGateway } from '../../gateway/server';
import { startTestSystem, type TestSystem } from '../support/system';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('the Redis cache', () => {
  let cache: RedisCache;
  const prefix = `test-${randomUUID()}:`;
  beforeAll(async () => {
    cache = createRedisCache(REDIS_URL, { keyPrefix: prefix, logger: silentLogger });
    expect(await cache.whenReady()).toBe(true);
  });
  afterAll(() => cache.close());

  it('keeps what it is given, forgets what is deleted, and lets entries expire', async () => {
    await cache.set('a', 'one');
    expect(await cache.get('a')).toBe('one');
    expect(await cache.delete('a')).toBe(true);
    expect(await cache.get('a')).toBeUndefined();
    await cache.set('short', 'lived', { ttl: 1 });
    expect(await cache.get('short')).toBe('lived');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await cache.get('short')).toBeUndefined();
  });

  it('misses, never fails, when Redis cannot be reached', async () => {
    const away = createRedisCache('redis://127.0.0.1:1', { keyPrefix: prefix, logger: silentLogger });
    expect(await away.whenReady(200)).toBe(false);
    await expect(away.set('a', 'one')).resolves.toBeUndefined();
    await expect(away.get('a')).resolves.toBeUndefined();
    await away.close();
  });
});

describe('gateway instances sharing Redis', () => {
  let system: TestSystem;
  const extra: Array<{ gateway: BuiltGateway; listening: ListeningServer }> = [];
  const prefix = `test-${randomUUID()}:`;
  let caseId: string;
  beforeAll(async () => {
    system = await startTestSystem({ REDIS_URL, REDIS_KEY_PREFIX: prefix });
    caseId = await system.openCase({ applicant: SCENARIOS.singleApplicant.applicant.idNumber });
  });
  afterAll(async () => {
    for (const { gateway, listening } of extra) {
      await listening.close();
      await gateway.stop();
    }
    await system.stop();
  });

  const secondGateway = async (redis: boolean) => {
    const gateway = await buildGateway({ config: { ...system.config, redisUrl: redis ? REDIS_URL : null }, logger: silentLogger, subgraphUrls: system.subgraphUrls });
    const listening = await listen(gateway.server, 0);
    extra.push({ gateway, listening });
    return `${listening.url}/graphql`;
  };

  it('know a persisted query registered on either of them', async () => {
    const token = await system.token({ role: 'FUND_OFFICER', sub: 'officer-apq', centre: '350100' });
    const query = `query Apq { applicant(idNumber: "${SCENARIOS.singleApplicant.applicant.idNumber}") { marriage { status } } }`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const ask = (url: string, body: Record<string, unknown>) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-application-id': caseId }, body: JSON.stringify(body) }).then((r) => r.json());
    const persisted = { extensions: { persistedQuery: { version: 1, sha256Hash } } };

    expect(await ask(system.gatewayUrl, { query, ...persisted })).toEqual({ data: { applicant: { marriage: { status: 'UNREGISTERED' } } } });
    expect(await ask(await secondGateway(true), persisted)).toEqual({ data: { applicant: { marriage: { status: 'UNREGISTERED' } } } });
    const alone = await ask(await secondGateway(false), persisted);
    expect(alone.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
