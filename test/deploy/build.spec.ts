/**
 * The production build: `npm run build` (scripts/build.ts) compiles the production code and copies
 * every file it reads at run time beside it, and the compiled services run on plain node — no tsx,
 * no TypeScript, no devDependency. Built once, into a temporary directory laid out like the image's
 * /app: package.json, node_modules holding the production dependencies only, dist/.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { PROJECT_ROOT, SUBGRAPHS } from '../../schema/subgraphs';
import ts from 'typescript';
import { runtimeFiles, type BuildResult } from '../../scripts/build';
import { buildOnce } from '../support/build-once';
import { envOf, runtimeStage } from '../support/dockerfile';

const app = fs.mkdtempSync(path.join(os.tmpdir(), 'hpf-build-'));
const dist = path.join(app, 'dist');
/** The image's /var/lib/hpf: the one directory the services may write. */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hpf-build-data-'));
const children: ChildProcess[] = [];

/**
 * As in the image: the services run as a user who owns the data directory and cannot write the
 * tree they run from (as root here, the children run as nobody; otherwise the tree is made read-only).
 */
const asRoot = process.getuid?.() === 0;
const serviceUser = asRoot ? { uid: 65534, gid: 65534 } : {};
function setTreeWritable(dir: string, writable: boolean): void {
  fs.chmodSync(dir, writable ? 0o755 : 0o555);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) setTreeWritable(path.join(dir, entry.name), writable);
}

/** The image's environment (its ENV, its data directory here), in test mode on the loopback. */
const imageEnv: Record<string, string> = {
  ...Object.fromEntries(Object.entries(envOf(runtimeStage())).map(([name, value]) => [name, value.replace(/^\/var\/lib\/hpf(?=\/|$)/, dataDir)])),
  NODE_ENV: 'test',
  HOST: '127.0.0.1',
};

/** What `npm ci --omit=dev` installs, by the lockfile: every top-level package not marked dev. */
function linkProductionDependencies(): string[] {
  const lock = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const names = Object.entries(lock.packages)
    .filter(([key, entry]) => /^node_modules\/(@[^/]+\/)?[^/@][^/]*$/.test(key) && !entry.dev)
    .map(([key]) => key.slice('node_modules/'.length));
  for (const name of names) {
    const target = path.join(app, 'node_modules', name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules', name), target, 'dir');
  }
  return names;
}

/** Plain node on a compiled file, with nothing from this process's environment (no NODE_OPTIONS, no loader). */
const compiledOptions = (env: Record<string, string>) => ({ cwd: app, env: { PATH: process.env.PATH ?? '', ...imageEnv, LOG_LEVEL: 'info', ...env }, ...serviceUser });
function runCompiled(args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, args, { ...compiledOptions(env), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

/** Resolves with the first stdout line `pick` accepts; rejects with the output if the process ends first. */
function untilLine<T>(child: ChildProcess, pick: (line: string) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split('\n')) {
        const found = pick(line);
        if (found !== undefined) return resolve(found);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`exited (${code}) before it was ready:\n${output}`)));
  });
}

const exitOf = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

const jsonLine = (line: string): Record<string, unknown> | undefined => {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
};

let production: string[] = [];
let built: BuildResult;

beforeAll(() => {
  fs.copyFileSync(path.join(PROJECT_ROOT, 'package.json'), path.join(app, 'package.json'));
  production = linkProductionDependencies();
  built = buildOnce(dist);
  setTreeWritable(app, false);
  if (asRoot) fs.chownSync(dataDir, serviceUser.uid!, serviceUser.gid!);
}, 90_000);

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  setTreeWritable(app, true);
  fs.rmSync(app, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run build', () => {
  it('compiles every directory the type check covers but test/, to CommonJS', () => {
    const include = (ts.readConfigFile(path.join(PROJECT_ROOT, 'tsconfig.json'), ts.sys.readFile).config as { include: string[] }).include;
    const buildConfig = ts.readConfigFile(path.join(PROJECT_ROOT, 'tsconfig.build.json'), ts.sys.readFile).config as { exclude: string[]; compilerOptions: { outDir: string } };
    expect(buildConfig.exclude).toEqual(['test']);
    expect(buildConfig.compilerOptions.outDir).toBe('dist');
    expect(built.compiled).toEqual(include.filter((dir) => dir !== 'test').sort());
    // …and the web app's build beside it (Vite's, not tsc's): web/build, which the gateway serves.
    expect(fs.readdirSync(dist).sort()).toEqual([...built.compiled, 'web'].sort());
    expect(fs.readdirSync(path.join(dist, 'web'))).toEqual(['build']);
    expect(fs.readFileSync(path.join(dist, 'scripts', 'serve.js'), 'utf8')).toMatch(/^"use strict";/);
    expect(fs.existsSync(path.join(dist, 'scripts', 'migrate-storage.js'))).toBe(true);
  });

  it('copies every file the code reads at run time beside it, at the same path, and no TypeScript', () => {
    const copied = built.copied;
    expect(copied).toEqual(runtimeFiles(built.compiled));
    expect(copied).toEqual(
      expect.arrayContaining([
        'schema/supergraph.graphql',
        'schema/trusted-documents/hpf-web.json',
        'subgraphs/shared/base.graphql',
        'storage/embedded-worker.cjs',
        ...SUBGRAPHS.map((s) => `subgraphs/${s.name}/schema.graphql`),
      ]),
    );
    for (const file of copied) expect({ file, same: fs.readFileSync(path.join(dist, file)).equals(fs.readFileSync(path.join(PROJECT_ROOT, file))) }).toEqual({ file, same: true });
    const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    expect(walk(dist).filter((file) => file.endsWith('.ts'))).toEqual([]);
  });

  it('builds the web app into dist/web/build: one page and its content-hashed assets, every script and style a file', () => {
    expect(built.webApp).toBe(path.join(dist, 'web', 'build'));
    const page = fs.readFileSync(path.join(built.webApp, 'index.html'), 'utf8');
    const assets = fs.readdirSync(path.join(built.webApp, 'assets'));
    expect(assets.some((name) => /^index-[\w-]+\.js$/.test(name))).toBe(true);
    for (const [, src] of page.matchAll(/(?:src|href)="(\/app\/assets\/[^"]+)"/g)) expect(assets).toContain(src!.slice('/app/assets/'.length));
    expect(page).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  });

  it('leaves the devDependencies out of the tree it runs on, as the image does', () => {
    expect(production).toContain('@apollo/gateway');
    for (const dev of ['typescript', 'jest', 'ts-jest', 'node']) expect(production).not.toContain(dev);
  });
});

