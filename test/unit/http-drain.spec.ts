/**
 * A stopping server drains (lib/http.ts listen().close()): it takes no new connection, lets the
 * requests in flight finish, and cuts off only what is still running at the drain deadline.
 */
import http from 'node:http';
import { listen } from '../../lib/http';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function slowServer(answerAfterMs: number | null): http.Server {
  return http.createServer((_request, response) => {
    if (answerAfterMs === null) return; // never answers
    setTimeout(() => response.end('done'), answerAfterMs);
  });
}

describe('a listening server when it closes', () => {
  it('lets a request in flight finish, then closes', async () => {
    const listening = await listen(slowServer(300), 0, '127.0.0.1', { drainMs: 5000 });
    const inFlight = fetch(listening.url).then(async (response) => ({ status: response.status, body: await response.text() }));
    await sleep(50);
    const started = Date.now();
    await listening.close();
    expect(await inFlight).toEqual({ status: 200, body: 'done' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  it('takes no new connection once it is closing', async () => {
    const listening = await listen(slowServer(300), 0, '127.0.0.1', { drainMs: 5000 });
    const inFlight = fetch(listening.url);
    await sleep(50);
    const closed = listening.close();
    await expect(fetch(listening.url)).rejects.toThrow();
    expect((await inFlight).status).toBe(200);
    await closed;
  });

  it('cuts off a request still running at the drain deadline', async () => {
    const listening = await listen(slowServer(null), 0, '127.0.0.1', { drainMs: 200 });
    const stuck = fetch(listening.url);
    stuck.catch(() => undefined);
    await sleep(50);
    const started = Date.now();
    await listening.close();
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(stuck).rejects.toThrow();
  });
});
