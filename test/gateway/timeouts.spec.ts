/**
 * Slow clients are cut off (lib/apollo-http.ts, lib/http-hardening.ts), at the gateway and at
 * every subgraph, as both are served by the same handler: headers that drip in (slowloris), a body
 * that does not arrive, and an idle keep-alive connection each meet a deadline instead of holding
 * a socket for node's default minutes. Raw sockets, so the client is exactly as slow as told.
 */
import net from 'node:net';
import { startTestSystem, type TestSystem } from '../support/system';

const HEADERS_MS = 600;
const BODY_MS = 600;
const KEEP_ALIVE_MS = 400;

interface RawExchange {
  socket: net.Socket;
  /** Everything the server sent, once it closed the connection, and how long after connecting. */
  closed: Promise<{ received: string; afterMs: number }>;
}

function connect(url: string): RawExchange {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  const started = Date.now();
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString()));
  socket.on('error', () => undefined); // writes after the server closed: expected here
  const closed = new Promise<{ received: string; afterMs: number }>((resolve) => socket.once('close', () => resolve({ received, afterMs: Date.now() - started })));
  // Bounded whatever happens: no spec leaves a socket open.
  const guard = setTimeout(() => socket.destroy(), 8000);
  void closed.then(() => clearTimeout(guard));
  return { socket, closed };
}

describe('server timeouts against slow clients', () => {
  let system: TestSystem;
  let targets: Array<[string, string]>;
  beforeAll(async () => {
    system = await startTestSystem({ HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_MS), HTTP_BODY_TIMEOUT_MS: String(BODY_MS), HTTP_KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_MS) });
    targets = [
      ['gateway', system.gatewayUrl],
      ['subgraph', system.subgraphUrls.identity],
    ];
  });
  afterAll(() => system.stop());

  it('cuts off a client whose headers drip in, at the gateway and at a subgraph, with 408', async () => {
    await Promise.all(
      targets.map(async ([, url]) => {
        const { socket, closed } = connect(url);
        socket.write(`POST ${new URL(url).pathname} HTTP/1.1\r\nHost: localhost\r\n`);
        let header = 0;
        // A header line every 100 ms, never the blank line that ends them (at most 60 lines).
        const drip = setInterval(() => {
          if (!socket.destroyed && header < 60) socket.write(`X-Slow-${(header += 1)}: 1\r\n`);
        }, 100);
        const { received, afterMs } = await closed;
        clearInterval(drip);
        expect(received).toMatch(/^HTTP\/1\.1 408 /);
        expect(afterMs).toBeGreaterThanOrEqual(HEADERS_MS - 50);
        expect(afterMs).toBeLessThan(5000); // node checks every min(1 s, timeout / 2); generous for a loaded machine
      }),
    );
  });

  it('answers 408 REQUEST_TIMEOUT when the body does not arrive in time, and closes the connection', async () => {
    await Promise.all(
      targets.map(async ([, url]) => {
        const { socket, closed } = connect(url);
        socket.write(`POST ${new URL(url).pathname} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAccept-Language: en\r\nContent-Length: 100\r\n\r\n{"query":`);
        const { received, afterMs } = await closed;
        expect(received).toMatch(/^HTTP\/1\.1 408 /);
        expect(received.toLowerCase()).toContain('connection: close');
        expect(JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4))).toEqual({
          errors: [{ message: `The request body did not arrive within ${BODY_MS} ms.`, extensions: { code: 'REQUEST_TIMEOUT' } }],
        });
        expect(afterMs).toBeGreaterThanOrEqual(BODY_MS - 50);
        expect(afterMs).toBeLessThan(5000);
      }),
    );
  });

  it('closes an idle keep-alive connection after HTTP_KEEP_ALIVE_TIMEOUT_MS', async () => {
    await Promise.all(
      targets.map(async ([, url]) => {
        const { socket, closed } = connect(url);
        let answeredAt = 0;
        socket.on('data', () => (answeredAt ||= Date.now()));
        socket.write('GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
        const { received } = await closed;
        const idleMs = Date.now() - answeredAt;
        expect(received).toMatch(/^HTTP\/1\.1 200 /);
        expect(received).toContain(`Keep-Alive: timeout=${Math.floor(KEEP_ALIVE_MS / 1000)}`);
        expect(idleMs).toBeGreaterThanOrEqual(KEEP_ALIVE_MS - 100);
        expect(idleMs).toBeLessThan(4000);
      }),
    );
  });

  it('still serves an ordinary request', async () => {
    expect((await system.query('{ __typename }')).status).toBe(200);
  });
});