describe('the compiled services, on plain node, as the image runs them (unprivileged, writing only its data directory)', () => {
  it('serve the gateway (its supergraph, the trusted documents, the IDE) and stop cleanly on SIGTERM', async () => {
    const gateway = runCompiled([path.join(dist, 'scripts', 'serve.js'), 'gateway'], { GATEWAY_PORT: '0', TRUSTED_DOCUMENTS: 'registered-only' });
    const url = await untilLine(gateway, (line) => {
      const entry = jsonLine(line);
      return entry?.msg === 'gateway listening' ? String(entry.url) : undefined;
    });
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
    expect(await (await fetch(`${url}/`)).text()).toContain('<html');
    // The web app from dist/web/build, and the script its page names.
    const app = await fetch(`${url}/app/`);
    expect(app.status).toBe(200);
    const page = await app.text();
    expect(page).toContain('<meta name="hpf-config"');
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(page)![1]!;
    expect((await fetch(`${url}${script}`)).headers.get('content-type')).toMatch(/^text\/javascript/);
    const adHoc = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect((await adHoc.json()) as unknown).toMatchObject({ errors: [{ extensions: { code: 'OPERATION_NOT_TRUSTED' } }] });
    gateway.kill('SIGTERM');
    expect(await exitOf(gateway)).toBe(0);
  });

  it('migrate the embedded store, then run every subgraph, simulator and the gateway on it, answering a query', async () => {
    const migrate = runCompiled([path.join(dist, 'scripts', 'migrate-storage.js')]);
    const migrated = untilLine(migrate, (line) => (line.startsWith('storage schema up to date') ? line : undefined));
    expect(await exitOf(migrate)).toBe(0);
    await migrated;

    // The whole system on free ports, from the compiled tree alone.
    const start = `require(${JSON.stringify(path.join(dist, 'scripts', 'local-system.js'))}).startLocalSystem({ config: require(${JSON.stringify(path.join(dist, 'lib', 'config.js'))}).loadConfig(), logger: require(${JSON.stringify(path.join(dist, 'lib', 'logger.js'))}).silentLogger, ports: 'ephemeral' }).then((system) => console.log(JSON.stringify({ gatewayUrl: system.gatewayUrl })), (error) => { console.error(error); process.exit(1); });`;
    const system = runCompiled(['-e', start], { SIMULATOR_LATENCY_MS: '0', LOAN_WORKER: 'off' });
    const gatewayUrl = await untilLine(system, (line) => jsonLine(line)?.gatewayUrl as string | undefined);

    const applicant = SCENARIOS.cleanCouple.applicant;
    const minted = spawnSync(process.execPath, [path.join(dist, 'scripts', 'token.js'), '--role', 'APPLICANT', '--id-number', applicant.idNumber], { ...compiledOptions({}), encoding: 'utf8' });
    expect(minted.status).toBe(0);
    const token = minted.stdout.trim();
    const reply = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `{ applicant(idNumber: "${applicant.idNumber}") { name identityVerification(claimedName: "${applicant.name}") { verified } } }` }),
    });
    expect(await reply.json()).toEqual({ data: { applicant: { name: applicant.name, identityVerification: { verified: true } } } });
    system.kill('SIGTERM');
    await exitOf(system);
  });
});

// Kept honest: the build is what `npm run build` runs.
it('is the npm script', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  expect(manifest.scripts.build).toBe('tsx scripts/build.ts');
  expect(spawnSync('git', ['check-ignore', '-q', 'dist/'], { cwd: PROJECT_ROOT }).status).toBe(0);
});
