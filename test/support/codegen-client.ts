/**
 * Generates a frontend's client with GraphQL Code Generator's client preset, persisted documents
 * on, against the API schema of schema/supergraph.graphql — as a frontend team's `graphql-codegen`
 * run would, through the CLI package's programmatic generate().
 *
 *   node --import tsx test/support/codegen-client.ts <dir>
 *
 * reads every .ts under <dir> (graphql() calls) and writes <dir>/gql/ (graphql.ts,
 * persisted-documents.json, …). Its own process: the CLI package loads ES modules jest cannot.
 */
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { loadApiSchema } from '../../scripts/register-operations';

export async function generateClient(dir: string): Promise<string[]> {
  const schema = printSchema(await loadApiSchema());
  const files = await generate(
    {
      schema,
      documents: [path.join(dir, '*.ts')],
      silent: true,
      generates: { [`${path.join(dir, 'gql')}/`]: { preset: 'client', presetConfig: { persistedDocuments: true } } },
    },
    true,
  );
  return (files as Array<{ filename: string }>).map((file) => file.filename);
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: codegen-client.ts <dir>');
  generateClient(dir).then(
    (files) => process.stdout.write(`${files.join('\n')}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
