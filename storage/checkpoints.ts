/**
 * Signed checkpoints of the access record chain, kept OUTSIDE the database: JSON lines appended
 * to one file a month (access-records-YYYY-MM.jsonl) in ACCESS_RECORD_CHECKPOINT_DIR. Someone who
 * can write the database but not this directory cannot make the chain shorter, emptier or
 * different from what a checkpoint saw without verification saying so (docs/threat-model.md).
 *
 * A line states the head of the chain at a moment — its sequence and hash, how many records the
 * chain holds from its start to it, where it starts (the last purge point) and from which record
 * it is keyed — and is signed: an HMAC-SHA256 under the checkpoint key derived from
 * ACCESS_RECORD_CHAIN_KEY (storage/access-chain.ts) over the canonical JSON of every other field.
 * The line itself is that canonical JSON with the signature added, so an auditor's tool can check
 * it with nothing but the key.
 *
 * A directory holds the checkpoints of one chain (its id is in every line): checkpoints of another
 * chain there mean the database was replaced, or the directory belongs to another deployment.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChainPoint } from './access-chain';
import { canonicalJson, type Canonical } from './canonical-json';

export const CHECKPOINT_FORMAT = 1;
const FILE_NAME = /^access-records-\d{4}-\d{2}\.jsonl$/;
const HEX_HASH = /^[0-9a-f]{64}$/;
/** Bytes read at a time: memory stays flat however long the files grow. */
const READ_CHUNK = 1 << 20;

export type CheckpointKind = 'head' | 'purge';

export interface Checkpoint {
  /** 'head': the head as an appending process saw it; 'purge': written by a purge before it deletes. */
  kind: CheckpointKind;
  /** The chain's id (access_record_chain.id). */
  chain: string;
  /** The head: the newest record's sequence and hash (the start itself when the chain is empty). */
  sequence: number;
  hash: string;
  /** Records from the start to the head: sequence − start.sequence. */
  count: number;
  /** Where the chain starts: genesis, or the last record a purge removed. */
  start: ChainPoint;
  /** First record hashed with the chain key (records before it predate migration 7). */
  keyedFrom: number;
  at: Date;
  /** host:pid of the process that wrote it. */
  writer: string;
  /** For a purge: the retention cut-off and how many records this purge step removes. */
  purge: { before: Date; records: number } | null;
}

export interface SignedCheckpoint extends Checkpoint {
  /** Where it was read: file name and line number (from 1). */
  file: string;
  line: number;
}

export interface CheckpointProblem {
  file: string;
  line: number;
  problem: string;
}

export interface CheckpointBatch {
  checkpoints: SignedCheckpoint[];
  problems: CheckpointProblem[];
  /** A file shrank or vanished since the last read: what was read before no longer holds. */
  reset: boolean;
}

export const WRITER = `${os.hostname()}:${process.pid}`;

export class CheckpointLog {
  constructor(
    readonly dir: string,
    private readonly key: Buffer,
  ) {}

  /** Signs and appends one checkpoint (to the file of its month, UTC), durably. */
  async append(checkpoint: Checkpoint): Promise<void> {
    const line = `${canonicalJson({ ...body(checkpoint), signature: this.sign(body(checkpoint)) })}\n`;
    await fs.promises.mkdir(this.dir, { recursive: true, mode: 0o750 });
    const file = path.join(this.dir, `access-records-${checkpoint.at.toISOString().slice(0, 7)}.jsonl`);
    const handle = await fs.promises.open(file, 'a', 0o640);
    try {
      // A writer killed mid-line leaves a torn line: start ours on a line of its own.
      const { size } = await handle.stat();
      let prefix = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        const reader = await fs.promises.open(file, 'r');
        try {
          await reader.read(last, 0, 1, size - 1);
        } finally {
          await reader.close();
        }
        if (last[0] !== 0x0a) prefix = '\n';
      }
      // One write of an O_APPEND file: lines of concurrent writers never interleave.
      await handle.write(prefix + line);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }

  /** Reads the files from their beginning; each advance() returns what was appended since. */
  cursor(): CheckpointCursor {
    return new CheckpointCursor(this.dir, (text) => this.parse(text));
  }

  private sign(fields: { [key: string]: Canonical }): string {
    return createHmac('sha256', this.key).update(canonicalJson(fields), 'utf8').digest('hex');
  }

  /** A checkpoint, or why the line is not one. */
  private parse(text: string): Checkpoint | string {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return 'is not JSON (a torn write, or tampering)';
    }
    if (!isObject(value) || typeof value.signature !== 'string') return 'has no signature';
    const { signature, ...fields } = value;
    let expected: Buffer;
    try {
      expected = Buffer.from(this.sign(fields as { [key: string]: Canonical }), 'hex');
    } catch {
      return 'is not a checkpoint';
    }
    const given = Buffer.from(HEX_HASH.test(signature) ? signature : '', 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'has an invalid signature (forged, altered, or signed with another key)';
    return fromFields(fields) ?? 'is signed but not a checkpoint of this format';
  }
}

export class CheckpointCursor {
  private readonly read = new Map<string, { bytes: number; lines: number }>();

  constructor(
    private readonly dir: string,
    private readonly parse: (text: string) => Checkpoint | string,
  ) {}

  async advance(): Promise<CheckpointBatch> {
    const batch: CheckpointBatch = { checkpoints: [], problems: [], reset: false };
    let names: string[];
    try {
      names = (await fs.promises.readdir(this.dir)).filter((name) => FILE_NAME.test(name)).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      names = [];
    }
    const sizes = new Map<string, number>();
    for (const name of names) sizes.set(name, (await fs.promises.stat(path.join(this.dir, name))).size);
    for (const [name, position] of this.read) {
      const size = sizes.get(name);
      if (size === undefined || size < position.bytes) {
        batch.problems.push({ file: name, line: position.lines, problem: size === undefined ? 'vanished (checkpoint files are append-only)' : 'shrank (checkpoint files are append-only)' });
        batch.reset = true;
      }
    }
    if (batch.reset) this.read.clear();
    for (const name of names) await this.readFile(name, sizes.get(name)!, batch);
    return batch;
  }

