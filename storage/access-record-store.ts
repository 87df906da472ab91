/**
 * The access record (访问记录) over SQL: who resolved whose data, from which agency, why. The table
 * is append-only and hash-chained (storage/access-chain.ts). Appenders from any number of processes
 * take one advisory lock per transaction, so each reads the true last hash and the chain never
 * forks. A purge removes the oldest records only as a prefix of the chain and leaves a checkpoint
 * (the last removed record's sequence and hash) from which the remainder still verifies.
 */
import type { SqlDatabase, SqlExecutor, SqlParam } from './database';
import { accessRecordHash, BREAK_REASONS, ChainWalker, GENESIS, type ChainBreak, type ChainPoint } from './access-chain';
import { StorageError } from './errors';
import { PURGE_SETTING } from './migrations';
import { toDate, toInteger, toStringArray } from './sql-values';
import type { AgencyName } from '../lib/agency-contracts';
import type { AccessRecord, AccessRecordInput, AccessRecordStore, ChainVerdict, LegalBasis, Page } from './types';

/** Shared by every appender and the purge of every process using this database. */
const CHAIN_LOCK = 4_721_308_119_002;
/** Records per INSERT (16 parameters each, far below Postgres's 65535-parameter limit). */
const INSERT_BATCH = 500;
/** Records per page while verifying: memory stays flat however long the chain grows. */
const VERIFY_PAGE = 1000;
/** Largest page a list returns. */
export const MAX_PAGE = 200;

interface AccessRecordRow {
  sequence: unknown;
  accessed_at: unknown;
  request_id: string;
  actor_subject: string;
  actor_role: string;
  actor_centre: string | null;
  subject_key: string;
  subject_masked: string;
  agency: string;
  fields: unknown;
  purpose: string;
  legal_basis: string;
  consent_id: string | null;
  application_id: string | null;
  previous_hash: string;
  hash: string;
}

const COLUMNS = [
  'sequence',
  'accessed_at',
  'request_id',
  'actor_subject',
  'actor_role',
  'actor_centre',
  'subject_key',
  'subject_masked',
  'agency',
  'fields',
  'purpose',
  'legal_basis',
  'consent_id',
  'application_id',
  'previous_hash',
  'hash',
] as const;
const SELECT = `SELECT ${COLUMNS.join(', ')} FROM access_records`;

export interface AccessRecordStoreOptions {
  /** Records a purge removes per transaction; default 10,000. */
  purgeBatchSize?: number;
}

export function createAccessRecordStore(db: SqlDatabase, options: AccessRecordStoreOptions = {}): AccessRecordStore {
  const purgeBatchSize = options.purgeBatchSize ?? 10_000;
  return {
    async append(inputs) {
      if (inputs.length === 0) return;
      const normalized = inputs.map(normalizeInput);
      await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
        let last = await chainHead(tx);
        const records: AccessRecord[] = normalized.map((input) => {
          const previousHash = last.hash;
          const record: AccessRecord = { ...input, sequence: last.sequence + 1, previousHash, hash: accessRecordHash({ ...input, previousHash }) };
          last = { sequence: record.sequence, hash: record.hash };
          return record;
        });
        for (let start = 0; start < records.length; start += INSERT_BATCH) {
          await insert(tx, records.slice(start, start + INSERT_BATCH));
        }
      });
    },

    async listForSubject(subjectKey, page) {
      return listPage(db, ['subject_key = $1'], [subjectKey], page);
    },

    async list(filter, page) {
      const conditions: string[] = [];
      const params: SqlParam[] = [];
      const where = (condition: (placeholder: string) => string, value: SqlParam) => {
        params.push(value);
        conditions.push(condition(`$${params.length}`));
      };
      if (filter.agency !== undefined) where((p) => `agency = ${p}`, filter.agency);
      if (filter.actorSubject !== undefined) where((p) => `actor_subject = ${p}`, filter.actorSubject);
      if (filter.from !== undefined) where((p) => `accessed_at >= ${p}`, filter.from);
      if (filter.to !== undefined) where((p) => `accessed_at < ${p}`, filter.to);
      return listPage(db, conditions, params, page);
    },

    async verifyChain(): Promise<ChainVerdict> {
      // One snapshot for the whole walk, so a purge or append running meanwhile cannot fake a gap.
      return db.transaction(async (tx) => {
        await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        const walker = new ChainWalker(await latestCheckpoint(tx));
        const broken = await walk(tx, walker, null);
        return broken
          ? { ok: false, records: walker.intact, firstBrokenSequence: broken.sequence, reason: broken.reason }
          : { ok: true, records: walker.intact };
      });
    },

    async purgeOlderThan(before) {
      // In batches, each its own short transaction leaving its own checkpoint: three years of
      // records are many, and appenders wait for the chain lock while a batch holds it.
      let through: number | null = null;
      let purged = 0;
      for (;;) {
        const batch = await db.transaction(async (tx) => {
          await tx.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
          const checkpoint = await latestCheckpoint(tx);
          through ??= await purgeBoundary(tx, before, checkpoint);
          if (through <= checkpoint.sequence) return 0;
          return purgeThrough(tx, checkpoint, Math.min(through, checkpoint.sequence + purgeBatchSize), before);
        });
        if (batch === 0) return purged;
        purged += batch;
      }
    },
  };
}

