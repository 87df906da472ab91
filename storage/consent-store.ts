/**
 * Consents (同意/授权) over SQL. A consent answers a question only when it matches it exactly:
 * the same subject, kind, purpose (PIPL art. 14: a new purpose needs a new consent) and fund
 * centre, a scope naming that agency with that data item (art. 6, minimum necessary), not revoked,
 * and in force at the moment asked about. EXPIRED is never stored: it is read off validUntil.
 */
import { randomUUID } from 'node:crypto';
import { ESTIMATE_PURPOSE } from '../lib/estimate-consent';
import type { SqlDatabase } from './database';
import { StorageError } from './errors';
import { revokeOwnedRow } from './owned-rows';
import { toDate, toDateOrNull } from './sql-values';
import type {
  ConsentGrant,
  ConsentGround,
  ConsentItem,
  ConsentKind,
  ConsentQuery,
  ConsentRecord,
  ConsentScope,
  ConsentStatus,
  ConsentStore,
  Purpose,
  SubjectRole,
} from './types';

export interface ConsentRow {
  id: string;
  subject_key: string;
  subject_masked: string;
  subject_role: string;
  kind: string;
  purpose: string;
  scopes: unknown;
  granted_to_centre: string;
  authorization_ref: string | null;
  application_id: string | null;
  valid_from: unknown;
  valid_until: unknown;
  recorded_by: string;
  granted_at: unknown;
  revoked_at: unknown;
}

const COLUMNS = `id, subject_key, subject_masked, subject_role, kind, purpose, scopes, granted_to_centre,
  authorization_ref, application_id, valid_from, valid_until, recorded_by, granted_at, revoked_at`;
const NEWEST_FIRST = 'ORDER BY granted_at DESC, position DESC';

export interface ConsentStoreOptions {
  /** The clock that stamps grantedAt; tests pass a fixed one. */
  now?: () => Date;
}

export function createConsentStore(db: SqlDatabase, options: ConsentStoreOptions = {}): ConsentStore {
  const now = options.now ?? (() => new Date());

  return {
    async grant(grant) {
      assertValidGrant(grant);
      const rows = await db.query<ConsentRow>(
        `INSERT INTO consents (id, subject_key, subject_masked, subject_role, kind, purpose, scopes, granted_to_centre,
           authorization_ref, application_id, valid_from, valid_until, recorded_by, granted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13, $14)
         RETURNING ${COLUMNS}`,
        [
          randomUUID(),
          grant.subjectKey,
          grant.subjectMasked,
          grant.subjectRole,
          grant.kind,
          grant.purpose,
          JSON.stringify(grant.scopes.map((scope) => ({ agency: scope.agency, dataItems: [...scope.dataItems] }))),
          grant.grantedToCentre,
          grant.authorizationRef ?? null,
          grant.applicationId ?? null,
          grant.validFrom,
          grant.validUntil,
          grant.recordedBy,
          now(),
        ],
      );
      return toConsentRecord(rows[0]!, now());
    },

    async revoke(id, subjectKey, at) {
      const row = await revokeOwnedRow<ConsentRow>(db, 'consents', COLUMNS, id, subjectKey, at);
      return row ? toConsentRecord(row, at) : null;
    },

    async findActive(query: ConsentQuery) {
      // Containment: some scope whose agency is this one and whose dataItems include this item.
      const wanted = JSON.stringify([{ agency: query.agency, dataItems: [query.dataItem] }]);
      const rows = await db.query<ConsentRow>(
        `SELECT ${COLUMNS} FROM consents
         WHERE subject_key = $1 AND kind = $2 AND purpose = $3 AND granted_to_centre = $4
           AND scopes @> $5::jsonb
           AND revoked_at IS NULL AND valid_from <= $6 AND $6 < valid_until
           AND ($7::text IS NULL OR application_id = $7)
         ${NEWEST_FIRST} LIMIT 1`,
        [query.subjectKey, query.kind, query.purpose, query.centre, wanted, query.at, query.applicationId ?? null],
      );
      return rows[0] ? toConsentRecord(rows[0], query.at) : null;
    },

    async findActiveForSubjects(query) {
      // One statement for a whole list page: the newest matching consent of each subject.
      if (query.subjectKeys.length === 0) return new Map();
      const wanted = JSON.stringify([{ agency: query.agency, dataItems: [query.dataItem] }]);
      const rows = await db.query<ConsentRow>(
        `SELECT DISTINCT ON (subject_key) ${COLUMNS} FROM consents
         WHERE subject_key = ANY($1::text[]) AND kind = $2 AND purpose = $3 AND granted_to_centre = $4
           AND scopes @> $5::jsonb
           AND revoked_at IS NULL AND valid_from <= $6 AND $6 < valid_until
           AND ($7::text IS NULL OR application_id = $7)
         ORDER BY subject_key, granted_at DESC, position DESC`,
        [[...query.subjectKeys], query.kind, query.purpose, query.centre, wanted, query.at, query.applicationId ?? null],
      );
      return new Map(rows.map((row) => [row.subject_key, toConsentRecord(row, query.at)]));
    },

    async findActiveForItems(query) {
      // One statement for every question of a request's tick: the newest matching consent of each item.
      if (query.items.length === 0) return new Map();
      const rows = await db.query<ConsentRow & { item: unknown }>(
        itemConsentsSql(),
        [...itemConsentParams(query.items), query.purpose, query.centre, query.at, query.applicationId ?? null],
      );
      return new Map(rows.map((row) => [Number(row.item), toConsentRecord(row, query.at)]));
    },

    async listForSubject(subjectKey, at) {
      const rows = await db.query<ConsentRow>(`SELECT ${COLUMNS} FROM consents WHERE subject_key = $1 ${NEWEST_FIRST}`, [subjectKey]);
      return rows.map((row) => toConsentRecord(row, at));
    },
  };
}

