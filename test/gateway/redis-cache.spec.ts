/**
 * Redis, for real: the cache contract on the machine's Redis, its behaviour when Redis is away,
 * its refusal of anything it did not write itself, a Redis with a password and users (a server of
 * this spec's own), and two gateway instances sharing automatic persisted queries through it —
 * which an insider who can write to Redis cannot turn into running their own operation.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import Redis from 'ioredis';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { ConfigError, loadConfig } from '../../lib/config';
import { derivedGatewayKey } from '../../lib/gateway-keys';
import { listen, type ListeningServer } from '../../lib/http';
import { createLogger, silentLogger } from '../../lib/logger';
import { createRedisCache, sealCacheEntry, type RedisCache } from '../../lib/redis-cache';
import { closeRedis, openRedis, redisConnectionOf, whenRedisReady } from '../../lib/redis-connection';
import { createReplayGuard } from '../../lib/replay-guard';
import { buildGateway, type BuiltGateway } from '../../gateway/server';
import { verifiedPersistedQueries } from '../../gateway/plugins/trusted-documents';
import { subjectKeyOf } from '../../storage';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis';
import { startTestSystem, type TestSystem } from '../support/system';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the Redis cache', () => {
  let cache: RedisCache;
  let raw: Redis;
  const integrityKey = randomBytes(32);
  const prefix = `test-${randomUUID()}:`;
  beforeAll(async () => {
    cache = createRedisCache(REDIS_URL, { keyPrefix: prefix, logger: silentLogger, integrityKey });
    raw = new Redis(REDIS_URL);
    expect(await cache.whenReady()).toBe(true);
  });
  afterAll(async () => {
    await cache.close();
    raw.disconnect();
  });

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
    const away = createRedisCache('redis://127.0.0.1:1', { keyPrefix: prefix, logger: silentLogger, integrityKey });
    expect(await away.whenReady(200)).toBe(false);
    await expect(away.set('a', 'one')).resolves.toBeUndefined();
    await expect(away.get('a')).resolves.toBeUndefined();
    await away.close();
  });

  it('keeps its entries under its namespace, sealed', async () => {
    await cache.set('namespaced', 'value');
    const stored = await raw.get(`${prefix}namespaced`);
    expect(stored).toMatch(/^hpf1\.0\.[A-Za-z0-9_-]{43}\.value$/);
  });

  it('refuses, and removes, whatever it did not seal itself for that key', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const watched = createRedisCache(REDIS_URL, { keyPrefix: prefix, logger: createLogger({ level: 'warn', write: (line) => lines.push(JSON.parse(line)) }), integrityKey });
    expect(await watched.whenReady()).toBe(true);
    const forgeries: Record<string, string> = {
      plain: 'written by someone else',
      'other-key': sealCacheEntry(integrityKey, `${prefix}elsewhere`, 'moved here', 0),
      'other-seal': sealCacheEntry(randomBytes(32), `${prefix}other-seal`, 'sealed by another key', 0),
      'kept-alive': sealCacheEntry(integrityKey, `${prefix}kept-alive`, 'past its expiry', Date.now() - 1000), // e.g. after PERSIST
      tampered: sealCacheEntry(integrityKey, `${prefix}tampered`, 'original', 0).replace(/original$/, 'altered!'),
    };
    for (const [key, value] of Object.entries(forgeries)) await raw.set(`${prefix}${key}`, value);
    for (const key of Object.keys(forgeries)) {
      expect(await watched.get(key)).toBeUndefined();
      expect(await raw.exists(`${prefix}${key}`)).toBe(0);
    }
    expect(lines.filter((line) => line.msg === 'shared cache entry failed its integrity check; ignored and removed')).toHaveLength(4); // the expired one is merely old
    await watched.close();
  });

  it('serves a persisted query only when its text hashes to its key', async () => {
    const checked = verifiedPersistedQueries(cache, silentLogger);
    const text = 'query Mine { myConsents { id } }';
    await cache.set(`apq:${sha256(text)}`, text);
    expect(await checked.get(`apq:${sha256(text)}`)).toBe(text);
    await cache.set(`apq:${sha256(text)}`, 'mutation Theirs { revokeConsent(id: "c1") { id } }'); // sealed, even: as if the seal key leaked
    expect(await checked.get(`apq:${sha256(text)}`)).toBeUndefined();
    expect(await cache.get(`apq:${sha256(text)}`)).toBeUndefined(); // removed
    await cache.set('apq:not-a-hash', text);
    expect(await checked.get('apq:not-a-hash')).toBeUndefined();
  });
});

describe('the Redis connection', () => {
  it('closes for good before close resolves, reachable or not', async () => {
    const reachable = openRedis(REDIS_URL, { keyPrefix: 'spec:', logger: silentLogger, purpose: 'spec' });
    expect(await whenRedisReady(reachable, 2_000)).toBe(true);
    await closeRedis(reachable);
    expect(reachable.status).toBe('end');
    // Nothing listens there: the connection never opens, and closing still ends it at once.
    const unreachable = openRedis('redis://127.0.0.1:1', { keyPrefix: 'spec:', logger: silentLogger, purpose: 'spec' });
    const started = Date.now();
    await closeRedis(unreachable);
    expect({ status: unreachable.status, quick: Date.now() - started < 2_000 }).toEqual({ status: 'end', quick: true });
  });

  it('gives ioredis the password, user, database and TLS that REDIS_URL names', () => {
    expect(redisConnectionOf('redis://127.0.0.1:6379')).toEqual({ host: '127.0.0.1', port: 6379, db: 0 });
    expect(redisConnectionOf('redis://:p%40ss%2Fw0rd@cache.internal:6380/2')).toEqual({ host: 'cache.internal', port: 6380, db: 2, password: 'p@ss/w0rd' });
    expect(redisConnectionOf('rediss://hpf:secret@cache.gov.example')).toEqual({ host: 'cache.gov.example', port: 6379, db: 0, username: 'hpf', password: 'secret', tls: { servername: 'cache.gov.example' } });
    expect(redisConnectionOf('rediss://10.0.0.5:6390').tls).toEqual({});
  });

  it('refuses a URL that is not redis:// or rediss://, without quoting it', () => {
    for (const url of ['http://user:hunter2@cache:6379', 'redis://:hunter2@cache:6379/db']) {
      expect(() => redisConnectionOf(url)).toThrow(/^REDIS_URL/);
      try {
        redisConnectionOf(url);
      } catch (error) {
        expect((error as Error).message).not.toContain('hunter2');
      }
    }
  });

  it('is checked with the configuration, which never quotes REDIS_URL back', () => {
    for (const url of ['http://user:hunter2@cache:6379', 'redis://:hunter2@cache:6379/db', 'hunter2 is no url']) {
      let problems: string[] = [];
      try {
        loadConfig({ REDIS_URL: url });
      } catch (error) {
        problems = (error as ConfigError).problems;
      }
      expect(problems).toEqual([expect.stringMatching(/^REDIS_URL /)]);
      expect(problems.join(' ')).not.toContain('hunter2');
    }
    expect(loadConfig({ REDIS_URL: 'rediss://:pw@cache.gov.example:6380' }).redisUrl).toBe('rediss://:pw@cache.gov.example:6380');
  });

  describe('to a Redis with a password and users (a server of this spec’s own)', () => {
    let server: PrivateRedis;
    const password = `pw-${randomUUID()}`;
    beforeAll(async () => {
      server = await startPrivateRedis();
      const admin = server.admin();
      await admin.config('SET', 'requirepass', password);
      const authed = server.admin(password);
      // A user of its own, allowed only the deployment's namespace.
      await authed.call('ACL', 'SETUSER', 'hpf', 'on', '>hpf-secret', '~fj-hpf-test:*', '+@all');
    });
    afterAll(() => server.stop());

    it('works with the password (and user) in the URL, and misses without', async () => {
      const integrityKey = randomBytes(32);
      const url = `redis://:${encodeURIComponent(password)}@127.0.0.1:${server.port}`;
      const withPassword = createRedisCache(url, { keyPrefix: 'fj-hpf-test:gateway:', logger: silentLogger, integrityKey });
      const asUser = createRedisCache(`redis://hpf:hpf-secret@127.0.0.1:${server.port}/0`, { keyPrefix: 'fj-hpf-test:gateway:', logger: silentLogger, integrityKey });
      const userOutsideNamespace = createRedisCache(`redis://hpf:hpf-secret@127.0.0.1:${server.port}`, { keyPrefix: 'other:', logger: silentLogger, integrityKey });
      const without = createRedisCache(`redis://127.0.0.1:${server.port}`, { keyPrefix: 'fj-hpf-test:gateway:', logger: silentLogger, integrityKey });
      expect(await withPassword.whenReady()).toBe(true);
      expect(await asUser.whenReady()).toBe(true);
      await withPassword.set('k', 'v');
      expect(await asUser.get('k')).toBe('v');
      await userOutsideNamespace.set('k', 'v');
      expect(await userOutsideNamespace.get('k')).toBeUndefined(); // NOPERM: a miss, never a failure
      await without.set('k', 'v');
      expect(await without.get('k')).toBeUndefined(); // NOAUTH: a miss
      for (const cache of [withPassword, asUser, userOutsideNamespace, without]) await cache.close();
    });

    it('shares used caller assertions across instances through it', async () => {
      const url = `redis://:${encodeURIComponent(password)}@127.0.0.1:${server.port}`;
      const [a, b] = [0, 1].map(() => createReplayGuard({ redisUrl: url, keyPrefix: 'fj-hpf-test:caller-assertion:', logger: silentLogger }));
      expect(await a!.whenReady()).toBe(true);
      expect(await b!.whenReady()).toBe(true);
      const id = `consent:${randomUUID()}`;
      expect(await a!.firstUse(id, Date.now() + 10_000)).toBe(true);
      expect(await b!.firstUse(id, Date.now() + 10_000)).toBe(false);
      await a!.close();
      await b!.close();
    });
  });
});

describe('gateway instances sharing Redis', () => {
  let system: TestSystem;
  let raw: Redis;
  const extra: Array<{ gateway: BuiltGateway; listening: ListeningServer }> = [];
  const prefix = `test-${randomUUID()}:`;
  let caseId: string;
  beforeAll(async () => {
    system = await startTestSystem({ REDIS_URL, REDIS_KEY_PREFIX: prefix });
    caseId = await system.openCase({ applicant: SCENARIOS.singleApplicant.applicant.idNumber });
    raw = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    raw.disconnect();
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
    const sha256Hash = sha256(query);
    const ask = (url: string, body: Record<string, unknown>) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-application-id': caseId }, body: JSON.stringify(body) }).then((r) => r.json());
    const persisted = { extensions: { persistedQuery: { version: 1, sha256Hash } } };

    expect(await ask(system.gatewayUrl, { query, ...persisted })).toEqual({ data: { applicant: { marriage: { status: 'UNREGISTERED' } } } });
    expect(await ask(await secondGateway(true), persisted)).toEqual({ data: { applicant: { marriage: { status: 'UNREGISTERED' } } } });
    const alone = await ask(await secondGateway(false), persisted);
    expect(alone.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('never run a text someone put in Redis under another operation’s hash: the victim’s routine request runs nothing, and no consent is made', async () => {
    const victim = SCENARIOS.cleanCouple.applicant.idNumber;
    const victimCase = await system.openCase({ applicant: victim }, []); // no consent of theirs yet
    const token = await system.token({ role: 'APPLICANT', sub: 'citizen-victim', id_number: victim });
    const routine = 'query Routine { myConsents { id status } }';
    const attack = `mutation Routine { grantConsent(input: { kind: DATA_SHARING, purpose: HPF_LOAN_REVIEW, applicationId: "${victimCase}", validUntil: "${new Date(Date.now() + 30 * 86_400_000).toISOString()}", scopes: [{ agency: CIVIL_AFFAIRS, dataItems: ["marriage"] }] }) { id } }`;
    const hash = sha256(routine);
    const ask = (url: string, body: Record<string, unknown>) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) }).then((r) => r.json());
    const hashOnly = { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } };
    const activeConsents = async () => (await system.storage.consents.listForSubject(subjectKeyOf(system.config.entityRefKey, victim), new Date())).filter((c) => c.status === 'ACTIVE');
    const apqKey = `${prefix}gateway:apq:${hash}`;

    // The victim's client registers its routine query, as APQ clients do.
    expect(await ask(system.gatewayUrl, { query: routine, ...hashOnly })).toEqual({ data: { myConsents: [] } });
    expect(await raw.exists(apqKey)).toBe(1);
    const other = await secondGateway(true);

    // Whoever can write to Redis puts their text under the victim's hash: as it is, and then sealed
    // as the gateway seals (as if the seal key had leaked too); the text still does not hash to the key.
    const sealKey = derivedGatewayKey(system.config.gatewaySigningKey!, 'gateway-shared-cache');
    const poisons = [attack, sealCacheEntry(sealKey, apqKey, attack, 0)];
    const subgraphCalls = jest.spyOn(RemoteGraphQLDataSource.prototype, 'process');
    try {
      for (const poison of poisons) {
        for (const gateway of [other, system.gatewayUrl]) { // first one that never saw the text: its parsed-document cache cannot help it
          await raw.set(apqKey, poison);
          subgraphCalls.mockClear();
          const reply = await ask(gateway, hashOnly);
          expect(reply.data).toBeUndefined();
          expect(reply.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
          expect(subgraphCalls).not.toHaveBeenCalled(); // nothing ran: no subgraph was called at all
          expect(await raw.exists(apqKey)).toBe(0); // and the poison is gone
        }
      }
    } finally {
      subgraphCalls.mockRestore();
    }
    expect(await activeConsents()).toEqual([]);

    // The client then sends its text again (the APQ protocol) and gets its own answer.
    expect(await ask(other, { query: routine, ...hashOnly })).toEqual({ data: { myConsents: [] } });
    expect(await ask(system.gatewayUrl, hashOnly)).toEqual({ data: { myConsents: [] } });
    // Control: the attacker's text was a working operation with the victim's token — it would have made a consent.
    expect((await ask(system.gatewayUrl, { query: attack })).data.grantConsent.id).toEqual(expect.any(String));
    expect(await activeConsents()).toHaveLength(1);
  });
});
