import { createHash, createHmac } from 'node:crypto';
import { accessRecordHmac, BREAK_REASONS, ChainWalker, canonicalContent, chainedContent, chainKeys, GENESIS, GENESIS_HASH, legacyAccessRecordHash } from '../../storage/access-chain';
import { canonicalJson } from '../../storage/canonical-json';
import type { AccessRecord } from '../../storage/types';
import { accessRecord, personRecord } from './support/records';

const KEYS = chainKeys('spec-chain-key-for-the-unit-specs-0123456789');
const WALK = { recordKey: KEYS.record, keyedFrom: 1 };

/**
 * `count` records, keyed from `keyedFrom`: those before it unkeyed and of the person layout (as
 * before migration 7), the rest of the request layout (as since migration 10).
 */
function chain(count: number, keyedFrom = 1): AccessRecord[] {
  const records: AccessRecord[] = [];
  let previousHash = GENESIS_HASH;
  for (let sequence = 1; sequence <= count; sequence++) {
    const layout = sequence < keyedFrom ? 'person' : 'request';
    const input = { ...accessRecord(sequence), sequence, previousHash, layout } as const;
    const hash = layout === 'request' ? accessRecordHmac(KEYS.record, input) : legacyAccessRecordHash(input);
    records.push({ ...input, hash });
    previousHash = hash;
  }
  return records;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth, writes dates as ISO strings and leaves no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)) } })).toBe(
      '{"a":{"c":"2026-01-02T03:04:05.006Z","d":[true,null]},"b":1}',
    );
  });

  it('keeps non-ASCII text as it is', () => {
    expect(canonicalJson({ centre: '福州', note: 'a"b' })).toBe('{"centre":"福州","note":"a\\"b"}');
  });
});

const CANONICAL_FIRST =
  '{"accessedAt":"2026-01-01T00:01:00.000Z","actorCentre":"350100","actorRole":"LOAN_OFFICER","actorSubject":"officer-0001",' +
  '"agency":"civil-affairs","applicationId":"APP-0001","consentId":null,"fields":["Marriage.status","Marriage.registeredOn"],' +
  `"legalBasis":"CONSENT","previousHash":"${GENESIS_HASH}","purpose":"HPF_LOAN_REVIEW","requestId":"req-1",` +
  `"subjectKey":"${'a'.repeat(64)}","subjectMasked":"3***************16"}`;

describe('chainKeys', () => {
  it('derives the record key and the checkpoint key from the one secret, each its own', () => {
    const secret = 'spec-chain-key-for-the-unit-specs-0123456789';
    expect(KEYS.record).toEqual(createHmac('sha256', secret).update('fj-hpf access record chain v2: record').digest());
    expect(KEYS.checkpoint).toEqual(createHmac('sha256', secret).update('fj-hpf access record chain v2: checkpoint').digest());
    expect(KEYS.record.equals(KEYS.checkpoint)).toBe(false);
  });
});

describe('accessRecordHmac (person layout: records from migration 7 to 10)', () => {
  it('is the HMAC-SHA256 under the record key of the sequence, the previous hash and the canonical record', () => {
    const record = { ...personRecord(1), sequence: 1, previousHash: GENESIS_HASH };
    const expected = createHmac('sha256', KEYS.record).update(`1\n${GENESIS_HASH}\n${CANONICAL_FIRST}`).digest('hex');
    expect(accessRecordHmac(KEYS.record, record)).toBe(expected);
  });

  it('hashes a record read back with its one subject as the flat record it was written as', () => {
    const flat = { ...personRecord(1), sequence: 1, previousHash: GENESIS_HASH };
    expect(accessRecordHmac(KEYS.record, { ...accessRecord(1), sequence: 1, previousHash: GENESIS_HASH, layout: 'person' })).toBe(accessRecordHmac(KEYS.record, flat));
  });

  it('differs under another key, and at another place in the chain', () => {
    const record = { ...personRecord(1), sequence: 1, previousHash: GENESIS_HASH };
    expect(accessRecordHmac(chainKeys('another-key-another-key-another-key').record, record)).not.toBe(accessRecordHmac(KEYS.record, record));
    expect(accessRecordHmac(KEYS.record, { ...record, sequence: 2 })).not.toBe(accessRecordHmac(KEYS.record, record));
  });
});

