/**
 * The whole system in one process: seven agency simulators, the entrusted bank's and the 12329 SMS
 * platform's simulators, nine subgraphs, the gateway and (for
 * `npm start`) the local identity provider, each on its own port, wired by the one subgraph list. `npm start` runs it on the configured ports;
 * tests run it on ephemeral ports. docker-compose runs the same pieces as separate processes.
 */
import type http from 'node:http';
import type { AgencyName } from '../lib/agency-contracts';
import type { Config } from '../lib/config';
import { listen, type ListeningServer } from '../lib/http';
import type { Logger } from '../lib/logger';
import { AGENCY_SUBGRAPHS, PLATFORM_SUBGRAPHS, type SubgraphName } from '../schema/subgraphs';
import { openStorage, storageLocation } from '../storage';
import type { Storage } from '../storage/types';
import { buildAgencySimulator, loadDataset, type AgencySimulator } from '../agencies';
import { buildPartnerSimulators, type PartnerSimulators } from '../agencies/partners';
import { PARTNER_SYSTEMS, type PartnerName } from '../lib/partner-contracts';
import { buildGateway } from '../gateway/server';
import { SUBGRAPH_DEFINITIONS } from '../subgraphs';
import { buildSubgraphServer } from '../subgraphs/shared/subgraph';
import { createGatewayClient } from '../subgraphs/shared/gateway-client';
import { startLoanWorker } from '../subgraphs/loan/workflow/worker';
import { startIdentityProvider, type IdentityProvider } from '../identity-provider/provider';
import { DEVELOPMENT_WORKER_CLIENT_SECRET } from '../lib/service-tokens';
import { LOAN_ENGINE } from '../lib/services';
import { startTracing } from '../lib/tracing';

export interface LocalSystemOptions {
  config: Readonly<Config>;
  logger: Logger;
  /** 'configured' listens on the documented ports; 'ephemeral' on free ones (tests). */
  ports: 'configured' | 'ephemeral';
  /** Storage to use instead of opening one from the configuration (tests share one). */
  storage?: Storage;
  /**
   * Run the local identity provider too (`npm start`), and trust it: the gateway verifies tokens
   * through its JWKS, the loan worker gets its tokens from it by client credentials. Off in jest,
   * which cannot load oidc-provider (an ES module): specs run it as a process of its own.
   */
  identityProvider?: boolean;
}

export interface LocalSystem {
  /** The local identity provider's issuer, when it runs. */
  identityProviderUrl?: string;
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  agencyUrls: Record<AgencyName, string>;
  simulators: Record<AgencyName, AgencySimulator>;
  /** The entrusted bank and the SMS platform, with what each was told. */
  partners: PartnerSimulators;
  partnerUrls: Record<PartnerName, string>;
  storage: Storage;
  /** The subgraph processes' servers, for tests that watch or stop one. */
  subgraphServers: Record<SubgraphName, ListeningServer & { server: http.Server }>;
  stop(): Promise<void>;
}

