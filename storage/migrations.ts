/**
 * The schema, as a versioned list of migrations applied once each and recorded in
 * schema_migrations. Append new versions at the end; never edit one that has shipped.
 * Each statement is run on its own (PGlite's extended protocol takes one statement at a time).
 */
import { createHash } from 'node:crypto';
import type { SqlDatabase } from './database';

export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

/** Session setting that lets the purge delete from the append-only table (see the trigger below). */
export const PURGE_SETTING = 'hpf.access_record_purge';

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'consents',
    statements: [
      `CREATE TABLE consents (
        id uuid PRIMARY KEY,
        -- Insertion order, to tell apart consents granted in the same instant ("newest first").
        position bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        subject_key text NOT NULL,
        subject_masked text NOT NULL,
        subject_role text NOT NULL,
        kind text NOT NULL,
        purpose text NOT NULL,
        scopes jsonb NOT NULL CHECK (jsonb_typeof(scopes) = 'array' AND jsonb_array_length(scopes) > 0),
        granted_to_centre text NOT NULL,
        authorization_ref text,
        application_id text,
        valid_from timestamptz NOT NULL,
        valid_until timestamptz NOT NULL,
        recorded_by text NOT NULL,
        granted_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CHECK (valid_until > valid_from),
        -- 征信业管理条例 art. 18: a credit query needs the subject's written authorization.
        CHECK (kind <> 'CREDIT_QUERY' OR authorization_ref IS NOT NULL)
      )`,
      `CREATE INDEX consents_by_subject ON consents (subject_key, kind, purpose, granted_to_centre)`,
    ],
  },
  {
    version: 2,
    name: 'access records, hash-chained and append-only',
    statements: [
      `CREATE TABLE access_records (
        sequence bigint PRIMARY KEY CHECK (sequence > 0),
        accessed_at timestamptz NOT NULL,
        request_id text NOT NULL,
        actor_subject text NOT NULL,
        actor_role text NOT NULL,
        actor_centre text,
        subject_key text NOT NULL,
        subject_masked text NOT NULL,
        agency text NOT NULL,
        fields text[] NOT NULL,
        purpose text NOT NULL,
        legal_basis text NOT NULL,
        consent_id text,
        application_id text,
        previous_hash text NOT NULL,
        hash text NOT NULL
      )`,
      `CREATE INDEX access_records_by_subject ON access_records (subject_key, sequence DESC)`,
      `CREATE INDEX access_records_by_actor ON access_records (actor_subject, sequence DESC)`,
      `CREATE INDEX access_records_by_agency ON access_records (agency, sequence DESC)`,
      `CREATE INDEX access_records_by_time ON access_records (accessed_at)`,
      // Where verification starts once older records are purged: the last purged record.
      `CREATE TABLE access_record_checkpoints (
        sequence bigint PRIMARY KEY,
        hash text NOT NULL,
        purged_before timestamptz NOT NULL,
        records_purged integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      // Append-only in the table itself, not by convention: updates are refused, and deletes only
      // pass inside the purge's transaction. This stops mistakes; a superuser can still tamper,
      // which is what the hash chain is there to reveal.
      `CREATE FUNCTION access_records_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('DELETE', 'TRUNCATE') AND current_setting('${PURGE_SETTING}', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'access_records is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`,
      `CREATE TRIGGER access_records_append_only BEFORE UPDATE OR DELETE ON access_records
        FOR EACH ROW EXECUTE FUNCTION access_records_refuse_change()`,
      `CREATE TRIGGER access_records_no_truncate BEFORE TRUNCATE ON access_records
        FOR EACH STATEMENT EXECUTE FUNCTION access_records_refuse_change()`,
    ],
  },
  {
    version: 3,
    name: 'loan applications and their steps',
    statements: [
      `CREATE TABLE loan_applications (
        id uuid PRIMARY KEY,
        position bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        -- The same key from the same submitter is the same application, never two.
        idempotency_key text NOT NULL,
        submitted_by text NOT NULL,
        submitted_by_role text NOT NULL,
        centre text NOT NULL,
        applicant_key text NOT NULL,
        request jsonb NOT NULL,
        request_hash text NOT NULL,
        status text NOT NULL,
        decision jsonb,
        officer_decision jsonb,
        accepted_at timestamptz NOT NULL,
        decision_due_at timestamptz NOT NULL,
        decided_at timestamptz,
        completed_at timestamptz,
        is_test_case boolean NOT NULL DEFAULT false,
        UNIQUE (submitted_by, idempotency_key)
      )`,
      `CREATE INDEX loan_applications_by_centre ON loan_applications (centre, position DESC)`,
      `CREATE INDEX loan_applications_by_applicant ON loan_applications (applicant_key, position DESC)`,
      `CREATE TABLE loan_steps (
        application_id uuid NOT NULL REFERENCES loan_applications (id),
        step text NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        give_up_at timestamptz NOT NULL,
        lease_owner text,
        lease_until timestamptz,
        outcome jsonb,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (application_id, step)
      )`,
      `CREATE INDEX loan_steps_due ON loan_steps (next_attempt_at) WHERE status IN ('PENDING', 'UNAVAILABLE')`,
      `CREATE TABLE loan_events (
        position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES loan_applications (id),
        at timestamptz NOT NULL,
        step text,
        kind text NOT NULL,
        detail jsonb NOT NULL
      )`,
      `CREATE INDEX loan_events_by_application ON loan_events (application_id, position)`,
    ],
  },
  {
    version: 4,
    name: 'loan contract signatures',
    statements: [
      `CREATE TABLE loan_signatures (
        application_id uuid NOT NULL REFERENCES loan_applications (id),
        signer_key text NOT NULL,
        signer_masked text NOT NULL,
        key_thumbprint text NOT NULL,
        signature text NOT NULL,
        contract_sha256 text NOT NULL,
        identity_proof_ref text NOT NULL,
        signed_at timestamptz NOT NULL,
        PRIMARY KEY (application_id, signer_key)
      )`,
    ],
  },
  {
    version: 5,
    name: 'reviews of completed applications (好差评)',
    statements: [
      `CREATE TABLE loan_reviews (
        application_id uuid PRIMARY KEY REFERENCES loan_applications (id),
        score integer NOT NULL CHECK (score BETWEEN 1 AND 5),
        comment text NOT NULL,
        reviewed_at timestamptz NOT NULL
      )`,
    ],
  },
  {
    version: 6,
    name: 'cases: consents per application, proxy authorizations (委托书), one credit query per person and application',
    statements: [
      `CREATE INDEX consents_by_application ON consents (application_id, subject_key)`,
      // Every borrower finds the applications naming them, to give their own consent there.
      `ALTER TABLE loan_applications ADD COLUMN party_keys text[] NOT NULL DEFAULT '{}'`,
      `CREATE INDEX loan_applications_by_party ON loan_applications USING gin (party_keys)`,
      // A consent that arrives while its step is being worked must not be lost when the step ends waiting.
      `ALTER TABLE loan_steps ADD COLUMN resume_requested boolean NOT NULL DEFAULT false`,
      // 帮代办: what the applicant authorized a named agent or service hall to do for them, and until when.
      `CREATE TABLE proxy_authorizations (
        id uuid PRIMARY KEY,
        position bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        subject_key text NOT NULL,
        subject_masked text NOT NULL,
        agent_subject text NOT NULL,
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
        valid_from timestamptz NOT NULL,
        valid_until timestamptz NOT NULL,
        granted_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CHECK (valid_until > valid_from)
      )`,
      `CREATE INDEX proxy_authorizations_by_subject ON proxy_authorizations (subject_key, position DESC)`,
      // The PBoC is queried once per person per application (one hard query); later reads use this.
      `CREATE TABLE credit_queries (
        application_id uuid NOT NULL REFERENCES loan_applications (id),
        subject_key text NOT NULL,
        consent_id text NOT NULL,
        report jsonb NOT NULL,
        queried_at timestamptz NOT NULL,
        PRIMARY KEY (application_id, subject_key)
      )`,
    ],
  },
  {
    version: 7,
    name: 'access records: keyed chain, its identity, append-only checkpoints, purge by the owner only',
    statements: [
      // The chain's identity, which every signed checkpoint outside the database names, and the
      // first record hashed with the chain key: the records already stored keep their unkeyed hash.
      `CREATE TABLE access_record_chain (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        single boolean NOT NULL DEFAULT true UNIQUE CHECK (single),
        keyed_from bigint NOT NULL CHECK (keyed_from > 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `INSERT INTO access_record_chain (keyed_from)
        SELECT greatest(coalesce((SELECT max(sequence) FROM access_records), 0), coalesce((SELECT max(sequence) FROM access_record_checkpoints), 0)) + 1`,
      // Neither the chain's identity nor a purge checkpoint is ever changed or removed.
      `CREATE FUNCTION access_record_meta_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`,
      `CREATE TRIGGER access_record_checkpoints_append_only BEFORE UPDATE OR DELETE ON access_record_checkpoints
        FOR EACH ROW EXECUTE FUNCTION access_record_meta_refuse_change()`,
      `CREATE TRIGGER access_record_checkpoints_no_truncate BEFORE TRUNCATE ON access_record_checkpoints
        FOR EACH STATEMENT EXECUTE FUNCTION access_record_meta_refuse_change()`,
      `CREATE TRIGGER access_record_chain_fixed BEFORE UPDATE OR DELETE ON access_record_chain
        FOR EACH ROW EXECUTE FUNCTION access_record_meta_refuse_change()`,
      `CREATE TRIGGER access_record_chain_no_truncate BEFORE TRUNCATE ON access_record_chain
        FOR EACH STATEMENT EXECUTE FUNCTION access_record_meta_refuse_change()`,
      // The purge setting alone no longer opens the table: only a role owning it (the operator's,
      // DATABASE_ADMIN_URL) may delete, and nobody may truncate. The application's own role has no
      // DELETE privilege at all when the roles are separate (storage/privileges.ts).
      `CREATE OR REPLACE FUNCTION access_records_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('${PURGE_SETTING}', true) = 'on'
           AND pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'USAGE') THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'access_records is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`,
    ],
  },
  {
    version: 8,
    name: 'idempotency per centre: one key, one application, whichever officer of the centre sends it',
    statements: [
      `ALTER TABLE loan_applications DROP CONSTRAINT loan_applications_submitted_by_idempotency_key_key`,
      `ALTER TABLE loan_applications ADD CONSTRAINT loan_applications_centre_idempotency_key UNIQUE (centre, idempotency_key)`,
    ],
  },
  {
    version: 9,
    name: 'one open application per applicant and property; the step index the worker and the officers queue read',
    statements: [
      `ALTER TABLE loan_applications ADD COLUMN open_key text`,
      // Open: still to be decided, or approved and not yet finished. A decided-and-closed one frees the key.
      `CREATE UNIQUE INDEX loan_applications_one_open ON loan_applications (open_key) WHERE open_key IS NOT NULL AND status IN ('ACCEPTED', 'REFERRED', 'APPROVED')`,
      `CREATE INDEX loan_steps_by_status ON loan_steps (status, application_id)`,
    ],
  },
  {
    version: 10,
    name: 'access records: one per request and agency, listing its subjects; found by each subject',
    statements: [
      // Each person read, with their ground, case and fields (storage/access-chain.ts hashes the list).
      // The person-layout columns stay for the records written before; new records leave them null.
      `ALTER TABLE access_records ADD COLUMN subjects jsonb CHECK (subjects IS NULL OR (jsonb_typeof(subjects) = 'array' AND jsonb_array_length(subjects) > 0))`,
      `ALTER TABLE access_records ALTER COLUMN subject_key DROP NOT NULL`,
      `ALTER TABLE access_records ALTER COLUMN subject_masked DROP NOT NULL`,
      `ALTER TABLE access_records ALTER COLUMN fields DROP NOT NULL`,
      `ALTER TABLE access_records ALTER COLUMN legal_basis DROP NOT NULL`,
      `ALTER TABLE access_records ADD CONSTRAINT access_records_one_layout CHECK (
        subjects IS NOT NULL OR (subject_key IS NOT NULL AND subject_masked IS NOT NULL AND fields IS NOT NULL AND legal_basis IS NOT NULL))`,
      // Every subject of a record, derived by the database from the hashed content (of either layout),
      // so the index a person's records are found by can never say other than the chain vouches for.
      // (A generated column takes immutable functions only, which jsonb_build_array is not; a subject
      // key is hex, so the one-element array of a person-layout record is written out as text.)
      `ALTER TABLE access_records ADD COLUMN subject_keys jsonb GENERATED ALWAYS AS (
        CASE WHEN subjects IS NULL THEN ('["' || subject_key || '"]')::jsonb ELSE jsonb_path_query_array(subjects, '$[*].subjectKey') END) STORED`,
      `CREATE INDEX access_records_by_subjects ON access_records USING gin (subject_keys jsonb_path_ops)`,
      `DROP INDEX access_records_by_subject`,
    ],
  },
  {
    version: 11,
    name: 'notices of loan applications: an outbox written with each change, its deliveries, the centres\' webhooks',
    statements: [
      // A centre's own system, told of its applications' notices; the secret signs each payload (HMAC).
      `CREATE TABLE notice_webhooks (
        id uuid PRIMARY KEY,
        centre text NOT NULL,
        url text NOT NULL,
        secret text NOT NULL,
        registered_by text NOT NULL,
        registered_at timestamptz NOT NULL,
        UNIQUE (centre, url)
      )`,
      // Written in the transaction of the change it tells of; once per application and key.
      `CREATE TABLE loan_notices (
        id uuid PRIMARY KEY,
        position bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        application_id uuid NOT NULL REFERENCES loan_applications (id),
        notice_key text NOT NULL,
        kind text NOT NULL,
        detail jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        UNIQUE (application_id, notice_key)
      )`,
      // One per notice and receiver (an SMS recipient, a webhook), leased like a step, at least once.
      `CREATE TABLE loan_notice_deliveries (
        notice_id uuid NOT NULL REFERENCES loan_notices (id),
        target text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('SMS', 'WEBHOOK')),
        webhook_id uuid REFERENCES notice_webhooks (id),
        status text NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        lease_owner text,
        lease_until timestamptz,
        last_error text,
        finished_at timestamptz,
        PRIMARY KEY (notice_id, target),
        CHECK ((channel = 'WEBHOOK') = (webhook_id IS NOT NULL))
      )`,
      `CREATE INDEX loan_notice_deliveries_due ON loan_notice_deliveries (next_attempt_at) WHERE status = 'PENDING'`,
    ],
  },
  {
    version: 12,
    name: "a centre's webhooks can be removed: kept for their deliveries' history, none new, the URL free to register again",
    statements: [
      `ALTER TABLE notice_webhooks ADD COLUMN removed_at timestamptz`,
      `ALTER TABLE notice_webhooks ADD COLUMN removed_by text`,
      `ALTER TABLE notice_webhooks DROP CONSTRAINT notice_webhooks_centre_url_key`,
      `CREATE UNIQUE INDEX notice_webhooks_in_use ON notice_webhooks (centre, url) WHERE removed_at IS NULL`,
    ],
  },
  {
    version: 13,
    name: "access records' subject lists compressed with lz4 where the server has it",
    statements: [
      // A record of fifty people is a few kilobytes of JSON, compressed as it is stored. pglz, the
      // default, cost about a quarter of PostgreSQL's time per append (npm run bench, README); lz4
      // compresses as well for this text at a fraction of it. New rows only; a server built
      // without lz4 (the embedded store) keeps pglz.
      `DO $$ BEGIN
        ALTER TABLE access_records ALTER COLUMN subjects SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported THEN NULL;
      END $$`,
    ],
  },
];

/** Names the schema these migrations make: a new embedded store's template is made per digest. */
export const MIGRATIONS_DIGEST = createHash('sha256').update(JSON.stringify(MIGRATIONS)).digest('hex').slice(0, 16);

/** Any constant shared by every process of the platform: serializes concurrent start-ups. */
const MIGRATION_LOCK = 4_721_308_119_001;

export async function migrate(db: SqlDatabase, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => row.version),
    );
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      done.push(migration.version);
    }
    return done;
  });
}

/**
 * The versions not yet applied, read without creating anything: a role that may not change the
 * schema (the application's, when DATABASE_ADMIN_URL holds the owner) can still ask.
 */
export async function pendingMigrations(db: SqlDatabase, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const [table] = await db.query<{ name: string | null }>(`SELECT to_regclass('schema_migrations')::text AS name`);
  const applied = new Set(
    table?.name ? (await db.query<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => Number(row.version)) : [],
  );
  return migrations.map((migration) => migration.version).filter((version) => !applied.has(version)).sort((a, b) => a - b);
}
