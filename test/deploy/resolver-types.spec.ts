import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../../schema/subgraphs';

// The resolvers are type-checked against the generated files, so a stale one checks them against
// an SDL that is no longer served: a renamed field or argument would compile and answer null.
// Its own process: the codegen plugins load ES modules that jest cannot.
describe('the generated resolver types', () => {
  it('are committed exactly as codegen produces them from each subgraph’s SDL (run `npm run codegen` when this fails)', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'codegen.ts'), '--check'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