export async function startLocalSystem({ config: givenConfig, logger, ports, storage: givenStorage, identityProvider = false }: LocalSystemOptions): Promise<LocalSystem> {
  const port = (configured: number) => (ports === 'configured' ? configured : 0);
  // Once per process (serve.ts may have started it already, and owns its shutdown); tests get their trace ids and traceparent from it.
  await startTracing({ serviceName: givenConfig.telemetry.serviceName ?? 'hpf-local-system', otlpEndpoint: givenConfig.telemetry.otlpEndpoint });
  const provider = identityProvider ? await startProvider(givenConfig, logger, port(givenConfig.identityProviderPort)) : null;
  const providerConfig = provider?.config ?? givenConfig;
  const dataset = loadDataset(providerConfig.simulator.datasetSeed, providerConfig.simulator.datasetSize);
  // The partner systems listen first: the loan engine is pointed at where they listen.
  const partners = buildPartnerSimulators({
    dataset,
    appSecrets: new Map([[providerConfig.agencyAppId, providerConfig.agencyAppSecret]]),
    faults: { latencyMs: providerConfig.simulator.latencyMs, errorRate: providerConfig.simulator.errorRate },
    logger,
  });
  const partnerListening = await Promise.all(PARTNER_SYSTEMS.map(async (partner) => [partner.name, await listen(partners[partner.name].server, port(partner.port), providerConfig.host)] as const));
  const partnerUrls = Object.fromEntries(partnerListening.map(([name, listening]) => [name, listening.url])) as Record<PartnerName, string>;
  const config: Readonly<Config> = { ...providerConfig, partnerUrls };
  const stops: Array<() => Promise<void>> = provider ? [() => provider.identityProvider.stop()] : [];
  for (const [, listening] of partnerListening) stops.push(() => listening.close());
  const simulators = {} as Record<AgencyName, AgencySimulator>;
  const agencyUrls = {} as Record<AgencyName, string>;
  const subgraphUrls = {} as Record<SubgraphName, string>;
  const subgraphServers = {} as LocalSystem['subgraphServers'];
  const close = (listening: ListeningServer) => stops.push(() => listening.close());
  // The loan engine's way into the graph (the worker's checks, the loan subgraph's intake look-up):
  // the gateway listens after its subgraphs, so its address is asked per call.
  let gatewayUrl: string | null = null;
  const loanEngine = createGatewayClient(config, () => {
    if (gatewayUrl === null) throw new Error('the gateway is not listening yet');
    return gatewayUrl;
  });
  const startSubgraph = async (name: SubgraphName, configuredPort: number, agencyUrl: string | undefined) => {
    const subgraph = await buildSubgraphServer(SUBGRAPH_DEFINITIONS[name], { config, logger, storage, ...(name === 'loan' ? { gateway: loanEngine } : {}), ...(agencyUrl ? { agencyUrl } : {}) });
    const listening = await listen(subgraph.server, port(configuredPort), config.host);
    stops.push(() => subgraph.stop());
    close(listening);
    subgraphServers[name] = { ...listening, server: subgraph.server };
    subgraphUrls[name] = `${listening.url}/graphql`;
  };

  // One store per process: the embedded one cannot be shared between processes (docker-compose
  // therefore sets DATABASE_URL), but every subgraph of this process shares it.
  const storage = givenStorage ?? (await openStorage({ ...storageLocation(config), logger }));
  if (!givenStorage) stops.push(() => storage.close());

  try {
    for (const entry of AGENCY_SUBGRAPHS) {
      const simulator = buildAgencySimulator(entry.agency, {
        dataset,
        appSecrets: new Map([[config.agencyAppId, config.agencyAppSecret]]),
        faults: { latencyMs: config.simulator.latencyMs, errorRate: config.simulator.errorRate },
        logger,
      });
      const simulatorListening = await listen(simulator.server, port(entry.agencyPort), config.host);
      close(simulatorListening);
      simulators[entry.agency] = simulator;
      agencyUrls[entry.agency] = simulatorListening.url;

      await startSubgraph(entry.name, entry.port, simulatorListening.url);
    }
    for (const entry of PLATFORM_SUBGRAPHS) await startSubgraph(entry.name, entry.port, undefined);

    const gateway = await buildGateway({ config, logger, subgraphUrls });
    const gatewayListening = await listen(gateway.server, port(config.gatewayPort), config.host);
    stops.push(() => gateway.stop());
    close(gatewayListening);
    const listeningUrl = `${gatewayListening.url}/graphql`;
    gatewayUrl = listeningUrl;

    // The loan worker reads agency data through the gateway, so it starts once the gateway listens.
    if (config.loan.workerEnabled) {
      const worker = startLoanWorker({ storage, config, logger, gateway: loanEngine });
      stops.push(() => worker.stop());
    }

    return {
      ...(provider ? { identityProviderUrl: provider.identityProvider.issuer } : {}),
      gatewayUrl: listeningUrl,
      subgraphUrls,
      agencyUrls,
      simulators,
      partners,
      partnerUrls,
      storage,
      subgraphServers,
      stop: async () => {
        for (const stop of stops.reverse()) await stop();
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
}

/** The identity provider, and the configuration that trusts it (the worker's client is the one it registers). */
async function startProvider(config: Readonly<Config>, logger: Logger, port: number): Promise<{ identityProvider: IdentityProvider; config: Readonly<Config> }> {
  const identityProvider = await startIdentityProvider({ config, logger, port, ...(port !== 0 ? { issuer: config.auth.issuer } : {}) });
  const credentials = config.auth.clientId ? {} : { clientId: LOAN_ENGINE, clientSecret: DEVELOPMENT_WORKER_CLIENT_SECRET };
  return {
    identityProvider,
    config: { ...config, auth: { ...config.auth, issuer: identityProvider.issuer, jwksUrl: identityProvider.jwksUrl, tokenUrl: config.auth.tokenUrl ?? identityProvider.tokenUrl, ...credentials } },
  };
}
