/**
 * What every operator command on the store shares: open the configured store (the same rule as
 * the servers: storage/location.ts), run, close, and turn the outcome into an exit code, with
 * faults reported on stderr under the command's name.
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
    const storage = await openStorage(storageLocation(loadConfig()));
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
