/**
 * Generates a frontend's client with GraphQL Code Generator's client preset, persisted documents
 * on, with the configuration frontend teams are given (schema/client-codegen.ts) — as a frontend
 * team's `graphql-codegen` run would, through the CLI package's programmatic generate().
 *
 *   node --import tsx test/support/codegen-client.ts <dir> [schema]
 *
 * reads every .ts under <dir> (graphql() calls) and writes <dir>/gql/ (graphql.ts,
 * persisted-documents.json, …). [schema] is a file or a development gateway's URL (introspection);
 * by default schema/api.graphql. Its own process: the CLI package loads ES modules jest cannot.
 */
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { clientCodegenConfig } from '../../schema/client-codegen';

export async function generateClient(dir: string, schema?: string): Promise<string[]> {
  const config = clientCodegenConfig({
    schema,
    documents: [path.join(dir, '*.ts')],
    output: `${path.join(dir, 'gql')}/`,
    // Apollo Server's CSRF prevention lets a JSON POST through; the header says so for any other.
    headers: { 'apollo-require-preflight': 'true' },
  });
  const files = await generate({ ...config, silent: true }, true);
  return (files as Array<{ filename: string }>).map((file) => file.filename);
}

if (require.main === module) {
  const [dir, schema] = process.argv.slice(2);
  if (!dir) throw new Error('usage: codegen-client.ts <dir> [schema]');
  generateClient(dir, schema).then(
    (files) => process.stdout.write(`${files.join('\n')}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
