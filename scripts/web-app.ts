/**
 * Builds the citizens' web app (web/: React, by Vite) into the directory the gateway serves /app/
 * from (gateway/plugins/web-app.ts). `npm start` runs it first (under a second), so a fresh clone
 * serves the app as its sources are; `npm run build` builds it into dist/web/build for the image.
 *   npx tsx scripts/web-app.ts [--out dir]      (default web/build, replaced whole)
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { WEB_APP_DIR } from '../gateway/plugins/web-app';
import { PROJECT_ROOT } from '../schema/subgraphs';

/** The app's sources: always the project's (a compiled tree carries only the build). */
export const WEB_SOURCE_DIR = path.join(PROJECT_ROOT, 'web');

export function buildWebApp(outDir: string = WEB_APP_DIR): string {
  const target = path.resolve(outDir);
  // Vite is an ES module with a CLI of its own: run it as a process, on this Node.
  const vite = spawnSync(process.execPath, [path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'), 'build', WEB_SOURCE_DIR, '--outDir', target, '--emptyOutDir'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (vite.status !== 0) throw new Error(`vite build failed (exit ${vite.status ?? vite.signal}):\n${vite.stdout}${vite.stderr}`);
  return target;
}

if (require.main === module) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  try {
    const target = buildWebApp(values.out ? path.resolve(values.out) : undefined);
    process.stdout.write(`built the web app into ${path.relative(process.cwd(), target) || '.'} (served at /app/)\n`);
  } catch (error) {
    process.stderr.write(`web-app: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
