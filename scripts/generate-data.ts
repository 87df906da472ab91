/**
 * Writes the synthetic data set as JSON, one file per agency plus a manifest, and prints counts:
 *   npx tsx scripts/generate-data.ts [--seed N] [--size N] [--out dir]
 * The same seed and size always write byte-identical files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DATASET_DEFAULTS, datasetCounts, datasetDocuments, generateDataset, type Dataset } from '../agencies';
import { PROJECT_ROOT } from '../schema/subgraphs';

export const DEFAULT_OUT_DIR = path.join(PROJECT_ROOT, '.data', 'dataset');

/** Writes every document of the data set into `dir`; returns the paths written. */
export async function writeDataset(dataset: Dataset, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of Object.entries(datasetDocuments(dataset))) {
    const file = path.join(dir, `${name}.json`);
    await writeFile(file, text, 'utf8');
    written.push(file);
  }
  return written;
}

function integerOption(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer (got "${raw}")`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seed: { type: 'string' }, size: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  const seed = integerOption(values.seed, 'seed', DATASET_DEFAULTS.seed);
  const size = integerOption(values.size, 'size', DATASET_DEFAULTS.size);
  const dir = path.resolve(values.out ?? DEFAULT_OUT_DIR);
  const started = Date.now();
  const dataset = generateDataset({ seed, size });
  await writeDataset(dataset, dir);
  process.stdout.write(`data set seed=${seed} size=${size} as of ${dataset.asOf} → ${dir} (${Date.now() - started} ms)\n`);
  for (const [name, count] of Object.entries(datasetCounts(dataset))) process.stdout.write(`  ${name.padEnd(22)} ${count}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
