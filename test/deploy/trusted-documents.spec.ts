/**
 * The platform's own clients' trusted documents are committed as registration produces them, so a
 * gateway with TRUSTED_DOCUMENTS=registered-only runs them: the loan worker's manifest
 * (schema/trusted-documents/hpf-loan-worker.json) holds exactly its documents
 * (subgraphs/loan/workflow/operations/*.graphql), and every document the worker sends is one of them.
 * When this fails, run:
 *   npm run register-operations -- --client hpf-loan-worker subgraphs/loan/workflow/operations/*.graphql
 * (and drop from the manifest what is no longer in operations/).
 */
import fs from 'node:fs';
import path from 'node:path';
import { TRUSTED_DOCUMENTS_DIR, documentHash, manifestPath, readManifest } from '../../gateway/plugins/trusted-documents';
import { REGISTER_MORTGAGE_DOCUMENT, WORKER_CLIENT, WORKER_OPERATIONS_DIR } from '../../subgraphs/loan/workflow/operations';
import { CHECKS } from '../../subgraphs/loan/workflow/checks';

describe('the loan worker’s trusted documents', () => {
  const manifest = readManifest(manifestPath(TRUSTED_DOCUMENTS_DIR, WORKER_CLIENT), WORKER_CLIENT);
  const sources = fs
    .readdirSync(WORKER_OPERATIONS_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => ({ file, text: fs.readFileSync(path.join(WORKER_OPERATIONS_DIR, file), 'utf8') }));

  it('are registered exactly: the manifest holds every operations/*.graphql file as it is, and nothing else', () => {
    expect(sources.length).toBeGreaterThan(0);
    const registered = Object.keys(manifest.operations).sort();
    expect(registered).toEqual(sources.map(({ text }) => documentHash(text)).sort());
    for (const { file, text } of sources) expect({ file, registered: manifest.operations[documentHash(text)] === text }).toEqual({ file, registered: true });
  });

  it('cover every document the worker sends', () => {
    const sent = [...Object.values(CHECKS).flatMap(({ documents }) => [documents.byContract, documents.byUnit]), REGISTER_MORTGAGE_DOCUMENT];
    for (const text of sent) expect(manifest.operations[documentHash(text)]).toBe(text);
  });

});
