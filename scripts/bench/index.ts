/**
 * `npm run bench` — every figure of the performance targets in one run, our gateway side by side
 * with Hive Gateway over the same subgraphs, in interleaved rounds so the machine's noise falls on
 * both. The tree is compiled first, as deployed (BENCH_TSX=1: the sources through tsx). Each tier
 * is a process of its own (scripts/bench/tier.ts): the seven agency simulators; the
 * nine subgraphs with privacy on, and again with privacy off; our gateway over each; Hive Gateway
 * over the privacy-on subgraphs, with our JWT check and a caller assertion signed per subgraph
 * fetch (scripts/bench/hive-gateway.ts). This process is the load: closed loop, `BENCH_CONCURRENCY`
 * lanes, each an officer of 福州 working on the case that names the people read.
 *
 * Figures: throughput of one applicant's dashboard (seven agencies) and of a 50-applicant list,
 * ours ÷ Hive and privacy on ÷ off; the gateway hop (a one-subgraph query through the gateway ÷
 * straight to the subgraph); the subgraph tier's CPU time per request; agency calls per 50-list;
 * the gateway's peak RSS; and rules on ÷ off from `npm run bench:policy`, on both stores. The
 * subgraphs' store is PostgreSQL when DATABASE_URL is set (a schema of their own, dropped after),
 * else the embedded one, in memory.
 *
 *   npm run bench                                        about 4 minutes
 *   BENCH_ROUNDS=5 BENCH_SECONDS=10 npm run bench        longer, steadier
 *   (BENCH_CONCURRENCY, default 8; BENCH_POLICY_SECONDS, default 2; BENCH_TSX=1, the sources through tsx;
 *    BENCH_PROFILE=subgraphs, or another tier's role, a CPU profile of that tier in .data/bench-profiles)
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Actor } from '../../lib/actor';
import { ensureLocalKeys } from '../../lib/auth-keys';
import { GATEWAY_NODE_FLAGS } from '../../lib/node-flags';
import { CALLER_ASSERTION_HEADER, newAssertion, operationHash, signAssertion } from '../../lib/caller-assertion';
import { loadConfig } from '../../lib/config';
import { SIMULATOR_ADMIN_PATHS } from '../../lib/agency-contracts';
import { mintToken } from '../../lib/tokens';
import { PROJECT_ROOT } from '../../schema/subgraphs';
import { build } from '../build';
import { closedLoop, localPostgresCpu, localPostgresCpuSince, machineLine, median, reachablePostgres } from './support';
import type { TierReady, TierRole, TierUsage } from './tier';
import { DASHBOARD, HOP, LIST, LIST_SIZE, peopleIn } from './workload';

const positive = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number (got "${process.env[name]}")`);
  return value;
};
const ROUNDS = Math.round(positive('BENCH_ROUNDS', 3));
const SECONDS = positive('BENCH_SECONDS', 4);
const CONCURRENCY = Math.round(positive('BENCH_CONCURRENCY', 8));
const POLICY_SECONDS = positive('BENCH_POLICY_SECONDS', 2);
const CENTRE = '350100';

const say = (line: string) => process.stdout.write(`${line}\n`);

/**
 * The tiers run compiled, as a deployment runs them: the sources built by scripts/build.ts into
 * .data/bench-build (beside node_modules, so packages resolve), then plain node. BENCH_TSX=1 runs
 * the sources through tsx instead, as `npm start` does (slower to start, more CPU and memory).
 */
const TSX = process.env.BENCH_TSX === '1';
const BUILD_DIR = path.join(PROJECT_ROOT, '.data', 'bench-build');
const sibling = (name: string) =>
  TSX ? { modulePath: path.join(__dirname, `${name}.ts`), execArgv: ['--import', 'tsx'] } : { modulePath: path.join(BUILD_DIR, 'scripts', 'bench', `${name}.js`), execArgv: [] };

/** A forked tier: where it listens, and its CPU time and RSS on request. */
interface Tier {
  role: string;
  ready: TierReady;
  usage(): Promise<TierUsage>;
  stop(): Promise<void>;
}

