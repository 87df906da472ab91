/**
 * What consents and proxy authorizations share: a row a data subject owns, found by its id, and
 * withdrawn only by that subject. Someone else's id, or a malformed one, is "none of theirs" — never
 * an error that would tell them it exists.
 */
import type { SqlDatabase } from './database';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Revokes the subject's row; revoking twice keeps the first revocation time. Null when it is not theirs. */
export async function revokeOwnedRow<Row>(db: SqlDatabase, table: string, columns: string, id: string, subjectKey: string, at: Date): Promise<Row | null> {
  if (!UUID.test(id)) return null;
  const revoked = await db.query<Row>(`UPDATE ${table} SET revoked_at = $3 WHERE id = $1 AND subject_key = $2 AND revoked_at IS NULL RETURNING ${columns}`, [id, subjectKey, at]);
  const rows = revoked.length > 0 ? revoked : await db.query<Row>(`SELECT ${columns} FROM ${table} WHERE id = $1 AND subject_key = $2`, [id, subjectKey]);
  return rows[0] ?? null;
}
