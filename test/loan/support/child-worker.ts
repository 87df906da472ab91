/**
 * The loan worker (and its notice dispatcher) alone, in a process of its own, on the database,
 * gateway and partner systems its environment names, so a spec can kill it mid-work (SIGKILL: no
 * clean-up) and start another. Prints one JSON line when it is working.
 */
import { loadConfig } from '../../../lib/config';
import { silentLogger } from '../../../lib/logger';
import { openStorage, storageLocation } from '../../../storage';
import { createGatewayClient } from '../../../subgraphs/shared/gateway-client';
import { startLoanWorker } from '../../../subgraphs/loan/workflow/worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const storage = await openStorage({ ...storageLocation(config), logger: silentLogger });
  startLoanWorker({ storage, config, logger: silentLogger, gateway: createGatewayClient(config) });
  process.stdout.write(`${JSON.stringify({ working: true })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
