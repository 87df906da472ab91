/**
 * `npm test`: the type checks (the tree and web/) and the lint, one after another, side by side with
 * jest. Each check is single-threaded and jest's two workers leave a core idle while specs wait on
 * sockets and timers, so the checks run in that idle time instead of before jest. The checks' output is held and
 * printed when each ends (jest's streams as it goes); the run fails if any of them fails. Extra
 * arguments go to jest (`npm test -- --json --outputFile=…`).
 */
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);

/** Runs a command; its output is printed as it comes, or held until it ends. */
function run(label, command, args, { hold }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: hold ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    const output = [];
    if (hold) {
      child.stdout.on('data', (chunk) => output.push(chunk));
      child.stderr.on('data', (chunk) => output.push(chunk));
    }
    child.on('error', (error) => {
      process.stderr.write(`${label}: ${error.message}\n`);
      resolve(false);
    });
    child.on('close', (code) => {
      const text = Buffer.concat(output).toString('utf8');
      if (hold && text.trim() !== '') process.stdout.write(`\n── ${label} ──\n${text}\n`);
      process.stdout.write(`${label}: ${code === 0 ? 'passed' : `failed (${code})`}\n`);
      resolve(code === 0);
    });
  });
}

/** The checks one after another, on one core: each is run whatever the one before said, so one run reports every failure. */
async function checks() {
  const passed = [
    await run('type check (tree)', bin('tsc'), ['--noEmit', '-p', '.'], { hold: true }),
    await run('type check (web)', bin('tsc'), ['--noEmit', '-p', 'web'], { hold: true }),
    await run('lint', bin('eslint'), ['.'], { hold: true }),
  ];
  return passed.every(Boolean);
}

const [checked, tested] = await Promise.all([checks(), run('jest', bin('jest'), process.argv.slice(2), { hold: false })]);
process.exitCode = checked && tested ? 0 : 1;
