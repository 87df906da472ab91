/**
 * Where a process keeps its store; one rule for the servers and the operator scripts, so they
 * always open the same one:
 *   DATABASE_URL set  → PostgreSQL at that URL, tables in schema DATABASE_SCHEMA (default public);
 *                       DATABASE_ADMIN_URL, when set, is the operator's role (migrations, purge);
 *   otherwise         → embedded PGlite persisted in STORAGE_DIR (default .data/pglite), a relative
 *                       path being taken from the project root (package.json's directory, also for
 *                       the compiled code in dist/), not the working directory.
 * The embedded store serves one process at a time (storage/directory-lock.ts).
 *
 * And where the access record's signed checkpoints go: ACCESS_RECORD_CHECKPOINT_DIR, else beside
 * the embedded store (`checkpoints` next to STORAGE_DIR: .data/checkpoints), or for PostgreSQL in
 * development .data/checkpoints-postgres/<database>.<schema> (one directory per chain; production
 * must name it).
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../schema/subgraphs';
import type { StorageOptions } from './index';

export const DEFAULT_STORAGE_DIR = '.data/pglite';
export const DEFAULT_DATABASE_SCHEMA = 'public';
/** Relative paths are taken from the project (package.json's directory), compiled or not. */
const REPOSITORY_ROOT = PROJECT_ROOT;

export interface StorageSettings {
  databaseUrl: string | null;
  /** DATABASE_ADMIN_URL: the operator's role. */
  databaseAdminUrl?: string | null;
  /** DATABASE_SCHEMA; empty or absent means public. */
  databaseSchema?: string | null;
  /** STORAGE_DIR; empty or absent means .data/pglite. */
  storageDir?: string | null;
  /** ACCESS_RECORD_CHAIN_KEY, ACCESS_RECORD_CHECKPOINT_DIR (null: the default), ACCESS_RECORD_CHECKPOINT_INTERVAL_S. */
  accessRecordChain?: { key: string; checkpointDir: string | null; checkpointIntervalS: number };
  /** Production refuses a database role that could rewrite access records. */
  mode?: string;
}

export function storageLocation(settings: StorageSettings, repositoryRoot: string = REPOSITORY_ROOT): StorageOptions {
  const chain = settings.accessRecordChain;
  const configuredDir = chain?.checkpointDir ? path.resolve(repositoryRoot, chain.checkpointDir) : null;
  const protection = {
    ...(chain ? { chainKey: chain.key, checkpointIntervalMs: chain.checkpointIntervalS * 1000 } : {}),
    ...(settings.mode === 'production' ? { requireLeastPrivilege: true } : {}),
  };
  if (settings.databaseUrl) {
    const schema = settings.databaseSchema || DEFAULT_DATABASE_SCHEMA;
    return {
      databaseUrl: settings.databaseUrl,
      ...(settings.databaseAdminUrl ? { adminUrl: settings.databaseAdminUrl } : {}),
      schema,
      checkpointDir: configuredDir ?? path.join(repositoryRoot, '.data', 'checkpoints-postgres', `${databaseName(settings.databaseUrl)}.${schema}`),
      ...protection,
    };
  }
  const dataDir = path.resolve(repositoryRoot, settings.storageDir || DEFAULT_STORAGE_DIR);
  return { databaseUrl: null, dataDir, checkpointDir: configuredDir ?? path.join(path.dirname(dataDir), 'checkpoints'), ...protection };
}

/** The database a URL names, as a safe directory name. */
function databaseName(url: string): string {
  let name: string;
  try {
    name = decodeURIComponent(new URL(url).pathname.slice(1));
  } catch {
    name = '';
  }
  return (name || 'postgres').replace(/[^A-Za-z0-9_.-]/g, '_');
}
