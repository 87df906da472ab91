/**
 * What every operator command on the store shares: open the configured store (the same rule as
 * the servers: storage/location.ts) as the operator — with DATABASE_ADMIN_URL when it is set, the
 * role owning the tables, which migrates and grants the application's role first — run, close,
 * and turn the outcome into an exit code, with faults and notes reported on stderr under the
 * command's name. Operator commands sign checkpoints only when they purge, never at an interval.
 */
import { loadConfig } from '../lib/config';
import { openStorage, storageLocation } from '../storage';
import type { Storage } from '../storage/types';

export function runStorageCommand(
  name: string,
  work: (storage: Storage) => Promise<number>,
  exitCodeOfError: (error: unknown) => number = () => 2,
): void {
  const run = async (): Promise<number> => {
    const storage = await openStorage({ ...storageLocation(loadConfig()), connectAs: 'operator', checkpointIntervalMs: 0 });
    for (const note of storage.notes) process.stderr.write(`${name}: note: ${note}\n`);
    try {
      return await work(storage);
    } finally {
      await storage.close();
    }
  };
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = exitCodeOfError(error);
    },
  );
}
