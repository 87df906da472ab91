/**
 * The chain over access records: each record's hash covers its content and the hash of the record
 * before it, so altering, removing or reordering any stored record breaks every link after it.
 * Written once here and used by the store for appending and verifying, so the two cannot drift.
 *
 * Since migration 7 the hash is keyed: an HMAC under a key the database does not hold
 * (ACCESS_RECORD_CHAIN_KEY), so someone who can write the table cannot recompute the chain after
 * a change, nor append a record that verifies.
 *
 *   keyed (sequence ≥ keyedFrom):
 *     hash = hmacSha256hex(recordKey, sequence + '\n' + previousHash + '\n' + canonicalJson(content))
 *   unkeyed (records written before migration 7, sequence < keyedFrom):
 *     hash = sha256hex(previousHash + '\n' + canonicalJson(content))
 *   content = every field of the record except `hash` and `sequence` (previousHash included)
 *   previousHash of record #1 = GENESIS_HASH (64 zeros), or the checkpoint's hash after a purge
 *
 * Since migration 10 a record is one request's reads from one agency, listing each person read
 * (layout `request`); its content carries the list, and the HMAC input is tagged so that no record
 * of one layout can be taken for one of the other:
 *   request layout:
 *     hash = hmacSha256hex(recordKey, 'request\n' + sequence + '\n' + previousHash + '\n' + canonicalJson(content))
 *     content = { accessedAt, requestId, actorSubject, actorRole, actorCentre, agency, purpose,
 *                 subjects: [{ subjectKey, subjectMasked, fields, legalBasis, consentId, applicationId }, …], previousHash }
 *   person layout (records written before migration 10, one per person and agency): as above, untagged.
 *
 * Two keys are derived from the one secret, so the operator keeps a single value:
 *   recordKey     = hmacSha256(secret, 'fj-hpf access record chain v2: record')
 *   checkpointKey = hmacSha256(secret, 'fj-hpf access record chain v2: checkpoint')
 * (checkpoints are signed with the second: storage/checkpoints.ts).
 */
import { createHash, createHmac } from 'node:crypto';
import { hmacKey } from '../lib/hmac-key';
import type { AccessRecord, AccessRecordInput, AccessRecordLayout, AccessRecordSubject, LegalBasis } from './types';
import { canonicalJson, canonicalJsonOfSorted, type Canonical } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

/** What `createStorage` keys the chain with when given no key: the development default of lib/config.ts. */
export const DEVELOPMENT_CHAIN_KEY = 'dev-only-access-record-chain-key-not-for-production';

/** A point the chain continues from: the genesis (sequence 0) or the last record a purge removed. */
export interface ChainPoint {
  sequence: number;
  hash: string;
}

export const GENESIS: ChainPoint = Object.freeze({ sequence: 0, hash: GENESIS_HASH });

export interface ChainKeys {
  /** Keys each record's HMAC. */
  record: Buffer;
  /** Signs checkpoints (storage/checkpoints.ts). */
  checkpoint: Buffer;
}

/** A key for one purpose, derived from ACCESS_RECORD_CHAIN_KEY: HMAC-SHA256(secret, purpose). */
export function derivedKey(secret: string, purpose: string): Buffer {
  return createHmac('sha256', secret).update(purpose, 'utf8').digest();
}

export function chainKeys(secret: string): ChainKeys {
  return { record: derivedKey(secret, 'fj-hpf access record chain v2: record'), checkpoint: derivedKey(secret, 'fj-hpf access record chain v2: checkpoint') };
}

export const BREAK_REASONS = {
  /** An unkeyed (pre-migration-7) record whose hash does not match it. */
  alteredContent: 'hash does not match its contents',
  /** A keyed record whose HMAC does not match it: changed, or written by someone without the key. */
  badHmac: 'keyed hash (HMAC) does not match its contents: altered, or written without the chain key',
  brokenLink: 'previous hash does not match the record before',
  sequenceGap: 'sequence gap',
  /** The record verifies on its own, but a signed checkpoint vouched for another hash at its place. */
  unlikeCheckpoint: 'hash differs from the one a signed checkpoint recorded: the chain was rewritten and rehashed',
  /** The record verifies, but the index its subjects are found by lists others: someone hidden from their own records. */
  subjectIndex: 'the subject index does not list exactly the people of the record: someone was hidden from, or added to, those it is found by',
} as const;

export interface ChainBreak {
  sequence: number;
  reason: string;
}

/**
 * A record of the person layout (before migration 10): one person, flat. Records of that layout
 * are read back with their one subject; this is their hashed shape.
 */
export interface PersonRecordContent {
  accessedAt: Date;
  requestId: string;
  actorSubject: string;
  actorRole: string;
  actorCentre: string | null;
  subjectKey: string;
  subjectMasked: string;
  agency: string;
  fields: string[];
  purpose: string;
  legalBasis: LegalBasis;
  consentId: string | null;
  applicationId: string | null;
}

/** What the chain hashes: a record of either layout, at its place. */
export type ChainedRecord = ((AccessRecordInput & { layout?: AccessRecordLayout }) | PersonRecordContent) & { previousHash: string };

const isRequestLayout = (record: ChainedRecord): record is AccessRecordInput & { layout?: AccessRecordLayout; previousHash: string } =>
  'subjects' in record && record.layout !== 'person';

