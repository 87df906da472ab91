/**
 * The hash chain over access records (X-Road style): each record's hash covers its content and
 * the hash of the record before it, so altering, removing or reordering any stored record breaks
 * every link after it. Written once here and used by the store for appending and verifying, so
 * the two cannot drift.
 *
 *   hash = sha256hex(previousHash + '\n' + canonicalJson(content))
 *   content = every field of the record except `hash` and `sequence` (previousHash included)
 *   previousHash of record #1 = GENESIS_HASH (64 zeros), or the checkpoint's hash after a purge
 */
import { createHash } from 'node:crypto';
import type { AccessRecord, AccessRecordInput } from './types';
import { canonicalJson, type Canonical } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

/** A point the chain continues from: the genesis (sequence 0) or the last record a purge removed. */
export interface ChainPoint {
  sequence: number;
  hash: string;
}

export const GENESIS: ChainPoint = Object.freeze({ sequence: 0, hash: GENESIS_HASH });

export const BREAK_REASONS = {
  alteredContent: 'hash does not match its contents',
  brokenLink: 'previous hash does not match the record before',
  sequenceGap: 'sequence gap',
} as const;

export interface ChainBreak {
  sequence: number;
  reason: string;
}

/** The hashed content, field by field: extra properties a caller's object may carry are not hashed. */
export function chainedContent(record: AccessRecordInput & { previousHash: string }): { [key: string]: Canonical } {
  return {
    accessedAt: record.accessedAt,
    requestId: record.requestId,
    actorSubject: record.actorSubject,
    actorRole: record.actorRole,
    actorCentre: record.actorCentre,
    subjectKey: record.subjectKey,
    subjectMasked: record.subjectMasked,
    agency: record.agency,
    fields: record.fields,
    purpose: record.purpose,
    legalBasis: record.legalBasis,
    consentId: record.consentId,
    applicationId: record.applicationId,
    previousHash: record.previousHash,
  };
}

export function accessRecordHash(record: AccessRecordInput & { previousHash: string }): string {
  return createHash('sha256')
    .update(`${record.previousHash}\n${canonicalJson(chainedContent(record))}`, 'utf8')
    .digest('hex');
}

/**
 * Walks records in sequence order from a starting point and names the first that breaks the
 * chain. Checks run in the order that names the fault most precisely: a missing record, then a
 * link to the wrong predecessor, then content that no longer matches its hash.
 */
export class ChainWalker {
  private last: ChainPoint;
  /** Records found intact so far. */
  intact = 0;

  constructor(start: ChainPoint) {
    this.last = start;
  }

  get position(): ChainPoint {
    return this.last;
  }

  check(record: AccessRecord): ChainBreak | null {
    const expected = this.last.sequence + 1;
    if (record.sequence !== expected) return { sequence: expected, reason: BREAK_REASONS.sequenceGap };
    if (record.previousHash !== this.last.hash) return { sequence: record.sequence, reason: BREAK_REASONS.brokenLink };
    if (record.hash !== accessRecordHash(record)) return { sequence: record.sequence, reason: BREAK_REASONS.alteredContent };
    this.last = { sequence: record.sequence, hash: record.hash };
    this.intact++;
    return null;
  }
}
