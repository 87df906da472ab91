/**
 * The access record (访问记录) over SQL: who resolved whose data, from which agency, why. The table
 * is append-only and chained under a key the database does not hold (storage/access-chain.ts).
 * Appenders from any number of processes take one advisory lock per transaction, so each reads
 * the true last hash and the chain never forks. A purge removes the oldest records only as a
 * prefix of the chain and leaves a checkpoint (the last removed record's sequence and hash) from
 * which the remainder still verifies.
 *
 * With a checkpoint directory (storage/checkpoints.ts), the head of the chain is also signed into
 * files outside the database — by `checkpoint()`, which the appending processes call at an
 * interval (storage/checkpoint-writer.ts), and by every purge before it deletes — and verification
 * holds the chain against the latest of them: records missing after a checkpointed head, an
 * emptied table, a start no signed purge explains, or a checkpoint that is not signed, are each
 * reported, as are records whose keyed hash fails.
 */
import type { SqlDatabase, SqlExecutor, SqlParam } from './database';
import {
  accessRecordHmac,
  BREAK_REASONS,
  ChainWalker,
  chainKeys,
  DEVELOPMENT_CHAIN_KEY,
  GENESIS,
  type ChainBreak,
  type ChainKeys,
  type ChainPoint,
} from './access-chain';
import { CheckpointLog, CheckpointSummary, WRITER, type Checkpoint } from './checkpoints';
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
  /** ACCESS_RECORD_CHAIN_KEY; the development default when absent. */
  chainKey?: string;
  /** ACCESS_RECORD_CHECKPOINT_DIR: where signed checkpoints are kept; none (chain-only verification) when absent. */
  checkpointDir?: string | null;
  /** The clock of checkpoints. */
  now?: () => Date;
}

/** The chain's identity and the first keyed record, as the database holds them. */
interface ChainMeta {
  chain: string;
  keyedFrom: number;
}