/**
 * The newest matching consent of each asked item (findActive's test, item by item), numbered from 0
 * as `item` (its DISTINCT ON keeps the first row of each, the newest grant): one SELECT for findActiveForItems. The items go as three parallel arrays
 * (itemConsentParams; unnest … WITH ORDINALITY numbers them from 1): cheaper to bind and plan than
 * a JSON document.
 */
function itemConsentsSql(): string {
  return `SELECT DISTINCT ON (w.i, c.subject_key) w.i - 1 AS item, ${COLUMNS.split(',').map((column) => `c.${column.trim()}`).join(', ')}
         FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS w(subject_key, kind, wanted, i)
         JOIN consents c ON c.subject_key = w.subject_key AND c.kind = w.kind AND c.purpose = $4 AND c.granted_to_centre = $5
           AND c.scopes @> w.wanted::jsonb
           AND c.revoked_at IS NULL AND c.valid_from <= $6 AND $6 < c.valid_until
           AND ($7::text IS NULL OR c.application_id = $7)
         ORDER BY w.i, c.subject_key, c.granted_at DESC, c.position DESC`;
}

/** Where each placeholder of caseConsentsSql is bound: `$n` for a parameter, or a column the statement has. */
interface CaseConsentBindings {
  applicationId: string;
  purpose: string;
  centre: string;
  at: string;
}

/**
 * Every consent naming one application that is in force at an instant for a purpose and centre,
 * whoever gave it, with the columns that order them newest first (granted_at, position): the case
 * read's (loan-store.ts readCase), found through the application's index. Matching them to the
 * questions of a request is newestCovering's: far cheaper in memory than a join in the database,
 * which the case read paid once per subgraph fetch.
 */
export function caseConsentsSql(bind: CaseConsentBindings): string {
  return `SELECT id, subject_key, kind, scopes, authorization_ref, granted_at, position FROM consents
         WHERE application_id = ${bind.applicationId} AND purpose = ${bind.purpose} AND granted_to_centre = ${bind.centre}
           AND revoked_at IS NULL AND valid_from <= ${bind.at} AND ${bind.at} < valid_until`;
}

/** A row of caseConsentsSql as the case read's JSON carries it: [id, subject_key, kind, scopes, authorization_ref]. */
export type CaseConsentTuple = [string, string, string, unknown, string | null];

