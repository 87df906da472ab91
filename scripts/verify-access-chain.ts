/**
 * Verifies the access record chain of the configured store, and holds it against the latest
 * signed checkpoint in ACCESS_RECORD_CHECKPOINT_DIR (outside the database): a record altered or
 * forged, records missing in the middle or after the checkpointed head, an emptied table, a start
 * no signed purge explains, a checkpoint that is not signed — each is named.
 *   npx tsx scripts/verify-access-chain.ts
 * Store: DATABASE_URL (+ DATABASE_SCHEMA; DATABASE_ADMIN_URL migrates first when set), else the
 * embedded store in STORAGE_DIR (default .data/pglite); see storage/location.ts. Needs
 * ACCESS_RECORD_CHAIN_KEY. Exit 0 intact, 1 broken, 2 could not verify.
 */
import { runStorageCommand } from './storage-command';

runStorageCommand('verify-access-chain', async (storage) => {
  const verdict = await storage.accessRecords.verifyChain();
  if (verdict.ok) {
    const anchor = verdict.checkpoint
      ? `held against the signed checkpoint of ${verdict.checkpoint.at.toISOString()} (record #${verdict.checkpoint.sequence}, ${verdict.checkpoint.count} records)`
      : 'no signed checkpoint yet, so records removed from its end could not be told';
    process.stdout.write(`access record chain intact: ${verdict.records} records; ${anchor}\n`);
    return 0;
  }
  const where = verdict.firstBrokenSequence === null ? '' : ` at record #${verdict.firstBrokenSequence}`;
  process.stdout.write(`access record chain BROKEN${where}: ${verdict.reason}\n`);
  return 1;
});
