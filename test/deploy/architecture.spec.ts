/**
 * The boundaries the layout promises, checked on every import: subgraphs do not import each other
 * (only subgraphs/shared), nor the simulators; the simulators import no production code; the
 * gateway knows no subgraph's internals; lib/ depends on no service.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../schema/subgraphs';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

/** Every relative import of a file, as a path from the repository root. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
  return [...text.matchAll(/from '(\.[^']+)'/g)].map((match) => path.normalize(path.join(path.dirname(file), match[1]!)));
}

const violations = (dirs: string[], forbidden: (file: string, target: string) => boolean) =>
  dirs.flatMap(sourceFiles).flatMap((file) => importsOf(file).filter((target) => forbidden(file, target)).map((target) => `${file} → ${target}`));

describe('the architecture', () => {
  it('keeps each subgraph to itself and subgraphs/shared', () => {
    expect(
      violations(['subgraphs'], (file, target) => {
        const [, owner] = file.split(path.sep);
        const [top, other] = target.split(path.sep);
        return top === 'subgraphs' && other !== owner && other !== 'shared' && other !== 'index.ts' && owner !== 'index.ts';
      }),
    ).toEqual([]);
  });

  it('keeps the simulators out of production code, and production code out of the simulators', () => {
    expect(violations(['agencies'], (_file, target) => /^(subgraphs|gateway|storage|scripts)\b/.test(target))).toEqual([]);
    expect(violations(['subgraphs', 'gateway', 'lib', 'storage'], (_file, target) => /^agencies\b/.test(target))).toEqual([]);
  });

  it('keeps the gateway ignorant of the subgraphs, and lib/ of every service', () => {
    expect(violations(['gateway'], (_file, target) => /^subgraphs\b/.test(target))).toEqual([]);
    expect(violations(['lib'], (_file, target) => /^(subgraphs|agencies|scripts)\b/.test(target))).toEqual([]);
  });
});
