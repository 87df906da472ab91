/**
 * The access record against an insider who can write the database but holds neither the chain key
 * nor the checkpoint directory: every way they could hide an access is named by verification.
 * Part of the storage contract, so it runs on both engines.
 */
import { BREAK_REASONS } from '../../../storage';
import type { OpenBackend } from './backends';
import { SPEC_CHAIN_KEY, tamper, tamperMany } from './backends';
import { MIGRATIONS } from '../../../storage/migrations';
import { checkpointLines, forgeCheckpointLine, insider, storedRecords } from './insider';
import { accessRecord, accessRecords, personRecord, SUBJECT } from './records';

const ISO = '\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z';

export function describeTamperEvidence(engine: string, opened: () => OpenBackend): void {
  const store = () => opened().storage.accessRecords;
  const db = () => opened().db;
  const dir = () => opened().checkpointDir;
  /** `count` records whose head is signed outside the database. */
  const signedChain = async (count: number) => {
    await store().append(accessRecords(count));
    expect(await store().checkpoint()).toMatchObject({ sequence: count });
  };

  describe(`the access record against an insider (${engine})`, () => {
    it('holds an intact chain against its latest signed checkpoint, with the records appended since', async () => {
      await store().append(accessRecords(6));
      expect(await store().checkpoint()).toMatchObject({ kind: 'head', sequence: 6, count: 6, start: { sequence: 0 }, keyedFrom: 1 });
      // A head already signed is not signed again.
      expect(await store().checkpoint()).toBeNull();
      await store().append([accessRecord(7)]);
      expect(await store().verifyChain()).toEqual({ ok: true, records: 7, checkpoint: { sequence: 6, at: expect.any(Date), count: 6 } });
      const lines = checkpointLines(dir());
      expect(lines).toEqual([expect.objectContaining({ v: 1, kind: 'head', sequence: 6, count: 6, purge: null, signature: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
      expect(lines[0]!.hash).toBe((await storedRecords(store()))[5]!.hash);
    });

    it('names a person hidden from their records by an owner who rebuilt the subject index', async () => {
      await store().append(accessRecords(3));
      const rebuild = MIGRATIONS.find((migration) => migration.version === 10)!.statements.filter((statement) => statement.includes('subject_keys'));
      try {
        await tamperMany(db(), [
          ['ALTER TABLE access_records DROP COLUMN subject_keys', []],
          ['ALTER TABLE access_records ADD COLUMN subject_keys jsonb', []],
          [`UPDATE access_records SET subject_keys = jsonb_path_query_array(subjects, '$[*].subjectKey') WHERE sequence <> 2`, []],
          [`UPDATE access_records SET subject_keys = '[]' WHERE sequence = 2`, []],
        ]);
        expect((await store().listForSubject(SUBJECT, { after: null, limit: 10 })).map((record) => record.sequence)).toEqual([3, 1]);
        expect(await store().verifyChain()).toMatchObject({ ok: false, records: 1, firstBrokenSequence: 2, reason: BREAK_REASONS.subjectIndex });
      } finally {
        await tamperMany(db(), [['ALTER TABLE access_records DROP COLUMN IF EXISTS subject_keys', []], ...rebuild.map((statement) => [statement, []] as const)]);
      }
    });

    it('names a record changed with every hash after it recomputed', async () => {
      await signedChain(10);
      await insider.rewrite(db(), store(), 4, { purpose: 'MARKETING' });
      expect(await store().verifyChain()).toMatchObject({ ok: false, records: 3, firstBrokenSequence: 4, reason: BREAK_REASONS.badHmac });
    });

    it('names a rewrite rehashed with a stolen chain key where it contradicts the signed checkpoint', async () => {
      await signedChain(10);
      await insider.rewrite(db(), store(), 4, { actorSubject: 'someone-else' }, { key: SPEC_CHAIN_KEY });
      expect(await store().verifyChain()).toMatchObject({ ok: false, records: 9, firstBrokenSequence: 10, reason: BREAK_REASONS.unlikeCheckpoint });
    });

    it('names a record deleted with the rest renumbered and relinked', async () => {
      await signedChain(10);
      await insider.deleteAndRenumber(db(), store(), 5);
      expect((await storedRecords(store())).map((record) => record.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(await store().verifyChain()).toMatchObject({ ok: false, records: 4, firstBrokenSequence: 5, reason: BREAK_REASONS.badHmac });
    });

    it.each([
      ['the last 5', 10, 6],
      ['the last half', 20, 11],
    ])('names the records cut off the end of the chain (%s), and signs no shorter head', async (_, count, from) => {
      await signedChain(count);
      await insider.truncate(db(), from);
      expect(await store().verifyChain()).toEqual({
        ok: false,
        records: from - 1,
        firstBrokenSequence: from,
        missing: { from, to: count },
        reason: expect.stringMatching(new RegExp(`^records #${from}–#${count} are missing after #${from - 1}: the signed checkpoint of ${ISO} saw the chain up to #${count}$`)),
        checkpoint: { sequence: count, at: expect.any(Date), count },
      });
      await expect(store().checkpoint()).rejects.toMatchObject({ code: 'CHAIN_BROKEN', message: expect.stringContaining(`behind the signed checkpoint #${count}`) });
    });

    it('names a forged append, by someone without the key or with a guessed one', async () => {
      await signedChain(5);
      await insider.forgeAppend(db(), personRecord(6, { actorSubject: 'nobody-read-this' }));
      expect(await store().verifyChain()).toMatchObject({ ok: false, records: 5, firstBrokenSequence: 6, reason: BREAK_REASONS.badHmac });
      await tamper(db(), 'DELETE FROM access_records WHERE sequence = 6');
      await insider.forgeAppend(db(), personRecord(6), { key: 'a-guessed-key-that-is-not-the-chain-key' });
      expect(await store().verifyChain()).toMatchObject({ ok: false, firstBrokenSequence: 6, reason: BREAK_REASONS.badHmac });
    });

    it('names the oldest records deleted behind a purge checkpoint forged in the database', async () => {
      await signedChain(10);
      await insider.deleteOldestWithForgedCheckpoint(db(), store(), 4);
      expect(await store().verifyChain()).toMatchObject({
        ok: false,
        firstBrokenSequence: 1,
        missing: { from: 1, to: 4 },
        reason: expect.stringMatching(/^records #1–#4 were removed without a signed purge: .*the last signed purge point is the genesis/),
      });
    });

    it('names records deleted past a real purge, and refuses to purge over them', async () => {
      await signedChain(10);
      expect(await store().purgeOlderThan(accessRecord(3).accessedAt)).toBe(2);
      expect(await store().verifyChain()).toMatchObject({ ok: true, records: 8 });
      await insider.deleteOldestWithForgedCheckpoint(db(), store(), 5);
      const broken = { ok: false, firstBrokenSequence: 3, missing: { from: 3, to: 5 }, reason: expect.stringMatching(/the last signed purge point is #2 /) };
      expect(await store().verifyChain()).toMatchObject(broken);
      // A purge signs a new start: it must not bless one the insider forged.
      await expect(store().purgeOlderThan(accessRecord(8).accessedAt)).rejects.toMatchObject({ code: 'CHAIN_BROKEN', message: expect.stringContaining('removed without a signed purge') });
      expect(await store().verifyChain()).toMatchObject(broken);
    });

    it('names a purge checkpoint whose hash was changed in the database', async () => {
      await signedChain(6);
      expect(await store().purgeOlderThan(accessRecord(3).accessedAt)).toBe(2);
      await tamper(db(), "UPDATE access_record_checkpoints SET hash = repeat('f', 64) WHERE sequence = 2");
      expect(await store().verifyChain()).toMatchObject({ ok: false, firstBrokenSequence: 3, reason: expect.stringContaining('whose hash is not the signed one') });
    });

    it('names a checkpoint the insider could not sign', async () => {
      await signedChain(10);
      const fourth = (await storedRecords(store()))[3]!;
      await insider.deleteOldestWithForgedCheckpoint(db(), store(), 4);
      forgeCheckpointLine(dir(), { kind: 'purge', start: { sequence: 4, hash: fourth.hash }, count: 6 });
      expect(await store().verifyChain()).toMatchObject({
        ok: false,
        firstBrokenSequence: null,
        reason: expect.stringMatching(/^checkpoint access-records-\d{4}-\d\d\.jsonl line 2 has an invalid signature/),
      });
    });

    it('names a table emptied of every record', async () => {
      await signedChain(10);
      await insider.deleteEverything(db());
      expect(await store().verifyChain()).toEqual({
        ok: false,
        records: 0,
        firstBrokenSequence: 1,
        missing: { from: 1, to: 10 },
        reason: expect.stringMatching(new RegExp(`^records #1–#10 are missing: the table holds no records, but the signed checkpoint of ${ISO} counts 10$`)),
        checkpoint: { sequence: 10, at: expect.any(Date), count: 10 },
      });
    });

    it('names a table emptied under a new chain identity, and signs nothing for it', async () => {
      await signedChain(3);
      await insider.replaceChain(db());
      expect(await store().verifyChain()).toMatchObject({ ok: false, firstBrokenSequence: null, reason: expect.stringMatching(/^the checkpoints in .* are of chain [0-9a-f-]{36}, not of this database's chain/) });
      await expect(store().checkpoint()).rejects.toMatchObject({ code: 'CHAIN_BROKEN', message: expect.stringContaining('are of chain') });
    });

    it('names a chain claimed to be unkeyed for longer than it is', async () => {
      await signedChain(3);
      await insider.moveKeyedFrom(db(), 4);
      await insider.rewrite(db(), store(), 1, { purpose: 'MARKETING' });
      expect(await store().verifyChain()).toMatchObject({ ok: false, firstBrokenSequence: 1, reason: 'the database says the chain is keyed from record #4, the signed checkpoints say from #1' });
    });

    it('signs the new start at every purge, before it deletes, and verifies against it', async () => {
      await signedChain(6);
      expect(await store().purgeOlderThan(accessRecord(4).accessedAt)).toBe(3);
      expect(checkpointLines(dir()).at(-1)).toMatchObject({ kind: 'purge', sequence: 6, count: 3, start: { sequence: 3 }, purge: { records: 3 } });
      expect(await store().verifyChain()).toEqual({ ok: true, records: 3, checkpoint: { sequence: 6, at: expect.any(Date), count: 3 } });
      await store().append([accessRecord(7)]);
      expect(await store().checkpoint()).toMatchObject({ kind: 'head', sequence: 7, count: 4, start: { sequence: 3 } });
    });
  });
}
