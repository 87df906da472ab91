/** The supported runtime: npm runs every script, this suite included, on the pinned Node.js 24 LTS. */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../schema/subgraphs';

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; devDependencies: Record<string, string> };

describe('the runtime', () => {
  it('is Node.js 24, from the node package pinned in package.json, whatever the machine’s own Node', () => {
    expect(manifest.devDependencies.node).toMatch(/^24\.\d+\.\d+$/);
    expect(process.versions.node).toBe(manifest.devDependencies.node);
    expect(manifest.engines.node).toBe('>=24 <25');
  });

  it('builds the image on the same major version', () => {
    expect(fs.readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8')).toMatch(/^FROM node:24-bookworm-slim/m);
  });
});
