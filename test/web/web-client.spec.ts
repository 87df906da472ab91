/**
 * The web app's way to the graph and how the gateway serves it. Its operations are typed by
 * graphql-codegen's client preset with the configuration frontend teams are given
 * (schema/client-codegen.ts), committed in web/src/generated/ and registered for hpf-web exactly as
 * the preset's manifest has them; when this fails, run `npm run codegen:web` and commit the result.
 * The gateway serves the build at /app/ under a policy that runs scripts and styles of its own
 * origin only, and tells the page where citizens sign in.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { TRUSTED_DOCUMENTS_DIR, documentHash, manifestPath, readManifest } from '../../gateway/plugins/trusted-documents';
import { DEFAULT_WEB_CLIENT_ID, WEB_APP_PATH, webAppPolicy, webAppRoutes } from '../../gateway/plugins/web-app';
import { WEB_CLIENT_ID } from '../../identity-provider/provider';
import { REPO_ROOT } from '../../schema/subgraphs';
import { WEB_CLIENT, WEB_GENERATED_DIR } from '../../scripts/web-codegen';

describe('the web app’s client', () => {
  let fresh: string;
  beforeAll(async () => {
    fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'hpf-web-codegen-'));
    await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'web-codegen.ts'), '--out', fresh], { cwd: REPO_ROOT, timeout: 60_000 });
  }, 90_000);
  afterAll(() => fs.rmSync(fresh, { recursive: true, force: true }));

  it('is generated from web/src/operations.ts as committed (npm run codegen:web)', () => {
    const files = fs.readdirSync(fresh).sort();
    expect(fs.readdirSync(WEB_GENERATED_DIR).sort()).toEqual(files);
    for (const file of files) expect({ file, same: fs.readFileSync(path.join(fresh, file), 'utf8') === fs.readFileSync(path.join(WEB_GENERATED_DIR, file), 'utf8') }).toEqual({ file, same: true });
  });

  it('has every operation registered for hpf-web, by the hash the preset put in it', () => {
    const persisted = JSON.parse(fs.readFileSync(path.join(WEB_GENERATED_DIR, 'persisted-documents.json'), 'utf8')) as Record<string, string>;
    const manifest = readManifest(manifestPath(TRUSTED_DOCUMENTS_DIR, WEB_CLIENT), WEB_CLIENT);
    expect(Object.keys(persisted).length).toBeGreaterThanOrEqual(10);
    for (const [id, text] of Object.entries(persisted)) {
      expect(id).toBe(`sha256:${documentHash(text)}`);
      expect({ id, registered: manifest.operations[documentHash(text)] === text }).toEqual({ id, registered: true });
    }
  });

  it('is the client the local identity provider registers', () => {
    expect(DEFAULT_WEB_CLIENT_ID).toBe(WEB_CLIENT_ID);
  });
});

describe('the gateway’s /app/', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hpf-web-build-'));
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head><script type="module" src="/app/assets/index-abc.js"></script></head><body></body></html>');
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
    const routes = webAppRoutes({ dir, issuer: 'http://127.0.0.1:4200', audience: 'urn:fj-hpf:one-thing', graphqlPath: '/graphql' });
    server = http.createServer((request, response) => {
      const route = routes[`${request.method} ${new URL(request.url ?? '/', 'http://x').pathname}`];
      if (route) void route(request, response);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page, at its sign-in landing too, with where to sign in and a policy of its own origin (and the provider’s for calls)', async () => {
    for (const at of [WEB_APP_PATH, `${WEB_APP_PATH}signed-in`]) {
      const page = await fetch(`${base}${at}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toBe(webAppPolicy('http://127.0.0.1:4200'));
      const html = await page.text();
      const config = JSON.parse(/<meta name="hpf-config" content="([^"]+)">/.exec(html)![1]!.replace(/&#34;/g, '"')) as unknown;
      expect(config).toEqual({ issuer: 'http://127.0.0.1:4200', clientId: 'hpf-web', audience: 'urn:fj-hpf:one-thing', graphqlPath: '/graphql' });
    }
    const policy = webAppPolicy('http://127.0.0.1:4200');
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self' http://127.0.0.1:4200");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('serves each built asset with its type, cacheable for good (content-hashed), and sends /app to /app/', async () => {
    const script = await fetch(`${base}/app/assets/index-abc.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const bare = await fetch(`${base}/app`, { redirect: 'manual' });
    expect({ status: bare.status, location: bare.headers.get('location') }).toEqual({ status: 308, location: '/app/' });
  });

  it('says how to build it when there is no build', async () => {
    const routes = webAppRoutes({ dir: path.join(dir, 'none'), issuer: 'http://127.0.0.1:4200', audience: 'a', graphqlPath: '/graphql' });
    expect(Object.keys(routes).sort()).toEqual(['GET /app', 'GET /app/', 'GET /app/signed-in']);
  });
});