export function toConsentGround([id, subjectKey, kind, scopes, authorizationRef]: CaseConsentTuple): ConsentGround {
  return { id, subjectKey, kind: kind as ConsentKind, scopes: toScopes(scopes), authorizationRef };
}

/**
 * findActiveForItems' answer to one item, from consents already found in force for the purpose,
 * centre and application asked, newest first (a case read's): the first given by this subject, of
 * this kind, whose scopes cover the agency and item (as `scopes @> [{agency, dataItems: [item]}]`).
 */
export function newestCovering<Consent extends ConsentGround>(consents: readonly Consent[], item: ConsentItem): Consent | null {
  return (
    consents.find(
      (consent) =>
        consent.subjectKey === item.subjectKey && consent.kind === item.kind && consent.scopes.some((scope) => scope.agency === item.agency && scope.dataItems.includes(item.dataItem)),
    ) ?? null
  );
}

/** The three arrays itemConsentsSql unnests: subject keys, kinds, and each item's scope to contain. */
function itemConsentParams(items: readonly ConsentItem[]): [string[], string[], string[]] {
  return [
    items.map((item) => item.subjectKey),
    items.map((item) => item.kind),
    items.map((item) => JSON.stringify([{ agency: item.agency, dataItems: [item.dataItem] }])),
  ];
}

function assertValidGrant(grant: ConsentGrant): void {
  const problems: string[] = [];
  if (!isValidDate(grant.validFrom) || !isValidDate(grant.validUntil)) problems.push('validFrom and validUntil must be valid dates');
  else if (grant.validUntil.getTime() <= grant.validFrom.getTime()) problems.push('validUntil must be after validFrom');
  if (grant.scopes.length === 0) problems.push('a consent names at least one agency scope');
  if (grant.scopes.some((scope) => scope.dataItems.length === 0)) problems.push('every scope names at least one data item');
  if (grant.kind === 'CREDIT_QUERY' && !grant.authorizationRef) {
    problems.push('a CREDIT_QUERY consent needs the written authorization reference (征信业管理条例 art. 18)');
  }
  // A couple's estimate comes before any application: its consent is data sharing, tied to none,
  // so that no case's reads can ever stand on it (nor it on a case's consent: the purpose differs).
  if (grant.purpose === ESTIMATE_PURPOSE && (grant.kind !== 'DATA_SHARING' || grant.applicationId !== null)) {
    problems.push('an HPF_QUOTA_ESTIMATE consent is a DATA_SHARING consent tied to no application');
  }
  if (problems.length > 0) throw new StorageError('INVALID_CONSENT_GRANT', `invalid consent grant: ${problems.join('; ')}`);
}

function isValidDate(value: Date): boolean {
  return Object.prototype.toString.call(value) === '[object Date]' && !Number.isNaN(value.getTime());
}

export function statusAt(validUntil: Date, revokedAt: Date | null, at: Date): ConsentStatus {
  if (revokedAt) return 'REVOKED';
  return validUntil.getTime() <= at.getTime() ? 'EXPIRED' : 'ACTIVE';
}

function toScopes(value: unknown): ConsentScope[] {
  // Rebuilt field by field: the embedded engine's JSON arrives from another thread's realm.
  return (value as Array<{ agency: ConsentScope['agency']; dataItems: string[] }>).map((scope) => ({
    agency: scope.agency,
    dataItems: scope.dataItems.map(String),
  }));
}

export function toConsentRecord(row: ConsentRow, at: Date): ConsentRecord {
  const validUntil = toDate(row.valid_until);
  const revokedAt = toDateOrNull(row.revoked_at);
  return {
    id: row.id,
    subjectKey: row.subject_key,
    subjectMasked: row.subject_masked,
    subjectRole: row.subject_role as SubjectRole,
    kind: row.kind as ConsentKind,
    purpose: row.purpose as Purpose,
    scopes: toScopes(row.scopes),
    grantedToCentre: row.granted_to_centre,
    authorizationRef: row.authorization_ref,
    applicationId: row.application_id,
    validFrom: toDate(row.valid_from),
    validUntil,
    recordedBy: row.recorded_by,
    status: statusAt(validUntil, revokedAt, at),
    grantedAt: toDate(row.granted_at),
    revokedAt,
  };
}