/**
 * The last sequence a purge may remove. Only a prefix of the chain can go (a record kept after a
 * purged one would dangle), so the purge stops before the oldest record still within retention:
 * a record appended late with an old accessedAt waits until everything before it is old too.
 */
async function purgeBoundary(tx: SqlExecutor, before: Date, checkpoint: ChainPoint): Promise<number> {
  const [bounds] = await tx.query<{ first_kept: unknown; last: unknown }>(
    `SELECT (SELECT min(sequence) FROM access_records WHERE accessed_at >= $1) AS first_kept,
            (SELECT max(sequence) FROM access_records) AS last`,
    [before],
  );
  if (!bounds || bounds.last === null) return checkpoint.sequence;
  return bounds.first_kept === null ? toInteger(bounds.last) : toInteger(bounds.first_kept) - 1;
}

/**
 * Removes the records after `checkpoint` up to `end` and leaves the new checkpoint. A purge must
 * not launder tampering: what it removes is verified first, so the checkpoint it leaves is the
 * hash of a record that verified.
 */
async function purgeThrough(tx: SqlExecutor, checkpoint: ChainPoint, end: number, before: Date): Promise<number> {
  const walker = new ChainWalker(checkpoint);
  let broken = await walk(tx, walker, end);
  // Records missing at the end of the batch leave the walk short of `end` without a break.
  if (!broken && walker.position.sequence !== end) broken = { sequence: walker.position.sequence + 1, reason: BREAK_REASONS.sequenceGap };
  if (broken) {
    throw new StorageError('CHAIN_BROKEN', `refusing to purge: the access record chain is broken at record #${broken.sequence} (${broken.reason})`);
  }
  await tx.query(`SELECT set_config('${PURGE_SETTING}', 'on', true)`);
  const [deleted] = await tx.query<{ count: unknown }>(
    'WITH purged AS (DELETE FROM access_records WHERE sequence <= $1 RETURNING 1) SELECT count(*) AS count FROM purged',
    [end],
  );
  await tx.query(`SELECT set_config('${PURGE_SETTING}', 'off', true)`);
  const purged = toInteger(deleted?.count ?? 0);
  await tx.query('INSERT INTO access_record_checkpoints (sequence, hash, purged_before, records_purged) VALUES ($1, $2, $3, $4)', [
    walker.position.sequence,
    walker.position.hash,
    before,
    purged,
  ]);
  return purged;
}

/** The point the next record links to: the newest record, else the newest checkpoint, else genesis. */
async function chainHead(tx: SqlExecutor): Promise<ChainPoint> {
  const [newest] = await tx.query<{ sequence: unknown; hash: string }>('SELECT sequence, hash FROM access_records ORDER BY sequence DESC LIMIT 1');
  return newest ? { sequence: toInteger(newest.sequence), hash: newest.hash } : latestCheckpoint(tx);
}

