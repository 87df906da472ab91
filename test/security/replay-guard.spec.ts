/**
 * Single use of caller assertions, as the subgraphs keep it: in memory per instance, shared
 * through the machine's Redis across instances, and — when Redis is away — per instance still,
 * never failing a request.
 */
import { randomUUID } from 'node:crypto';
import { createLogger, silentLogger } from '../../lib/logger';
import { createReplayGuard, memoryReplayGuard, type ReplayGuard } from '../../lib/replay-guard';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('the replay guard', () => {
  it('in memory: accepts an id once, until it expires, and forgets expired ids', async () => {
    let now = 1_000_000;
    const guard = memoryReplayGuard(() => now);
    expect(await guard.firstUse('a', now + 10_000)).toBe(true);
    expect(await guard.firstUse('a', now + 10_000)).toBe(false);
    expect(await guard.firstUse('b', now + 10_000)).toBe(true);
    now += 10_001;
    expect(await guard.firstUse('c', now + 10_000)).toBe(true);
    expect(guard.size).toBe(1); // a and b are past their expiry: pruned
  });

  describe('through Redis', () => {
    const guards: ReplayGuard[] = [];
    const open = (url = REDIS_URL, logger = silentLogger) => {
      const guard = createReplayGuard({ redisUrl: url, keyPrefix: `test-${randomUUID()}:`, logger });
      guards.push(guard);
      return guard;
    };
    afterAll(() => Promise.all(guards.map((guard) => guard.close())));

    it('refuses an id another instance accepted', async () => {
      const keyPrefix = `test-${randomUUID()}:`;
      const [first, second] = [0, 1].map(() => createReplayGuard({ redisUrl: REDIS_URL, keyPrefix, logger: silentLogger }));
      guards.push(first!, second!);
      expect(await first!.whenReady()).toBe(true);
      expect(await second!.whenReady()).toBe(true);
      const id = `identity:${randomUUID()}`;
      expect(await first!.firstUse(id, Date.now() + 10_000)).toBe(true);
      expect(await second!.firstUse(id, Date.now() + 10_000)).toBe(false);
      expect(await second!.firstUse(`identity:${randomUUID()}`, Date.now() + 10_000)).toBe(true);
    });

    it('while Redis is away: still refuses a replay to the same instance, and fails no request (saying so in the log)', async () => {
      const lines: Array<Record<string, unknown>> = [];
      const guard = open('redis://127.0.0.1:1', createLogger({ level: 'warn', write: (line) => lines.push(JSON.parse(line)) }));
      expect(await guard.whenReady(200)).toBe(false);
      const id = randomUUID();
      expect(await guard.firstUse(id, Date.now() + 10_000)).toBe(true);
      expect(await guard.firstUse(id, Date.now() + 10_000)).toBe(false);
      expect(await guard.firstUse(randomUUID(), Date.now() + 10_000)).toBe(true);
      expect(lines.map((line) => line.msg)).toContain('caller assertions checked for single use in this instance only: the shared store did not answer');
    });
  });
});
