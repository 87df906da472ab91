/**
 * Process entry point.
 *   serve.ts                       the whole system in one process (`npm start`)
 *   serve.ts gateway               the gateway alone
 *   serve.ts subgraph <name>       one subgraph, e.g. `subgraph real-estate`
 *   serve.ts simulator <agency>    one agency simulator, e.g. `simulator pboc-credit`, or a partner
 *                                  system's: `simulator entrusted-bank`, `simulator sms-gateway`
 *   serve.ts identity-provider     the local identity provider (development and tests; never production)
 * docker-compose runs the others as separate services. Each role loads only the code it runs (the
 * imports below are made in its case): a simulator or the identity provider starts in a fraction of
 * the time it took when every process loaded the gateway, the subgraphs and the storage.
 */
import { ConfigError, loadConfig } from '../lib/config';
import { listen, type ListeningServer } from '../lib/http';
import { createLogger } from '../lib/logger';
import { startTracing } from '../lib/tracing';

// Before anything Apollo is loaded: this system never reports to Apollo.
process.env.APOLLO_TELEMETRY_DISABLED = '1';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const [role = 'all', name = ''] = process.argv.slice(2);
  const stops: Array<() => Promise<void>> = [];
  const shutdown = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  // First in, so last out: spans still buffered are sent once everything else has stopped.
  const tracing = await startTracing({ serviceName: config.telemetry.serviceName ?? `hpf-${[role, name].filter(Boolean).join('-')}`, otlpEndpoint: config.telemetry.otlpEndpoint });
  stops.push(() => tracing.shutdown());
  const keep = (listening: ListeningServer) => stops.push(() => listening.close());

  switch (role) {
    case 'all': {
      const [{ startLocalSystem }, { SCENARIOS }] = await Promise.all([import('./local-system.js'), import('../agencies/data/scenarios.js')]);
      const system = await startLocalSystem({ config, logger, ports: 'configured', identityProvider: true });
      stops.push(() => system.stop());
      const couple = SCENARIOS.cleanCouple;
      process.stdout.write(
        [
          '',
          `  住房公积金贷款购房“一件事” — federated agency graph is running`,
          `  Web app          : ${system.gatewayUrl.replace(/\/graphql$/, '/app/')} (sign in as a scenario person, README "The web app")`,
          `  GraphQL endpoint : ${system.gatewayUrl}`,
          `  GraphQL IDE      : ${system.gatewayUrl.replace(/\/graphql$/, '/')}`,
          `  Readiness        : ${system.gatewayUrl.replace(/\/graphql$/, '/health/ready')}`,
          `  Identity provider: ${system.identityProviderUrl} (OpenID; sign-in for the scenario people, README "Identity provider")`,
          '',
          '  Try it as a synthetic scenario applicant (docs/scenarios.md) reading their own data:',
          `  TOKEN=$(npm run -s token -- --role APPLICANT --id-number ${couple.applicant.idNumber})`,
          `  curl -s ${system.gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\`,
          `    -d '{"query":"{ applicant(idNumber: \\"${couple.applicant.idNumber}\\") { name marriage { status } providentFundAccount { balance } } }"}'`,
          '',
        ].join('\n') + '\n',
      );
      return;
    }
    case 'gateway': {
      const { buildGateway } = await import('../gateway/server.js');
      const gateway = await buildGateway({ config, logger });
      stops.push(() => gateway.stop());
      const listening = await listen(gateway.server, config.gatewayPort, config.host);
      keep(listening);
      logger.info('gateway listening', { url: listening.url });
      return;
    }
    case 'subgraph': {
      const [{ subgraphByName }, { openStorage, storageLocation }, { SUBGRAPH_DEFINITIONS }, { buildSubgraphServer }, { createGatewayClient }, { startLoanWorker }] = await Promise.all([
        import('../schema/subgraphs.js'),
        import('../storage/index.js'),
        import('../subgraphs/index.js'),
        import('../subgraphs/shared/subgraph.js'),
        import('../subgraphs/shared/gateway-client.js'),
        import('../subgraphs/loan/workflow/worker.js'),
      ]);
      const entry = subgraphByName(name);
      // Subgraphs share one database and one access record; an embedded store per process would
      // split them, and hold the record under a key no operator set.
      if (config.mode === 'production' && !config.databaseUrl) throw new Error('a subgraph in production needs DATABASE_URL (PostgreSQL shared by the subgraphs)');
      const storage = await openStorage({ ...storageLocation(config), logger });
      stops.push(() => storage.close());
      // The loan engine's way into the graph, for the loan subgraph's intake look-up and its worker:
      // made at start, so missing client credentials stop the process here, not a submission later.
      const gateway = entry.name === 'loan' ? createGatewayClient(config) : undefined;
      const subgraph = await buildSubgraphServer(SUBGRAPH_DEFINITIONS[entry.name], { config, logger, storage, ...(gateway ? { gateway } : {}) });
      stops.push(() => subgraph.stop());
      const listening = await listen(subgraph.server, entry.port, config.host);
      keep(listening);
      if (gateway && config.loan.workerEnabled) {
        const worker = startLoanWorker({ storage, config, logger, gateway });
        stops.push(() => worker.stop());
      }
      logger.info('subgraph listening', { subgraph: entry.name, url: listening.url });
      return;
    }
    case 'identity-provider': {
      const { startIdentityProvider } = await import('../identity-provider/provider.js');
      const provider = await startIdentityProvider({ config, logger, port: config.identityProviderPort, ...(config.identityProviderPort !== 0 ? { issuer: config.auth.issuer } : {}) });
      stops.push(() => provider.stop());
      return;
    }
    case 'simulator': {
      const [{ buildAgencySimulator, loadDataset }, { buildPartnerSimulators }, { PARTNER_SYSTEMS }, { subgraphByAgency }] = await Promise.all([
        import('../agencies/index.js'),
        import('../agencies/partners/index.js'),
        import('../lib/partner-contracts.js'),
        import('../schema/subgraphs.js'),
      ]);
      const partner = PARTNER_SYSTEMS.find((system) => system.name === name);
      if (partner) {
        const simulators = buildPartnerSimulators({
          dataset: loadDataset(config.simulator.datasetSeed, config.simulator.datasetSize),
          appSecrets: new Map([[config.agencyAppId, config.agencyAppSecret]]),
          faults: { latencyMs: config.simulator.latencyMs, errorRate: config.simulator.errorRate },
          logger,
        });
        const listening = await listen(simulators[partner.name].server, partner.port, config.host);
        keep(listening);
        logger.info('partner simulator listening', { partner: partner.name, url: listening.url });
        return;
      }
      const entry = subgraphByAgency(name);
      const simulator = buildAgencySimulator(entry.agency, {
        dataset: loadDataset(config.simulator.datasetSeed, config.simulator.datasetSize),
        appSecrets: new Map([[config.agencyAppId, config.agencyAppSecret]]),
        faults: { latencyMs: config.simulator.latencyMs, errorRate: config.simulator.errorRate },
        logger,
      });
      const listening = await listen(simulator.server, entry.agencyPort, config.host);
      keep(listening);
      logger.info('agency simulator listening', { agency: entry.agency, url: listening.url });
      return;
    }
    default:
      throw new Error(`unknown role "${role}": use all, gateway, subgraph <name>, simulator <agency> or identity-provider`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