export function createAccessRecordStore(db: SqlDatabase, options: AccessRecordStoreOptions = {}): AccessRecordStore {
  const purgeBatchSize = options.purgeBatchSize ?? 10_000;
  const keys = chainKeys(options.chainKey ?? DEVELOPMENT_CHAIN_KEY);
  const log = options.checkpointDir ? new CheckpointLog(options.checkpointDir, keys.checkpoint) : null;
  const now = options.now ?? (() => new Date());
  // What the signed checkpoints said so far, read incrementally by checkpoint().
  const signed = log ? { cursor: log.cursor(), summary: new CheckpointSummary() } : null;

  const verifyChain = async (): Promise<ChainVerdict> => {
    // The checkpoints are read before the snapshot is taken, so each one read is of records the
    // snapshot holds; read again after it, for a purge that signed its new start meanwhile.
    const cursor = log?.cursor();
    const summary = cursor ? new CheckpointSummary().add(await cursor.advance()) : null;
    const signedHead = summary?.head ?? null;
    // One snapshot for the whole walk, so a purge or append running meanwhile cannot fake a gap.
    return db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const meta = await chainMeta(tx);
      const start = await latestCheckpoint(tx);
      if (cursor && summary) summary.add(await cursor.advance());
      const checkpoint = signedHead && { sequence: signedHead.sequence, at: signedHead.at, count: signedHead.count };
      const broken = (firstBrokenSequence: number | null, reason: string, records = 0, missing?: { from: number; to: number }): ChainVerdict => ({
        ok: false,
        records,
        firstBrokenSequence,
        reason,
        ...(missing ? { missing } : {}),
        checkpoint,
      });
      if (!meta) return broken(start.sequence + 1, 'the chain has no identity: access_record_chain was emptied');

      if (summary && log) {
        const problem = summary.problems[0];
        if (problem) return broken(null, `checkpoint ${problem.file} line ${problem.line} ${problem.problem}`);
        const foreign = [...summary.chains].find((chain) => chain !== meta.chain);
        if (foreign) {
          return broken(
            null,
            `the checkpoints in ${log.dir} are of chain ${foreign}, not of this database's chain ${meta.chain}: the chain was replaced, or the directory is another deployment's`,
          );
        }
        const conflict = summary.conflicts[0];
        if (conflict) return broken(conflict.sequence, `two signed checkpoints name different hashes for record #${conflict.sequence} (${conflict.checkpoint.file} line ${conflict.checkpoint.line})`);
        const signedKeyedFrom = [...summary.keyedFrom];
        if (signedKeyedFrom.length > 1) return broken(Math.min(...signedKeyedFrom), `the signed checkpoints disagree on the first keyed record (#${signedKeyedFrom.join(', #')})`);
        if (signedKeyedFrom.length === 1 && signedKeyedFrom[0] !== meta.keyedFrom) {
          return broken(
            Math.min(signedKeyedFrom[0]!, meta.keyedFrom),
            `the database says the chain is keyed from record #${meta.keyedFrom}, the signed checkpoints say from #${signedKeyedFrom[0]}`,
          );
        }
        const signedStart = summary.start?.start;
        if (signedStart && start.sequence > signedStart.sequence) {
          const from = signedStart.sequence + 1;
          return broken(
            from,
            `records #${from}–#${start.sequence} were removed without a signed purge: the chain starts after #${start.sequence}, ` +
              `but the last signed purge point is ${signedStart.sequence === 0 ? 'the genesis' : `#${signedStart.sequence}`} (a checkpoint forged in the database)`,
            0,
            { from, to: start.sequence },
          );
        }
        if (signedStart && start.sequence === signedStart.sequence && start.hash !== signedStart.hash) {
          return broken(start.sequence + 1, `the chain starts from a checkpoint (#${start.sequence}) whose hash is not the signed one: forged in the database`);
        }
      }

      const walker = new ChainWalker(start, { recordKey: keys.record, keyedFrom: meta.keyedFrom, vouched: summary?.vouched });
      const fault = await walk(tx, walker, null);
      if (fault) return broken(fault.sequence, fault.reason, walker.intact);
      const reached = walker.position.sequence;
      if (signedHead && reached < signedHead.sequence) {
        const missing = { from: reached + 1, to: signedHead.sequence };
        const range = missing.from === missing.to ? `record #${missing.from} is` : `records #${missing.from}–#${missing.to} are`;
        const reason =
          walker.intact === 0
            ? `${range} missing: the table holds no records, but the signed checkpoint of ${signedHead.at.toISOString()} counts ${signedHead.count}`
            : `${range} missing after #${reached}: the signed checkpoint of ${signedHead.at.toISOString()} saw the chain up to #${signedHead.sequence}`;
        return broken(missing.from, reason, walker.intact, missing);
      }
      return { ok: true, records: walker.intact, checkpoint };
    });
  };

  return {
    async append(inputs) {
      if (inputs.length === 0) return;
      const normalized = inputs.map(normalizeInput);
      await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
        let last = await chainHead(tx);
        const records: AccessRecord[] = normalized.map((input) => {
          const previousHash = last.hash;
          const sequence = last.sequence + 1;
          const record: AccessRecord = { ...input, sequence, previousHash, hash: accessRecordHmac(keys.record, { ...input, sequence, previousHash }) };
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

    verifyChain,

    async checkpoint(): Promise<Checkpoint | null> {
      if (!log || !signed) return null;
      // The signed checkpoints first, then the head: whatever another process signed meanwhile is
      // of records this read of the head holds.
      const batch = await signed.cursor.advance();
      if (batch.reset) signed.summary = new CheckpointSummary();
      const summary = signed.summary.add(batch);
      const [row] = await db.query<{ chain: string; keyed_from: unknown; head_sequence: unknown; head_hash: string | null; start_sequence: unknown; start_hash: string | null }>(
        `SELECT c.id::text AS chain, c.keyed_from,
           (SELECT sequence FROM access_records ORDER BY sequence DESC LIMIT 1) AS head_sequence,
           (SELECT hash FROM access_records ORDER BY sequence DESC LIMIT 1) AS head_hash,
           (SELECT sequence FROM access_record_checkpoints ORDER BY sequence DESC LIMIT 1) AS start_sequence,
           (SELECT hash FROM access_record_checkpoints ORDER BY sequence DESC LIMIT 1) AS start_hash
         FROM access_record_chain c LIMIT 1`,
      );
      if (!row) throw new StorageError('CHAIN_BROKEN', 'the access record chain has no identity: access_record_chain was emptied');
      const foreign = [...summary.chains].find((chain) => chain !== row.chain);
      if (foreign) {
        throw new StorageError(
          'CHAIN_BROKEN',
          `not signing: the checkpoints in ${log.dir} are of chain ${foreign}, not of this database's chain ${row.chain} (the chain was replaced, or the directory is another deployment's)`,
        );
      }
      const databaseStart: ChainPoint = row.start_sequence === null ? GENESIS : { sequence: toInteger(row.start_sequence), hash: row.start_hash! };
      const head: ChainPoint = row.head_sequence === null ? databaseStart : { sequence: toInteger(row.head_sequence), hash: row.head_hash! };
      const latest = summary.head;
      if (latest && head.sequence < latest.sequence) {
        throw new StorageError('CHAIN_BROKEN', `not signing: the chain's head #${head.sequence} is behind the signed checkpoint #${latest.sequence} of ${latest.at.toISOString()}: records were removed`);
      }
      if (latest && head.sequence === latest.sequence) {
        if (head.hash !== latest.hash) throw new StorageError('CHAIN_BROKEN', `not signing: record #${head.sequence} is not the one the signed checkpoint of ${latest.at.toISOString()} saw`);
        return null;
      }
      // Only a purge moves the start: a start read from the database is trusted once, for the first checkpoint.
      const start = summary.start?.start ?? databaseStart;
      const checkpoint: Checkpoint = {
        kind: 'head',
        chain: row.chain,
        sequence: head.sequence,
        hash: head.hash,
        count: head.sequence - start.sequence,
        start,
        keyedFrom: latest?.keyedFrom ?? toInteger(row.keyed_from),
        at: now(),
        writer: WRITER,
        purge: null,
      };
      await log.append(checkpoint);
      return checkpoint;
    },

    async purgeOlderThan(before) {
      // A purge must not launder tampering: with checkpoints, the whole chain is verified against
      // them first (a purge signs a new start, which would otherwise bless a forged one).
      if (log) {
        const verdict = await verifyChain();
        if (!verdict.ok) {
          throw new StorageError('CHAIN_BROKEN', `refusing to purge: the access record chain is broken${verdict.firstBrokenSequence === null ? '' : ` at record #${verdict.firstBrokenSequence}`} (${verdict.reason})`);
        }
      }
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
          return purgeThrough(tx, checkpoint, Math.min(through, checkpoint.sequence + purgeBatchSize), before, { keys, log, now });
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
 * hash of a record that verified. With a checkpoint directory, the new start is signed there
 * before the deletion commits: a purge that then fails leaves a signed start the chain still
 * reaches (verification accepts it), never a deletion no signature explains.
 */
async function purgeThrough(
  tx: SqlExecutor,
  checkpoint: ChainPoint,
  end: number,
  before: Date,
  context: { keys: ChainKeys; log: CheckpointLog | null; now: () => Date },
): Promise<number> {
  const meta = await chainMeta(tx);
  if (!meta) throw new StorageError('CHAIN_BROKEN', 'refusing to purge: the chain has no identity (access_record_chain was emptied)');
  const walker = new ChainWalker(checkpoint, { recordKey: context.keys.record, keyedFrom: meta.keyedFrom });
  let broken = await walk(tx, walker, end);
  // Records missing at the end of the batch leave the walk short of `end` without a break.
  if (!broken && walker.position.sequence !== end) broken = { sequence: walker.position.sequence + 1, reason: BREAK_REASONS.sequenceGap };
  if (broken) {
    throw new StorageError('CHAIN_BROKEN', `refusing to purge: the access record chain is broken at record #${broken.sequence} (${broken.reason})`);
  }
  const newStart = walker.position;
  const head = await chainHead(tx);
  await tx.query(`SELECT set_config('${PURGE_SETTING}', 'on', true)`);
  const [deleted] = await tx.query<{ count: unknown }>(
    'WITH purged AS (DELETE FROM access_records WHERE sequence <= $1 RETURNING 1) SELECT count(*) AS count FROM purged',
    [end],
  );
  await tx.query(`SELECT set_config('${PURGE_SETTING}', 'off', true)`);
  const purged = toInteger(deleted?.count ?? 0);
  // Signed once the role has shown it may delete, before the deletion commits.
  if (context.log) {
    await context.log.append({
      kind: 'purge',
      chain: meta.chain,
      sequence: head.sequence,
      hash: head.hash,
      count: head.sequence - newStart.sequence,
      start: newStart,
      keyedFrom: meta.keyedFrom,
      at: context.now(),
      writer: WRITER,
      purge: { before, records: newStart.sequence - checkpoint.sequence },
    });
  }
  await tx.query('INSERT INTO access_record_checkpoints (sequence, hash, purged_before, records_purged) VALUES ($1, $2, $3, $4)', [
    newStart.sequence,
    newStart.hash,
    before,
    purged,
  ]);
  return purged;
}

async function chainMeta(tx: SqlExecutor): Promise<ChainMeta | null> {
  const [row] = await tx.query<{ chain: string; keyed_from: unknown }>('SELECT id::text AS chain, keyed_from FROM access_record_chain LIMIT 1');
  return row ? { chain: row.chain, keyedFrom: toInteger(row.keyed_from) } : null;
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
