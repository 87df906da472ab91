/**
 * Two PostgreSQL roles, so the application cannot rewrite the access record at all:
 *   operator (DATABASE_ADMIN_URL): owns the tables; runs the migrations and the purge;
 *   application (DATABASE_URL): reads and writes the working tables, but may only INSERT and
 *     SELECT access records, and only SELECT the chain's identity, its purge checkpoints and
 *     the migration list — no UPDATE, DELETE or TRUNCATE, no triggers to disable.
 * The operator grants the application role its privileges after each migration, so tables added by
 * later migrations are covered too. One role for both (only DATABASE_URL set) still works, as in
 * development, and is reported: that role owns the tables and could delete records.
 */
import type { SqlDatabase } from './database';
import { assertSchemaName } from './postgres-database';

/** Tables only the operator may change: the application reads them (and appends access records). */
const PROTECTED_TABLES = ['access_records', 'access_record_checkpoints', 'access_record_chain', 'schema_migrations'];

/** Serializes the grants of processes starting at once (concurrent GRANTs on one object fail). */
const GRANT_LOCK = 4_721_308_119_003;

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function currentRole(db: SqlDatabase): Promise<string> {
  const [row] = await db.query<{ role: string }>('SELECT current_user AS role');
  return row!.role;
}

/** Grants the application role what it needs in the schema, and nothing that rewrites the access record. */
export async function grantApplicationRole(admin: SqlDatabase, schema: string, role: string): Promise<void> {
  assertSchemaName(schema);
  const grantee = quoteIdentifier(role);
  await admin.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [GRANT_LOCK]);
    await tx.query(`GRANT USAGE ON SCHEMA ${schema} TO ${grantee}`);
    await tx.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${grantee}`);
    await tx.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${grantee}`);
    const present: string[] = [];
    for (const table of PROTECTED_TABLES) {
      const [row] = await tx.query<{ name: string | null }>('SELECT to_regclass($1)::text AS name', [table]);
      if (row?.name) present.push(table);
    }
    if (present.length > 0) await tx.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${present.join(', ')} FROM ${grantee}`);
    if (present.includes('access_records')) await tx.query(`GRANT INSERT ON access_records TO ${grantee}`);
  });
}

/** Whether this connection's role could change or remove stored access records (owner, superuser, or granted). */
export async function canRewriteAccessRecords(db: SqlDatabase): Promise<boolean> {
  const [row] = await db.query<{ can: boolean }>(
    `SELECT has_table_privilege('access_records', 'UPDATE') OR has_table_privilege('access_records', 'DELETE')
        OR has_table_privilege('access_records', 'TRUNCATE')
        OR pg_has_role((SELECT relowner FROM pg_class WHERE oid = 'access_records'::regclass), 'USAGE') AS can`,
  );
  return row?.can === true;
}
