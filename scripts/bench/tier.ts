/**
 * One tier of the system under `npm run bench`, in a process of its own so its CPU time and memory
 * can be read apart from the others'. The bench forks it (IPC) and it answers with where it
 * listens; afterwards it answers `usage` (its CPU time and RSS) and `stop`.
 *
 *   tier.ts simulators                          the seven agency simulators
 *   tier.ts subgraphs  {"agencyUrls", "privacy"} the nine subgraphs, privacy "on" or "off", with the bench's cases seeded
 *   tier.ts gateway    {"subgraphUrls"}          our gateway
 *   tier.ts hive       {"subgraphUrls"}          Hive Gateway with our authentication and assertion signing
 *
 * The configuration comes from the environment the bench gives every tier (lib/config.ts).
 *
 * Each tier loads only its own modules (imported in its start function): a process's memory is the
 * figure read, and a gateway that also held Hive Gateway's modules (or the reverse) would be
 * measured some 160 MB heavier than it runs.
 */
import type { AgencyName } from '../../lib/agency-contracts';
import { loadConfig, type Config } from '../../lib/config';
import { listen, type ListeningServer } from '../../lib/http';
import { createLogger, type Logger } from '../../lib/logger';
import type { SubgraphName } from '../../schema/subgraphs';
import type { Storage } from '../../storage/types';

/** What a tier tells the bench once it listens. */
export interface TierReady {
  kind: 'ready';
  /** Where each piece listens: agencies by name, subgraphs by name, or `gateway`. */
  urls: Record<string, string>;
  /** Subgraph tiers: the case of each dashboard applicant, and the list's case and people. */
  cases?: { dashboard: Record<string, string>; list: string };
}

export interface TierUsage {
  kind: 'usage';
  /** User + system CPU time of the whole process (every thread) since it started, ms. */
  cpuMs: number;
  rssMb: number;
  /** The most RSS the process has held since it started. */
  maxRssMb: number;
}

export type TierRole = 'simulators' | 'subgraphs' | 'gateway' | 'hive';

async function startSimulators(config: Readonly<Config>, logger: Logger, stops: Array<() => Promise<void>>): Promise<TierReady> {
  const { buildAgencySimulator, loadDataset } = await import('../../agencies/index.js');
  const { AGENCY_SUBGRAPHS } = await import('../../schema/subgraphs.js');
  const dataset = loadDataset(config.simulator.datasetSeed, config.simulator.datasetSize);
  const urls: Record<string, string> = {};
  for (const { agency } of AGENCY_SUBGRAPHS) {
    const simulator = buildAgencySimulator(agency, { dataset, appSecrets: new Map([[config.agencyAppId, config.agencyAppSecret]]), faults: { latencyMs: 0 }, logger });
    const listening = await listen(simulator.server, 0, config.host);
    stops.push(() => listening.close());
    urls[agency] = listening.url;
  }
  return { kind: 'ready', urls };
}

/**
 * The nine subgraphs over one store, as `npm start` runs them but with the simulators elsewhere.
 * Privacy "off" takes away what the privacy costs, with bench:policy's decorations: no policy on
 * any field, consents answered from memory (the identity subgraph still asks its ground for a
 * root look-up), no access-record writes.
 */
