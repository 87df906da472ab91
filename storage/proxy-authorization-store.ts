/**
 * Proxy authorizations (帮代办委托书) over SQL: the applicant names one agent (by their account),
 * what the agent may do, and until when. A PROXY_AGENT request is honoured only while such an
 * authorization exists for that agent and that person, in force and not revoked.
 */
import { randomUUID } from 'node:crypto';
import { statusAt } from './consent-store';
import type { SqlDatabase } from './database';
import { StorageError } from './errors';
import { UUID, revokeOwnedRow } from './owned-rows';
import { toDate, toDateOrNull, toStringArray } from './sql-values';
import { PROXY_SCOPES, type ProxyAuthorization, type ProxyAuthorizationStore, type ProxyScope } from './types';

interface ProxyRow {
  id: string;
  subject_key: string;
  subject_masked: string;
  agent_subject: string;
  scopes: unknown;
  valid_from: unknown;
  valid_until: unknown;
  granted_at: unknown;
  revoked_at: unknown;
}

const COLUMNS = 'id, subject_key, subject_masked, agent_subject, scopes, valid_from, valid_until, granted_at, revoked_at';

function toAuthorization(row: ProxyRow, at: Date): ProxyAuthorization {
  const validUntil = toDate(row.valid_until);
  const revokedAt = toDateOrNull(row.revoked_at);
  return {
    id: row.id,
    subjectKey: row.subject_key,
    subjectMasked: row.subject_masked,
    agentSubject: row.agent_subject,
    scopes: toStringArray(row.scopes) as ProxyScope[],
    validFrom: toDate(row.valid_from),
    validUntil,
    grantedAt: toDate(row.granted_at),
    revokedAt,
    status: statusAt(validUntil, revokedAt, at),
  };
}

export function createProxyAuthorizationStore(db: SqlDatabase, options: { now?: () => Date } = {}): ProxyAuthorizationStore {
  const now = options.now ?? (() => new Date());
  return {
    async grant(grant) {
      const problems: string[] = [];
      if (grant.scopes.length === 0 || grant.scopes.some((scope) => !PROXY_SCOPES.includes(scope))) problems.push(`scopes are some of ${PROXY_SCOPES.join(', ')}`);
      if (!(grant.validUntil.getTime() > grant.validFrom.getTime())) problems.push('validUntil must be after validFrom');
      if (grant.agentSubject.trim().length === 0) problems.push('name the agent');
      if (problems.length > 0) throw new StorageError('INVALID_CONSENT_GRANT', `invalid proxy authorization: ${problems.join('; ')}`);
      const rows = await db.query<ProxyRow>(
        `INSERT INTO proxy_authorizations (id, subject_key, subject_masked, agent_subject, scopes, valid_from, valid_until, granted_at)
         VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8) RETURNING ${COLUMNS}`,
        [randomUUID(), grant.subjectKey, grant.subjectMasked, grant.agentSubject, [...new Set(grant.scopes)], grant.validFrom, grant.validUntil, now()],
      );
      return toAuthorization(rows[0]!, now());
    },

    async revoke(id, subjectKey, at) {
      const row = await revokeOwnedRow<ProxyRow>(db, 'proxy_authorizations', COLUMNS, id, subjectKey, at);
      return row ? toAuthorization(row, at) : null;
    },

    async get(id, at) {
      if (!UUID.test(id)) return null;
      const [row] = await db.query<ProxyRow>(`SELECT ${COLUMNS} FROM proxy_authorizations WHERE id = $1`, [id]);
      return row ? toAuthorization(row, at) : null;
    },

    async listForSubject(subjectKey, at) {
      const rows = await db.query<ProxyRow>(`SELECT ${COLUMNS} FROM proxy_authorizations WHERE subject_key = $1 ORDER BY position DESC`, [subjectKey]);
      return rows.map((row) => toAuthorization(row, at));
    },
  };
}
