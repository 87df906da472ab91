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
import { GATHER_DOCUMENTS, PERSON_SLOTS, REGISTER_MORTGAGE_DOCUMENT, WORKER_CLIENT, WORKER_OPERATIONS_DIR, personSlotVariables } from '../../subgraphs/loan/workflow/operations';

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
    const sent = [...Object.values(GATHER_DOCUMENTS).flatMap(({ byContract, byUnit }) => [byContract, byUnit]), REGISTER_MORTGAGE_DOCUMENT];
    for (const text of sent) expect(manifest.operations[documentHash(text)]).toBe(text);
  });

  it('fill the fixed person slots in order, skipping the unused ones, and refuse more people than slots', () => {
    const people = [{ idNumber: 'A', name: '甲' }, { idNumber: 'B', name: '乙' }];
    expect(personSlotVariables(people, true)).toEqual({
      id0: 'A', name0: '甲',
      id1: 'B', name1: '乙', with1: true,
      id2: 'A', name2: null, with2: false,
      id3: 'A', name3: null, with3: false,
      id4: 'A', name4: null, with4: false,
      id5: 'A', name5: null, with5: false,
    });
    expect(personSlotVariables(people, false)).not.toHaveProperty('name0');
    const tooMany = Array.from({ length: PERSON_SLOTS + 1 }, (_, i) => ({ idNumber: `P${i}`, name: '某' }));
    expect(() => personSlotVariables(tooMany, false)).toThrow(/1 to 6 people/);
  });
});
