/**
 * The boundaries the layout promises, checked on every import: subgraphs do not import each other
 * (only subgraphs/shared), nor the simulators; the simulators import no production code; the
 * gateway knows no subgraph's internals; lib/ depends on nothing of ours but the one subgraph list,
 * which depends on lib/ alone: the lowest layer, so imports point one way.
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

/** Every relative import of a file (static, re-export, dynamic or require), as a path from the repository root. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
  return [...text.matchAll(/(?:from|import\(|require\()\s*'(\.[^']+)'/g)].map((match) => path.normalize(path.join(path.dirname(file), match[1]!)));
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

  it('keeps the gateway ignorant of the subgraphs', () => {
    expect(violations(['gateway'], (_file, target) => /^subgraphs\b/.test(target))).toEqual([]);
  });

  // Regression: lib/config.ts took its defaults from gateway/plugins/, and lib/actor.ts a type from storage/.
  it('keeps lib/ below everything else: it imports lib/ and the subgraph list only, and the list lib/ only', () => {
    const SUBGRAPH_LIST = path.join('schema', 'subgraphs');
    const below = (target: string) => target.startsWith(`lib${path.sep}`);
    expect(violations(['lib'], (_file, target) => !below(target) && target !== SUBGRAPH_LIST)).toEqual([]);
    expect(importsOf(`${SUBGRAPH_LIST}.ts`).filter((target) => !below(target))).toEqual([]);
  });
});
