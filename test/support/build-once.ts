/**
 * The compiled tree (`npm run build`), made once per state of the sources for the specs that need
 * one (the build spec, the deployment run): compiling takes a core for a good ten seconds, and the
 * suite's two workers would otherwise each pay it. Keyed by the commit and every uncommitted change,
 * so a tree is never reused for other sources; another process building the same key is waited for.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, type BuildResult } from '../../scripts/build';
import { onceUnderLock } from './once-under-lock';
import { PROJECT_ROOT } from '../../schema/subgraphs';

const git = (...args: string[]) => execFileSync('git', args, { cwd: PROJECT_ROOT, maxBuffer: 64 * 1024 * 1024 });

function sourcesKey(): string {
  const hash = createHash('sha256').update(git('rev-parse', 'HEAD')).update(git('diff', 'HEAD', '--binary'));
  for (const file of git('ls-files', '--others', '--exclude-standard', '-z').toString('utf8').split('\0').filter(Boolean).sort()) {
    hash.update(file).update(fs.readFileSync(path.join(PROJECT_ROOT, file)));
  }
  return hash.digest('hex').slice(0, 24);
}

/** The build of the current sources, copied to `outDir`; what `build` reported, with outDir this one. */
export function buildOnce(outDir: string): BuildResult {
  const cache = path.join(os.tmpdir(), `hpf-build-${sourcesKey()}`);
  const lock = `${cache}.lock`;
  const result = path.join(cache, 'result.json');
  onceUnderLock(
    lock,
    () => fs.existsSync(result),
    () => {
      // npm test type-checks these sources before jest starts.
      const built = build(path.join(cache, 'dist'), PROJECT_ROOT, { typeCheck: false });
      fs.writeFileSync(result, JSON.stringify({ compiled: built.compiled, copied: built.copied }));
    },
    cache,
  );
  const { compiled, copied } = JSON.parse(fs.readFileSync(result, 'utf8')) as Omit<BuildResult, 'outDir' | 'webApp'>;
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.cpSync(path.join(cache, 'dist'), outDir, { recursive: true });
  return { outDir: path.resolve(outDir), compiled, copied, webApp: path.join(path.resolve(outDir), 'web', 'build') };
}
