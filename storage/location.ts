/**
 * Where a process keeps its store; one rule for the servers and the operator scripts, so they
 * always open the same one:
 *   DATABASE_URL set  → PostgreSQL at that URL, tables in schema DATABASE_SCHEMA (default public);
 *   otherwise         → embedded PGlite persisted in STORAGE_DIR (default .data/pglite), a relative
 *                       path being taken from the repository root, not the working directory.
 * The embedded store serves one process at a time (storage/directory-lock.ts).
 */
import path from 'node:path';
import type { StorageOptions } from './index';

export const DEFAULT_STORAGE_DIR = '.data/pglite';
export const DEFAULT_DATABASE_SCHEMA = 'public';
const REPOSITORY_ROOT = path.resolve(__dirname, '..');

export interface StorageSettings {
  databaseUrl: string | null;
  /** DATABASE_SCHEMA; empty or absent means public. */
  databaseSchema?: string | null;
  /** STORAGE_DIR; empty or absent means .data/pglite. */
  storageDir?: string | null;
}

export function storageLocation(settings: StorageSettings, repositoryRoot: string = REPOSITORY_ROOT): StorageOptions {
  if (settings.databaseUrl) {
    return { databaseUrl: settings.databaseUrl, schema: settings.databaseSchema || DEFAULT_DATABASE_SCHEMA };
  }
  return { databaseUrl: null, dataDir: path.resolve(repositoryRoot, settings.storageDir || DEFAULT_STORAGE_DIR) };
}