  private async readFile(name: string, size: number, batch: CheckpointBatch): Promise<void> {
    const position = this.read.get(name) ?? { bytes: 0, lines: 0 };
    if (size <= position.bytes) {
      this.read.set(name, position);
      return;
    }
    const handle = await fs.promises.open(path.join(this.dir, name), 'r');
    try {
      let carried = Buffer.alloc(0);
      let offset = position.bytes;
      while (offset < size) {
        const chunk = Buffer.alloc(Math.min(READ_CHUNK, size - offset));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, offset);
        if (bytesRead === 0) break;
        offset += bytesRead;
        const data = Buffer.concat([carried, chunk.subarray(0, bytesRead)]);
        const end = data.lastIndexOf(0x0a);
        if (end < 0) {
          carried = data;
          continue;
        }
        // Only whole lines: a line still being written is read next time.
        for (const text of data.subarray(0, end).toString('utf8').split('\n')) {
          position.lines++;
          if (text.trim() === '') continue;
          const parsed = this.parse(text);
          if (typeof parsed === 'string') batch.problems.push({ file: name, line: position.lines, problem: parsed });
          else batch.checkpoints.push({ ...parsed, file: name, line: position.lines });
        }
        position.bytes += end + 1;
        carried = data.subarray(end + 1);
      }
    } finally {
      await handle.close();
    }
    this.read.set(name, position);
  }
}

/**
 * What a set of signed checkpoints says about the chain: the furthest head any saw, the latest
 * start (starts only move forward, by purges), and where keyed chaining begins.
 */
export class CheckpointSummary {
  /** The checkpoint of the furthest head (ties: the later start, then the later time). */
  head: SignedCheckpoint | null = null;
  /** The checkpoint of the latest start. */
  start: SignedCheckpoint | null = null;
  readonly chains = new Set<string>();
  readonly keyedFrom = new Set<number>();
  readonly problems: CheckpointProblem[] = [];
  count = 0;
  /** Hashes vouched for by sequence (those of the newest VOUCHED_LIMIT points seen). */
  readonly vouched = new Map<number, string>();
  /** Records for which two signed checkpoints name different hashes. */
  readonly conflicts: Array<{ sequence: number; checkpoint: SignedCheckpoint }> = [];

  add(batch: CheckpointBatch): this {
    this.problems.push(...batch.problems);
    for (const checkpoint of batch.checkpoints) this.take(checkpoint);
    return this;
  }

  private take(checkpoint: SignedCheckpoint): void {
    this.count++;
    this.chains.add(checkpoint.chain);
    this.keyedFrom.add(checkpoint.keyedFrom);
    if (!this.head || compareHeads(checkpoint, this.head) > 0) this.head = checkpoint;
    if (!this.start || checkpoint.start.sequence > this.start.start.sequence) this.start = checkpoint;
    for (const point of [{ sequence: checkpoint.sequence, hash: checkpoint.hash }, checkpoint.start]) {
      const known = this.vouched.get(point.sequence);
      if (known === undefined) this.vouched.set(point.sequence, point.hash);
      else if (known !== point.hash) this.conflicts.push({ sequence: point.sequence, checkpoint });
    }
    while (this.vouched.size > VOUCHED_LIMIT) this.vouched.delete(this.vouched.keys().next().value as number);
  }
}

const VOUCHED_LIMIT = 100_000;

function compareHeads(a: Checkpoint, b: Checkpoint): number {
  return a.sequence - b.sequence || a.start.sequence - b.start.sequence || a.at.getTime() - b.at.getTime();
}

function body(checkpoint: Checkpoint): { [key: string]: Canonical } {
  return {
    v: CHECKPOINT_FORMAT,
    kind: checkpoint.kind,
    chain: checkpoint.chain,
    sequence: checkpoint.sequence,
    hash: checkpoint.hash,
    count: checkpoint.count,
    start: { sequence: checkpoint.start.sequence, hash: checkpoint.start.hash },
    keyedFrom: checkpoint.keyedFrom,
    at: checkpoint.at,
    writer: checkpoint.writer,
    purge: checkpoint.purge && { before: checkpoint.purge.before, records: checkpoint.purge.records },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isInstant = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));

function fromFields(fields: Record<string, unknown>): Checkpoint | null {
  const { v, kind, chain, sequence, hash, count, start, keyedFrom, at, writer, purge } = fields;
  if (v !== CHECKPOINT_FORMAT || (kind !== 'head' && kind !== 'purge') || typeof chain !== 'string' || typeof writer !== 'string') return null;
  if (!isCount(sequence) || typeof hash !== 'string' || !HEX_HASH.test(hash) || !isCount(count) || !isCount(keyedFrom) || keyedFrom < 1 || !isInstant(at)) return null;
  if (!isObject(start) || !isCount(start.sequence) || typeof start.hash !== 'string' || !HEX_HASH.test(start.hash)) return null;
  if (purge !== null && (!isObject(purge) || !isInstant(purge.before) || !isCount(purge.records))) return null;
  return {
    kind,
    chain,
    sequence,
    hash,
    count,
    start: { sequence: start.sequence, hash: start.hash },
    keyedFrom,
    at: new Date(at),
    writer,
    purge: purge === null ? null : { before: new Date(purge.before as string), records: purge.records as number },
  };
}
