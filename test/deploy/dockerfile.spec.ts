/**
 * The image's shape, read from the Dockerfile (no engine builds it here): a build stage that
 * compiles, a runtime stage on Node 24 with production dependencies and compiled JavaScript only,
 * unprivileged, with one writable data directory, under an init, with a health check; and a build
 * context that leaves the host's installs, data and secrets out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES } from '../../lib/config';
import { GATEWAY_NODE_FLAGS } from '../../lib/node-flags';
import { GATEWAY_PORT, REPO_ROOT } from '../../schema/subgraphs';
import { argsOf, dockerfileStages, envOf } from '../support/dockerfile';

const execForm = (args: string) => JSON.parse(args) as string[];

const stages = dockerfileStages();
const build = stages[0]!;
const runtime = stages.at(-1)!;

describe('the Dockerfile', () => {
  it('builds in one stage and runs from another, both on Node 24', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toBe('node:24-bookworm-slim');
    expect(build.name).toBe('build');
    expect(runtime.name).not.toBe(build.name);
  });

  it('compiles in the build stage, with every dependency installed from the lockfile', () => {
    const runs = argsOf(build, 'RUN');
    expect(runs.some((run) => /\bnpm ci\b/.test(run) && !/--omit/.test(run))).toBe(true);
    expect(runs).toContainEqual(expect.stringMatching(/\bnpm run build\b/));
    // Everything the build compiles and copies is in the stage (the context, less .dockerignore's), after the install.
    expect(argsOf(build, 'COPY')).toEqual(['package.json package-lock.json ./', '. .']);
  });

  it('runs compiled JavaScript on production dependencies only: no sources, no TypeScript, no tsx', () => {
    const runs = argsOf(runtime, 'RUN');
    expect(runs).toContainEqual(expect.stringMatching(/\bnpm ci --omit=dev\b/));
    expect(runs.filter((run) => /\bnpm (ci|install)\b/.test(run)).every((run) => run.includes('--omit=dev'))).toBe(true);
    // From the context only the manifest and the lockfile; the code comes compiled from the build stage.
    const copies = argsOf(runtime, 'COPY');
    expect(copies).toContainEqual(`--from=${build.name} /app/dist/ dist/`);
    for (const copy of copies.filter((c) => !c.startsWith('--from='))) expect(copy).toBe('package.json package-lock.json ./');
    // The default role is the gateway, with its Node flags (lib/node-flags.ts).
    expect(execForm(argsOf(runtime, 'CMD').at(-1)!)).toEqual(['node', ...GATEWAY_NODE_FLAGS, 'dist/scripts/serve.js', 'gateway']);
    for (const keyword of ['CMD', 'ENTRYPOINT']) for (const args of argsOf(runtime, keyword)) expect(args).not.toMatch(/tsx|\.ts\b/);
    expect(fs.existsSync(path.join(REPO_ROOT, 'scripts', 'serve.ts'))).toBe(true);
  });

  it('runs as node, with the one directory it writes owned by node and every default path in it', () => {
    expect(argsOf(runtime, 'USER').at(-1)).toBe('node');
    const env = envOf(runtime);
    const chowned = argsOf(runtime, 'RUN').flatMap((run) => [...run.matchAll(/chown (?:-R )?node:node (\S+)/g)].map((match) => match[1]!));
    expect(chowned).toEqual(['/var/lib/hpf']);
    for (const variable of ['STORAGE_DIR', 'AUTH_KEYS_DIR', 'ACCESS_RECORD_CHECKPOINT_DIR']) expect({ variable, dir: env[variable] }).toEqual({ variable, dir: expect.stringMatching(/^\/var\/lib\/hpf\//) });
    // docker-compose.yml mounts the checkpoints' named volume there: the image makes it, so the volume starts owned by node.
    expect(argsOf(runtime, 'RUN').join('\n')).toMatch(/mkdir -p \/var\/lib\/hpf\/checkpoints\b/);
    expect(env.NODE_ENV).toBe('production');
  });

  it('sets only what the configuration reads, and the health probe’s address', () => {
    for (const variable of Object.keys(envOf(runtime))) if (variable !== 'HEALTHCHECK_URL') expect(CONFIG_VARIABLES).toContain(variable);
    expect(envOf(runtime).APOLLO_TELEMETRY_DISABLED).toBe('1');
  });

  it('runs under tini, installed from Debian, so signals reach node and children are reaped', () => {
    expect(argsOf(runtime, 'RUN')).toContainEqual(expect.stringMatching(/apt-get install -y --no-install-recommends tini\b/));
    expect(execForm(argsOf(runtime, 'ENTRYPOINT').at(-1)!)).toEqual(['/usr/bin/tini', '--']);
  });

  it('has a health check probing the health endpoint the environment names (the gateway’s readiness by default)', () => {
    const [check] = argsOf(runtime, 'HEALTHCHECK');
    expect(check).toMatch(/^--interval=\S+ --timeout=\S+ --start-period=\S+ --retries=\d+ CMD /);
    const probe = execForm(check!.replace(/^.*?CMD /, ''));
    expect(probe.slice(0, 2)).toEqual(['node', '-e']);
    expect(probe[2]).toContain('process.env.HEALTHCHECK_URL');
    expect(envOf(runtime).HEALTHCHECK_URL).toBe(`http://127.0.0.1:${GATEWAY_PORT}/health/ready`);
  });

  it('keeps the host’s installs, builds, data, secrets and history out of the build context', () => {
    const ignored = fs
      .readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim().replace(/\/$/, ''))
      .filter((line) => line && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.data', '.secrets', 'dist', '.git']));
  });
});
