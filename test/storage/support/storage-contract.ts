/**
 * The storage contract: what every engine must do, run once per engine by the *-storage specs.
 */
import { accessRecordHmac, BREAK_REASONS, chainKeys, GENESIS_HASH, StorageError } from '../../../storage';
import { createAccessRecordStore } from '../../../storage/access-record-store';
import { newestCovering } from '../../../storage/consent-store';
import { sealWebhookSecrets } from '../../../storage/notice-outbox';
import { sealingKeyOf, unseal } from '../../../storage/sealed-secrets';
import { MIGRATIONS, migrate } from '../../../storage/migrations';
import type { SqlDatabase } from '../../../storage/database';
import type { AccessRecord, AccessRecordInput } from '../../../storage/types';
import { SPEC_CHAIN_KEY, tamper, type OpenBackend, type StorageBackend } from './backends';
import { describeTamperEvidence } from './tamper-evidence';
import { accessRecord, accessRecords, consentGrant, DAY, loanSubmission, NOW, OTHER_SUBJECT, proxyGrant, SUBJECT } from './records';

/** One request's record of several people read from one agency. */
function manySubjects(n: number, subjectKeys: readonly string[]): AccessRecordInput {
  const base = accessRecord(n);
  return { ...base, subjects: subjectKeys.map((subjectKey, i) => ({ ...base.subjects[0]!, subjectKey, subjectMasked: `3***************${10 + i}` })) };
}

