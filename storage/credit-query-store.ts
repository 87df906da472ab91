/**
 * Credit reports as queried for an application. 征信业管理条例 art. 18/20: a query is made under the
 * person's written authorization and used for its purpose only; every query is a hard query on the
 * person's file. So the report is fetched from the PBoC once per person per application, kept with
 * the authorization it was fetched under, and later needs of that application read it from here.
 */
import type { SqlDatabase } from './database';
import { toDate } from './sql-values';
import type { CreditQueryStore, StoredCreditQuery } from './types';

interface CreditQueryRow {
  application_id: string;
  subject_key: string;
  consent_id: string;
  report: unknown;
  queried_at: unknown;
}

const COLUMNS = 'application_id, subject_key, consent_id, report, queried_at';

function toQuery(row: CreditQueryRow): StoredCreditQuery {
  // The embedded engine returns JSON built in another realm: a round trip makes it ours.
  const report = typeof row.report === 'string' ? JSON.parse(row.report) : JSON.parse(JSON.stringify(row.report));
  return { applicationId: row.application_id, subjectKey: row.subject_key, consentId: row.consent_id, report, queriedAt: toDate(row.queried_at) };
}

export function createCreditQueryStore(db: SqlDatabase): CreditQueryStore {
  return {
    async find(applicationId, subjectKey) {
      const [row] = await db.query<CreditQueryRow>(`SELECT ${COLUMNS} FROM credit_queries WHERE application_id = $1 AND subject_key = $2`, [applicationId, subjectKey]);
      return row ? toQuery(row) : null;
    },
    async findMany(applicationId, subjectKeys) {
      if (subjectKeys.length === 0) return new Map();
      const rows = await db.query<CreditQueryRow>(`SELECT ${COLUMNS} FROM credit_queries WHERE application_id = $1 AND subject_key = ANY($2::text[])`, [applicationId, [...subjectKeys]]);
      return new Map(rows.map((row) => [row.subject_key, toQuery(row)]));
    },
    async save(query) {
      await db.query(
        `INSERT INTO credit_queries (application_id, subject_key, consent_id, report, queried_at) VALUES ($1, $2, $3, $4::jsonb, $5)
         ON CONFLICT (application_id, subject_key) DO NOTHING`,
        [query.applicationId, query.subjectKey, query.consentId, JSON.stringify(query.report), query.queriedAt],
      );
      const [row] = await db.query<CreditQueryRow>(`SELECT ${COLUMNS} FROM credit_queries WHERE application_id = $1 AND subject_key = $2`, [query.applicationId, query.subjectKey]);
      return toQuery(row!);
    },
  };
}
