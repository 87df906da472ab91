/**
 * Purges access records older than the retention period, keeping the rest verifiable: the whole
 * chain is verified against the signed checkpoints first (a broken chain is never purged), and
 * each purge step signs the chain's new start into ACCESS_RECORD_CHECKPOINT_DIR before it deletes.
 *   npx tsx scripts/purge-access-records.ts [--days N] [--force]
 * PIPL art. 56 keeps processing records at least 3 years, so the default and the floor are 1095
 * days; a shorter period needs --force. Store as in scripts/verify-access-chain.ts; with
 * PostgreSQL it runs as DATABASE_ADMIN_URL (the application's role may not delete records).
 * Exit 0 done, 1 refused because the chain is broken, 2 bad arguments or could not purge.
 */
import { StorageError } from '../storage';
import { runStorageCommand } from './storage-command';

const MINIMUM_RETENTION_DAYS = 1095;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The retention in days, from `--days N` (default 1095) and `--force`. */
function retentionDays(args: readonly string[]): number {
  let days = MINIMUM_RETENTION_DAYS;
  let force = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--force') force = true;
    else if (arg === '--days') {
      const raw = args[++i];
      days = Number(raw);
      if (raw === undefined || !Number.isInteger(days) || days < 1) throw new Error(`--days takes a whole number of days (got "${raw ?? ''}")`);
    } else throw new Error(`unknown argument "${arg}"; usage: purge-access-records.ts [--days N] [--force]`);
  }
  if (days < MINIMUM_RETENTION_DAYS && !force) {
    throw new Error(
      `refusing a retention of ${days} days: processing records are kept at least ${MINIMUM_RETENTION_DAYS} days (3 years, PIPL art. 56); pass --force to override`,
    );
  }
  return days;
}

// The arguments are checked before the store is opened: a refused retention touches nothing.
let days = MINIMUM_RETENTION_DAYS;
try {
  days = retentionDays(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`purge-access-records: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}

runStorageCommand(
  'purge-access-records',
  async (storage) => {
    const before = new Date(Date.now() - days * DAY_MS);
    const purged = await storage.accessRecords.purgeOlderThan(before).catch((error: unknown) => {
      if ((error as { code?: unknown }).code !== '42501') throw error;
      throw new Error('this database role may not delete access records (as the application\'s must not): run the purge with DATABASE_ADMIN_URL, the operator\'s role');
    });
    process.stdout.write(`purged ${purged} access records older than ${before.toISOString()} (retention ${days} days)\n`);
    return 0;
  },
  (error) => (error instanceof StorageError && error.code === 'CHAIN_BROKEN' ? 1 : 2),
);