const CANONICAL_REQUEST =
  '{"accessedAt":"2026-01-01T00:01:00.000Z","actorCentre":"350100","actorRole":"LOAN_OFFICER","actorSubject":"officer-0001",' +
  `"agency":"civil-affairs","previousHash":"${GENESIS_HASH}","purpose":"HPF_LOAN_REVIEW","requestId":"req-1",` +
  '"subjects":[{"applicationId":"APP-0001","consentId":null,"fields":["Marriage.status","Marriage.registeredOn"],"legalBasis":"CONSENT",' +
  `"subjectKey":"${'a'.repeat(64)}","subjectMasked":"3***************16"},` +
  '{"applicationId":"APP-0001","consentId":"c-2","fields":["Marriage.status"],"legalBasis":"CONSENT",' +
  `"subjectKey":"${'b'.repeat(64)}","subjectMasked":"3***************27"}]}`;

describe('accessRecordHmac (request layout: one record per request and agency, since migration 10)', () => {
  const twoPeople = () => {
    const input = accessRecord(1);
    const other = { subjectKey: 'b'.repeat(64), subjectMasked: '3***************27', fields: ['Marriage.status'], legalBasis: 'CONSENT' as const, consentId: 'c-2', applicationId: 'APP-0001' };
    return { ...input, subjects: [...input.subjects, other], sequence: 1, previousHash: GENESIS_HASH };
  };

  it('is the HMAC-SHA256 of the layout tag, the sequence, the previous hash and the canonical record with its subjects', () => {
    const expected = createHmac('sha256', KEYS.record).update(`request\n1\n${GENESIS_HASH}\n${CANONICAL_REQUEST}`).digest('hex');
    expect(accessRecordHmac(KEYS.record, twoPeople())).toBe(expected);
  });

  it('covers every subject: one left out, changed or moved no longer verifies', () => {
    const record = twoPeople();
    const hash = accessRecordHmac(KEYS.record, record);
    expect(accessRecordHmac(KEYS.record, { ...record, subjects: [record.subjects[0]!] })).not.toBe(hash);
    expect(accessRecordHmac(KEYS.record, { ...record, subjects: [record.subjects[0]!, { ...record.subjects[1]!, fields: [] }] })).not.toBe(hash);
    expect(accessRecordHmac(KEYS.record, { ...record, subjects: [...record.subjects].reverse() })).not.toBe(hash);
  });

  it('is written in canonical form the fast way: the same bytes as canonicalJson, whatever the text, and nothing for undefined', () => {
    const record = twoPeople();
    const awkward = { ...record, actorSubject: '官员 "甲"\\\u2028😀', actorCentre: null, subjects: record.subjects.map((subject) => ({ ...subject, fields: ['Marriage.status', '婚姻\n'], consentId: null })) };
    for (const each of [record, awkward]) expect(canonicalContent(each)).toBe(canonicalJson(chainedContent(each)));
    expect(canonicalContent(record)).toBe(CANONICAL_REQUEST);
    expect(() => canonicalContent({ ...record, subjects: [{ ...record.subjects[0]!, consentId: undefined as unknown as null }] })).toThrow(/undefined \(key "consentId"\)/);
  });

  it('cannot pass for a person-layout record, nor one of those for it', () => {
    const record = { ...accessRecord(1), sequence: 1, previousHash: GENESIS_HASH };
    expect(accessRecordHmac(KEYS.record, { ...record, layout: 'person' })).not.toBe(accessRecordHmac(KEYS.record, record));
  });
});

