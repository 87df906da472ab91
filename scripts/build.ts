/**
 * The production build (`npm run build`): the production code compiled by tsc to plain CommonJS
 * in dist/ (tsconfig.build.json: the type check's directories but test/), and beside it a copy of
 * every file that code reads at run time, at the same path relative to the tree — so compiled code
 * finds them by the one rule the sources use (REPO_ROOT in schema/subgraphs.ts), and
 * `node dist/scripts/serve.js …` runs without tsx. The image runs that.
 * The citizens' web app is built beside it too, into dist/web/build (scripts/web-app.ts), where
 * the compiled gateway serves it from; nothing of it is compiled by tsc.
 *   npx tsx scripts/build.ts [--out dir]      (default dist/, replaced whole)
 * A tree built elsewhere resolves its packages from a node_modules beside or above it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../schema/subgraphs';
import { buildWebApp } from './web-app';

/**
 * What is in the compiled directories but not read at run time: the trusted operations' sources
 * (scripts/register-operations.ts registers them into the manifests, which are read).
 */
const NOT_AT_RUN_TIME = [path.join('schema', 'trusted-documents', 'sources')];

/**
 * The files the compiled code reads at run time: everything that is not TypeScript in each
 * directory the build compiled (`dirs`: the top-level directories of the compiled tree) — each
 * subgraph's schema.graphql and subgraphs/shared/base.graphql, the supergraph, the
 * trusted-document manifests, the embedded store's worker (storage/embedded-worker.cjs). Paths
 * relative to the root; a new file there is copied without being listed.
 */
export function runtimeFiles(dirs: readonly string[], root: string = PROJECT_ROOT): string[] {
  const walk = (dir: string): string[] =>
    NOT_AT_RUN_TIME.includes(dir)
      ? []
      : fs
          .readdirSync(path.join(root, dir), { withFileTypes: true })
          .sort((a, b) => a.name.localeCompare(b.name))
          .flatMap((entry) => {
            const relative = path.join(dir, entry.name);
            if (entry.isDirectory()) return walk(relative);
            return entry.isFile() && !entry.name.endsWith('.ts') ? [relative] : [];
          });
  return dirs.flatMap((dir) => walk(dir));
}

export interface BuildResult {
  outDir: string;
  /** The top-level directories compiled: tsconfig.json's, but for test/. */
  compiled: string[];
  copied: string[];
  /** The web app's build, served at /app/ (outDir/web/build). */
  webApp: string;
}

export interface BuildOptions {
  /**
   * Whether tsc type-checks as it compiles (yes for `npm run build` and the image). A caller that
   * has just run the type check over the same sources (`npm test`'s specs, the bench) says no:
   * tsc's output is the same file for file, in half the time.
   */
  typeCheck?: boolean;
}

/** Compiles into outDir (emptied first) and copies the run-time files beside the compiled code. */
export function build(outDir: string = path.join(PROJECT_ROOT, 'dist'), root: string = PROJECT_ROOT, { typeCheck = true }: BuildOptions = {}): BuildResult {
  const target = path.resolve(outDir);
  fs.rmSync(target, { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json'), '--outDir', target, ...(typeCheck ? [] : ['--noCheck'])], {
    cwd: root,
    encoding: 'utf8',
  });
  if (tsc.status !== 0) throw new Error(`tsc failed (exit ${tsc.status ?? tsc.signal}):\n${tsc.stdout}${tsc.stderr}`);
  const compiled = fs.readdirSync(target, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const copied = runtimeFiles(compiled, root);
  for (const file of copied) {
    fs.mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(target, file));
  }
  const webApp = buildWebApp(path.join(target, 'web', 'build'));
  return { outDir: target, compiled, copied, webApp };
}

if (require.main === module) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  try {
    const { outDir, copied } = build(values.out ? path.resolve(values.out) : undefined);
    process.stdout.write(`built ${path.relative(process.cwd(), outDir) || '.'}: compiled code and ${copied.length} run-time files (node ${path.join(path.relative(process.cwd(), outDir), 'scripts', 'serve.js')} gateway | subgraph <name> | simulator <agency>)\n`);
  } catch (error) {
    process.stderr.write(`build: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
