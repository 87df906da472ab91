/**
 * Verifies the access record hash chain of the configured store.
 *   npx tsx scripts/verify-access-chain.ts
 * Store: DATABASE_URL (+ DATABASE_SCHEMA), else the embedded store in STORAGE_DIR (default
 * .data/pglite); see storage/location.ts. Exit 0 intact, 1 broken, 2 could not verify.
 */
import { loadConfig } from '../lib/config';
import { openStorage, storageLocation } from '../storage';

async function main(): Promise<number> {
  const config = loadConfig();
  const storage = await openStorage(
    storageLocation({ databaseUrl: config.databaseUrl, databaseSchema: config.databaseSchema, storageDir: config.storageDir }),
  );
  try {
    const verdict = await storage.accessRecords.verifyChain();
    if (verdict.ok) {
      process.stdout.write(`access record chain intact: ${verdict.records} records\n`);
      return 0;
    }
    process.stdout.write(`access record chain BROKEN at record #${verdict.firstBrokenSequence}: ${verdict.reason}\n`);
    return 1;
  } finally {
    await storage.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`verify-access-chain: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