async function latestCheckpoint(tx: SqlExecutor): Promise<ChainPoint> {
  const [checkpoint] = await tx.query<{ sequence: unknown; hash: string }>(
    'SELECT sequence, hash FROM access_record_checkpoints ORDER BY sequence DESC LIMIT 1',
  );
  return checkpoint ? { sequence: toInteger(checkpoint.sequence), hash: checkpoint.hash } : GENESIS;
}

/** Feeds records after the walker's position (up to `through`, or the end) page by page. */
async function walk(tx: SqlExecutor, walker: ChainWalker, through: number | null): Promise<ChainBreak | null> {
  for (;;) {
    const rows = await tx.query<AccessRecordRow>(
      `${SELECT} WHERE sequence > $1 AND ($2::bigint IS NULL OR sequence <= $2) ORDER BY sequence LIMIT ${VERIFY_PAGE}`,
      [walker.position.sequence, through],
    );
    for (const row of rows) {
      const broken = walker.check(toAccessRecord(row));
      if (broken) return broken;
    }
    if (rows.length < VERIFY_PAGE) return null;
  }
}

async function insert(tx: SqlExecutor, records: readonly AccessRecord[]): Promise<void> {
  const params: SqlParam[] = [];
  const tuples = records.map((record) => {
    const values: SqlParam[] = [
      record.sequence,
      record.accessedAt,
      record.requestId,
      record.actorSubject,
      record.actorRole,
      record.actorCentre,
      record.subjectKey,
      record.subjectMasked,
      record.agency,
      record.fields,
      record.purpose,
      record.legalBasis,
      record.consentId,
      record.applicationId,
      record.previousHash,
      record.hash,
    ];
    const placeholders = values.map((value) => {
      params.push(value);
      return `$${params.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  await tx.query(`INSERT INTO access_records (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, params);
}

async function listPage(db: SqlDatabase, conditions: string[], params: SqlParam[], page: Page): Promise<AccessRecord[]> {
  const all = [...conditions];
  const values = [...params];
  if (page.after !== null) {
    values.push(page.after);
    all.push(`sequence < $${values.length}`);
  }
  const where = all.length > 0 ? `WHERE ${all.join(' AND ')}` : '';
  const rows = await db.query<AccessRecordRow>(`${SELECT} ${where} ORDER BY sequence DESC LIMIT ${pageSize(page.limit)}`, values);
  return rows.map(toAccessRecord);
}

/** A page holds 1 to MAX_PAGE records, whatever the caller asked. */
export function pageSize(limit: number): number {
  if (!Number.isFinite(limit)) return MAX_PAGE;
  return Math.min(MAX_PAGE, Math.max(1, Math.trunc(limit)));
}

/**
 * The stored form of an input: exactly the declared fields (extra properties a caller's object
 * carries are neither stored nor hashed), absent optionals as null, fields sorted as documented.
 */
function normalizeInput(input: AccessRecordInput): AccessRecordInput {
  const accessedAt = new Date(input.accessedAt);
  if (Number.isNaN(accessedAt.getTime())) throw new StorageError('INVALID_ACCESS_RECORD', 'an access record needs a valid accessedAt');
  return {
    accessedAt,
    requestId: input.requestId,
    actorSubject: input.actorSubject,
    actorRole: input.actorRole,
    actorCentre: input.actorCentre ?? null,
    subjectKey: input.subjectKey,
    subjectMasked: input.subjectMasked,
    agency: input.agency,
    fields: [...input.fields].sort(),
    purpose: input.purpose,
    legalBasis: input.legalBasis,
    consentId: input.consentId ?? null,
    applicationId: input.applicationId ?? null,
  };
}

function toAccessRecord(row: AccessRecordRow): AccessRecord {
  return {
    sequence: toInteger(row.sequence),
    accessedAt: toDate(row.accessed_at),
    requestId: row.request_id,
    actorSubject: row.actor_subject,
    actorRole: row.actor_role,
    actorCentre: row.actor_centre,
    subjectKey: row.subject_key,
    subjectMasked: row.subject_masked,
    agency: row.agency as AgencyName,
    fields: toStringArray(row.fields),
    purpose: row.purpose,
    legalBasis: row.legal_basis as LegalBasis,
    consentId: row.consent_id,
    applicationId: row.application_id,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}
