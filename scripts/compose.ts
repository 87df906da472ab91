/**
 * `npm run compose`: writes schema/supergraph.graphql (for the gateway) and schema/api.graphql (for
 * clients); `--check` fails when either is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { composeSupergraph } from '../schema/compose';
import { API_SCHEMA_PATH, REPO_ROOT, SUPERGRAPH_PATH } from '../schema/subgraphs';

const composition = composeSupergraph();
if (!composition.ok) {
  process.stderr.write(`composition failed:\n${composition.errors.map((e) => `  - ${e}`).join('\n')}\n`);
  process.exit(1);
}
const outputs = [
  { file: SUPERGRAPH_PATH, sdl: composition.supergraphSdl },
  { file: API_SCHEMA_PATH, sdl: composition.apiSchemaSdl },
];
const read = (file: string): string => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');

if (process.argv.includes('--check')) {
  const stale = outputs.filter((output) => read(output.file) !== output.sdl).map((output) => path.relative(REPO_ROOT, output.file));
  if (stale.length > 0) {
    process.stderr.write(`${stale.join(' and ')} ${stale.length > 1 ? 'are' : 'is'} stale: run \`npm run compose\` and commit the result\n`);
    process.exit(1);
  }
  process.stdout.write('supergraph and API schema are current\n');
} else {
  for (const output of outputs) {
    fs.writeFileSync(output.file, output.sdl);
    process.stdout.write(`wrote ${output.file}\n`);
  }
}
