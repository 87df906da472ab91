/**
 * The HTTP client of the system's own calls — the gateway to its subgraphs, each subgraph to its
 * agency: node:http(s) over a keep-alive agent of its own, the body read whole into one buffer.
 * Written once for both, because the paths it replaces cost the most CPU of either process
 * (Apollo's default fetcher chain, make-fetch-happen → minipass-fetch → agent-base, which builds an
 * `Error().stack` per request; and global fetch's WHATWG streams in the agency client).
 *
 * Connections are kept open between calls and reused last-freed first (`lifo`, so a quiet period
 * lets the rest expire). An idle connection is dropped a second before the server's announced
 * `Keep-Alive: timeout` (node's agent reads the hint), so the server rarely closes one under us; when
 * it does anyway, a call that fails on a reused connection before any byte of an answer arrived is
 * sent once more on a fresh one: the server closed that connection idle, so it never read the call.
 * Nothing else is retried. No proxy is consulted (HTTP(S)_PROXY): these calls stay on the
 * deployment's own network.
 */
import http from 'node:http';
import https from 'node:https';

export interface KeepAliveRequest {
  method?: string;
  headers: Readonly<Record<string, string>>;
  body: string | Buffer;
  /** Aborts the call; the promise then rejects with the signal's reason (AbortSignal.timeout: a TimeoutError). */
  signal?: AbortSignal;
  /**
   * Gives up on a call unanswered this long: it rejects with a TimeoutError, as AbortSignal.timeout
   * would. The timer is cleared when the call ends: AbortSignal.timeout's fires after every call,
   * however long it has been over, and dispatches an abort nobody listens to any more.
   */
  timeoutMs?: number;
}

export interface KeepAliveReply {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Errors of a connection the server closed while it sat idle in the pool. */
const STALE_CONNECTION_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE']);

export class KeepAliveClient {
  private readonly agents: { 'http:': http.Agent; 'https:': https.Agent };

  constructor() {
    // No socket cap, as Apollo's default fetcher had (maxSockets: Infinity): concurrency is bounded upstream.
    this.agents = { 'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo' }), 'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo' }) };
  }

  request(url: string | URL, request: KeepAliveRequest): Promise<KeepAliveReply> {
    const target = typeof url === 'string' ? new URL(url) : url;
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return Promise.reject(new TypeError(`unsupported protocol ${target.protocol}`));
    return this.send(target, request, false);
  }

  /** Closes every kept connection (at shutdown); a later call opens new ones. */
  close(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }

  private send(target: URL, request: KeepAliveRequest, resent: boolean): Promise<KeepAliveReply> {
    return new Promise<KeepAliveReply>((resolve, reject) => {
      const module = target.protocol === 'https:' ? https : http;
      let answered = false;
      // Set when timeoutMs passed: whatever error the destroyed call then reports, this is the answer.
      let timedOut: Error | null = null;
      const fail = (error: Error): void => {
        clearTimeout(deadline);
        reject(timedOut ?? (request.signal?.aborted ? request.signal.reason : error));
      };
      const outgoing = module.request(
        target,
        {
          method: request.method ?? 'POST',
          agent: this.agents[target.protocol as 'http:' | 'https:'],
          headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
          signal: request.signal,
        },
        (incoming) => {
          answered = true;
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', fail);
          incoming.on('end', () => {
            clearTimeout(deadline);
            resolve({ status: incoming.statusCode ?? 0, statusText: incoming.statusMessage ?? '', headers: incoming.headers, body: Buffer.concat(chunks) });
          });
        },
      );
      const deadline =
        request.timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              timedOut = new DOMException(`no answer within ${request.timeoutMs} ms`, 'TimeoutError');
              outgoing.destroy(timedOut);
            }, request.timeoutMs);
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        if (!answered && !resent && !timedOut && outgoing.reusedSocket && !request.signal?.aborted && STALE_CONNECTION_CODES.has(error.code ?? '')) {
          clearTimeout(deadline);
          resolve(this.send(target, request, true));
          return;
        }
        fail(error);
      });
      outgoing.end(request.body);
    });
  }
}
