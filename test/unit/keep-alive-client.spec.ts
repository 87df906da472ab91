import http from 'node:http';
import type net from 'node:net';
import { listen, type ListeningServer } from '../../lib/http';
import { KeepAliveClient } from '../../lib/keep-alive-client';
import { keepAliveFetcher } from '../../gateway/plugins/upstream';

/** A server that answers each POST with its body echoed, counting connections and requests per connection. */
function echoServer(onRequest: (nthOnConnection: number, socket: net.Socket, response: http.ServerResponse) => boolean = () => true) {
  const seen = new WeakMap<net.Socket, number>();
  const state = { connections: 0, requests: 0 };
  const server = http.createServer((request, response) => {
    const nth = (seen.get(request.socket) ?? 0) + 1;
    seen.set(request.socket, nth);
    state.requests += 1;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (!onRequest(nth, request.socket, response)) return;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ echoed: Buffer.concat(chunks).toString('utf8'), header: request.headers['x-probe'] ?? null }));
    });
  });
  server.on('connection', () => (state.connections += 1));
  return { server, state };
}

describe('KeepAliveClient', () => {
  const servers: ListeningServer[] = [];
  const client = new KeepAliveClient();
  const start = async (built: ReturnType<typeof echoServer>) => {
    const listening = await listen(built.server, 0);
    servers.push(listening);
    return listening.url;
  };
  afterAll(async () => {
    client.close();
    await Promise.all(servers.map((server) => server.close()));
  });

  it('sends calls in sequence over one kept connection', async () => {
    const echo = echoServer();
    const url = await start(echo);
    for (let i = 0; i < 5; i++) {
      const reply = await client.request(`${url}/call`, { headers: { 'content-type': 'application/json', 'x-probe': String(i) }, body: `{"n":${i}}` });
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body.toString('utf8'))).toEqual({ echoed: `{"n":${i}}`, header: String(i) });
    }
    expect(echo.state).toEqual({ connections: 1, requests: 5 });
  });

  it('sends a call once more on a fresh connection when the kept one was closed under it, before any answer', async () => {
    // The server drops the connection at its second request unanswered, as one that closed it idle would.
    const echo = echoServer((nth, socket) => (nth === 2 ? (socket.destroy(), false) : true));
    const url = await start(echo);
    await client.request(url, { headers: {}, body: 'first' });
    const reply = await client.request(url, { headers: {}, body: 'second' });
    expect(JSON.parse(reply.body.toString('utf8'))).toMatchObject({ echoed: 'second' });
    expect(echo.state).toEqual({ connections: 2, requests: 3 });
  });

  it('does not send again a call that failed on a fresh connection', async () => {
    const echo = echoServer((_nth, socket) => (socket.destroy(), false));
    const url = await start(echo);
    await expect(client.request(url, { headers: {}, body: 'once' })).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(echo.state.requests).toBe(1);
  });

  it('rejects with the signal’s TimeoutError when the answer is late', async () => {
    const url = await start(echoServer((_nth, _socket, response) => (setTimeout(() => response.end('{}'), 500), false)));
    await expect(client.request(url, { headers: {}, body: 'slow', signal: AbortSignal.timeout(50) })).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('rejects with a TimeoutError past its own timeoutMs', async () => {
    // An answer held until the test ends: no server timer of its own.
    const held: http.ServerResponse[] = [];
    const url = await start(echoServer((_nth, _socket, response) => (held.push(response), false)));
    const started = Date.now();
    await expect(client.request(url, { headers: {}, body: 'slow', timeoutMs: 50 })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(400);
    for (const response of held) response.end('{}');
  });
});

describe('keepAliveFetcher', () => {
  it('answers as the fetch Response RemoteGraphQLDataSource reads: status, headers, json, text', async () => {
    const listening = await listen(echoServer().server, 0);
    const client = new KeepAliveClient();
    try {
      const response = await keepAliveFetcher(client)(`${listening.url}/graphql`, { method: 'POST', headers: { 'x-probe': 'p' }, body: '{"query":"{ a }"}' });
      expect([response.status, response.ok, response.url]).toEqual([200, true, `${listening.url}/graphql`]);
      expect(response.headers.get('Content-Type')).toBe('application/json');
      expect(await response.clone().text()).toBe(JSON.stringify({ echoed: '{"query":"{ a }"}', header: 'p' }));
      expect(await response.json()).toEqual({ echoed: '{"query":"{ a }"}', header: 'p' });
      expect(response.bodyUsed).toBe(true);
    } finally {
      client.close();
      await listening.close();
    }
  });
});