async function startSubgraphs(
  config: Readonly<Config>,
  logger: Logger,
  stops: Array<() => Promise<void>>,
  { agencyUrls, privacy }: { agencyUrls: Record<AgencyName, string>; privacy: 'on' | 'off' },
): Promise<TierReady> {
  const [{ loadDataset }, { AGENCY_SUBGRAPHS, SUBGRAPHS }, { openStorage, subjectKeyOf, subjectKeyMemo }, { SUBGRAPH_DEFINITIONS }, { buildSubgraphServer }, { openCase }, { NO_POLICY, dropBenchSchema, memoryConsents, noRecords }, { benchPeople }] =
    await Promise.all([
      import('../../agencies/index.js'),
      import('../../schema/subgraphs.js'),
      import('../../storage/index.js'),
      import('../../subgraphs/index.js'),
      import('../../subgraphs/shared/subgraph.js'),
      import('../support/case-seeds.js'),
      import('./support.js'),
      import('./workload.js'),
    ]);
  const schema = `bench_${privacy}_${process.pid}`;
  const stored = await openStorage({ databaseUrl: config.databaseUrl, schema, logger });
  stops.push(async () => {
    await stored.close();
    if (config.databaseUrl) await dropBenchSchema(config.databaseUrl, schema);
  });

  const people = benchPeople(loadDataset(config.simulator.datasetSeed, config.simulator.datasetSize));
  const dashboard: Record<string, string> = {};
  for (const idNumber of people.dashboard) dashboard[idNumber] = await openCase(stored, config.entityRefKey, { applicant: idNumber });
  const [applicant, ...coBorrowers] = people.list;
  const list = await openCase(stored, config.entityRefKey, { applicant: applicant!, coBorrowers });

  let storage: Storage = stored;
  if (privacy === 'off') {
    // One record of each kind the reads ask for, from the list's applicant: a credit query needs its written authorization.
    const subjectKey = subjectKeyOf(config.entityRefKey, applicant!);
    const found = await stored.consents.findActiveForItems({
      items: [
        { subjectKey, kind: 'DATA_SHARING', agency: 'civil-affairs', dataItem: 'marriage' },
        { subjectKey, kind: 'CREDIT_QUERY', agency: 'pboc-credit', dataItem: 'creditReport' },
      ],
      purpose: 'HPF_LOAN_REVIEW',
      centre: '350100',
      at: new Date(),
      applicationId: list,
    });
    storage = noRecords(memoryConsents(stored, [...found.values()], subjectKeyMemo(config.entityRefKey)));
  }

  const urls: Record<string, string> = {};
  const agencyOf = new Map<SubgraphName, AgencyName>(AGENCY_SUBGRAPHS.map((entry) => [entry.name, entry.agency]));
  for (const { name } of SUBGRAPHS) {
    const definition = SUBGRAPH_DEFINITIONS[name];
    const agency = agencyOf.get(name);
    const subgraph = await buildSubgraphServer(privacy === 'on' ? definition : { ...definition, policy: NO_POLICY }, { config, logger, storage, ...(agency ? { agencyUrl: agencyUrls[agency] } : {}) });
    const listening = await listen(subgraph.server, 0, config.host);
    stops.push(() => subgraph.stop(), () => listening.close());
    urls[name] = `${listening.url}/graphql`;
  }
  return { kind: 'ready', urls, cases: { dashboard, list } };
}

async function startGateway(config: Readonly<Config>, logger: Logger, stops: Array<() => Promise<void>>, { subgraphUrls }: { subgraphUrls: Record<SubgraphName, string> }): Promise<TierReady> {
  const { buildGateway } = await import('../../gateway/server.js');
  const gateway = await buildGateway({ config, logger, subgraphUrls });
  const listening: ListeningServer = await listen(gateway.server, 0, config.host);
  stops.push(() => gateway.stop(), () => listening.close());
  return { kind: 'ready', urls: { gateway: `${listening.url}/graphql` } };
}

async function startHive(config: Readonly<Config>, stops: Array<() => Promise<void>>, { subgraphUrls }: { subgraphUrls: Record<SubgraphName, string> }): Promise<TierReady> {
  const { buildHiveGateway } = await import('./hive-gateway.js');
  const hive = buildHiveGateway(config, subgraphUrls);
  const listening = await listen(hive.server, 0, config.host);
  stops.push(() => hive.stop(), () => listening.close());
  return { kind: 'ready', urls: { gateway: `${listening.url}/graphql` } };
}

function usage(): TierUsage {
  const { userCPUTime, systemCPUTime, maxRSS } = process.resourceUsage();
  return { kind: 'usage', cpuMs: (userCPUTime + systemCPUTime) / 1000, rssMb: process.memoryUsage.rss() / 2 ** 20, maxRssMb: maxRSS / 1024 };
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('tier.ts is forked by npm run bench (scripts/bench/index.ts), with an IPC channel');
  const role = process.argv[2] as TierRole;
  const options = JSON.parse(process.argv[3] ?? '{}');
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel }).child({ component: `bench-${role}` });
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => undefined);
    process.exit(0);
  };
  process.on('message', (message: unknown) => {
    if (message === 'usage') process.send!(usage());
    if (message === 'stop') void stop();
  });
  process.once('disconnect', () => void stop());

  const ready =
    role === 'simulators'
      ? await startSimulators(config, logger, stops)
      : role === 'subgraphs'
        ? await startSubgraphs(config, logger, stops, options)
        : role === 'gateway'
          ? await startGateway(config, logger, stops, options)
          : role === 'hive'
            ? await startHive(config, stops, options)
            : null;
  if (!ready) throw new Error(`unknown tier "${role}": simulators, subgraphs, gateway or hive`);
  process.send(ready);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
