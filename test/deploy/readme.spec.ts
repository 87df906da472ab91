/**
 * The README's two commands, tried as a new user would, each part once where it is cheapest:
 * CI itself runs `npm ci` and then the test command on a clean clone of main (.ci/run, checked
 * here), so this spec does not install or test a second time; it starts the system with the run
 * command's `npm start` in a fresh clone of the committed tree (nothing built, nothing generated,
 * the dependencies of this checkout), which answers a query and the README's walk-through as pasted.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { REPO_ROOT } from '../../schema/subgraphs';
import { holdDefaultPorts } from '../support/default-ports';

const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const shellBlocks = [...readme.matchAll(/```sh\n([^`]+?)\n```/g)].map((match) => match[1]!.trim());
const [RUN_COMMAND, TEST_COMMAND] = shellBlocks;
/** The README's step-by-step case flow (it starts by naming the endpoint). */
const CASE_FLOW = shellBlocks.find((block) => block.startsWith('GQL='));

describe('the README’s two commands in a fresh clone', () => {
  let clone: string;
  let running: ChildProcess | null = null;

  let releasePorts: () => void = () => undefined;

  beforeAll(async () => {
    clone = fs.mkdtempSync(path.join(os.tmpdir(), 'hpf-fresh-clone-'));
    execFileSync('git', ['clone', '--quiet', REPO_ROOT, clone]);
    // Installed as `npm ci` installs them (CI's first step): this checkout's, from the same lockfile.
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
    // `npm start` listens on the default ports, as the deployment spec's services do: one at a time.
    releasePorts = await holdDefaultPorts();
  }, 320_000);
  afterAll(() => {
    if (running?.pid) process.kill(-running.pid, 'SIGTERM');
    fs.rmSync(clone, { recursive: true, force: true });
    releasePorts();
  });

  it('names one command that installs and runs, and one that tests, which CI runs after installing as the run command does', () => {
    expect(RUN_COMMAND).toBe('npm ci && npm start');
    expect(TEST_COMMAND).toBe('npm test');
    const ci = fs.readFileSync(path.join(REPO_ROOT, '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/^npm ci\b[^\n]*\n[\s\S]*^npm test$/m);
  });

  it('starts the whole system with the run command’s npm start, which answers a query and the README’s walk-through as pasted', async () => {
    const START_COMMAND = RUN_COMMAND!.replace(/^npm ci && /, '');
    running = spawn('sh', ['-c', START_COMMAND], { cwd: clone, detached: true, env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn' } });
    let output = '';
    running.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    running.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const started = Date.now();
    while (!output.includes('GraphQL endpoint')) {
      if (running.exitCode !== null) throw new Error(`the run command exited early:\n${output}`);
      if (Date.now() - started > 240_000) throw new Error(`the system did not start in time:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const endpoint = /GraphQL endpoint\s*:\s*(\S+)/.exec(output)![1]!;
    // As the start-up banner says: a token from the key pair generated at first start.
    const token = execFileSync('npm', ['run', '-s', 'token', '--', '--role', 'APPLICANT', '--id-number', SCENARIOS.cleanCouple.applicant.idNumber], { cwd: clone, encoding: 'utf8' }).trim();
    expect(output).toContain('npm run -s token -- --role APPLICANT');
    const reply = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `{ applicant(idNumber: "${SCENARIOS.cleanCouple.applicant.idNumber}") { marriage { status } } }` }),
    });
    expect(await reply.json()).toEqual({ data: { applicant: { marriage: { status: 'MARRIED' } } } });
    // The web app, built by the run command from the clone's sources, where the banner says.
    const appUrl = /Web app\s*:\s*(\S+)/.exec(output)![1]!;
    const app = await fetch(appUrl);
    expect(app.status).toBe(200);
    const page = await app.text();
    expect(page).toContain('<meta name="hpf-config"');
    expect((await fetch(new URL(/src="([^"]+\.js)"/.exec(page)![1]!, appUrl))).status).toBe(200);

    // The walk-through, exactly as pasted: submission, each party's consent, the decision, the officer's read.
    const flow = execFileSync('bash', ['-c', CASE_FLOW!], { cwd: clone, encoding: 'utf8', timeout: 60_000 });
    expect(flow).toContain('"subjectRole":"SPOUSE"');
    expect(flow).toContain('"status":"APPROVED"');
    expect(flow).toContain(`{"data":{"applicant":{"name":"${SCENARIOS.cleanCouple.spouse!.name}"`);
    // Regression: every Apollo Server of the one process added its own SIGINT and SIGTERM handlers
    // (eleven of each, past Node's ten), which Node warned of at every start.
    expect(output).not.toMatch(/MaxListenersExceededWarning|Warning: Possible EventEmitter memory leak/);
    process.kill(-running.pid!, 'SIGTERM');
    running = null;
  }, 300_000);
});
