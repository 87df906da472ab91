/** A subgraph's SDL as composed and served: the shared base followed by its own schema file. */
import fs from 'node:fs';
import path from 'node:path';
import { subgraphSchemaPath, type SubgraphName } from '../../schema/subgraphs';

const BASE_SCHEMA_PATH = path.join(__dirname, 'base.graphql');

export function subgraphTypeDefs(name: SubgraphName): string {
  return `${fs.readFileSync(BASE_SCHEMA_PATH, 'utf8')}\n${fs.readFileSync(subgraphSchemaPath(name), 'utf8')}`;
}
