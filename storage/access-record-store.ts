/**
 * The access record (访问记录) over SQL: who resolved whose data, from which agency, why. The table
 * is append-only and chained under a key the database does not hold (storage/access-chain.ts).
 * One record per request and agency lists every person read (since migration 10), found by each
 * of them through the subject index the database derives from it.
 *
 * Appending is one statement: the records, chained onto the head this store last wrote, go in
 * only if that is still the chain's head (guarded in the statement itself, and by the sequence
 * being the primary key, which two appenders cannot both take). When another process appended
 * meanwhile, the records are rechained onto the head read under the chain lock, in a transaction
 * nobody else can append in: the chain never forks, nobody starves, and a process appending
 * while no other does pays one round trip per batch. A purge removes the oldest records only as a
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
import type { AccessRecord, AccessRecordInput, AccessRecordStore, AccessRecordSubject, ChainVerdict, LegalBasis, Page } from './types';

/**
 * Taken by every append and purge of every process using this database: appenders take turns
 * (first come, first served), and a purge batch holds them off while it deletes.
 */
const CHAIN_LOCK = 4_721_308_119_002;
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
  agency: string;
  purpose: string;
  /** Request layout (migration 10 on): every person read; null on a person-layout record. */
  subjects: unknown;
  /** Person layout (before migration 10): the one person read; null on a request-layout record. */
  subject_key: string | null;
  subject_masked: string | null;
  fields: unknown;
  legal_basis: string | null;
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
  'agency',
  'purpose',
  'subjects',
  'subject_key',
  'subject_masked',
  'fields',
  'legal_basis',
  'consent_id',
  'application_id',
  'previous_hash',
  'hash',
] as const;
/** What an append writes: the request layout's columns. */
const APPEND_COLUMNS = ['sequence', 'accessed_at', 'request_id', 'actor_subject', 'actor_role', 'actor_centre', 'agency', 'purpose', 'subjects', 'previous_hash', 'hash'] as const;
const APPEND_TYPES: Record<(typeof APPEND_COLUMNS)[number], string> = {
  sequence: 'bigint',
  accessed_at: 'timestamptz',
  request_id: 'text',
  actor_subject: 'text',
  actor_role: 'text',
  actor_centre: 'text',
  agency: 'text',
  purpose: 'text',
  subjects: 'jsonb',
  previous_hash: 'text',
  hash: 'text',
};
/** The point the next record links to, as [sequence, hash]: the newest record, else the newest checkpoint, else the genesis. */
const HEAD = `coalesce(
    (SELECT ARRAY[sequence::text, hash] FROM access_records ORDER BY sequence DESC LIMIT 1),
    (SELECT ARRAY[sequence::text, hash] FROM access_record_checkpoints ORDER BY sequence DESC LIMIT 1),
    ARRAY['0', '${GENESIS.hash}'])`;
/**
 * The whole batch as one JSON parameter (any number of records, one statement, one turn of the
 * chain lock), inserted only if the chain's head — the newest record, else the newest purge
 * checkpoint, else the genesis — is still the point it was chained onto ($2, $3). Counts what
 * went in: none means the head moved. The head is read in the statement's snapshot, which may
 * predate an append that held the lock just before: the sequence's primary key refuses that one.
 */
