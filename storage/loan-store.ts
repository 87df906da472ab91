/**
 * The loan application store over SqlDatabase (PostgreSQL or embedded PGlite, same SQL).
 * Leases with SKIP LOCKED make step processing safe across instances; writes that finish a step
 * are fenced by the lease owner, so a step taken over after a crash is never finished twice.
 */
import { randomUUID } from 'node:crypto';
import type { SqlDatabase, SqlExecutor } from './database';
import {
  GATHER_STEPS,
  type LoanApplicationRow,
  type LoanEvent,
  type LoanStepName,
  type LoanStepRow,
  type LoanStore,
} from './loan-types';

interface ApplicationRow {
  id: string;
  position: string | number;
  idempotency_key: string;
  submitted_by: string;
  submitted_by_role: string;
  centre: string;
  applicant_key: string;
  request: LoanApplicationRow['request'] | string;
  request_hash: string;
  status: LoanApplicationRow['status'];
  decision: unknown;
  officer_decision: LoanApplicationRow['officerDecision'] | string | null;
  accepted_at: Date | string;
  decision_due_at: Date | string;
  decided_at: Date | string | null;
  is_test_case: boolean;
}

interface StepRow {
  application_id: string;
  step: LoanStepName;
  status: LoanStepRow['status'];
  attempts: number;
  next_attempt_at: Date | string;
  give_up_at: Date | string;
  outcome: unknown;
  updated_at: Date | string;
}

const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
const date = (value: Date | string) => new Date(value);

function toApplication(row: ApplicationRow): LoanApplicationRow & { requestHash: string } {
  return {
    id: row.id,
    position: Number(row.position),
    idempotencyKey: row.idempotency_key,
    submittedBy: row.submitted_by,
    submittedByRole: row.submitted_by_role,
    centre: row.centre,
    applicantKey: row.applicant_key,
    request: json(row.request),
    requestHash: row.request_hash,
    status: row.status,
    decision: row.decision === null ? null : json(row.decision),
    officerDecision: row.officer_decision === null ? null : json(row.officer_decision),
    acceptedAt: date(row.accepted_at),
    decisionDueAt: date(row.decision_due_at),
    decidedAt: row.decided_at === null ? null : date(row.decided_at),
    isTestCase: row.is_test_case,
  };
}

function toStep(row: StepRow): LoanStepRow {
  return {
    applicationId: row.application_id,
    step: row.step,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: date(row.next_attempt_at),
    giveUpAt: date(row.give_up_at),
    outcome: row.outcome === null ? null : json(row.outcome),
    updatedAt: date(row.updated_at),
  };
}

const APPLICATION_COLUMNS = `id, position, idempotency_key, submitted_by, submitted_by_role, centre, applicant_key, request, request_hash,
  status, decision, officer_decision, accepted_at, decision_due_at, decided_at, is_test_case`;
const STEP_COLUMNS = 'application_id, step, status, attempts, next_attempt_at, give_up_at, outcome, updated_at';

async function addEvent(tx: SqlExecutor, applicationId: string, at: Date, step: LoanStepName | null, kind: string, detail: Record<string, unknown>): Promise<void> {
  await tx.query('INSERT INTO loan_events (application_id, at, step, kind, detail) VALUES ($1, $2, $3, $4, $5::jsonb)', [applicationId, at, step, kind, JSON.stringify(detail)]);
}

/** Serialises the step completions of one application, so DECIDE is unblocked exactly once. */
async function lockApplication(tx: SqlExecutor, applicationId: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('loan:' || $1))", [applicationId]);
}

interface SignatureRow {
  signer_key: string;
  signer_masked: string;
  key_thumbprint: string;
  signature: string;
  contract_sha256: string;
  identity_proof_ref: string;
  signed_at: Date | string;
}