/**
 * BENCH_PROFILE=<role> (subgraphs, gateway, hive, simulators): each tier of that role writes a V8
 * CPU profile of its whole run into .data/bench-profiles when it stops, to open in Chrome's DevTools.
 * The profiler samples the wall clock: time the process spent descheduled lands on whatever it was
 * doing (a socket write that woke PostgreSQL, say), so read CPU shares from the bench's figures.
 */
const PROFILED: string | undefined = process.env.BENCH_PROFILE;
const PROFILE_DIR = path.join(PROJECT_ROOT, '.data', 'bench-profiles');

function startTier(role: TierRole, options: object, env: NodeJS.ProcessEnv, label: string = role): Promise<Tier> {
  const { modulePath, execArgv } = sibling('tier');
  // Our gateway runs with the flags it is deployed with; every other tier (Hive's included) with Node's defaults.
  const flags = [...execArgv, ...(role === 'gateway' ? GATEWAY_NODE_FLAGS : []), ...(PROFILED === role ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : [])];
  const child: ChildProcess = fork(modulePath, [role, JSON.stringify(options)], { env, execArgv: flags, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the ${label} tier exited (${code}) before it listened`)));
    child.once('message', (ready: TierReady) => {
      child.removeAllListeners('exit');
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      resolve({
        role: label,
        ready,
        usage: () =>
          new Promise((answer) => {
            child.once('message', (message: TierUsage) => answer(message));
            child.send('usage');
          }),
        stop: async () => {
          if (child.exitCode === null) child.send('stop');
          await Promise.race([exited, new Promise((done) => setTimeout(done, 15_000))]);
          if (child.exitCode === null) child.kill('SIGKILL');
        },
      });
    });
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function admin(url: string, method: 'GET' | 'POST'): Promise<unknown> {
  const response = await fetch(url, { method });
  return response.json();
}

type Workload = 'dashboard' | 'list' | 'hop';
type Target = 'ours' | 'hive' | 'ours, privacy off' | 'subgraph';

interface Variant {
  name: string;
  workload: Workload;
  target: Target;
}

const VARIANTS: readonly Variant[] = [
  { name: 'dashboard · ours', workload: 'dashboard', target: 'ours' },
  { name: 'dashboard · Hive', workload: 'dashboard', target: 'hive' },
  { name: 'dashboard · ours, privacy off', workload: 'dashboard', target: 'ours, privacy off' },
  { name: '50-list · ours', workload: 'list', target: 'ours' },
  { name: '50-list · Hive', workload: 'list', target: 'hive' },
  { name: '50-list · ours, privacy off', workload: 'list', target: 'ours, privacy off' },
  { name: 'hop · ours', workload: 'hop', target: 'ours' },
  { name: 'hop · Hive', workload: 'hop', target: 'hive' },
  { name: 'hop · straight to identity', workload: 'hop', target: 'subgraph' },
];

interface Window {
  perSecond: number;
  /** Subgraph tier CPU ms per request in this window. */
  subgraphCpuMs: number;
  /** Gateway CPU ms per request in this window (none when the subgraph is called straight). */
  gatewayCpuMs: number | null;
  /** This machine's PostgreSQL CPU ms per request in this window (none with the embedded store, or a database elsewhere). */
  postgresCpuMs: number | null;
  /** The agency simulators' and this load process's CPU ms per request: the rest of what the machine's cores spent. */
  simulatorsCpuMs: number;
  loadCpuMs: number;
}

interface PolicyFigure {
  store: string;
  off: number;
  rulesOnly: number;
  all: number;
}

/** `npm run bench:policy`'s medians, read from its printed summary, on one store (DATABASE_URL set or not). */
function runPolicyBench(databaseUrl: string | null): Promise<PolicyFigure> {
  const env = { ...process.env };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  const { modulePath, execArgv } = sibling('policy-overhead');
  const child = fork(modulePath, ['--seconds', String(POLICY_SECONDS), '--rounds', String(ROUNDS)], { env, execArgv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let printed = '';
  child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const figure = (name: string) => Number(new RegExp(`^\\s+${name.replace('+', '\\+')}\\s+(\\d+) req/s`, 'm').exec(printed)?.[1] ?? NaN);
      const found = { store: databaseUrl ? 'PostgreSQL' : 'embedded', off: figure('rules off'), rulesOnly: figure('rules only'), all: figure('+ access record') };
      if (code !== 0 || [found.off, found.rulesOnly, found.all].some(Number.isNaN)) reject(new Error(`bench:policy on ${found.store} failed (${code}):\n${printed.slice(-1500)}`));
      else resolve(found);
    });
  });
}

async function main(): Promise<void> {
  const machine = machineLine();
  say(`npm run bench — ${machine}`);
  const runtime = TSX ? 'TypeScript through tsx' : 'compiled JavaScript';
  if (!TSX) {
    const compiling = performance.now();
    // Compiled as deployed, without the type check (`npm run typecheck` is that): the same output.
    build(BUILD_DIR, PROJECT_ROOT, { typeCheck: false });
    say(`compiled into ${path.relative(PROJECT_ROOT, BUILD_DIR)} in ${((performance.now() - compiling) / 1000).toFixed(0)} s`);
  }
  const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hpf-bench-keys-'));
  // Every tier reads the same configuration; the gateway's per-caller limits stay on, with budgets no bench lane meets.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    // Errors only: PostgreSQL as its owner role warns at every start that the access record is not append-only for it.
    LOG_LEVEL: 'error',
    SIMULATOR_LATENCY_MS: '0',
    LOAN_WORKER: 'off',
    AUTH_KEYS_DIR: keysDir,
    APOLLO_TELEMETRY_DISABLED: '1',
    RATE_LIMIT_PER_MINUTE: '1000000000',
    RATE_LIMIT_CONCURRENCY: '10000',
    RATE_LIMIT_ADDRESS_PER_MINUTE: '1000000000',
    RATE_LIMIT_ADDRESS_CONCURRENCY: '10000',
  };
  const config = loadConfig(env);
  const store = config.databaseUrl ? 'PostgreSQL' : 'embedded PGlite (in memory)';
  // Made once here, before the gateways start, so that they never race to create the key pair.
  const { privateJwk } = await ensureLocalKeys(keysDir);
  const tiers: Tier[] = [];
  const started = performance.now();
  try {
    const simulators = await startTier('simulators', {}, env);
    tiers.push(simulators);
    const [on, off] = await Promise.all([
      startTier('subgraphs', { agencyUrls: simulators.ready.urls, privacy: 'on' }, env, 'subgraphs (privacy on)'),
      startTier('subgraphs', { agencyUrls: simulators.ready.urls, privacy: 'off' }, env, 'subgraphs (privacy off)'),
    ]);
    tiers.push(on!, off!);
    const [ours, hive, oursOff] = await Promise.all([
      startTier('gateway', { subgraphUrls: on!.ready.urls }, env, 'our gateway'),
      startTier('hive', { subgraphUrls: on!.ready.urls }, env, 'Hive Gateway'),
      startTier('gateway', { subgraphUrls: off!.ready.urls }, env, 'our gateway (privacy off)'),
    ]);
    tiers.push(ours!, hive!, oursOff!);
    say(`started in ${((performance.now() - started) / 1000).toFixed(0)} s (${runtime}); subgraphs on ${store}; ${CONCURRENCY} lanes, ${ROUNDS} interleaved rounds of ${SECONDS} s per variant`);

    const gatewayOf: Record<Target, Tier> = { ours: ours!, hive: hive!, 'ours, privacy off': oursOff!, subgraph: on! };
    const subgraphTierOf = (target: Target) => (target === 'ours, privacy off' ? off! : on!);
    const dashboardPeople = Object.keys(on!.ready.cases!.dashboard);

    let tokens: string[] = [];
    const mintTokens = async () => {
      tokens = await Promise.all(
        Array.from({ length: CONCURRENCY }, (_, lane) =>
          mintToken({ role: 'FUND_OFFICER', sub: `bench-officer-${lane}`, centre: CENTRE }, { privateJwk, issuer: config.auth.issuer, audience: config.auth.audience }, { expiresIn: '30m' }),
        ),
      );
    };
    await mintTokens();

    const caseOf = (target: Target, workload: Workload, person: string) => {
      const cases = subgraphTierOf(target).ready.cases!;
      return workload === 'list' ? cases.list : cases.dashboard[person]!;
    };
    const actorOf = (lane: number): Actor => ({ role: 'FUND_OFFICER', subject: `bench-officer-${lane}`, personIdNumber: null, centre: CENTRE, proxyAuthorizationRef: null });
    let sequence = 0;

    /** One request of a variant: lane `lane`'s n-th. Answers the reply's text; throws on an HTTP error. */
    const request = async (variant: Variant, lane: number, n: number): Promise<string> => {
      const person = dashboardPeople[(lane + n * CONCURRENCY) % dashboardPeople.length]!;
      const query = variant.workload === 'dashboard' ? DASHBOARD : variant.workload === 'list' ? LIST : HOP;
      const applicationId = caseOf(variant.target, variant.workload, person);
      const variables = { id: variant.workload === 'list' ? applicationId : person };
      const body = JSON.stringify({ query, variables });
      let headers: Record<string, string>;
      let url: string;
      if (variant.target === 'subgraph') {
        // What our gateway sends the subgraph: its request id and an assertion signed for this body.
        const requestId = `bench-${process.pid}-${sequence++}`;
        const assertion = newAssertion({ actor: actorOf(lane), purpose: 'HPF_LOAN_REVIEW', applicationId, audience: 'identity', requestId, operationHash: operationHash(body) });
        headers = { 'x-request-id': requestId, [CALLER_ASSERTION_HEADER]: signAssertion(assertion, config.gatewaySigningKey!) };
        url = on!.ready.urls.identity!;
      } else {
        headers = { authorization: `Bearer ${tokens[lane]}`, 'x-application-id': applicationId };
        url = gatewayOf[variant.target].ready.urls.gateway!;
      }
      const reply = await post(url, body, headers);
      if (reply.status !== 200) throw new Error(`${variant.name}: HTTP ${reply.status} ${reply.text.slice(0, 300)}`);
      return reply.text;
    };

    // Warm-up, and a full check of one answer of each variant: no errors, everyone answered.
    for (const variant of VARIANTS) {
      for (let n = 0; n < 6; n += 1) {
        const reply = JSON.parse(await request(variant, n % CONCURRENCY, n)) as { errors?: unknown[]; data?: Record<string, unknown> };
        const people = peopleIn(reply.data);
        const expected = variant.workload === 'list' ? LIST_SIZE : 1;
        if (reply.errors || people.length !== expected || people.some((person) => !(person as { name?: unknown } | null)?.name)) {
          throw new Error(`${variant.name}: unexpected answer ${JSON.stringify(reply).slice(0, 400)}`);
        }
      }
    }
    // Both gateways do the same authentication: a token signed by another key is refused outright, and
    // a request the gateway did not sign is refused by the subgraph whatever it says.
    const forged = await mintToken({ role: 'FUND_OFFICER', sub: 'bench-forger', centre: CENTRE }, { privateJwk: (await ensureLocalKeys(fs.mkdtempSync(path.join(keysDir, 'other-')))).privateJwk, issuer: config.auth.issuer, audience: config.auth.audience });
    for (const target of ['ours', 'hive'] as const) {
      const reply = await post(gatewayOf[target].ready.urls.gateway!, JSON.stringify({ query: HOP, variables: { id: dashboardPeople[0] } }), { authorization: `Bearer ${forged}` });
      if (reply.status !== 401) throw new Error(`${target}: a forged token was answered ${reply.status}, not 401: ${reply.text.slice(0, 200)}`);
    }
    const unsigned = await post(on!.ready.urls.identity!, JSON.stringify({ query: HOP, variables: { id: dashboardPeople[0] } }), {});
    if (!unsigned.text.includes('"errors"')) throw new Error(`the identity subgraph answered a call without a caller assertion: ${unsigned.text.slice(0, 200)}`);


    // Agency calls for one 50-applicant query, counted by the simulators.
    const agencyCalls = async (target: Target): Promise<Record<string, number>> => {
      const urls = Object.entries(simulators.ready.urls);
      await Promise.all(urls.map(([, url]) => admin(`${url}${SIMULATOR_ADMIN_PATHS.reset}`, 'POST')));
      await request({ name: `50-list · ${target}`, workload: 'list', target }, 0, 0);
      const counted = await Promise.all(urls.map(async ([agency, url]) => [agency, Object.values((await admin(`${url}${SIMULATOR_ADMIN_PATHS.counters}`, 'GET')) as Record<string, number>).reduce((a, b) => a + b, 0)] as const));
      return Object.fromEntries(counted);
    };
    const calls = { ours: await agencyCalls('ours'), hive: await agencyCalls('hive') };
    const idleRss = { ours: (await ours!.usage()).rssMb, hive: (await hive!.usage()).rssMb };

    // A warm round, not counted: the first seconds under load (JIT, pools, caches filling) ran slower in every variant.
    for (const variant of VARIANTS) await closedLoop(async (lane, n) => void (await checked(variant, await request(variant, lane, n))), { seconds: Math.min(2, SECONDS), concurrency: CONCURRENCY });

    const windows: Record<string, Window[]> = Object.fromEntries(VARIANTS.map((variant) => [variant.name, []]));
    for (let round = 1; round <= ROUNDS; round += 1) {
      await mintTokens();
      const order = round % 2 === 1 ? VARIANTS : [...VARIANTS].reverse();
      for (const variant of order) {
        const subgraphTier = subgraphTierOf(variant.target);
        const gateway = variant.target === 'subgraph' ? null : gatewayOf[variant.target];
        const [subgraphBefore, gatewayBefore, simulatorsBefore] = await Promise.all([subgraphTier.usage(), gateway?.usage(), simulators.usage()]);
        const postgresBefore = config.databaseUrl ? localPostgresCpu() : null;
        const loadBefore = process.cpuUsage();
        const { requests, perSecond } = await closedLoop(async (lane, n) => void (await checked(variant, await request(variant, lane, n))), { seconds: SECONDS, concurrency: CONCURRENCY });
        const load = process.cpuUsage(loadBefore);
        const postgresSpent = postgresBefore === null ? null : localPostgresCpuSince(postgresBefore);
        const [subgraphAfter, gatewayAfter, simulatorsAfter] = await Promise.all([subgraphTier.usage(), gateway?.usage(), simulators.usage()]);
        windows[variant.name]!.push({
          perSecond,
          subgraphCpuMs: (subgraphAfter.cpuMs - subgraphBefore.cpuMs) / requests,
          gatewayCpuMs: gatewayBefore && gatewayAfter ? (gatewayAfter.cpuMs - gatewayBefore.cpuMs) / requests : null,
          postgresCpuMs: postgresSpent === null ? null : postgresSpent / requests,
          simulatorsCpuMs: (simulatorsAfter.cpuMs - simulatorsBefore.cpuMs) / requests,
          loadCpuMs: (load.user + load.system) / 1000 / requests,
        });
      }
      say(`round ${round}/${ROUNDS}: ${VARIANTS.map((variant) => `${variant.name} ${windows[variant.name]!.at(-1)!.perSecond.toFixed(0)}`).join(' · ')} req/s`);
    }
    const peakRss = { ours: (await ours!.usage()).maxRssMb, hive: (await hive!.usage()).maxRssMb };
    const loadAfter = os.loadavg()[0]!.toFixed(2);
    for (const tier of tiers.reverse()) await tier.stop();
    tiers.length = 0;

    // Rules on ÷ off: one subgraph, in a process of its own, on each store.
    const postgres = await reachablePostgres();
    const policy: Array<PolicyFigure | string> = [];
    for (const url of [postgres, null]) {
      if (url === null && policy.length === 0 && !postgres) policy.push('PostgreSQL: none reachable (set DATABASE_URL)');
      policy.push(await runPolicyBench(url).catch((error: Error) => `${url ? 'PostgreSQL' : 'embedded'}: ${error.message.split('\n')[0]}`));
      if (url === null) break;
    }

    const m = (name: string, pick: (window: Window) => number | null) => median(windows[name]!.map(pick).filter((value): value is number => value !== null));
    const rps = (name: string) => m(name, (window) => window.perSecond);
    const subCpu = (name: string) => m(name, (window) => window.subgraphCpuMs);
    const gwCpu = (name: string) => m(name, (window) => window.gatewayCpuMs);
    const pgCpu = (name: string) => (windows[name]!.some((window) => window.postgresCpuMs === null) ? null : m(name, (window) => window.postgresCpuMs));
    const ms = (value: number | null) => (value === null ? '–' : value.toFixed(1));
    // Rounded down, so a ratio just short of its target never prints as the target itself.
    const x = (value: number) => `${(Math.floor(value * 100) / 100).toFixed(2)}×`;
    const met = (ok: boolean) => (ok ? 'yes' : 'no');
    const rows: string[][] = [];
    // A ratio is the median of the rounds' ratios: both variants of a round ran within seconds of each other, under the same load.
    const over = (a: string, b: string) => median(windows[a]!.map((window, round) => window.perSecond / windows[b]![round]!.perSecond));
    const ratio = (workload: string) => over(`${workload} · ours`, `${workload} · Hive`);
    for (const [workload, label] of [['dashboard', 'dashboard'], ['50-list', '50-list']] as const) {
      rows.push([`our gateway ÷ Hive Gateway, ${label} (req/s)`, `${x(ratio(workload))} (${rps(`${workload} · ours`).toFixed(0)})`, rps(`${workload} · Hive`).toFixed(0), '≥ 1.5×', met(ratio(workload) >= 1.5)]);
    }
    for (const workload of ['dashboard', '50-list'] as const) {
      const value = over(`${workload} · ours`, `${workload} · ours, privacy off`);
      rows.push([`whole system, privacy on ÷ off, ${workload}`, `${x(value)} (${rps(`${workload} · ours`).toFixed(0)} ÷ ${rps(`${workload} · ours, privacy off`).toFixed(0)})`, '–', '≥ 0.85×', met(value >= 0.85)]);
    }
    const direct = rps('hop · straight to identity');
    const hop = { ours: over('hop · ours', 'hop · straight to identity'), hive: over('hop · Hive', 'hop · straight to identity') };
    rows.push([`gateway hop (via gateway ÷ straight to identity, ${direct.toFixed(0)} req/s)`, `${x(hop.ours)} (${rps('hop · ours').toFixed(0)})`, `${x(hop.hive)} (${rps('hop · Hive').toFixed(0)})`, '≥ 0.8×', met(hop.ours >= 0.8)]);
    for (const figure of policy) {
      if (typeof figure === 'string') rows.push([`rules on ÷ off (bench:policy)`, figure, '–', '≥ 0.95×', '–']);
      else {
        // As bench:policy states its target: rules on with every piece of privacy work ("+ access record") ÷ rules off; the rules alone beside it.
        const value = figure.all / figure.off;
        rows.push([`rules on ÷ off, ${figure.store} (bench:policy; rules alone ${x(figure.rulesOnly / figure.off)})`, `${x(value)} (${figure.all.toFixed(0)} ÷ ${figure.off.toFixed(0)})`, '–', '≥ 0.95×', met(value >= 0.95)]);
      }
    }
    const callsText = (counted: Record<string, number>) => {
      // The credit subgraph keeps the report of its one hard query per person and application: after the first read, 0 is the answer.
      const others = Object.entries(counted)
        .filter(([, n]) => n !== 1)
        .map(([agency, n]) => (agency === 'pboc-credit' && n === 0 ? 'pboc-credit 0 (stored reports)' : `${agency} ${n}`));
      return others.length === 0 ? '1 each' : `1 each but ${others.join(', ')}`;
    };
    rows.push(['agency calls per 50-applicant query', callsText(calls.ours), callsText(calls.hive), '1 each', met(Object.values(calls.ours).every((n) => n <= 1))]);
    rows.push(['gateway RSS, peak under load (idle, after the warm-up queries)', `${peakRss.ours.toFixed(0)} MB (${idleRss.ours.toFixed(0)})`, `${peakRss.hive.toFixed(0)} MB (${idleRss.hive.toFixed(0)})`, '≤ 250 MB', met(peakRss.ours <= 250)]);
    for (const [workload, target] of [['dashboard', 4], ['50-list', 20]] as const) {
      const value = subCpu(`${workload} · ours`);
      rows.push([`subgraph-tier CPU per request, ${workload}; privacy off beside ours`, `${value.toFixed(1)} ms (off: ${subCpu(`${workload} · ours, privacy off`).toFixed(1)})`, `${subCpu(`${workload} · Hive`).toFixed(1)} ms`, `≤ ${target} ms`, met(value <= target)]);
    }
    rows.push([
      'gateway CPU per request, dashboard / 50-list / hop (for reading the above)',
      `${gwCpu('dashboard · ours').toFixed(1)} / ${gwCpu('50-list · ours').toFixed(1)} / ${gwCpu('hop · ours').toFixed(2)} ms`,
      `${gwCpu('dashboard · Hive').toFixed(1)} / ${gwCpu('50-list · Hive').toFixed(1)} / ${gwCpu('hop · Hive').toFixed(2)} ms`,
      '–',
      '–',
    ]);
    // The hop's other side: what the identity subgraph spends per request, through a gateway and straight.
    rows.push([
      'identity subgraph CPU per hop request, via our gateway / straight (for reading the hop)',
      `${subCpu('hop · ours').toFixed(2)} / ${subCpu('hop · straight to identity').toFixed(2)} ms`,
      `${subCpu('hop · Hive').toFixed(2)} ms`,
      '–',
      '–',
    ]);
    const simCpu = (name: string) => m(name, (window) => window.simulatorsCpuMs);
    const loadCpu = (name: string) => m(name, (window) => window.loadCpuMs);
    // What both gateways share and neither can shorten: the agencies (simulated here, on the same cores) and the load itself.
    rows.push([
      'agency simulators / this load process, CPU per request, dashboard / 50-list (for reading the above)',
      `${simCpu('dashboard · ours').toFixed(1)} / ${simCpu('50-list · ours').toFixed(1)} ms; ${loadCpu('dashboard · ours').toFixed(1)} / ${loadCpu('50-list · ours').toFixed(1)} ms`,
      `${simCpu('dashboard · Hive').toFixed(1)} / ${simCpu('50-list · Hive').toFixed(1)} ms; ${loadCpu('dashboard · Hive').toFixed(1)} / ${loadCpu('50-list · Hive').toFixed(1)} ms`,
      '–',
      '–',
    ]);
    // The database shares the machine's cores: its CPU per request is paid out of the same throughput.
    rows.push([
      'PostgreSQL CPU per request (this machine\'s server), dashboard / 50-list; privacy off beside ours',
      `${ms(pgCpu('dashboard · ours'))} / ${ms(pgCpu('50-list · ours'))} ms (off: ${ms(pgCpu('dashboard · ours, privacy off'))} / ${ms(pgCpu('50-list · ours, privacy off'))})`,
      `${ms(pgCpu('dashboard · Hive'))} / ${ms(pgCpu('50-list · Hive'))} ms`,
      '–',
      '–',
    ]);

    say('');
    say(`${machine}; load ${loadAfter} after the gateway rounds; ${runtime}; subgraphs on ${store}; ${CONCURRENCY} lanes, ${ROUNDS} interleaved rounds × ${SECONDS} s (bench:policy ${POLICY_SECONDS} s); medians of the rounds (req/s in parentheses); a ratio is the median of the rounds' ratios`);
    say('| figure | ours | Hive | target | met? |');
    say('|---|---|---|---|---|');
    for (const row of rows) say(`| ${row.join(' | ')} |`);
    say(`\ntook ${(performance.now() / 1000).toFixed(0)} s in all`);
  } finally {
    for (const tier of tiers.reverse()) await tier.stop();
    agent.destroy();
    fs.rmSync(keysDir, { recursive: true, force: true });
  }
}

/** A reply under load: any GraphQL error stops the run (a refused read would make the figures meaningless). */
async function checked(variant: Variant, text: string): Promise<void> {
  if (text.includes('"errors"')) throw new Error(`${variant.name}: ${text.slice(0, 400)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
