/**
 * A store from before migration 7 holds unkeyed records: they keep verifying by their unkeyed hash,
 * every record after them is keyed, and the place where keying begins is part of what the signed
 * checkpoints vouch for — on both engines.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createStorage } from '../../storage';
import { BREAK_REASONS } from '../../storage/access-chain';
import { openEmbedded, openPostgres, type SqlDatabase } from '../../storage/database';
import { MIGRATIONS, migrate } from '../../storage/migrations';
import { freshCheckpointDir, SPEC_CHAIN_KEY } from './support/backends';
import { insider, storedRecords } from './support/insider';
import { dropSchema, freshSchemaName, testDatabaseUrl } from './support/postgres';
import { accessRecord, personRecord } from './support/records';

const engines: Array<[string, () => Promise<{ db: SqlDatabase; drop(): Promise<void> }>]> = [
  ['embedded PGlite', async () => ({ db: await openEmbedded(), drop: async () => undefined })],
  [
    'PostgreSQL',
    async () => {
      const url = await testDatabaseUrl();
      const schema = freshSchemaName();
      return { db: await openPostgres(url, { schema }), drop: () => dropSchema(url, schema) };
    },
  ],
];

describe.each(engines)('a chain begun before migration 7 (%s)', (_, openEngine) => {
  it('verifies its unkeyed records, keys the records after them, and catches a rewrite of the unkeyed part', async () => {
    const { db, drop } = await openEngine();
    const checkpointDir = freshCheckpointDir();
    try {
      // The store as the platform left it before: schema 1–6, three records chained unkeyed.
      await migrate(db, MIGRATIONS.filter((migration) => migration.version < 7));
      for (let n = 1; n <= 3; n++) await insider.forgeAppend(db, personRecord(n));

      const storage = await createStorage(db, { chainKey: SPEC_CHAIN_KEY, checkpointDir });
      const records = storage.accessRecords;
      expect(await db.query('SELECT keyed_from::int AS keyed_from FROM access_record_chain')).toEqual([{ keyed_from: 4 }]);
      expect(await records.verifyChain()).toEqual({ ok: true, records: 3, checkpoint: null });
      await records.append([accessRecord(4), accessRecord(5)]);
      expect(await records.checkpoint()).toMatchObject({ sequence: 5, keyedFrom: 4 });
      expect(await records.verifyChain()).toMatchObject({ ok: true, records: 5 });
      expect((await storedRecords(records))[3]!.previousHash).toBe((await storedRecords(records))[2]!.hash);

      // The unkeyed part is as easy to rehash as ever, but the keyed record after it is not.
      await insider.rewrite(db, records, 2, { purpose: 'MARKETING' });
      expect(await records.verifyChain()).toMatchObject({ ok: false, records: 3, firstBrokenSequence: 4, reason: BREAK_REASONS.badHmac });
      await storage.close();
    } finally {
      await drop();
      fs.rmSync(path.dirname(checkpointDir), { recursive: true, force: true });
    }
  });
});
