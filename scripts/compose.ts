/** `npm run compose`: writes schema/supergraph.graphql; `--check` fails when it is stale. */
import fs from 'node:fs';
import { composeSupergraph } from '../schema/compose';
import { SUPERGRAPH_PATH } from '../schema/subgraphs';

const composition = composeSupergraph();
if (!composition.ok) {
  process.stderr.write(`composition failed:\n${composition.errors.map((e) => `  - ${e}`).join('\n')}\n`);
  process.exit(1);
}
const current = fs.existsSync(SUPERGRAPH_PATH) ? fs.readFileSync(SUPERGRAPH_PATH, 'utf8') : '';
if (process.argv.includes('--check')) {
  if (current !== composition.supergraphSdl) {
    process.stderr.write('schema/supergraph.graphql is stale: run `npm run compose` and commit it\n');
    process.exit(1);
  }
  process.stdout.write('supergraph is current\n');
} else {
  fs.writeFileSync(SUPERGRAPH_PATH, composition.supergraphSdl);
  process.stdout.write(`wrote ${SUPERGRAPH_PATH}\n`);
}
