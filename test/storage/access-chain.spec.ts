import { createHash } from 'node:crypto';
import { accessRecordHash, BREAK_REASONS, ChainWalker, GENESIS, GENESIS_HASH } from '../../storage/access-chain';
import { canonicalJson } from '../../storage/canonical-json';
import type { AccessRecord } from '../../storage/types';
import { accessRecord } from './support/records';

function chain(count: number): AccessRecord[] {
  const records: AccessRecord[] = [];
  let previousHash = GENESIS_HASH;
  for (let sequence = 1; sequence <= count; sequence++) {
    const input = accessRecord(sequence);
    const hash = accessRecordHash({ ...input, previousHash });
    records.push({ ...input, sequence, previousHash, hash });
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

describe('accessRecordHash', () => {
  it('is the SHA-256 of the previous hash, a newline and the canonical record without hash or sequence', () => {
    const input = accessRecord(1);
    const canonical =
      '{"accessedAt":"2026-01-01T00:01:00.000Z","actorCentre":"350100","actorRole":"LOAN_OFFICER","actorSubject":"officer-0001",' +
      '"agency":"civil-affairs","applicationId":"APP-0001","consentId":null,"fields":["Marriage.status","Marriage.registeredOn"],' +
      `"legalBasis":"CONSENT","previousHash":"${GENESIS_HASH}","purpose":"HPF_LOAN_REVIEW","requestId":"req-1",` +
      `"subjectKey":"${'a'.repeat(64)}","subjectMasked":"3***************16"}`;
    const expected = createHash('sha256').update(`${GENESIS_HASH}\n${canonical}`).digest('hex');
    expect(accessRecordHash({ ...input, previousHash: GENESIS_HASH })).toBe(expected);
  });

  it('ignores properties that are not record fields', () => {
    const record = { ...accessRecord(1), previousHash: GENESIS_HASH };
    expect(accessRecordHash({ ...record, sequence: 9, hash: 'x', extra: 1 } as typeof record)).toBe(accessRecordHash(record));
  });
});

describe('ChainWalker', () => {
  it('accepts an intact chain and counts it', () => {
    const walker = new ChainWalker(GENESIS);
    for (const record of chain(3)) expect(walker.check(record)).toBeNull();
    expect(walker.intact).toBe(3);
  });

  it('names the first altered record', () => {
    const records = chain(4);
    records[2] = { ...records[2]!, purpose: 'MARKETING' };
    const walker = new ChainWalker(GENESIS);
    const verdicts = records.map((record) => walker.check(record));
    expect(verdicts.find(Boolean)).toEqual({ sequence: 3, reason: BREAK_REASONS.alteredContent });
  });

  it('names a missing record as a sequence gap, and a wrong predecessor as a broken link', () => {
    const [first, second, third] = chain(3);
    const gap = new ChainWalker(GENESIS);
    gap.check(first!);
    expect(gap.check(third!)).toEqual({ sequence: 2, reason: BREAK_REASONS.sequenceGap });
    const relinked = new ChainWalker({ sequence: 1, hash: second!.hash });
    expect(relinked.check(second!)).toEqual({ sequence: 2, reason: BREAK_REASONS.brokenLink });
  });

  it('starts from a checkpoint instead of the genesis', () => {
    const records = chain(5);
    const walker = new ChainWalker({ sequence: 3, hash: records[2]!.hash });
    expect(walker.check(records[3]!)).toBeNull();
    expect(walker.check(records[4]!)).toBeNull();
  });
});
