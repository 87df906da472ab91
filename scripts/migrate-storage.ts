/**
 * Brings the configured store's schema up to date and, with PostgreSQL and both roles configured,
 * grants the application's role (DATABASE_URL) what it may do — INSERT and SELECT only on access
 * records — as the operator (DATABASE_ADMIN_URL). Run it before the servers when they are given
 * only DATABASE_URL (as they should be in production); every operator command does the same first.
 *   npx tsx scripts/migrate-storage.ts
 * Exit 0 done, 2 could not migrate.
 */
import { loadConfig } from '../lib/config';
import { runStorageCommand } from './storage-command';

runStorageCommand('migrate-storage', async (storage) => {
  const roles = !loadConfig().databaseUrl
    ? 'the embedded store has a single user, so no roles to separate'
    : storage.notes.length === 0
      ? 'the application role may only append and read access records'
      : 'the application role could change or delete access records (see the note)';
  process.stdout.write(`storage schema up to date; ${roles}\n`);
  return 0;
});
