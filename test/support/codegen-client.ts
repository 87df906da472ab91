/**
 * Generates a frontend's client with GraphQL Code Generator's client preset, persisted documents
 * on, with the configuration frontend teams are given (schema/client-codegen.ts) — as a frontend
 * team's `graphql-codegen` run would, through the CLI package's programmatic generate().
 *
 *   node --import tsx test/support/codegen-client.ts [--schema <schema>] <dir> [[--schema <schema>] <dir>]…
 *
 * reads every .ts under each <dir> (graphql() calls) and writes <dir>/gql/ (graphql.ts,
 * persisted-documents.json, …), one client after the other. The --schema before a <dir> is a file
 * or a development gateway's URL (introspection); without one, schema/api.graphql. Its own process:
 * the CLI package loads ES modules jest cannot. Several clients in one run, because each start of
 * this process (tsx, the CLI package and its presets) takes seconds.
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

/** The clients the arguments name: each <dir>, from the --schema just before it if there is one. */
function clientsOf(args: readonly string[]): Array<{ dir: string; schema: string | undefined }> {
  const clients: Array<{ dir: string; schema: string | undefined }> = [];
  let schema: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--schema') {
      i += 1;
      schema = args[i];
    } else {
      clients.push({ dir: args[i]!, schema });
      schema = undefined;
    }
  }
  return clients;
}

if (require.main === module) {
  const clients = clientsOf(process.argv.slice(2));
  if (clients.length === 0) throw new Error('usage: codegen-client.ts [--schema <schema>] <dir> [[--schema <schema>] <dir>]…');
  (async () => {
    const files: string[] = [];
    for (const { dir, schema } of clients) files.push(...(await generateClient(dir, schema)));
    return files;
  })().then(
    (files) => process.stdout.write(`${files.join('\n')}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
