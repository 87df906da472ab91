/**
 * Verifies the access record hash chain of the configured store.
 *   npx tsx scripts/verify-access-chain.ts
 * Store: DATABASE_URL (+ DATABASE_SCHEMA), else the embedded store in STORAGE_DIR (default
 * .data/pglite); see storage/location.ts. Exit 0 intact, 1 broken, 2 could not verify.
 */
import { runStorageCommand } from './storage-command';

runStorageCommand('verify-access-chain', async (storage) => {
  const verdict = await storage.accessRecords.verifyChain();
  if (verdict.ok) {
    process.stdout.write(`access record chain intact: ${verdict.records} records\n`);
    return 0;
  }
  process.stdout.write(`access record chain BROKEN at record #${verdict.firstBrokenSequence}: ${verdict.reason}\n`);
  return 1;
});