describe('legacyAccessRecordHash (records from before migration 7)', () => {
  it('is the SHA-256 of the previous hash, a newline and the canonical record without hash or sequence', () => {
    const input = personRecord(1);
    const expected = createHash('sha256').update(`${GENESIS_HASH}\n${CANONICAL_FIRST}`).digest('hex');
    expect(legacyAccessRecordHash({ ...input, previousHash: GENESIS_HASH })).toBe(expected);
  });

  it('ignores properties that are not record fields', () => {
    const record = { ...personRecord(1), previousHash: GENESIS_HASH };
    expect(legacyAccessRecordHash({ ...record, sequence: 9, hash: 'x', extra: 1 } as typeof record)).toBe(legacyAccessRecordHash(record));
  });
});

describe('ChainWalker', () => {
  it('accepts an intact chain and counts it', () => {
    const walker = new ChainWalker(GENESIS, WALK);
    for (const record of chain(3)) expect(walker.check(record)).toBeNull();
    expect(walker.intact).toBe(3);
  });

  it('names the first altered record', () => {
    const records = chain(4);
    records[2] = { ...records[2]!, purpose: 'MARKETING' };
    const walker = new ChainWalker(GENESIS, WALK);
    const verdicts = records.map((record) => walker.check(record));
    expect(verdicts.find(Boolean)).toEqual({ sequence: 3, reason: BREAK_REASONS.badHmac });
  });

  it('names a missing record as a sequence gap, and a wrong predecessor as a broken link', () => {
    const [first, second, third] = chain(3);
    const gap = new ChainWalker(GENESIS, WALK);
    gap.check(first!);
    expect(gap.check(third!)).toEqual({ sequence: 2, reason: BREAK_REASONS.sequenceGap });
    const relinked = new ChainWalker({ sequence: 1, hash: second!.hash }, WALK);
    expect(relinked.check(second!)).toEqual({ sequence: 2, reason: BREAK_REASONS.brokenLink });
  });

  it('starts from a checkpoint instead of the genesis', () => {
    const records = chain(5);
    const walker = new ChainWalker({ sequence: 3, hash: records[2]!.hash }, WALK);
    expect(walker.check(records[3]!)).toBeNull();
    expect(walker.check(records[4]!)).toBeNull();
  });

  it('checks the records before keyedFrom by their unkeyed hash, and the rest by their HMAC', () => {
    const records = chain(5, 3);
    const walker = new ChainWalker(GENESIS, { recordKey: KEYS.record, keyedFrom: 3 });
    for (const record of records) expect(walker.check(record)).toBeNull();
    // A keyed record cannot pass for an unkeyed one: moving keyedFrom does not launder a rehash.
    const rehashed = { ...records[2]!, purpose: 'MARKETING' };
    rehashed.hash = legacyAccessRecordHash(rehashed);
    const strict = new ChainWalker({ sequence: 2, hash: records[1]!.hash }, { recordKey: KEYS.record, keyedFrom: 3 });
    expect(strict.check(rehashed)).toEqual({ sequence: 3, reason: BREAK_REASONS.badHmac });
    const altered = new ChainWalker(GENESIS, { recordKey: KEYS.record, keyedFrom: 3 });
    expect(altered.check({ ...records[0]!, purpose: 'MARKETING' })).toEqual({ sequence: 1, reason: BREAK_REASONS.alteredContent });
  });

  it('names a record that verifies but is not the one a signed checkpoint vouched for', () => {
    const records = chain(3);
    const walker = new ChainWalker(GENESIS, { ...WALK, vouched: new Map([[2, 'f'.repeat(64)]]) });
    expect(walker.check(records[0]!)).toBeNull();
    expect(walker.check(records[1]!)).toEqual({ sequence: 2, reason: BREAK_REASONS.unlikeCheckpoint });
  });
});
