/**
 * What a request's reads become in the access record (one record per agency, listing each person
 * read), and how they are written: one writer per store, group-committing concurrent requests.
 */
import { ANONYMOUS } from '../../lib/actor';
import { accessRecordsOf } from '../../subgraphs/shared/policy/access-record-plugin';
import { createAccessRecordWriter } from '../../subgraphs/shared/policy/access-record-writer';
import type { LedgerEntry, PolicyContext } from '../../subgraphs/shared/policy/context';
import type { AccessRecordInput, AccessRecordStore } from '../../storage/types';

const HUSBAND = '350102199003140316';
const WIFE = '350104199108220462';
const AT = new Date('2026-03-01T08:00:00Z');

function contextWith(ledger: LedgerEntry[]): PolicyContext {
  return {
    requestId: 'req-1',
    actor: { ...ANONYMOUS, role: 'FUND_OFFICER', subject: 'officer-1', centre: '350100' },
    purpose: 'HPF_LOAN_REVIEW',
    ledger,
  } as unknown as PolicyContext;
}

const read = (subjectIdNumber: string, agency: LedgerEntry['agency'], field: string, consentId: string | null = 'consent-1'): LedgerEntry => ({
  subjectIdNumber,
  agency,
  field,
  legalBasis: 'CONSENT',
  consentId,
});

describe('accessRecordsOf', () => {
  it('makes one record per agency, listing each person read with their own fields, sorted', () => {
    const records = accessRecordsOf(
      contextWith([
        read(HUSBAND, 'civil-affairs', 'Marriage.status'),
        read(WIFE, 'civil-affairs', 'Marriage.status', 'consent-2'),
        read(HUSBAND, 'civil-affairs', 'Applicant.marriage'),
        read(HUSBAND, 'civil-affairs', 'Marriage.status'),
        read(WIFE, 'public-security', 'Applicant.name', 'consent-2'),
      ]),
      (id) => `key-${id}`,
      AT,
      'case-1',
    );
    expect(records).toEqual([
      {
        accessedAt: AT,
        requestId: 'req-1',
        actorSubject: 'officer-1',
        actorRole: 'FUND_OFFICER',
        actorCentre: '350100',
        agency: 'civil-affairs',
        purpose: 'HPF_LOAN_REVIEW',
        subjects: [
          { subjectKey: `key-${HUSBAND}`, subjectMasked: '3***************16', fields: ['Applicant.marriage', 'Marriage.status'], legalBasis: 'CONSENT', consentId: 'consent-1', applicationId: 'case-1' },
          { subjectKey: `key-${WIFE}`, subjectMasked: '3***************62', fields: ['Marriage.status'], legalBasis: 'CONSENT', consentId: 'consent-2', applicationId: 'case-1' },
        ],
      },
      expect.objectContaining({ agency: 'public-security', subjects: [expect.objectContaining({ subjectKey: `key-${WIFE}`, fields: ['Applicant.name'] })] }),
    ]);
  });

  it('lists a person once per ground and case they were read on', () => {
    const [record] = accessRecordsOf(
      contextWith([
        read(HUSBAND, 'civil-affairs', 'Marriage.status'),
        { ...read(HUSBAND, 'civil-affairs', 'LoanApplication.parties'), legalBasis: 'CASE_PROCESSING', consentId: null, applicationId: 'case-2' },
      ]),
      (id) => id,
      AT,
      'case-1',
    );
    expect(record!.subjects.map((subject) => [subject.legalBasis, subject.applicationId])).toEqual([
      ['CONSENT', 'case-1'],
      ['CASE_PROCESSING', 'case-2'],
    ]);
  });
});

describe('createAccessRecordWriter', () => {
  /** A store whose appends wait until released, counting what each held. */
  function heldStore() {
    const appends: AccessRecordInput[][] = [];
    let release: () => void = () => undefined;
    let failNext = false;
    const store = {
      append: (records: readonly AccessRecordInput[]) => {
        appends.push([...records]);
        if (failNext) {
          failNext = false;
          return Promise.reject(new Error('database away'));
        }
        return new Promise<void>((resolve) => (release = resolve));
      },
    } as unknown as AccessRecordStore;
    return { store, appends, release: () => release(), failNextAppend: () => (failNext = true) };
  }
  const record = (requestId: string) => ({ requestId }) as AccessRecordInput;
  const settled = () => new Promise((resolve) => setImmediate(resolve));

  it('is one writer per store, whoever asks', () => {
    const { store } = heldStore();
    expect(createAccessRecordWriter(store)).toBe(createAccessRecordWriter(store));
    expect(createAccessRecordWriter(heldStore().store)).not.toBe(createAccessRecordWriter(store));
  });

  it('appends the records of requests that finish during a write together, in one append, and answers each when it is durable', async () => {
    const { store, appends, release } = heldStore();
    const writer = createAccessRecordWriter(store);
    let firstDone = false;
    const first = writer.write([record('a')]).then(() => (firstDone = true));
    const rest = [writer.write([record('b')]), writer.write([record('c'), record('d')])];
    await settled();
    expect(appends.map((batch) => batch.map((r) => r.requestId))).toEqual([['a']]);
    release();
    await first;
    await settled();
    expect(firstDone).toBe(true);
    expect(appends.map((batch) => batch.map((r) => r.requestId))).toEqual([['a'], ['b', 'c', 'd']]);
    let restDone = false;
    void Promise.all(rest).then(() => (restDone = true));
    await settled();
    expect(restDone).toBe(false);
    release();
    await Promise.all(rest);
  });

  it('fails every request of a batch that was not written, and writes the next batch', async () => {
    const { store, appends, release, failNextAppend } = heldStore();
    const writer = createAccessRecordWriter(store);
    failNextAppend();
    await expect(writer.write([record('a')])).rejects.toThrow('database away');
    const next = writer.write([record('b')]);
    await settled();
    release();
    await expect(next).resolves.toBeUndefined();
    expect(appends).toHaveLength(2);
  });
});
