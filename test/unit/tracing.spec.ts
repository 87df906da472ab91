/**
 * Trace export (lib/tracing.ts): spans go, as OTLP over HTTP, to the configured endpoint, and with
 * none configured nowhere at all. (The no-phone-home spec also watches every connection of a
 * whole running system.) The exporting process is a child: its exporter cannot load under jest.
 */
import { execFile } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { listen, type ListeningServer } from '../../lib/http';
import { REPO_ROOT } from '../../schema/subgraphs';

const run = promisify(execFile);
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const EXPORTER = path.join(REPO_ROOT, 'test', 'support', 'export-a-span.ts');

describe('trace export', () => {
  const received: Array<{ path: string | undefined; body: string }> = [];
  let collector: ListeningServer;

  beforeAll(async () => {
    const server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ path: request.url, body });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    collector = await listen(server, 0);
  });
  afterAll(() => collector.close());

  it('sends finished spans to the configured collector, under the service’s name', async () => {
    received.length = 0;
    await run(TSX, [EXPORTER, collector.url], { cwd: REPO_ROOT, timeout: 20_000 });
    expect(received.map((request) => request.path)).toEqual(['/v1/traces']);
    expect(received[0]!.body).toContain('a span of the spec');
    expect(received[0]!.body).toContain('hpf-tracing-spec');
  }, 30_000);

  it('exports nothing without a configured endpoint: the collector hears nothing', async () => {
    received.length = 0;
    await run(TSX, [EXPORTER], { cwd: REPO_ROOT, timeout: 20_000 });
    expect(received).toEqual([]);
  }, 30_000);
});
