/**
 * A new embedded store (every spec's, every `npm start` on a fresh clone) starts from a template
 * of its prepared state — migrated, for openStorage — rather than running initdb and the
 * migrations each time. The template is only a speed-up: a missing or broken one is made again.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openEmbedded, type SqlDatabase } from '../../storage/database';
import { PROJECT_ROOT } from '../../schema/subgraphs';

const KIND = `spec-${randomUUID().slice(0, 8)}`;
const templatesOfKind = () => fs.readdirSync(path.join(PROJECT_ROOT, '.data')).filter((file) => file.includes(`-${KIND}-`));

describe('a new embedded store’s template', () => {
  let prepared = 0;
  const preparedStore = (version: string) => ({
    kind: KIND,
    version,
    prepare: async (db: SqlDatabase) => {
      prepared += 1;
      await db.query(`CREATE TABLE prepared (version text)`);
      await db.query(`INSERT INTO prepared VALUES ($1)`, [version]);
    },
  });
  const openAndRead = async (version: string): Promise<string | undefined> => {
    const db = await openEmbedded({ prepared: preparedStore(version) });
    try {
      return (await db.query<{ version: string }>('SELECT version FROM prepared'))[0]?.version;
    } finally {
      await db.close();
    }
  };

  afterAll(() => {
    for (const file of templatesOfKind()) fs.rmSync(path.join(PROJECT_ROOT, '.data', file), { force: true });
  });

  it('is made by the first new store and loaded by the next, which is not prepared again', async () => {
    expect(await openAndRead('v1')).toBe('v1');
    expect(prepared).toBe(1);
    expect(templatesOfKind()).toEqual([expect.stringMatching(new RegExp(`-${KIND}-v1\\.tar$`))]);
    expect(await openAndRead('v1')).toBe('v1');
    expect(prepared).toBe(1);
  });

  it('is made again when it cannot be loaded', async () => {
    const [template] = templatesOfKind();
    fs.writeFileSync(path.join(PROJECT_ROOT, '.data', template!), 'not a data directory');
    expect(await openAndRead('v1')).toBe('v1');
    expect(prepared).toBe(2);
    expect(await openAndRead('v1')).toBe('v1');
    expect(prepared).toBe(2);
  });

  it('of a new version replaces the old one', async () => {
    expect(await openAndRead('v2')).toBe('v2');
    expect(prepared).toBe(3);
    expect(templatesOfKind()).toEqual([expect.stringMatching(new RegExp(`-${KIND}-v2\\.tar$`))]);
  });
});
