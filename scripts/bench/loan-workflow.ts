/**
 * `npm run bench:loan` — how fast the loan workflow settles applications, in one run:
 *   1. submission → decision ÷ the slowest agency's latency, every agency at 200 ms, then one at 800 ms
 *      (1.0 would be every check in parallel, each one agency round trip);
 *   2. applications settled per second with agencies at 0 ms;
 *   3. decision lag after the last check (the decision is written in the last check's transaction).
 * The whole system runs in this process (simulators, subgraphs, gateway, worker), on PostgreSQL when
 * DATABASE_URL is set (in a schema of its own, dropped afterwards), else the embedded store.
 *
 *   npm run bench:loan -- [--latency-runs 5] [--throughput 200]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { loadConfig } from '../../lib/config';
import { silentLogger } from '../../lib/logger';
import { openStorage } from '../../storage';
import { openCase } from '../support/case-seeds';
import { startLocalSystem } from '../local-system';

const { values } = parseArgs({ options: { 'latency-runs': { type: 'string', default: '5' }, throughput: { type: 'string', default: '200' } } });
const LATENCY_RUNS = Number(values['latency-runs']);
const THROUGHPUT = Number(values.throughput);
const couple = SCENARIOS.cleanCouple;

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const median = (values: readonly number[]) => percentile([...values].sort((a, b) => a - b), 50);

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', SIMULATOR_LATENCY_MS: '0', LOAN_WORKER: 'on', LOG_LEVEL: 'error' });
  const schema = `bench_loan_${process.pid}`;
  const storage = await openStorage({ databaseUrl: config.databaseUrl, schema });
  const system = await startLocalSystem({ config, logger: silentLogger, ports: 'ephemeral', storage });
  const people = { applicant: couple.applicant.idNumber, spouse: couple.spouse!.idNumber };
  const settled = async (id: string) => (await storage.loans.get(id))!.status !== 'ACCEPTED';
  const waitAll = async (ids: readonly string[]) => {
    for (;;) {
      const states = await Promise.all(ids.map(settled));
      if (states.every(Boolean)) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const decisionLags: number[] = [];
  const timesOf = async (id: string) => {
    const events = await storage.loans.events(id);
    const accepted = events.find((event) => event.kind === 'ACCEPTED')!.at.getTime();
    const decided = events.find((event) => event.step === 'DECIDE')!.at.getTime();
    const lastCheck = Math.max(...events.filter((event) => event.kind === 'CHECKED' || event.kind === 'GAVE_UP').map((event) => event.at.getTime()));
    decisionLags.push(decided - lastCheck);
    return { accepted, decided };
  };

  const latencyRatio = async (slowest: number, latencies: (agency: string) => number): Promise<number> => {
    for (const [agency, simulator] of Object.entries(system.simulators)) simulator.setFaults({ latencyMs: latencies(agency) });
    const ratios: number[] = [];
    for (let i = 0; i < LATENCY_RUNS; i += 1) {
      const id = await openCase(storage, config.entityRefKey, people);
      await waitAll([id]);
      const { accepted, decided } = await timesOf(id);
      ratios.push((decided - accepted) / slowest);
    }
    return median(ratios);
  };

  const load = os.loadavg()[0]!.toFixed(2);
  const even = await latencyRatio(200, () => 200);
  const oneSlow = await latencyRatio(800, (agency) => (agency === 'pboc-credit' ? 800 : 200));

  for (const simulator of Object.values(system.simulators)) simulator.setFaults({ latencyMs: 0 });
  const started = performance.now();
  const ids: string[] = [];
  for (let i = 0; i < THROUGHPUT; i += 1) ids.push(await openCase(storage, config.entityRefKey, people));
  await waitAll(ids);
  const perSecond = THROUGHPUT / ((performance.now() - started) / 1000);
  for (const id of ids) await timesOf(id);
  const lags = [...decisionLags].sort((a, b) => a - b);

  await system.stop();
  await storage.close();
  if (config.databaseUrl) {
    const client = new Client({ connectionString: config.databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }

  const store = config.databaseUrl ? 'PostgreSQL' : 'embedded PGlite';
  console.log(`loan workflow on ${store}, ${os.cpus().length} cores, load ${load} at start, ${new Date().toISOString().slice(0, 10)}`);
  console.log('| figure | measured | target |');
  console.log('|---|---|---|');
  console.log(`| submission → decision ÷ slowest agency, all at 200 ms (median of ${LATENCY_RUNS}) | ${even.toFixed(2)} | ≤ 1.2 |`);
  console.log(`| same, PBoC at 800 ms, others 200 ms | ${oneSlow.toFixed(2)} | ≤ 1.2 |`);
  console.log(`| applications settled per second, agencies at 0 ms (${THROUGHPUT}) | ${perSecond.toFixed(1)} | ≥ 30 |`);
  console.log(`| decision lag after the last check, p50 / p99 | ${percentile(lags, 50)} ms / ${percentile(lags, 99)} ms | p99 ≤ 100 ms |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
