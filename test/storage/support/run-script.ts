/** Runs one of the operator scripts as an operator would: a separate process, configured by its environment. */
import { execFile } from 'node:child_process';
import path from 'node:path';

const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..', '..');
const TSX_CLI = require.resolve('tsx/cli');

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runScript(script: string, args: readonly string[], env: Record<string, string>): Promise<ScriptRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [TSX_CLI, path.join(REPOSITORY_ROOT, 'scripts', script), ...args],
      // Neither the developer's DATABASE_URL nor anything else of this shell leaks into the run.
      { cwd: REPOSITORY_ROOT, env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env }, timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
