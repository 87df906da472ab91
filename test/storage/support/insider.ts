/**
 * What an insider with write access to the database (not to the chain key, not to the checkpoint
 * directory) would do to hide an access: each move of the threat model (docs/threat-model.md),
 * done with raw SQL behind the stores' back, covering its tracks as well as it can — recomputing
 * the hashes it broke, renumbering, forging the purge checkpoint in the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { accessRecordHmac, chainKeys, legacyAccessRecordHash, type PersonRecordContent } from '../../../storage/access-chain';
import type { SqlDatabase, SqlParam } from '../../../storage/database';
import type { AccessRecord, AccessRecordInput, AccessRecordStore } from '../../../storage/types';
import { tamperMany } from './backends';

/** How the insider recomputes hashes: without the key (all they have), or with a stolen one. */
export type Rehash = 'unkeyed' | { key: string };

const hashOf = (record: AccessRecord, rehash: Rehash): string =>
  rehash === 'unkeyed' ? legacyAccessRecordHash(record) : accessRecordHmac(chainKeys(rehash.key).record, record);

/** Every stored record, oldest first (the specs keep chains short). */
export async function storedRecords(store: AccessRecordStore): Promise<AccessRecord[]> {
  return (await store.list({}, { after: null, limit: 200 })).reverse();
}

/** Rebuilds the links and hashes of `records` from their first, continuing from `previousHash`. */
function relinked(records: readonly AccessRecord[], previousHash: string, rehash: Rehash): AccessRecord[] {
  let previous = previousHash;
  return records.map((record) => {
    const next = { ...record, previousHash: previous };
    next.hash = hashOf(next, rehash);
    previous = next.hash;
    return next;
  });
}

const update = (record: AccessRecord): readonly [string, readonly SqlParam[]] => [
  'UPDATE access_records SET purpose = $1, actor_subject = $2, previous_hash = $3, hash = $4 WHERE sequence = $5',
  [record.purpose, record.actorSubject, record.previousHash, record.hash, record.sequence],
];

export const insider = {
  /** Changes one record, then recomputes its hash and every link and hash after it. */
  async rewrite(db: SqlDatabase, store: AccessRecordStore, sequence: number, change: Partial<AccessRecordInput>, rehash: Rehash = 'unkeyed'): Promise<void> {
    const records = await storedRecords(store);
    const index = records.findIndex((record) => record.sequence === sequence);
    const changed = [{ ...records[index]!, ...change }, ...records.slice(index + 1)];
    await tamperMany(db, relinked(changed, records[index]!.previousHash, rehash).map(update));
  },

  /** Deletes one record, renumbers those after it to close the gap, and relinks them. */
  async deleteAndRenumber(db: SqlDatabase, store: AccessRecordStore, sequence: number, rehash: Rehash = 'unkeyed'): Promise<void> {
    const records = await storedRecords(store);
    const index = records.findIndex((record) => record.sequence === sequence);
    const after = records.slice(index + 1).map((record) => ({ ...record, sequence: record.sequence - 1 }));
    await tamperMany(db, [
      ['DELETE FROM access_records WHERE sequence = $1', [sequence]],
      ...records.slice(index + 1).map((record) => ['UPDATE access_records SET sequence = sequence - 1 WHERE sequence = $1', [record.sequence]] as const),
      ...relinked(after, records[index]!.previousHash, rehash).map(update),
    ]);
  },

  /** Cuts off the chain's newest records, from `sequence` on. */
  async truncate(db: SqlDatabase, sequence: number): Promise<void> {
    await tamperMany(db, [['DELETE FROM access_records WHERE sequence >= $1', [sequence]]]);
  },

  /** Appends a record of their own making after the head, in the person layout (the columns every schema has). */
  async forgeAppend(db: SqlDatabase, record: PersonRecordContent, rehash: Rehash = 'unkeyed'): Promise<void> {
    const [head] = await db.query<{ sequence: unknown; hash: string }>('SELECT sequence, hash FROM access_records ORDER BY sequence DESC LIMIT 1');
    const forged = { ...record, fields: [...record.fields].sort(), sequence: Number(head?.sequence ?? 0) + 1, previousHash: head?.hash ?? '0'.repeat(64), hash: '' };
    forged.hash = rehash === 'unkeyed' ? legacyAccessRecordHash(forged) : accessRecordHmac(chainKeys(rehash.key).record, forged);
    await tamperMany(db, [
      [
        `INSERT INTO access_records (sequence, accessed_at, request_id, actor_subject, actor_role, actor_centre, subject_key, subject_masked, agency,
           fields, purpose, legal_basis, consent_id, application_id, previous_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [
          forged.sequence,
          forged.accessedAt,
          forged.requestId,
          forged.actorSubject,
          forged.actorRole,
          forged.actorCentre,
          forged.subjectKey,
          forged.subjectMasked,
          forged.agency,
          forged.fields,
          forged.purpose,
          forged.legalBasis,
          forged.consentId,
          forged.applicationId,
          forged.previousHash,
          forged.hash,
        ],
      ],
    ]);
  },

  /** Deletes the oldest records through `sequence` and leaves a purge checkpoint for them, as a purge would. */
  async deleteOldestWithForgedCheckpoint(db: SqlDatabase, store: AccessRecordStore, sequence: number): Promise<void> {
    const last = (await storedRecords(store)).find((record) => record.sequence === sequence)!;
    await tamperMany(db, [
      ['DELETE FROM access_records WHERE sequence <= $1', [sequence]],
      ['INSERT INTO access_record_checkpoints (sequence, hash, purged_before, records_purged) VALUES ($1, $2, $3, $4)', [sequence, last.hash, new Date(), sequence]],
    ]);
  },

  async deleteEverything(db: SqlDatabase): Promise<void> {
    await tamperMany(db, [['DELETE FROM access_records', []]]);
  },

  /** Deletes everything and gives the database a new chain, as if it had never held one. */
  async replaceChain(db: SqlDatabase): Promise<void> {
    await tamperMany(db, [
      ['DELETE FROM access_records', []],
      ['UPDATE access_record_chain SET id = gen_random_uuid()', []],
    ]);
  },

  /** Claims more records are from before the key (an unkeyed hash anyone can recompute). */
  async moveKeyedFrom(db: SqlDatabase, keyedFrom: number): Promise<void> {
    await tamperMany(db, [['UPDATE access_record_chain SET keyed_from = $1', [keyedFrom]]]);
  },
};

/** Lines of the checkpoint directory, oldest file first. */
export function checkpointLines(dir: string): Array<Record<string, unknown>> {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .flatMap((name) => fs.readFileSync(path.join(dir, name), 'utf8').split('\n').filter(Boolean))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Someone who can write the checkpoint directory but has no key: a copy of the last line, changed, its signature kept. */
export function forgeCheckpointLine(dir: string, changes: Record<string, unknown>): void {
  const name = fs.readdirSync(dir).filter((file) => file.endsWith('.jsonl')).sort().at(-1)!;
  const last = checkpointLines(dir).at(-1)!;
  fs.appendFileSync(path.join(dir, name), `${JSON.stringify({ ...last, ...changes })}\n`);
}