/** A person-layout record as its flat hashed shape (read back, it carries its one subject). */
function personContentOf(record: ChainedRecord): PersonRecordContent {
  if (!('subjects' in record)) return record;
  const subject = record.subjects[0]!;
  return { ...record, ...subject };
}

// Written in canonical key order (sorted): the request layout's content is serialized by
// canonicalJsonOfSorted, the hot path of every append. The person layout's is only ever verified.
const subjectContent = (subject: AccessRecordSubject): { [key: string]: Canonical } => ({
  applicationId: subject.applicationId,
  consentId: subject.consentId,
  fields: subject.fields,
  legalBasis: subject.legalBasis,
  subjectKey: subject.subjectKey,
  subjectMasked: subject.subjectMasked,
});

/** The hashed content, field by field: extra properties a caller's object may carry are not hashed. */
export function chainedContent(record: ChainedRecord): { [key: string]: Canonical } {
  if (isRequestLayout(record)) {
    return {
      accessedAt: record.accessedAt,
      actorCentre: record.actorCentre,
      actorRole: record.actorRole,
      actorSubject: record.actorSubject,
      agency: record.agency,
      previousHash: record.previousHash,
      purpose: record.purpose,
      requestId: record.requestId,
      subjects: record.subjects.map(subjectContent),
    };
  }
  const person = personContentOf(record);
  return {
    accessedAt: person.accessedAt,
    requestId: person.requestId,
    actorSubject: person.actorSubject,
    actorRole: person.actorRole,
    actorCentre: person.actorCentre,
    subjectKey: person.subjectKey,
    subjectMasked: person.subjectMasked,
    agency: person.agency,
    fields: person.fields,
    purpose: person.purpose,
    legalBasis: person.legalBasis,
    consentId: person.consentId,
    applicationId: person.applicationId,
    previousHash: record.previousHash,
  };
}

/** canonicalJson(chainedContent(record)): for the request layout, whose content is built in canonical order, the fast way. */
export function canonicalContent(record: ChainedRecord): string {
  const content = chainedContent(record);
  return isRequestLayout(record) ? canonicalJsonOfSorted(content) : canonicalJson(content);
}

/** The unkeyed hash of records written before migration 7 (person layout); anyone can compute it. */
export function legacyAccessRecordHash(record: ChainedRecord): string {
  return createHash('sha256')
    .update(`${record.previousHash}\n${canonicalContent(record)}`, 'utf8')
    .digest('hex');
}

/** The keyed hash of a record; it binds the record's place in the chain too. */
export function accessRecordHmac(recordKey: Buffer, record: ChainedRecord & { sequence: number }): string {
  const tag = isRequestLayout(record) ? 'request\n' : '';
  return createHmac('sha256', hmacKey(recordKey))
    .update(`${tag}${record.sequence}\n${record.previousHash}\n${canonicalContent(record)}`, 'utf8')
    .digest('hex');
}

export interface WalkerOptions {
  recordKey: Buffer;
  /** First sequence hashed with the key (records before it are unkeyed, from before migration 7). */
  keyedFrom: number;
  /** Hashes that signed checkpoints vouch for, by sequence. */
  vouched?: ReadonlyMap<number, string>;
}

/**
 * Walks records in sequence order from a starting point and names the first that breaks the
 * chain. Checks run in the order that names the fault most precisely: a missing record, then a
 * link to the wrong predecessor, then content that no longer matches its hash, then a hash that
 * verifies but is not the one a signed checkpoint recorded.
 */
export class ChainWalker {
  private last: ChainPoint;
  /** Records found intact so far. */
  intact = 0;

  constructor(
    start: ChainPoint,
    private readonly options: WalkerOptions,
  ) {
    this.last = start;
  }

  get position(): ChainPoint {
    return this.last;
  }

  /** `subjectIndex`: the keys the database finds the record by, when it keeps them (migration 10 on). */
  check(record: AccessRecord, subjectIndex?: readonly string[]): ChainBreak | null {
    const expected = this.last.sequence + 1;
    if (record.sequence !== expected) return { sequence: expected, reason: BREAK_REASONS.sequenceGap };
    if (record.previousHash !== this.last.hash) return { sequence: record.sequence, reason: BREAK_REASONS.brokenLink };
    // Records before the key are of the person layout; a request-layout record is always keyed.
    if (record.sequence >= this.options.keyedFrom || record.layout === 'request') {
      if (record.hash !== accessRecordHmac(this.options.recordKey, record)) return { sequence: record.sequence, reason: BREAK_REASONS.badHmac };
    } else if (record.hash !== legacyAccessRecordHash(record)) {
      return { sequence: record.sequence, reason: BREAK_REASONS.alteredContent };
    }
    const vouched = this.options.vouched?.get(record.sequence);
    if (vouched !== undefined && vouched !== record.hash) return { sequence: record.sequence, reason: BREAK_REASONS.unlikeCheckpoint };
    if (subjectIndex !== undefined) {
      const keys = record.subjects.map((subject) => subject.subjectKey);
      if (subjectIndex.length !== keys.length || subjectIndex.some((key, i) => key !== keys[i])) return { sequence: record.sequence, reason: BREAK_REASONS.subjectIndex };
    }
    this.last = { sequence: record.sequence, hash: record.hash };
    this.intact++;
    return null;
  }
}
