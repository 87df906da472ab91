/**
 * The whole system in a process of its own, so a spec can kill it mid-work (SIGKILL: no clean-up)
 * and start another on the same database. Prints one JSON line with its gateway URL when ready.
 * It starts the system once a line arrives on its stdin: a spec spawns it ahead of time (loading
 * the code is most of a start) and has it start only when it should — after the spec has filed
 * its case, or once the process before it is dead.
 */
import { loadConfig } from '../../../lib/config';
import { silentLogger } from '../../../lib/logger';
import { startLocalSystem } from '../../../scripts/local-system';

process.stdin.once('data', () => {
  process.stdin.pause();
  startLocalSystem({ config: loadConfig(), logger: silentLogger, ports: 'ephemeral' }).then(
    (system) => process.stdout.write(`${JSON.stringify({ gatewayUrl: system.gatewayUrl })}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
});
