/**
 * The web app's typed client (`npm run codegen:web`): graphql-codegen's client preset, configured
 * as frontend teams are told (schema/client-codegen.ts), over the graphql() calls in
 * web/src/operations.ts, written to web/src/generated/; then the persisted-documents manifest it
 * writes is registered for the client hpf-web (schema/trusted-documents/hpf-web.json), as README's
 * "Trusted documents" says a frontend's is. Its own process: the CLI package loads ES modules.
 *   npx tsx scripts/web-codegen.ts [--out dir] [--no-register]
 * (--out: generate elsewhere, e.g. to compare with what is committed; nothing is registered then).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { clientCodegenConfig } from '../schema/client-codegen';
import { REPO_ROOT } from '../schema/subgraphs';
import { loadApiSchema, registerOperations } from './register-operations';

export const WEB_CLIENT = 'hpf-web';
export const WEB_OPERATIONS = path.join(REPO_ROOT, 'web', 'src', 'operations.ts');
export const WEB_GENERATED_DIR = path.join(REPO_ROOT, 'web', 'src', 'generated');

export async function generateWebClient(outDir: string = WEB_GENERATED_DIR): Promise<void> {
  const config = clientCodegenConfig({ documents: [WEB_OPERATIONS], output: `${outDir}/` });
  // Loaded when run: the CLI package loads ES modules, which jest (reading this file's names) cannot.
  const { generate } = await import('@graphql-codegen/cli');
  await generate({ ...config, silent: true }, true);
}

if (require.main === module) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, 'no-register': { type: 'boolean' } } });
  const outDir = values.out ? path.resolve(values.out) : WEB_GENERATED_DIR;
  (async () => {
    await generateWebClient(outDir);
    if (values.out || values['no-register']) return;
    const registered = registerOperations({ client: WEB_CLIENT, files: [path.join(outDir, 'persisted-documents.json')], schema: await loadApiSchema() });
    for (const operation of registered) process.stdout.write(`${operation.documentId}  ${operation.operationNames.join(', ')}${operation.added ? '  (added)' : ''}\n`);
  })().catch((error: unknown) => {
    process.stderr.write(`codegen:web: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
