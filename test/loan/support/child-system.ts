/**
 * The whole system in a process of its own, so a spec can kill it mid-work (SIGKILL: no clean-up)
 * and start another on the same database. Prints one JSON line with its gateway URL when ready.
 */
import { loadConfig } from '../../../lib/config';
import { silentLogger } from '../../../lib/logger';
import { startLocalSystem } from '../../../scripts/local-system';

startLocalSystem({ config: loadConfig(), logger: silentLogger, ports: 'ephemeral' }).then(
  (system) => process.stdout.write(`${JSON.stringify({ gatewayUrl: system.gatewayUrl })}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