/** `more` adds engine-specific specs that run after the contract, on the same open store. */
export function describeStorageContract(backend: StorageBackend, more?: (opened: () => OpenBackend) => void): void {
  let open: OpenBackend;
  beforeAll(async () => {
    open = await backend.open();
  });
  afterAll(async () => {
    await open?.close();
  });
  beforeEach(async () => {
    await open.reset();
  });

  const consents = () => open.storage.consents;
  const records = () => open.storage.accessRecords;
  const proxies = () => open.storage.proxyAuthorizations;
  const creditQueries = () => open.storage.creditQueries;
  const loans = () => open.storage.loans;
  const submitted = async (n: number, overrides: Parameters<typeof loanSubmission>[1] = {}) => (await loans().submit(loanSubmission(n, overrides))).application;
  const all = async (): Promise<AccessRecord[]> => (await records().list({}, { after: null, limit: 200 })).reverse();

  describe(`SqlDatabase (${backend.name})`, () => {
    it('commits a transaction whose work succeeds and rolls back one whose work throws', async () => {
      await open.db.query('CREATE TABLE IF NOT EXISTS spec_scratch (n integer)');
      await open.db.transaction((tx) => tx.query('INSERT INTO spec_scratch VALUES (1)'));
      const failed = open.db.transaction(async (tx) => {
        await tx.query('INSERT INTO spec_scratch VALUES (2)');
        throw new Error('the work failed');
      });
      await expect(failed).rejects.toThrow('the work failed');
      expect(await open.db.query<{ n: number }>('SELECT n FROM spec_scratch')).toEqual([{ n: 1 }]);
    });

    it('keeps statements outside a transaction out of it', async () => {
      await open.db.query('CREATE TABLE IF NOT EXISTS spec_counter (n integer)');
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      const writer = open.db.transaction(async (tx) => {
        await tx.query('INSERT INTO spec_counter VALUES (1)');
        await held;
        await tx.query('INSERT INTO spec_counter VALUES (2)');
      });
      const reader = open.db.query<{ count: unknown }>('SELECT count(*) AS count FROM spec_counter');
      release();
      await writer;
      expect(Number((await reader)[0]!.count)).not.toBe(1);
    });

    it("reports a refused statement with Postgres's SQLSTATE", async () => {
      await expect(open.db.query('SELECT no_such_column FROM schema_migrations')).rejects.toMatchObject({ code: '42703' });
    });
  });

  describe(`reachability (${backend.name})`, () => {
    it('answers a ping while the database is there', async () => {
      await expect(open.storage.ping(2000)).resolves.toBe(true);
    });

    it('answers a ping of a closed store with false, never an exception', async () => {
      const closed = await backend.open();
      await closed.close();
      await expect(closed.storage.ping(2000)).resolves.toBe(false);
    });
  });

  describe(`schema migrations (${backend.name})`, () => {
    it('applies each migration once', async () => {
      expect(await migrate(open.db)).toEqual([]);
      const versions = await open.db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(versions.map((row) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
    });
  });

  describe(`ConsentStore (${backend.name})`, () => {
    const query = {
      subjectKey: SUBJECT,
      kind: 'DATA_SHARING' as const,
      purpose: 'HPF_LOAN_APPLICATION' as const,
      agency: 'civil-affairs' as const,
      dataItem: 'marriage',
      centre: '350100',
      at: NOW,
    };

    it('grants an ACTIVE consent under a random id and finds it by an exact match', async () => {
      const granted = await consents().grant(consentGrant());
      expect(granted.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(granted.status).toBe('ACTIVE');
      expect(granted.revokedAt).toBeNull();
      expect(granted.scopes).toEqual(consentGrant().scopes);
      expect(await consents().findActive(query)).toEqual(granted);
      expect(await consents().findActive({ ...query, agency: 'provident-fund', dataItem: 'loans' })).toEqual(granted);
    });

    it('finds the newest of several matching consents', async () => {
      await consents().grant(consentGrant());
      const newer = await consents().grant(consentGrant({ applicationId: 'APP-0002' }));
      expect((await consents().findActive(query))?.id).toBe(newer.id);
    });

    it('does not find a consent for another agency scope or data item', async () => {
      await consents().grant(consentGrant());
      expect(await consents().findActive({ ...query, dataItem: 'divorce' })).toBeNull();
      expect(await consents().findActive({ ...query, agency: 'provident-fund', dataItem: 'marriage' })).toBeNull();
      expect(await consents().findActive({ ...query, agency: 'tax', dataItem: 'marriage' })).toBeNull();
    });

    it('does not find a consent for another purpose, kind, centre or subject', async () => {
      await consents().grant(consentGrant());
      expect(await consents().findActive({ ...query, purpose: 'HPF_LOAN_REVIEW' })).toBeNull();
      expect(await consents().findActive({ ...query, kind: 'FACE_VERIFICATION' })).toBeNull();
      expect(await consents().findActive({ ...query, centre: '350200' })).toBeNull();
      expect(await consents().findActive({ ...query, subjectKey: OTHER_SUBJECT })).toBeNull();
    });

    it('finds a consent from validFrom up to, but not at, validUntil', async () => {
      const granted = await consents().grant(consentGrant());
      expect(await consents().findActive({ ...query, at: new Date(granted.validFrom.getTime() - 1) })).toBeNull();
      expect((await consents().findActive({ ...query, at: granted.validFrom }))?.id).toBe(granted.id);
      expect((await consents().findActive({ ...query, at: new Date(granted.validUntil.getTime() - 1) }))?.id).toBe(granted.id);
      expect(await consents().findActive({ ...query, at: granted.validUntil })).toBeNull();
    });

    it('reads a consent as EXPIRED once validUntil has passed', async () => {
      const granted = await consents().grant(consentGrant());
      const [later] = await consents().listForSubject(SUBJECT, granted.validUntil);
      expect(later).toMatchObject({ id: granted.id, status: 'EXPIRED', revokedAt: null });
      const [now] = await consents().listForSubject(SUBJECT, NOW);
      expect(now?.status).toBe('ACTIVE');
    });

    it('stops finding a consent its subject revoked, and keeps the first revocation time', async () => {
      const granted = await consents().grant(consentGrant());
      const revoked = await consents().revoke(granted.id, SUBJECT, NOW);
      expect(revoked).toMatchObject({ id: granted.id, status: 'REVOKED', revokedAt: NOW });
      expect(await consents().findActive(query)).toBeNull();
      const again = await consents().revoke(granted.id, SUBJECT, new Date(NOW.getTime() + DAY));
      expect(again?.revokedAt).toEqual(NOW);
    });

    it("does not revoke another subject's consent, or one that does not exist", async () => {
      const granted = await consents().grant(consentGrant());
      expect(await consents().revoke(granted.id, OTHER_SUBJECT, NOW)).toBeNull();
      expect(await consents().revoke('00000000-0000-4000-8000-000000000000', SUBJECT, NOW)).toBeNull();
      expect(await consents().revoke('not-a-uuid', SUBJECT, NOW)).toBeNull();
      expect((await consents().findActive(query))?.id).toBe(granted.id);
    });

    it("lists a subject's consents newest first, and no one else's", async () => {
      const first = await consents().grant(consentGrant());
      const second = await consents().grant(consentGrant({ kind: 'FACE_VERIFICATION' }));
      await consents().grant(consentGrant({ subjectKey: OTHER_SUBJECT }));
      await consents().revoke(first.id, SUBJECT, NOW);
      const listed = await consents().listForSubject(SUBJECT, NOW);
      expect(listed.map((consent) => [consent.id, consent.status])).toEqual([
        [second.id, 'ACTIVE'],
        [first.id, 'REVOKED'],
      ]);
    });

    it('finds a consent for the application it names only, when an application is asked for', async () => {
      const granted = await consents().grant(consentGrant({ applicationId: 'APP-0001' }));
      await consents().grant(consentGrant({ applicationId: null, kind: 'FACE_VERIFICATION', scopes: [{ agency: 'public-security', dataItems: ['face'] }] }));
      expect((await consents().findActive({ ...query, applicationId: 'APP-0001' }))?.id).toBe(granted.id);
      expect(await consents().findActive({ ...query, applicationId: 'APP-0002' })).toBeNull();
      // Without an application asked for, a consent of any application (or none) is found, as before.
      expect((await consents().findActive(query))?.id).toBe(granted.id);
      const face = { ...query, kind: 'FACE_VERIFICATION' as const, agency: 'public-security' as const, dataItem: 'face' };
      expect(await consents().findActive({ ...face, applicationId: 'APP-0001' })).toBeNull();
      expect(await consents().findActive(face)).not.toBeNull();
    });

    it('finds consents of many subjects for one application, leaving out those given for another', async () => {
      const mine = await consents().grant(consentGrant({ applicationId: 'APP-0001' }));
      await consents().grant(consentGrant({ subjectKey: OTHER_SUBJECT, applicationId: 'APP-0002' }));
      const { subjectKey: _one, ...many } = query;
      const found = await consents().findActiveForSubjects({ ...many, subjectKeys: [SUBJECT, OTHER_SUBJECT], applicationId: 'APP-0001' });
      expect([...found.keys()]).toEqual([SUBJECT]);
      expect(found.get(SUBJECT)?.id).toBe(mine.id);
      const either = await consents().findActiveForSubjects({ ...many, subjectKeys: [SUBJECT, OTHER_SUBJECT] });
      expect(new Set(either.keys())).toEqual(new Set([SUBJECT, OTHER_SUBJECT]));
      const other = await consents().findActiveForSubjects({ ...many, subjectKeys: [SUBJECT, OTHER_SUBJECT], applicationId: 'APP-0002' });
      expect([...other.keys()]).toEqual([OTHER_SUBJECT]);
    });

    it('answers many questions of many subjects, kinds and items in one look-up, each by its place', async () => {
      const sharing = await consents().grant(consentGrant({ applicationId: 'APP-0001' }));
      const credit = await consents().grant(
        consentGrant({ kind: 'CREDIT_QUERY', authorizationRef: 'ZX-1', applicationId: 'APP-0001', scopes: [{ agency: 'pboc-credit', dataItems: ['creditReport'] }] }),
      );
      await consents().grant(consentGrant({ subjectKey: OTHER_SUBJECT, applicationId: 'APP-0002' }));
      const { subjectKey: _one, kind: _kind, agency: _agency, dataItem: _item, ...common } = query;
      const found = await consents().findActiveForItems({
        ...common,
        applicationId: 'APP-0001',
        items: [
          { subjectKey: SUBJECT, kind: 'DATA_SHARING', agency: 'civil-affairs', dataItem: 'marriage' },
          { subjectKey: SUBJECT, kind: 'DATA_SHARING', agency: 'tax', dataItem: 'transferTax' },
          { subjectKey: OTHER_SUBJECT, kind: 'DATA_SHARING', agency: 'civil-affairs', dataItem: 'marriage' },
          { subjectKey: SUBJECT, kind: 'CREDIT_QUERY', agency: 'pboc-credit', dataItem: 'creditReport' },
          { subjectKey: SUBJECT, kind: 'DATA_SHARING', agency: 'provident-fund', dataItem: 'loans' },
        ],
      });
      expect([...found].map(([index, consent]) => [index, consent.id])).toEqual([
        [0, sharing.id],
        [3, credit.id],
        [4, sharing.id],
      ]);
      expect(await consents().findActiveForItems({ ...common, items: [] })).toEqual(new Map());
    });

    it('refuses a credit-query consent without its written authorization, and an empty or backwards one', async () => {
      const refusal = (grant: Promise<unknown>) => expect(grant).rejects.toMatchObject({ code: 'INVALID_CONSENT_GRANT' });
      await refusal(consents().grant(consentGrant({ kind: 'CREDIT_QUERY', authorizationRef: null })));
      await refusal(consents().grant(consentGrant({ scopes: [] })));
      await refusal(consents().grant(consentGrant({ scopes: [{ agency: 'tax', dataItems: [] }] })));
      await refusal(consents().grant(consentGrant({ validUntil: consentGrant().validFrom })));
      const credit = await consents().grant(consentGrant({ kind: 'CREDIT_QUERY', authorizationRef: 'ZX-2026-000123' }));
      expect(credit.authorizationRef).toBe('ZX-2026-000123');
    });

    it("keeps a spouse's quota estimate consent apart: data sharing tied to no application, found for that purpose only", async () => {
      const estimate = { purpose: 'HPF_QUOTA_ESTIMATE' as const, subjectRole: 'SPOUSE' as const, applicationId: null, scopes: [{ agency: 'provident-fund' as const, dataItems: ['account', 'loans'] }, { agency: 'natural-resources' as const, dataItems: ['holdings'] }] };
      const refusal = (grant: Promise<unknown>) => expect(grant).rejects.toMatchObject({ code: 'INVALID_CONSENT_GRANT' });
      await refusal(consents().grant(consentGrant({ ...estimate, applicationId: 'APP-0001' })));
      await refusal(consents().grant(consentGrant({ ...estimate, kind: 'CREDIT_QUERY', authorizationRef: 'ZX-2026-000124' })));
      const granted = await consents().grant(consentGrant(estimate));
      expect(granted).toMatchObject({ purpose: 'HPF_QUOTA_ESTIMATE', applicationId: null, subjectRole: 'SPOUSE', status: 'ACTIVE' });
      const account = { ...query, agency: 'provident-fund' as const, dataItem: 'account' };
      expect((await consents().findActive({ ...account, purpose: 'HPF_QUOTA_ESTIMATE' }))?.id).toBe(granted.id);
      // It opens nothing of a case, and no case's consent stands in for it.
      expect(await consents().findActive(account)).toBeNull();
      expect(await consents().findActive({ ...account, purpose: 'HPF_QUOTA_ESTIMATE', applicationId: 'APP-0001' })).toBeNull();
      expect(await consents().findActive({ ...account, purpose: 'HPF_QUOTA_ESTIMATE', centre: '350200' })).toBeNull();
      const asked = await consents().findActiveForItems({ items: [{ subjectKey: SUBJECT, kind: 'DATA_SHARING', agency: 'natural-resources', dataItem: 'holdings' }], purpose: 'HPF_QUOTA_ESTIMATE', centre: '350100', at: NOW });
      expect(asked.get(0)?.id).toBe(granted.id);
      // The rules of the loan's own purposes are as they were: a data-sharing consent there still may name an application.
      expect((await consents().grant(consentGrant())).applicationId).toBe('APP-0001');
    });
  });

  describe(`AccessRecordStore (${backend.name})`, () => {
    it('chains each record to the one before it, from the genesis hash', async () => {
      await records().append(accessRecords(2));
      await records().append([accessRecord(3)]);
      const stored = await all();
      expect(stored.map((record) => record.sequence)).toEqual([1, 2, 3]);
      expect(stored[0]!.previousHash).toBe(GENESIS_HASH);
      for (let i = 1; i < stored.length; i++) expect(stored[i]!.previousHash).toBe(stored[i - 1]!.hash);
      for (const record of stored) expect(record.hash).toBe(accessRecordHmac(chainKeys(SPEC_CHAIN_KEY).record, record));
    });

    it('stores the declared fields as given, with each subject\'s resolved fields sorted', async () => {
      const input = accessRecord(1, { fields: ['Marriage.status', 'Applicant.name'], consentId: '7d0c7a52-5ad1-4d8e-9d1c-0c5b1e0f6a11' });
      await records().append([{ ...input, unexpected: 'not stored' } as typeof input]);
      const [stored] = await all();
      expect(stored).toEqual({
        ...input,
        subjects: [{ ...input.subjects[0]!, fields: ['Applicant.name', 'Marriage.status'] }],
        sequence: 1,
        previousHash: GENESIS_HASH,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        layout: 'request',
      });
    });

    it('keeps one record for a request that read many people, found by each of them and by no one else', async () => {
      const many = manySubjects(1, [SUBJECT, OTHER_SUBJECT]);
      await records().append([many, accessRecord(2, { subjectKey: OTHER_SUBJECT })]);
      const [stored] = await all();
      expect(stored!.subjects.map((subject) => subject.subjectKey)).toEqual([SUBJECT, OTHER_SUBJECT]);
      expect((await records().listForSubject(SUBJECT, { after: null, limit: 10 })).map((record) => record.sequence)).toEqual([1]);
      expect((await records().listForSubject(OTHER_SUBJECT, { after: null, limit: 10 })).map((record) => record.sequence)).toEqual([2, 1]);
      expect(await records().listForSubject('c'.repeat(64), { after: null, limit: 10 })).toEqual([]);
      expect(await records().verifyChain()).toMatchObject({ ok: true, records: 2 });
    });

    it('refuses a record that names no one', async () => {
      await expect(records().append([{ ...accessRecord(1), subjects: [] }])).rejects.toMatchObject({ code: 'INVALID_ACCESS_RECORD' });
      expect(await all()).toEqual([]);
    });

    it('appends a batch in one statement once it knows the head, however many records it holds', async () => {
      let statements = 0;
      let transactions = 0;
      const counted: SqlDatabase = {
        ...open.db,
        query: (sql, params) => (statements++, open.db.query(sql, params)),
        transaction: (work) => (transactions++, open.db.transaction(work)),
      };
      const store = createAccessRecordStore(counted, { chainKey: SPEC_CHAIN_KEY });
      await store.append(accessRecords(3)); // the head read first, under the chain lock
      expect(transactions).toBe(1);
      [statements, transactions] = [0, 0];
      await store.append([manySubjects(4, [SUBJECT, OTHER_SUBJECT]), ...accessRecords(40)]);
      await store.append([accessRecord(44)]);
      expect([statements, transactions]).toEqual([2, 0]);
      expect(await records().verifyChain()).toMatchObject({ ok: true, records: 45 });
    });

    it('never forks the chain when two processes append, each from the head it last wrote, across a purge', async () => {
      const [one, two] = [createAccessRecordStore(open.db, { chainKey: SPEC_CHAIN_KEY }), createAccessRecordStore(open.db, { chainKey: SPEC_CHAIN_KEY })];
      await one.append(accessRecords(3));
      await two.append([accessRecord(4), accessRecord(5)]);
      await one.append([accessRecord(6)]);
      await Promise.all([one.append([accessRecord(7), accessRecord(8)]), two.append([accessRecord(9)]), one.append([accessRecord(10)]), two.append([accessRecord(11)])]);
      // Everything purged: the head is then the purge's checkpoint, which one store has not seen.
      expect(await records().purgeOlderThan(new Date(Date.UTC(2027, 0, 1)))).toBe(11);
      await two.append([accessRecord(12)]);
      await one.append([accessRecord(13)]);
      const stored = await all();
      expect(stored.map((record) => record.sequence)).toEqual([12, 13]);
      expect(await records().verifyChain()).toMatchObject({ ok: true, records: 2 });
    });

    it("lists a subject's records newest first, a page at a time", async () => {
      await records().append([...accessRecords(5), accessRecord(6, { subjectKey: OTHER_SUBJECT }), accessRecord(7)]);
      const first = await records().listForSubject(SUBJECT, { after: null, limit: 3 });
      expect(first.map((record) => record.sequence)).toEqual([7, 5, 4]);
      const second = await records().listForSubject(SUBJECT, { after: 4, limit: 3 });
      expect(second.map((record) => record.sequence)).toEqual([3, 2, 1]);
      expect(await records().listForSubject(SUBJECT, { after: 1, limit: 3 })).toEqual([]);
    });

    it('returns at most 200 records a page', async () => {
      await records().append(accessRecords(205));
      expect(await records().listForSubject(SUBJECT, { after: null, limit: 1000 })).toHaveLength(200);
      expect(await records().list({}, { after: null, limit: 0 })).toHaveLength(1);
    });

    it('filters the list by agency, actor and time', async () => {
      await records().append([
        accessRecord(1),
        accessRecord(2, { agency: 'tax' }),
        accessRecord(3, { actorSubject: 'officer-0002' }),
        accessRecord(4, { agency: 'tax', actorSubject: 'officer-0002' }),
      ]);
      const sequences = async (filter: Parameters<ReturnType<typeof records>['list']>[0]) =>
        (await records().list(filter, { after: null, limit: 50 })).map((record) => record.sequence);
      expect(await sequences({ agency: 'tax' })).toEqual([4, 2]);
      expect(await sequences({ actorSubject: 'officer-0002' })).toEqual([4, 3]);
      expect(await sequences({ agency: 'tax', actorSubject: 'officer-0002' })).toEqual([4]);
      expect(await sequences({ from: accessRecord(2).accessedAt, to: accessRecord(4).accessedAt })).toEqual([3, 2]);
    });

    it('verifies an intact chain, walking it a page at a time', async () => {
      expect(await records().verifyChain()).toEqual({ ok: true, records: 0, checkpoint: null });
      await records().append(accessRecords(2100));
      expect(await records().verifyChain()).toEqual({ ok: true, records: 2100, checkpoint: null });
    });

    it('names the first altered record', async () => {
      await records().append(accessRecords(1500));
      await tamper(open.db, "UPDATE access_records SET purpose = 'MARKETING' WHERE sequence = 1234");
      expect(await records().verifyChain()).toEqual({ ok: false, records: 1233, firstBrokenSequence: 1234, reason: BREAK_REASONS.badHmac, checkpoint: null });
    });

    it('names a record relinked to another predecessor', async () => {
      await records().append(accessRecords(5));
      await tamper(open.db, `UPDATE access_records SET previous_hash = $1 WHERE sequence = 4`, [GENESIS_HASH]);
      expect(await records().verifyChain()).toMatchObject({ ok: false, firstBrokenSequence: 4, reason: BREAK_REASONS.brokenLink });
    });

    it('names a deleted record', async () => {
      await records().append(accessRecords(5));
      await tamper(open.db, 'DELETE FROM access_records WHERE sequence = 3');
      expect(await records().verifyChain()).toEqual({ ok: false, records: 2, firstBrokenSequence: 3, reason: BREAK_REASONS.sequenceGap, checkpoint: null });
    });

    it('refuses to change or delete a stored record', async () => {
      await records().append(accessRecords(2));
      await expect(open.db.query("UPDATE access_records SET purpose = 'MARKETING'")).rejects.toThrow(/append-only/);
      await expect(open.db.query('DELETE FROM access_records WHERE sequence = 1')).rejects.toThrow(/append-only/);
      await expect(open.db.query('TRUNCATE access_records')).rejects.toThrow(/append-only/);
      // The purge's setting no longer opens the table to a truncation, nor its checkpoints to anyone.
      expect(await records().purgeOlderThan(accessRecord(2).accessedAt)).toBe(1);
      await expect(open.db.transaction(async (tx) => {
        await tx.query(`SELECT set_config('hpf.access_record_purge', 'on', true)`);
        await tx.query('TRUNCATE access_records');
      })).rejects.toThrow(/append-only/);
      await expect(open.db.query('DELETE FROM access_record_checkpoints')).rejects.toThrow(/access_record_checkpoints is append-only/);
      await expect(open.db.query('UPDATE access_record_checkpoints SET hash = $1', [GENESIS_HASH])).rejects.toThrow(/append-only/);
      await expect(open.db.query('UPDATE access_record_chain SET keyed_from = 9')).rejects.toThrow(/access_record_chain is append-only/);
      await expect(open.db.query('DELETE FROM access_record_chain')).rejects.toThrow(/append-only/);
      await expect(open.db.query('INSERT INTO access_record_chain (keyed_from) VALUES (1)')).rejects.toMatchObject({ code: '23505' });
      expect(await records().verifyChain()).toMatchObject({ ok: true, records: 1 });
    });

    it('never forks the chain when appends race', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => records().append([accessRecord(i * 2 + 1), accessRecord(i * 2 + 2)])));
      expect((await all()).map((record) => record.sequence)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(await records().verifyChain()).toMatchObject({ ok: true, records: 40 });
    });

    it('purges old records and verifies the rest from the checkpoint it leaves', async () => {
      await records().append(accessRecords(10));
      const purged = await records().purgeOlderThan(accessRecord(7).accessedAt);
      expect(purged).toBe(6);
      expect((await all()).map((record) => record.sequence)).toEqual([7, 8, 9, 10]);
      expect(await records().verifyChain()).toMatchObject({ ok: true, records: 4 });
      const [checkpoint] = await open.db.query<{ sequence: unknown; hash: string }>('SELECT sequence, hash FROM access_record_checkpoints');
      expect(Number(checkpoint!.sequence)).toBe(6);
      expect(checkpoint!.hash).toBe((await all())[0]!.previousHash);

      await records().append([accessRecord(11)]);
      expect(await records().verifyChain()).toMatchObject({ ok: true, records: 5 });
      await tamper(open.db, `UPDATE access_records SET subjects = jsonb_set(subjects, '{0,subjectMasked}', '"1***************00"') WHERE sequence = 8`);
      expect(await records().verifyChain()).toMatchObject({ ok: false, firstBrokenSequence: 8, reason: BREAK_REASONS.badHmac });
    });

    it('purges only a prefix of the chain, keeping a late record of an old access until all before it are old', async () => {
      await records().append([accessRecord(1), accessRecord(5), accessRecord(2), accessRecord(6)]);
      expect(await records().purgeOlderThan(accessRecord(4).accessedAt)).toBe(1);
      expect((await all()).map((record) => record.requestId)).toEqual(['req-5', 'req-2', 'req-6']);
      expect(await records().purgeOlderThan(accessRecord(4).accessedAt)).toBe(0);
      expect(await records().verifyChain()).toMatchObject({ ok: true, records: 3 });
    });

    it('continues the chain from the checkpoint after purging every record', async () => {
      await records().append(accessRecords(3));
      const last = (await all())[2]!;
      expect(await records().purgeOlderThan(new Date(Date.UTC(2100, 0, 1)))).toBe(3);
      expect(await records().verifyChain()).toMatchObject({ ok: true, records: 0 });
      await records().append([accessRecord(4)]);
      const [next] = await all();
      expect(next).toMatchObject({ sequence: 4, previousHash: last.hash });
      expect(await records().verifyChain()).toMatchObject({ ok: true, records: 1 });
    });

    it('purges in batches, each leaving a checkpoint the rest verifies from', async () => {
      const batched = createAccessRecordStore(open.db, { purgeBatchSize: 2, chainKey: SPEC_CHAIN_KEY });
      await batched.append(accessRecords(7));
      expect(await batched.purgeOlderThan(accessRecord(6).accessedAt)).toBe(5);
      const checkpoints = await open.db.query<{ sequence: unknown }>('SELECT sequence FROM access_record_checkpoints ORDER BY sequence');
      expect(checkpoints.map((row) => Number(row.sequence))).toEqual([2, 4, 5]);
      expect(await batched.verifyChain()).toEqual({ ok: true, records: 2, checkpoint: null });
    });

    it('refuses to purge past a record deleted behind its back', async () => {
      await records().append(accessRecords(4));
      await tamper(open.db, 'DELETE FROM access_records WHERE sequence IN (2, 3)');
      await expect(createAccessRecordStore(open.db, { purgeBatchSize: 3, chainKey: SPEC_CHAIN_KEY }).purgeOlderThan(new Date(Date.UTC(2100, 0, 1)))).rejects.toMatchObject({
        code: 'CHAIN_BROKEN',
        message: expect.stringContaining('#2 (sequence gap)'),
      });
      expect(await all()).toHaveLength(2);
    });

    it('refuses to purge a broken chain, so tampering is not erased', async () => {
      await records().append(accessRecords(4));
      await tamper(open.db, "UPDATE access_records SET actor_subject = 'someone-else' WHERE sequence = 2");
      const purge = records().purgeOlderThan(new Date(Date.UTC(2100, 0, 1)));
      await expect(purge).rejects.toBeInstanceOf(StorageError);
      await expect(purge).rejects.toMatchObject({ code: 'CHAIN_BROKEN' });
      expect(await all()).toHaveLength(4);
    });
  });

  describe(`ProxyAuthorizationStore (${backend.name})`, () => {
    it('grants an ACTIVE authorization under a random id, and gets it by that id', async () => {
      const granted = await proxies().grant(proxyGrant());
      expect(granted).toEqual({ ...proxyGrant(), id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/), status: 'ACTIVE', grantedAt: NOW, revokedAt: null });
      expect(await proxies().get(granted.id, NOW)).toEqual(granted);
    });

    it('gets nothing for an unknown or malformed id', async () => {
      await proxies().grant(proxyGrant());
      expect(await proxies().get('00000000-0000-4000-8000-000000000000', NOW)).toBeNull();
      expect(await proxies().get('WT-2026-0007', NOW)).toBeNull();
      expect(await proxies().get("'; DROP TABLE proxy_authorizations; --", NOW)).toBeNull();
    });

    it('reads an authorization as EXPIRED from validUntil on, and gets it whatever its status', async () => {
      const granted = await proxies().grant(proxyGrant());
      expect((await proxies().get(granted.id, new Date(granted.validUntil.getTime() - 1)))?.status).toBe('ACTIVE');
      expect(await proxies().get(granted.id, granted.validUntil)).toMatchObject({ id: granted.id, status: 'EXPIRED', revokedAt: null });
      const [listed] = await proxies().listForSubject(SUBJECT, granted.validUntil);
      expect(listed?.status).toBe('EXPIRED');
    });

    it('revokes an authorization of its subject, reads it REVOKED from then on, and keeps the first revocation time', async () => {
      const granted = await proxies().grant(proxyGrant());
      const revoked = await proxies().revoke(granted.id, SUBJECT, NOW);
      expect(revoked).toMatchObject({ id: granted.id, status: 'REVOKED', revokedAt: NOW });
      expect(await proxies().get(granted.id, NOW)).toMatchObject({ status: 'REVOKED', revokedAt: NOW });
      const again = await proxies().revoke(granted.id, SUBJECT, new Date(NOW.getTime() + DAY));
      expect(again).toMatchObject({ status: 'REVOKED', revokedAt: NOW });
    });

    it("does not revoke someone else's authorization, or one that does not exist", async () => {
      const granted = await proxies().grant(proxyGrant());
      expect(await proxies().revoke(granted.id, OTHER_SUBJECT, NOW)).toBeNull();
      expect(await proxies().revoke('00000000-0000-4000-8000-000000000000', SUBJECT, NOW)).toBeNull();
      expect(await proxies().revoke('not-a-uuid', SUBJECT, NOW)).toBeNull();
      expect((await proxies().get(granted.id, NOW))?.status).toBe('ACTIVE');
    });

    it("lists a subject's authorizations newest first, and no one else's", async () => {
      const first = await proxies().grant(proxyGrant());
      const second = await proxies().grant(proxyGrant({ agentSubject: 'hall-agent-9', scopes: ['SUBMIT_APPLICATION'] }));
      await proxies().grant(proxyGrant({ subjectKey: OTHER_SUBJECT }));
      await proxies().revoke(first.id, SUBJECT, NOW);
      const listed = await proxies().listForSubject(SUBJECT, NOW);
      expect(listed.map((authorization) => [authorization.id, authorization.agentSubject, authorization.status])).toEqual([
        [second.id, 'hall-agent-9', 'ACTIVE'],
        [first.id, 'hall-agent-7', 'REVOKED'],
      ]);
      expect(await proxies().listForSubject('c'.repeat(64), NOW)).toEqual([]);
    });

    it('keeps each scope once, and refuses no scope, an unknown scope, no agent or a backwards validity', async () => {
      const granted = await proxies().grant(proxyGrant({ scopes: ['VIEW_DATA', 'VIEW_DATA', 'ATTEST_IDENTITY'] }));
      expect(granted.scopes).toEqual(['VIEW_DATA', 'ATTEST_IDENTITY']);
      const refusal = (grant: Promise<unknown>) => expect(grant).rejects.toMatchObject({ code: 'INVALID_CONSENT_GRANT' });
      await refusal(proxies().grant(proxyGrant({ scopes: [] })));
      await refusal(proxies().grant(proxyGrant({ scopes: ['SIGN_CONTRACT' as never] })));
      await refusal(proxies().grant(proxyGrant({ agentSubject: '  ' })));
      await refusal(proxies().grant(proxyGrant({ validUntil: proxyGrant().validFrom })));
      expect(await proxies().listForSubject(SUBJECT, NOW)).toHaveLength(1);
    });
  });

  describe(`CreditQueryStore (${backend.name})`, () => {
    const report = (reportNumber: string) => ({ reportNumber, totalBalanceFen: 1_200_000, overdueAccounts: 0 });

    it('finds nothing before a query is saved, then the report saved, as it was saved', async () => {
      const application = await submitted(1);
      expect(await creditQueries().find(application.id, SUBJECT)).toBeNull();
      const saved = await creditQueries().save({ applicationId: application.id, subjectKey: SUBJECT, consentId: 'consent-1', report: report('ZX-1'), queriedAt: NOW });
      expect(saved).toEqual({ applicationId: application.id, subjectKey: SUBJECT, consentId: 'consent-1', report: report('ZX-1'), queriedAt: NOW });
      expect(await creditQueries().find(application.id, SUBJECT)).toEqual(saved);
    });

    it('keeps the first query of a person in an application: a second save returns the first', async () => {
      const application = await submitted(1);
      const first = await creditQueries().save({ applicationId: application.id, subjectKey: SUBJECT, consentId: 'consent-1', report: report('ZX-1'), queriedAt: NOW });
      const later = new Date(NOW.getTime() + DAY);
      const second = await creditQueries().save({ applicationId: application.id, subjectKey: SUBJECT, consentId: 'consent-2', report: report('ZX-2'), queriedAt: later });
      expect(second).toEqual(first);
      expect(await creditQueries().find(application.id, SUBJECT)).toEqual(first);
    });

    it('keeps queries of other people and other applications apart', async () => {
      const [one, two] = [await submitted(1), await submitted(2)];
      await creditQueries().save({ applicationId: one.id, subjectKey: SUBJECT, consentId: 'consent-1', report: report('ZX-1'), queriedAt: NOW });
      expect(await creditQueries().find(one.id, OTHER_SUBJECT)).toBeNull();
      expect(await creditQueries().find(two.id, SUBJECT)).toBeNull();
      const spouse = await creditQueries().save({ applicationId: one.id, subjectKey: OTHER_SUBJECT, consentId: 'consent-3', report: report('ZX-3'), queriedAt: NOW });
      const again = await creditQueries().save({ applicationId: two.id, subjectKey: SUBJECT, consentId: 'consent-4', report: report('ZX-4'), queriedAt: NOW });
      expect([spouse.report, again.report]).toEqual([report('ZX-3'), report('ZX-4')]);
      expect((await creditQueries().find(one.id, SUBJECT))?.report).toEqual(report('ZX-1'));
    });

    it('finds the reports of several people of one application in one look-up, leaving out those without one', async () => {
      const [one, two] = [await submitted(1), await submitted(2)];
      await creditQueries().save({ applicationId: one.id, subjectKey: SUBJECT, consentId: 'consent-1', report: report('ZX-1'), queriedAt: NOW });
      await creditQueries().save({ applicationId: two.id, subjectKey: OTHER_SUBJECT, consentId: 'consent-2', report: report('ZX-2'), queriedAt: NOW });
      const found = await creditQueries().findMany(one.id, [SUBJECT, OTHER_SUBJECT]);
      expect([...found.keys()]).toEqual([SUBJECT]);
      expect(found.get(SUBJECT)).toEqual(await creditQueries().find(one.id, SUBJECT));
      expect(await creditQueries().findMany(one.id, [])).toEqual(new Map());
      expect(await creditQueries().findMany(two.id, [SUBJECT])).toEqual(new Map());
    });

    it('refuses a query for an application that does not exist', async () => {
      await expect(
        creditQueries().save({ applicationId: '00000000-0000-4000-8000-000000000000', subjectKey: SUBJECT, consentId: 'consent-1', report: report('ZX-1'), queriedAt: NOW }),
      ).rejects.toMatchObject({ code: '23503' });
    });
  });

  describe(`LoanStore: parties and consent waits (${backend.name})`, () => {
    it('finds a submission by its centre and idempotency key, as submit would answer it again', async () => {
      const input = loanSubmission(1);
      const { application } = await loans().submit(input);
      expect(await loans().findSubmission(input.centre, input.idempotencyKey, input.requestHash)).toEqual({ kind: 'EXISTING', application });
      expect(await loans().findSubmission(input.centre, input.idempotencyKey, 'another request')).toEqual({ kind: 'KEY_REUSED', application });
      expect(await loans().findSubmission('350200', input.idempotencyKey, input.requestHash)).toBeNull();
      expect(await loans().findSubmission(input.centre, 'idem-never-used', input.requestHash)).toBeNull();
    });

    it('lists the applications naming a person among their parties, newest first, and no others', async () => {
      const alone = await submitted(1, { partyKeys: [SUBJECT] });
      const together = await submitted(2, { applicantKey: OTHER_SUBJECT, partyKeys: [OTHER_SUBJECT, SUBJECT] });
      const theirs = await submitted(3, { applicantKey: OTHER_SUBJECT, partyKeys: [OTHER_SUBJECT] });
      const ids = async (filter: Parameters<ReturnType<typeof loans>['list']>[0]) => (await loans().list(filter, { after: null, limit: 50 })).map((application) => application.id);
      expect(await ids({ partyKey: SUBJECT })).toEqual([together.id, alone.id]);
      expect(await ids({ partyKey: OTHER_SUBJECT })).toEqual([theirs.id, together.id]);
      expect(await ids({ partyKey: 'c'.repeat(64) })).toEqual([]);
      // A co-borrower is a party, not the applicant.
      expect(await ids({ applicantKey: SUBJECT })).toEqual([alone.id]);
      expect(await ids({ partyKey: SUBJECT, applicantKey: OTHER_SUBJECT })).toEqual([together.id]);
    });

    it('reads a case file in one statement: the application, its steps as steps() has them, and every consent in force for it, newest first', async () => {
      const application = await submitted(1);
      const other = await submitted(2, { applicantKey: OTHER_SUBJECT, partyKeys: [OTHER_SUBJECT] });
      const older = await consents().grant(consentGrant({ applicationId: application.id, validFrom: new Date(NOW.getTime() - 2 * DAY) }));
      const mine = await consents().grant(consentGrant({ applicationId: application.id }));
      const credit = await consents().grant(consentGrant({ applicationId: application.id, kind: 'CREDIT_QUERY', scopes: [{ agency: 'pboc-credit', dataItems: ['creditReport'] }], authorizationRef: 'ZXSQ-000001' }));
      const theirs = await consents().grant(consentGrant({ subjectKey: OTHER_SUBJECT, subjectRole: 'SPOUSE', applicationId: application.id, scopes: [{ agency: 'tax', dataItems: ['transferTax'] }] }));
      await consents().grant(consentGrant({ subjectKey: OTHER_SUBJECT, applicationId: other.id }));
      const revoked = await consents().grant(consentGrant({ subjectKey: OTHER_SUBJECT, applicationId: application.id }));
      await consents().revoke(revoked.id, OTHER_SUBJECT, NOW);
      await consents().grant(consentGrant({ applicationId: application.id, purpose: 'HPF_LOAN_REVIEW' }));
      await consents().grant(consentGrant({ applicationId: application.id, grantedToCentre: '350200' }));
      const query = { purpose: 'HPF_LOAN_APPLICATION' as const, centre: '350100', at: NOW, openStatuses: ['ACCEPTED' as const] };
      const read = await loans().readCase(application.id, query);
      expect(read!.application).toEqual(await loans().get(application.id));
      expect(read!.steps).toEqual(await loans().steps(application.id));
      // Given for this application, under this purpose and centre, in force now: whoever gave them, newest first.
      expect(read!.consents.map((consent) => consent.id)).toEqual([theirs.id, credit.id, mine.id, older.id]);
      const ground = ({ id, subjectKey, kind, scopes, authorizationRef }: typeof mine) => ({ id, subjectKey, kind, scopes, authorizationRef });
      expect(read!.consents.filter((consent) => consent.id === mine.id || consent.id === credit.id)).toEqual([ground(credit), ground(mine)]);
      // Matched in memory, each question has findActiveForItems' answer.
      const items = [SUBJECT, OTHER_SUBJECT, 'c'.repeat(64)].flatMap((subjectKey) =>
        (
          [
            ['DATA_SHARING', 'civil-affairs', 'marriage'],
            ['DATA_SHARING', 'provident-fund', 'loans'],
            ['DATA_SHARING', 'tax', 'transferTax'],
            ['DATA_SHARING', 'pboc-credit', 'creditReport'],
            ['CREDIT_QUERY', 'pboc-credit', 'creditReport'],
            ['CREDIT_QUERY', 'civil-affairs', 'marriage'],
          ] as const
        ).map(([kind, agency, dataItem]) => ({ subjectKey, kind, agency, dataItem })),
      );
      const found = await consents().findActiveForItems({ items, ...query, applicationId: application.id });
      expect(items.map((item) => newestCovering(read!.consents, item)?.id ?? null)).toEqual(items.map((_, index) => found.get(index)?.id ?? null));
      expect(items.map((item) => newestCovering(read!.consents, item)?.id ?? null).filter((id) => id !== null)).toEqual([mine.id, mine.id, credit.id, theirs.id]);
      // Asked for one agency: the consents naming it, each with that agency's scope alone, and the same answers to its questions.
      for (const agency of ['civil-affairs', 'tax', 'pboc-credit'] as const) {
        const scoped = (await loans().readCase(application.id, { ...query, agency }))!.consents;
        expect(scoped.map((consent) => consent.id)).toEqual(read!.consents.filter((consent) => consent.scopes.some((scope) => scope.agency === agency)).map((consent) => consent.id));
        expect(scoped.every((consent) => consent.scopes.length === 1 && consent.scopes[0]!.agency === agency)).toBe(true);
        const ofAgency = items.filter((item) => item.agency === agency);
        expect(ofAgency.map((item) => newestCovering(scoped, item)?.id ?? null)).toEqual(ofAgency.map((item) => newestCovering(read!.consents, item)?.id ?? null));
      }
      expect((await loans().readCase(application.id, null))!.consents).toEqual([]);
      expect(await loans().readCase('00000000-0000-4000-8000-000000000000', query)).toBeNull();
      expect(await loans().readCase('APP-0001', query)).toBeNull();
    });

    it('reads a case\'s consents only under the application\'s own centre, a status open to the caller, and the purpose asked', async () => {
      const application = await submitted(1);
      await consents().grant(consentGrant({ applicationId: application.id }));
      const asked = { purpose: 'HPF_LOAN_APPLICATION' as const, centre: '350100', at: NOW, openStatuses: ['ACCEPTED' as const] };
      expect((await loans().readCase(application.id, asked))!.consents).toHaveLength(1);
      for (const refused of [{ centre: '350200' }, { openStatuses: ['REFERRED' as const] }, { openStatuses: [] }, { purpose: 'HPF_LOAN_REVIEW' as const }, { at: new Date(NOW.getTime() + 365 * DAY) }]) {
        const read = await loans().readCase(application.id, { ...asked, ...refused });
        expect(read!.application.id).toBe(application.id);
        expect(read!.consents).toEqual([]);
      }
    });

    // What a worker reports through the workflow's plan: here a plan that waits for a consent unless
    // one was given while the step ran (the store shows the plan that flag, and frees the lease).
    type Report = 'AWAITING_CONSENT' | 'DONE';
    const report = (owner: string, applicationId: string, step: string, status: Report, at: Date) =>
      loans().apply(
        applicationId,
        { owner, step },
        (state) => ({
          steps: [{ step, status: status === 'AWAITING_CONSENT' && state.steps.find((s) => s.step === step)?.resumeRequested ? 'PENDING' : status, outcome: { reported: status } }],
          events: [{ step, kind: status, detail: {} }],
        }),
        at,
      );
    const stepsOf = async (id: string) => Object.fromEntries((await loans().steps(id)).map((step) => [step.step, step]));

    it('frees the leases a worker holds but for the steps it keeps, so a claim lost with its connection does not wait for the lease', async () => {
      const application = await submitted(1);
      const claimed = await loans().claimDueSteps('worker-1', NOW, 60_000, 3);
      const kept = claimed[0]!;
      expect(await loans().releaseLeases('worker-1', [{ applicationId: kept.applicationId, step: kept.step }])).toBe(2);
      expect(await loans().releaseLeases('worker-2', [])).toBe(0);
      // Due again at once for anyone; the kept one stays with its worker.
      const again = await loans().claimDueSteps('worker-2', NOW, 60_000, 50);
      expect(again.map((step) => step.step)).not.toContain(kept.step);
      expect(again.filter((step) => step.applicationId === application.id)).toHaveLength(6);
    });

    it('counts the worker’s queue by state: due, leased, blocked', async () => {
      await submitted(1);
      expect(await loans().queueDepth(NOW)).toEqual({ due: 7, retrying: 0, waiting: 0, blocked: 1, leased: 0 });
      await loans().claimDueSteps('worker-1', NOW, 60_000, 3);
      expect(await loans().queueDepth(NOW)).toEqual({ due: 4, retrying: 0, waiting: 0, blocked: 1, leased: 3 });
    });

    it('makes the steps that awaited a consent due at once, and only those', async () => {
      const application = await submitted(1);
      const other = await submitted(2);
      const claimed = await loans().claimDueSteps('worker-1', NOW, 60_000, 50);
      expect(new Set(claimed.map((step) => step.applicationId))).toEqual(new Set([application.id, other.id]));
      for (const step of claimed) {
        const waits = step.step === 'GATHER_MARRIAGE' || (step.applicationId === application.id && step.step === 'GATHER_CREDIT');
        expect(await report('worker-1', step.applicationId, step.step, waits ? 'AWAITING_CONSENT' : 'DONE', NOW)).not.toBeNull();
      }
      // Waiting steps are not taken up by a worker on their own.
      expect(await loans().claimDueSteps('worker-2', new Date(NOW.getTime() + DAY), 60_000, 50)).toEqual([]);

      const later = new Date(NOW.getTime() + 60_000);
      expect(await loans().resumeAwaitingConsent(application.id, later)).toBe(2);
      const steps = await stepsOf(application.id);
      expect(steps.GATHER_MARRIAGE).toMatchObject({ status: 'PENDING', nextAttemptAt: later });
      expect(steps.GATHER_CREDIT).toMatchObject({ status: 'PENDING', nextAttemptAt: later });
      expect(steps.GATHER_IDENTITY).toMatchObject({ status: 'DONE' });
      expect(steps.DECIDE).toMatchObject({ status: 'BLOCKED' });
      // The other application's wait is its own.
      expect((await stepsOf(other.id)).GATHER_MARRIAGE).toMatchObject({ status: 'AWAITING_CONSENT' });
      const due = await loans().claimDueSteps('worker-2', later, 60_000, 50);
      expect(due.map((step) => [step.applicationId, step.step]).sort()).toEqual([
        [application.id, 'GATHER_CREDIT'],
        [application.id, 'GATHER_MARRIAGE'],
      ]);
      // An unknown or malformed id resumes nothing.
      expect(await loans().resumeAwaitingConsent('00000000-0000-4000-8000-000000000000', later)).toBe(0);
      expect(await loans().resumeAwaitingConsent('APP-0001', later)).toBe(0);
    });

    it('does not lose a consent given while its step is being worked: the step that ends waiting is due again', async () => {
      const application = await submitted(1);
      await loans().claimDueSteps('worker-1', NOW, 60_000, 50);
      // The consent arrives while every check is in flight (each read before it existed).
      const during = new Date(NOW.getTime() + 1000);
      await loans().resumeAwaitingConsent(application.id, during);
      const after = new Date(NOW.getTime() + 2000);
      expect(await report('worker-1', application.id, 'GATHER_MARRIAGE', 'AWAITING_CONSENT', after)).not.toBeNull();
      expect(await report('worker-1', application.id, 'GATHER_IDENTITY', 'DONE', after)).not.toBeNull();
      const steps = await stepsOf(application.id);
      expect(steps.GATHER_MARRIAGE).toMatchObject({ status: 'PENDING', nextAttemptAt: after });
      expect(steps.GATHER_IDENTITY).toMatchObject({ status: 'DONE' });

      // Taken up again, the request is spent: a step that still finds no consent waits, as usual.
      const [again] = await loans().claimDueSteps('worker-2', after, 60_000, 1);
      expect(again).toMatchObject({ applicationId: application.id, step: 'GATHER_MARRIAGE' });
      expect(await report('worker-2', application.id, 'GATHER_MARRIAGE', 'AWAITING_CONSENT', after)).not.toBeNull();
      expect((await stepsOf(application.id)).GATHER_MARRIAGE).toMatchObject({ status: 'AWAITING_CONSENT' });
    });
  });

  describeTamperEvidence(backend.name, () => open);

  describe(`LoanStore: notice outbox (${backend.name})`, () => {
    const noticeOf = (key: string, smsTo: string[]) => ({ key, kind: key.split(':')[0]!, smsTo, detail: { about: key } });
    const at = (ms: number) => new Date(NOW.getTime() + ms);

    it("writes a change's notices with it, once per key, a delivery for each SMS recipient and for each webhook of the application's centre", async () => {
      const ours = await loans().registerWebhook({ centre: '350100', url: 'https://hpf.example/notices', secret: 'whsec_one', registeredBy: 'FUND_OFFICER:o-1', now: NOW });
      await loans().registerWebhook({ centre: '350200', url: 'https://xm.example/notices', secret: 'whsec_two', registeredBy: 'FUND_OFFICER:o-2', now: NOW });
      // The same URL again is refused, not re-keyed: its secret is never handed to whoever asks again.
      await expect(loans().registerWebhook({ centre: '350100', url: 'https://hpf.example/notices', secret: 'whsec_new', registeredBy: 'FUND_OFFICER:o-9', now: NOW })).rejects.toMatchObject({ code: 'WEBHOOK_EXISTS' });
      // At most five a centre: each is a delivery of every notice, written with the change.
      for (let i = 2; i <= 5; i += 1) await loans().registerWebhook({ centre: '350200', url: `https://xm.example/notices/${i}`, secret: `whsec_${i}`, registeredBy: 'FUND_OFFICER:o-2', now: NOW });
      await expect(loans().registerWebhook({ centre: '350200', url: 'https://xm.example/notices/6', secret: 'whsec_6', registeredBy: 'FUND_OFFICER:o-2', now: NOW })).rejects.toMatchObject({ code: 'WEBHOOK_LIMIT' });
      const application = await submitted(1, { notices: [noticeOf('ACCEPTED', ['APPLICANT'])] });
      const plan = () => ({ events: [{ step: null, kind: 'SPEC', detail: {} }], notices: [noticeOf('NEEDS_CONSENT:SPOUSE', ['SPOUSE']), noticeOf('ACCEPTED', ['APPLICANT']), noticeOf('APPROVED', ['APPLICANT', 'SPOUSE'])] });
      await loans().apply(application.id, null, plan, NOW);
      await loans().apply(application.id, null, plan, NOW);
      const notices = await loans().notices(application.id);
      expect(notices.map((notice) => [notice.key, notice.deliveries.map((d) => `${d.channel}:${d.target}:${d.status}`)])).toEqual([
        ['ACCEPTED', [`SMS:APPLICANT:PENDING`, `WEBHOOK:${ours.id}:PENDING`]],
        ['NEEDS_CONSENT:SPOUSE', [`SMS:SPOUSE:PENDING`, `WEBHOOK:${ours.id}:PENDING`]],
        ['APPROVED', [`SMS:APPLICANT:PENDING`, `SMS:SPOUSE:PENDING`, `WEBHOOK:${ours.id}:PENDING`]],
      ]);
    });

    it("keeps a webhook's secret sealed: the database holds none in clear, a delivery gets it, one stored in clear before is sealed", async () => {
      const webhook = await loans().registerWebhook({ centre: '350100', url: 'https://hpf.example/sealed', secret: 'whsec_sealed_one', registeredBy: 'FUND_OFFICER:o-1', now: NOW });
      expect(webhook.secret).toBe('whsec_sealed_one');
      const stored = async () => (await open.db.query<{ secret: string }>('SELECT secret FROM notice_webhooks WHERE id = $1', [webhook.id]))[0]!.secret;
      expect(await stored()).toMatch(/^sealed:v1:/);
      expect(await stored()).not.toContain('whsec_sealed_one');
      await submitted(1, { notices: [noticeOf('ACCEPTED', [])] });
      const [delivery] = await loans().claimDueDeliveries('dispatcher-a', NOW, 1000, 10);
      expect(delivery!.webhook).toEqual({ id: webhook.id, url: 'https://hpf.example/sealed', secret: 'whsec_sealed_one' });
      // As a webhook registered before secrets were sealed: in clear until the storage is opened again.
      await tamper(open.db, 'UPDATE notice_webhooks SET secret = $1 WHERE id = $2', ['whsec_from_before', webhook.id]);
      await sealWebhookSecrets(open.db, sealingKeyOf(SPEC_CHAIN_KEY));
      expect(await stored()).toMatch(/^sealed:v1:/);
      expect(unseal(sealingKeyOf(SPEC_CHAIN_KEY), await stored(), webhook.id)).toBe('whsec_from_before');
    });

    it("lists a centre's webhooks without their secrets, and removes one for good: no new deliveries, its pending ones given up, the URL free again", async () => {
      const kept = await loans().registerWebhook({ centre: '350100', url: 'https://hpf.example/kept', secret: 'whsec_kept', registeredBy: 'FUND_OFFICER:o-1', now: NOW });
      const gone = await loans().registerWebhook({ centre: '350100', url: 'https://hpf.example/gone', secret: 'whsec_gone', registeredBy: 'FUND_OFFICER:o-1', now: at(1) });
      expect(await loans().listWebhooks('350100')).toEqual([
        { id: kept.id, centre: '350100', url: 'https://hpf.example/kept', registeredBy: 'FUND_OFFICER:o-1', registeredAt: NOW, removedAt: null },
        { id: gone.id, centre: '350100', url: 'https://hpf.example/gone', registeredBy: 'FUND_OFFICER:o-1', registeredAt: at(1), removedAt: null },
      ]);
      const application = await submitted(1, { notices: [noticeOf('ACCEPTED', [])] });
      // Another centre's officer cannot remove it, nor can anyone name an id that is no webhook.
      expect(await loans().removeWebhook({ id: gone.id, centre: '350200', removedBy: 'FUND_OFFICER:o-2', now: at(2) })).toBeNull();
      expect(await loans().removeWebhook({ id: 'not-a-webhook', centre: '350100', removedBy: 'FUND_OFFICER:o-1', now: at(2) })).toBeNull();
      expect(await loans().removeWebhook({ id: gone.id, centre: '350100', removedBy: 'FUND_OFFICER:o-1', now: at(2) })).toMatchObject({ id: gone.id, removedAt: at(2) });
      expect(await loans().removeWebhook({ id: gone.id, centre: '350100', removedBy: 'FUND_OFFICER:o-1', now: at(3) })).toBeNull();
      expect((await loans().listWebhooks('350100')).map((webhook) => webhook.id)).toEqual([kept.id]);
      await loans().apply(application.id, null, () => ({ events: [{ step: null, kind: 'SPEC', detail: {} }], notices: [noticeOf('APPROVED', [])] }), at(4));
      const deliveries = (await loans().notices(application.id)).map((notice) => [notice.key, notice.deliveries.map((d) => `${d.target}:${d.status}`)]);
      expect(deliveries).toEqual([
        ['ACCEPTED', [`${kept.id}:PENDING`, `${gone.id}:DEAD`].sort()],
        ['APPROVED', [`${kept.id}:PENDING`]],
      ]);
      expect((await loans().claimDueDeliveries('dispatcher-a', at(5), 1000, 10)).map((d) => d.target).sort()).toEqual([kept.id, kept.id]);
      // The URL may be registered again, with a new secret: a new webhook, not the removed one.
      const again = await loans().registerWebhook({ centre: '350100', url: 'https://hpf.example/gone', secret: 'whsec_again', registeredBy: 'FUND_OFFICER:o-1', now: at(6) });
      expect(again.id).not.toBe(gone.id);
    });

    it('leases each due delivery to one dispatcher at a time, takes it over when the lease runs out, and fences the one that lost it', async () => {
      const application = await submitted(1, { notices: [noticeOf('ACCEPTED', ['APPLICANT', 'SPOUSE'])] });
      const first = await loans().claimDueDeliveries('dispatcher-a', NOW, 1000, 10);
      expect(first.map((d) => [d.channel, d.target, d.attempts, d.kind, d.applicationId])).toEqual([
        ['SMS', 'APPLICANT', 1, 'ACCEPTED', application.id],
        ['SMS', 'SPOUSE', 1, 'ACCEPTED', application.id],
      ]);
      expect(await loans().claimDueDeliveries('dispatcher-b', at(500), 1000, 10)).toEqual([]);
      const taken = await loans().claimDueDeliveries('dispatcher-b', at(1500), 1000, 10);
      expect(taken.map((d) => d.attempts)).toEqual([2, 2]);
      expect(await loans().finishDelivery(first[0]!, 'dispatcher-a', { status: 'DELIVERED' }, null, at(1600))).toBe(false);
      expect(await loans().finishDelivery(taken[0]!, 'dispatcher-b', { status: 'DELIVERED' }, { step: null, kind: 'NOTICE_DELIVERED', detail: { notice: 'ACCEPTED', channel: 'SMS' } }, at(1600))).toBe(true);
      expect((await loans().events(application.id)).filter((event) => event.kind === 'NOTICE_DELIVERED')).toHaveLength(1);
    });

    it('retries a failed delivery when it is due again and never takes a delivered or dead-lettered one again', async () => {
      const application = await submitted(1, { notices: [noticeOf('ACCEPTED', ['APPLICANT', 'SPOUSE', 'CO_BORROWER:1'])] });
      const [delivered, dead, retried] = await loans().claimDueDeliveries('dispatcher-a', NOW, 1000, 10);
      await loans().finishDelivery(delivered!, 'dispatcher-a', { status: 'DELIVERED' }, null, NOW);
      await loans().finishDelivery(retried!, 'dispatcher-a', { status: 'RETRY', nextAttemptAt: at(5000), error: 'HTTP_503' }, null, NOW);
      await loans().finishDelivery(dead!, 'dispatcher-a', { status: 'DEAD', error: 'SMS_4041' }, { step: null, kind: 'NOTICE_DEAD_LETTERED', detail: {} }, NOW);
      expect(await loans().claimDueDeliveries('dispatcher-b', at(2000), 1000, 10)).toEqual([]);
      expect((await loans().claimDueDeliveries('dispatcher-b', at(5000), 1000, 10)).map((d) => [d.target, d.attempts])).toEqual([['SPOUSE', 2]]);
      const [notice] = await loans().notices(application.id);
      expect(notice!.deliveries.map((d) => `${d.target}:${d.status}`)).toEqual(['APPLICANT:DELIVERED', 'CO_BORROWER:1:DEAD', 'SPOUSE:PENDING']);
    });
  });

  more?.(() => open);
}