const APPEND = `WITH turn AS MATERIALIZED (SELECT pg_advisory_xact_lock(${CHAIN_LOCK}) AS taken),
appended AS (
  INSERT INTO access_records (${APPEND_COLUMNS.join(', ')})
  SELECT ${APPEND_COLUMNS.map((column) => `r.${column}`).join(', ')}
  FROM turn, jsonb_to_recordset($1::jsonb) AS r(${APPEND_COLUMNS.map((column) => `${column} ${APPEND_TYPES[column]}`).join(', ')})
  WHERE ${HEAD} = ARRAY[$2::text, $3::text]
  RETURNING 1
) SELECT count(*) AS count FROM appended`;
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

  // The head this store last appended: where its next records most likely go.
  let head: ChainPoint | null = null;
  // This store's appends, one after another: they never race each other for the head.
  let previous: Promise<unknown> = Promise.resolve();

  const chained = (inputs: readonly AccessRecordInput[], onto: ChainPoint) => {
    let last = onto;
    const records = inputs.map((input) => {
      const sequence = last.sequence + 1;
      const previousHash = last.hash;
      const hash = accessRecordHmac(keys.record, { ...input, sequence, previousHash });
      last = { sequence, hash };
      return { sequence, previousHash, hash, input };
    });
    return { records, last };
  };

  const appendNow = async (inputs: readonly AccessRecordInput[]): Promise<void> => {
    if (head) {
      const { records, last } = chained(inputs, head);
      if (await appendOnto(db, head, records)) {
        head = last;
        return;
      }
    }
    // The head is not known yet, or another process appended since: in turn (the chain lock, which
    // every append takes), from the head as it is now, which nobody can move while the lock is held.
    head = null;
    head = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
      const onto = await chainHead(tx);
      const { records, last } = chained(inputs, onto);
      if (!(await appendOnto(tx, onto, records))) {
        throw new StorageError('CHAIN_BROKEN', `access records not appended: the chain's head moved past #${onto.sequence} while the chain lock was held (written around the store)`);
      }
      return last;
    });
  };

  return {
    append(inputs) {
      if (inputs.length === 0) return Promise.resolve();
      let normalized: AccessRecordInput[];
      try {
        normalized = inputs.map(normalizeInput);
      } catch (error) {
        return Promise.reject(error);
      }
      const appended = previous.then(() => appendNow(normalized));
      previous = appended.catch(() => undefined);
      return appended;
    },

    async listForSubject(subjectKey, page) {
      // Containment, which the subject index (GIN, jsonb_path_ops) answers.
      return listPage(db, ['subject_keys @> $1::jsonb'], [JSON.stringify([subjectKey])], page);
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

/** The point the next record links to (HEAD), in one statement. */
async function chainHead(tx: SqlExecutor): Promise<ChainPoint> {
  const [row] = await tx.query<{ head: unknown }>(`SELECT ${HEAD} AS head`);
  const [sequence, hash] = toStringArray(row?.head);
  return { sequence: toInteger(sequence), hash: hash! };
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
    // With the subject index, so that one no longer derived from the records (an owner's rebuild) is caught.
    const rows = await tx.query<AccessRecordRow & { subject_keys: unknown }>(
      `SELECT ${COLUMNS.join(', ')}, subject_keys FROM access_records WHERE sequence > $1 AND ($2::bigint IS NULL OR sequence <= $2) ORDER BY sequence LIMIT ${VERIFY_PAGE}`,
      [walker.position.sequence, through],
    );
    for (const row of rows) {
      const broken = walker.check(toAccessRecord(row), Array.isArray(row.subject_keys) ? row.subject_keys.map(String) : []);
      if (broken) return broken;
    }
    if (rows.length < VERIFY_PAGE) return null;
  }
}

/** Appends chained records onto `onto` if it is still the head; false when another appender moved it. */
async function appendOnto(
  db: SqlExecutor,
  onto: ChainPoint,
  records: ReadonlyArray<{ sequence: number; previousHash: string; hash: string; input: AccessRecordInput }>,
): Promise<boolean> {
  const rows = records.map(({ sequence, previousHash, hash, input }) => ({
    sequence,
    accessed_at: input.accessedAt.toISOString(),
    request_id: input.requestId,
    actor_subject: input.actorSubject,
    actor_role: input.actorRole,
    actor_centre: input.actorCentre,
    agency: input.agency,
    purpose: input.purpose,
    subjects: input.subjects,
    previous_hash: previousHash,
    hash,
  }));
  try {
    const [appended] = await db.query<{ count: unknown }>(APPEND, [JSON.stringify(rows), String(onto.sequence), onto.hash]);
    return toInteger(appended?.count ?? 0) === records.length;
  } catch (error) {
    // Another appender took the same place first (unique_violation on the sequence): the head moved.
    if ((error as { code?: unknown } | null)?.code === '23505') return false;
    throw error;
  }
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
  if (!Array.isArray(input.subjects) || input.subjects.length === 0) throw new StorageError('INVALID_ACCESS_RECORD', 'an access record names at least one subject');
  return {
    accessedAt,
    requestId: input.requestId,
    actorSubject: input.actorSubject,
    actorRole: input.actorRole,
    actorCentre: input.actorCentre ?? null,
    agency: input.agency,
    purpose: input.purpose,
    subjects: input.subjects.map((subject) => ({
      subjectKey: subject.subjectKey,
      subjectMasked: subject.subjectMasked,
      fields: [...subject.fields].sort(),
      legalBasis: subject.legalBasis,
      consentId: subject.consentId ?? null,
      applicationId: subject.applicationId ?? null,
    })),
  };
}

/** A stored subject list, rebuilt field by field (the embedded engine's JSON arrives from another realm). */
function toSubjects(value: unknown): AccessRecordSubject[] {
  return (value as Array<Record<string, unknown>>).map((subject) => ({
    subjectKey: String(subject.subjectKey),
    subjectMasked: String(subject.subjectMasked),
    fields: toStringArray(subject.fields),
    legalBasis: String(subject.legalBasis) as LegalBasis,
    consentId: subject.consentId === null || subject.consentId === undefined ? null : String(subject.consentId),
    applicationId: subject.applicationId === null || subject.applicationId === undefined ? null : String(subject.applicationId),
  }));
}

function toAccessRecord(row: AccessRecordRow): AccessRecord {
  const layout = row.subjects === null || row.subjects === undefined ? 'person' : 'request';
  return {
    sequence: toInteger(row.sequence),
    accessedAt: toDate(row.accessed_at),
    requestId: row.request_id,
    actorSubject: row.actor_subject,
    actorRole: row.actor_role,
    actorCentre: row.actor_centre,
    agency: row.agency as AgencyName,
    purpose: row.purpose,
    subjects:
      layout === 'request'
        ? toSubjects(row.subjects)
        : [
            {
              subjectKey: row.subject_key!,
              subjectMasked: row.subject_masked!,
              fields: toStringArray(row.fields),
              legalBasis: row.legal_basis as LegalBasis,
              consentId: row.consent_id,
              applicationId: row.application_id,
            },
          ],
    previousHash: row.previous_hash,
    hash: row.hash,
    layout,
  };
}