export function createLoanStore(db: SqlDatabase): LoanStore {
  return {
    async addReview(applicationId, score, comment, now) {
      return db.transaction(async (tx) => {
        const inserted = await tx.query<{ application_id: string }>(
          'INSERT INTO loan_reviews (application_id, score, comment, reviewed_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING application_id',
          [applicationId, score, comment, now],
        );
        if (inserted.length > 0) await addEvent(tx, applicationId, now, null, 'REVIEWED', { score });
        return inserted.length > 0;
      });
    },

    async statistics(centre) {
      const statuses = await db.query<{ status: string; count: string }>(
        'SELECT status, count(*) AS count FROM loan_applications WHERE centre = $1 AND NOT is_test_case GROUP BY status',
        [centre],
      );
      const [times] = await db.query<{ to_decision: number | null; to_completion: number | null }>(
        `SELECT
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - accepted_at) / 60) FILTER (WHERE decided_at IS NOT NULL) AS to_decision,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - accepted_at) / 60) FILTER (WHERE completed_at IS NOT NULL) AS to_completion
         FROM loan_applications WHERE centre = $1 AND NOT is_test_case`,
        [centre],
      );
      const [reviews] = await db.query<{ count: string; average: number | null }>(
        `SELECT count(*) AS count, avg(r.score)::float8 AS average FROM loan_reviews r JOIN loan_applications a ON a.id = r.application_id
         WHERE a.centre = $1 AND NOT a.is_test_case`,
        [centre],
      );
      const round = (value: number | null | undefined) => (value === null || value === undefined ? null : Math.round(Number(value) * 100) / 100);
      return {
        byStatus: Object.fromEntries(statuses.map((row) => [row.status, Number(row.count)])),
        medianMinutesToDecision: round(times?.to_decision),
        medianMinutesToCompletion: round(times?.to_completion),
        reviews: Number(reviews?.count ?? 0),
        averageReviewScore: round(reviews?.average),
      };
    },

    async addSignature(applicationId, signature, requiredSignerKeys, now) {
      return db.transaction(async (tx) => {
        await lockApplication(tx, applicationId);
        const inserted = await tx.query<{ signer_key: string }>(
          `INSERT INTO loan_signatures (application_id, signer_key, signer_masked, key_thumbprint, signature, contract_sha256, identity_proof_ref, signed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (application_id, signer_key) DO NOTHING RETURNING signer_key`,
          [applicationId, signature.signerKey, signature.signerMasked, signature.keyThumbprint, signature.signature, signature.contractSha256, signature.identityProof, now],
        );
        if (inserted.length > 0) await addEvent(tx, applicationId, now, null, 'SIGNED', { signer: signature.signerMasked, keyThumbprint: signature.keyThumbprint, identityProof: signature.identityProof });
        const signed = new Set((await tx.query<{ signer_key: string }>('SELECT signer_key FROM loan_signatures WHERE application_id = $1', [applicationId])).map((row) => row.signer_key));
        const allSigned = requiredSignerKeys.every((key) => signed.has(key));
        if (allSigned) {
          const created = await tx.query<{ step: string }>(
            `INSERT INTO loan_steps (application_id, step, status, next_attempt_at, give_up_at, updated_at)
             VALUES ($1, 'REGISTER_MORTGAGE', 'PENDING', $2, $3, $2) ON CONFLICT DO NOTHING RETURNING step`,
            [applicationId, now, new Date(now.getTime() + 7 * 24 * 3600 * 1000)],
          );
          if (created.length > 0) await addEvent(tx, applicationId, now, 'REGISTER_MORTGAGE', 'ALL_SIGNED', { signers: requiredSignerKeys.length });
        }
        return { allSigned };
      });
    },

    async signatures(applicationId) {
      const rows = await db.query<SignatureRow>(
        'SELECT signer_key, signer_masked, key_thumbprint, signature, contract_sha256, identity_proof_ref, signed_at FROM loan_signatures WHERE application_id = $1 ORDER BY signed_at',
        [applicationId],
      );
      return rows.map((row) => ({
        signerKey: row.signer_key,
        signerMasked: row.signer_masked,
        keyThumbprint: row.key_thumbprint,
        signature: row.signature,
        contractSha256: row.contract_sha256,
        identityProof: row.identity_proof_ref,
        signedAt: date(row.signed_at),
      }));
    },

    async completeMortgage(owner, applicationId, outcome, now) {
      return db.transaction(async (tx) => {
        await lockApplication(tx, applicationId);
        const updated = await tx.query<{ step: string }>(
          `UPDATE loan_steps SET status = 'DONE', outcome = $3::jsonb, lease_owner = NULL, lease_until = NULL, updated_at = $4
           WHERE application_id = $1 AND step = 'REGISTER_MORTGAGE' AND lease_owner = $2 RETURNING step`,
          [applicationId, owner, JSON.stringify(outcome), now],
        );
        if (updated.length === 0) return false;
        await tx.query(`UPDATE loan_applications SET status = 'READY_FOR_DISBURSEMENT', completed_at = $2 WHERE id = $1`, [applicationId, now]);
        await addEvent(tx, applicationId, now, 'REGISTER_MORTGAGE', 'MORTGAGE_REGISTERED', {
          certificateNumber: outcome.certificateNumber as string,
          eCertificateSha256: outcome.eCertificateSha256 as string,
        });
        return true;
      });
    },

    async submit(input) {
      return db.transaction(async (tx) => {
        const id = randomUUID();
        const inserted = await tx.query<ApplicationRow>(
          `INSERT INTO loan_applications (id, idempotency_key, submitted_by, submitted_by_role, centre, applicant_key, request, request_hash,
             status, accepted_at, decision_due_at, is_test_case, party_keys)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, 'ACCEPTED', $9, $10, $11, $12::text[])
           ON CONFLICT (centre, idempotency_key) DO NOTHING
           RETURNING ${APPLICATION_COLUMNS}`,
          [id, input.idempotencyKey, input.submittedBy, input.submittedByRole, input.centre, input.applicantKey, JSON.stringify(input.request), input.requestHash, input.now, input.decisionDueAt, input.isTestCase, [...input.partyKeys]],
        );
        if (inserted.length === 0) {
          const [existing] = await tx.query<ApplicationRow>(`SELECT ${APPLICATION_COLUMNS} FROM loan_applications WHERE centre = $1 AND idempotency_key = $2`, [
            input.centre,
            input.idempotencyKey,
          ]);
          const application = toApplication(existing!);
          return { kind: application.requestHash === input.requestHash ? 'EXISTING' : 'KEY_REUSED', application };
        }
        for (const step of GATHER_STEPS) {
          await tx.query(`INSERT INTO loan_steps (application_id, step, status, next_attempt_at, give_up_at, updated_at) VALUES ($1, $2, 'PENDING', $3, $4, $3)`, [id, step, input.now, input.giveUpAt]);
        }
        await tx.query(`INSERT INTO loan_steps (application_id, step, status, next_attempt_at, give_up_at, updated_at) VALUES ($1, 'DECIDE', 'BLOCKED', $2, $3, $2)`, [id, input.now, input.giveUpAt]);
        await addEvent(tx, id, input.now, null, 'ACCEPTED', { decisionDueAt: input.decisionDueAt.toISOString(), submittedByRole: input.submittedByRole });
        return { kind: 'CREATED', application: toApplication(inserted[0]!) };
      });
    },

    async get(id) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const [row] = await db.query<ApplicationRow>(`SELECT ${APPLICATION_COLUMNS} FROM loan_applications WHERE id = $1`, [id]);
      return row ? toApplication(row) : null;
    },

    async steps(id) {
      return (await db.query<StepRow>(`SELECT ${STEP_COLUMNS} FROM loan_steps WHERE application_id = $1 ORDER BY step`, [id])).map(toStep);
    },

    async events(id) {
      const rows = await db.query<{ position: string | number; application_id: string; at: Date | string; step: LoanStepName | null; kind: string; detail: Record<string, unknown> | string }>(
        'SELECT position, application_id, at, step, kind, detail FROM loan_events WHERE application_id = $1 ORDER BY position',
        [id],
      );
      return rows.map((row): LoanEvent => ({ position: Number(row.position), applicationId: row.application_id, at: date(row.at), step: row.step, kind: row.kind, detail: json(row.detail) }));
    },

    async list(filter, page) {
      const conditions: string[] = [];
      const params: Array<string | number | boolean> = [];
      const add = (sql: string, value: string | number | boolean) => {
        params.push(value);
        conditions.push(sql.replace('?', `$${params.length}`));
      };
      if (filter.centre) add('centre = ?', filter.centre);
      if (filter.applicantKey) add('applicant_key = ?', filter.applicantKey);
      if (filter.partyKey) add('? = ANY(party_keys)', filter.partyKey);
      if (filter.status) add('status = ?', filter.status);
      if (!filter.includeTestCases) conditions.push('NOT is_test_case');
      if (page.after !== null) add('position < ?', page.after);
      params.push(Math.min(Math.max(page.limit, 1), 200));
      const rows = await db.query<ApplicationRow>(
        `SELECT ${APPLICATION_COLUMNS} FROM loan_applications ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY position DESC LIMIT $${params.length}`,
        params,
      );
      return rows.map(toApplication);
    },

    async claimDueSteps(owner, now, leaseMs, limit) {
      const rows = await db.query<StepRow>(
        `UPDATE loan_steps SET lease_owner = $1, lease_until = $2, attempts = attempts + 1, resume_requested = false
         WHERE (application_id, step) IN (
           SELECT application_id, step FROM loan_steps
           WHERE status IN ('PENDING', 'UNAVAILABLE') AND next_attempt_at <= $3 AND (lease_until IS NULL OR lease_until < $3)
           ORDER BY next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED)
         RETURNING ${STEP_COLUMNS}`,
        [owner, new Date(now.getTime() + leaseMs), now, limit],
      );
      return rows.map(toStep);
    },

    async completeStep(owner, applicationId, step, result, now) {
      return db.transaction(async (tx) => {
        await lockApplication(tx, applicationId);
        // A step that would wait for a consent granted while it ran is due again at once instead.
        const updated = await tx.query<{ step: string }>(
          `UPDATE loan_steps SET
             status = CASE WHEN $4 = 'AWAITING_CONSENT' AND resume_requested THEN 'PENDING' ELSE $4 END,
             outcome = $5::jsonb, next_attempt_at = $6, lease_owner = NULL, lease_until = NULL, updated_at = $7, resume_requested = false
           WHERE application_id = $1 AND step = $2 AND lease_owner = $3 RETURNING step`,
          [applicationId, step, owner, result.status, JSON.stringify(result.outcome ?? null), result.nextAttemptAt ?? now, now],
        );
        if (updated.length === 0) return false; // the lease was lost: another instance owns this step now
        await addEvent(tx, applicationId, now, step, result.event.kind, result.event.detail);
        const open = await tx.query<{ step: string }>(
          `SELECT step FROM loan_steps WHERE application_id = $1 AND step LIKE 'GATHER_%' AND status NOT IN ('DONE', 'GAVE_UP')`,
          [applicationId],
        );
        if (open.length === 0) {
          await tx.query(`UPDATE loan_steps SET status = 'PENDING', next_attempt_at = $2, updated_at = $2 WHERE application_id = $1 AND step = 'DECIDE' AND status = 'BLOCKED'`, [applicationId, now]);
        }
        return true;
      });
    },

    async resumeAwaitingConsent(applicationId, now) {
      if (!/^[0-9a-f-]{36}$/i.test(applicationId)) return 0;
      // Waiting steps are due now; steps being worked at this moment are flagged, so that one
      // finishing as "waiting" (it read before this consent existed) is due again instead.
      const resumed = await db.query<{ step: string; resume_requested: boolean }>(
        `UPDATE loan_steps SET
           status = CASE WHEN status = 'AWAITING_CONSENT' THEN 'PENDING' ELSE status END,
           next_attempt_at = CASE WHEN status = 'AWAITING_CONSENT' THEN $2 ELSE next_attempt_at END,
           resume_requested = lease_owner IS NOT NULL,
           updated_at = $2
         WHERE application_id = $1 AND (status = 'AWAITING_CONSENT' OR (lease_owner IS NOT NULL AND status IN ('PENDING', 'UNAVAILABLE')))
         RETURNING step, resume_requested`,
        [applicationId, now],
      );
      return resumed.filter((row) => !row.resume_requested).length;
    },

    async decide(owner, applicationId, status, decision, now) {
      return db.transaction(async (tx) => {
        await lockApplication(tx, applicationId);
        const updated = await tx.query<{ step: string }>(
          `UPDATE loan_steps SET status = 'DONE', outcome = $3::jsonb, lease_owner = NULL, lease_until = NULL, updated_at = $4
           WHERE application_id = $1 AND step = 'DECIDE' AND lease_owner = $2 AND status = 'PENDING' RETURNING step`,
          [applicationId, owner, JSON.stringify(decision), now],
        );
        if (updated.length === 0) return false;
        // Only an approval ends the 15-day clock here; a referral waits for the officer.
        await tx.query('UPDATE loan_applications SET status = $2, decision = $3::jsonb, decided_at = $4 WHERE id = $1', [
          applicationId,
          status,
          JSON.stringify(decision),
          status === 'APPROVED' ? now : null,
        ]);
        await addEvent(tx, applicationId, now, 'DECIDE', status === 'APPROVED' ? 'APPROVED_AUTOMATICALLY' : 'REFERRED_TO_OFFICER', { decision: decision as Record<string, unknown> });
        return true;
      });
    },

    async officerDecide(id, centre, outcome, reason, officer, now) {
      return db.transaction(async (tx) => {
        await lockApplication(tx, id);
        const rows = await tx.query<ApplicationRow>(
          `UPDATE loan_applications SET status = $3, officer_decision = $4::jsonb, decided_at = $5
           WHERE id = $1 AND centre = $2 AND status = 'REFERRED' RETURNING ${APPLICATION_COLUMNS}`,
          [id, centre, outcome, JSON.stringify({ outcome, reason, officer, at: now.toISOString() }), now],
        );
        if (rows.length === 0) return null;
        await addEvent(tx, id, now, null, outcome === 'APPROVED' ? 'APPROVED_BY_OFFICER' : 'REJECTED_BY_OFFICER', { reason, officer });
        return toApplication(rows[0]!);
      });
    },
  };
}
