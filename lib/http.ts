/**
 * The small HTTP toolkit every process shares: bounded body reading, JSON replies, and listening.
 * Servers are built apart from listening, so tests can build them and listen on port 0.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`request body exceeds ${limitBytes} bytes`);
  }
}

export async function readBody(request: http.IncomingMessage, limitBytes: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limitBytes) throw new BodyTooLargeError(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) throw new BodyTooLargeError(limitBytes);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

export function headerValue(request: http.IncomingMessage, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export interface ListeningServer {
  url: string;
  port: number;
  /** Stops accepting, lets the requests in flight finish (up to the drain time), then closes every connection. */
  close(): Promise<void>;
}

/**
 * How long a stopping server waits for its requests in flight: under the 10 s an orchestrator
 * (docker stop, Kubernetes' default grace) gives before it kills, so the stores still close after.
 */
export const DRAIN_TIMEOUT_MS = 5000;
/** While draining, connections that went idle (their request answered) are closed this often. */
const IDLE_SWEEP_MS = 50;

/**
 * Graceful close: no new connection is accepted, idle keep-alive connections close at once, a
 * connection closes as soon as its request is answered, and whatever is still running at the
 * deadline is cut off.
 */
function drain(server: http.Server, drainMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const deadline = setTimeout(() => server.closeAllConnections(), drainMs);
    server.close((error) => {
      clearInterval(sweep);
      clearTimeout(deadline);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}

export async function listen(server: http.Server, port: number, host = '127.0.0.1', options: { drainMs?: number } = {}): Promise<ListeningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    // Idempotent: a test may stop one server early and the system stops it again at the end.
    close: () =>
      (closing ??= drain(server, options.drainMs ?? DRAIN_TIMEOUT_MS)),
  };
}
