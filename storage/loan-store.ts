/**
 * The loan application store over SqlDatabase (PostgreSQL or embedded PGlite, same SQL).
 * Leases with SKIP LOCKED make step processing safe across instances; writes that finish a step
 * are fenced by the lease owner, so a step taken over after a crash is never finished twice.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { SqlDatabase, SqlExecutor } from './database';
import type { CaseState, LoanApplicationRow, LoanEvent, LoanStepName, LoanStepRow, LoanStore, Transitions } from './loan-types';
import { caseConsentsSql, toConsentGround, type CaseConsentTuple } from './consent-store';
import { noticeMethods, writeNotices } from './notice-outbox';

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
  resume_requested: boolean;
  updated_at: Date | string;
}

const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
const date = (value: Date | string) => new Date(value);

/** A submission's key used before at its centre: the same request again (EXISTING), or another (KEY_REUSED). */
async function submissionOf(db: SqlExecutor, centre: string, idempotencyKey: string, requestHash: string): Promise<{ kind: 'EXISTING' | 'KEY_REUSED'; application: LoanApplicationRow } | null> {
  const [row] = await db.query<ApplicationRow>(`SELECT ${APPLICATION_COLUMNS} FROM loan_applications WHERE centre = $1 AND idempotency_key = $2`, [centre, idempotencyKey]);
  if (!row) return null;
  const application = toApplication(row);
  return { kind: application.requestHash === requestHash ? 'EXISTING' : 'KEY_REUSED', application };
}

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
    resumeRequested: row.resume_requested,
    updatedAt: date(row.updated_at),
  };
}

const APPLICATION_COLUMNS = `id, position, idempotency_key, submitted_by, submitted_by_role, centre, applicant_key, request, request_hash,
  status, decision, officer_decision, accepted_at, decision_due_at, decided_at, is_test_case`;
const STEP_COLUMNS = 'application_id, step, status, attempts, next_attempt_at, give_up_at, outcome, resume_requested, updated_at';

/** Where PostgreSQL tells every process that a step may be due (storage/index.ts listens). */
export const WORK_DUE_CHANNEL = 'hpf_loan_work_due';
const OPEN_STATUSES = "('ACCEPTED', 'REFERRED', 'APPROVED')";

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

/** The application as the change leaves it (what writeTransitions wrote), without reading it back. */
function changed(application: LoanApplicationRow, change: Transitions['application']): LoanApplicationRow {
  if (!change) return application;
  return {
    ...application,
    ...(change.status ? { status: change.status } : {}),
    ...(change.decision !== undefined ? { decision: change.decision } : {}),
    ...(change.decidedAt !== undefined ? { decidedAt: change.decidedAt } : {}),
    ...(change.officerDecision ? { officerDecision: change.officerDecision } : {}),
  };
}

async function readState(tx: SqlExecutor, applicationId: string): Promise<CaseState | null> {
  const [row] = await tx.query<ApplicationRow>(`SELECT ${APPLICATION_COLUMNS} FROM loan_applications WHERE id = $1`, [applicationId]);
  if (!row) return null;
  const steps = (await tx.query<StepRow>(`SELECT ${STEP_COLUMNS} FROM loan_steps WHERE application_id = $1 ORDER BY step`, [applicationId])).map(toStep);
  return { application: toApplication(row), steps };
}

/**
 * Writes what a plan decided, generically: the store knows no step, status rule or deadline.
 * Returns whether any step became due now (so waiting workers are woken once it commits).
 */
async function writeTransitions(tx: SqlExecutor, state: CaseState, transitions: Transitions, now: Date, engine: SqlDatabase['engine']): Promise<boolean> {
  const id = state.application.id;
  let due = false;
  for (const change of transitions.steps ?? []) {
    const nextAttemptAt = change.nextAttemptAt ?? now;
    if (change.status === 'PENDING' && nextAttemptAt.getTime() <= now.getTime()) due = true;
    if (state.steps.some((step) => step.step === change.step)) {
      await tx.query(
        `UPDATE loan_steps SET status = $3,
           outcome = CASE WHEN $4 THEN $5::jsonb ELSE outcome END,
           next_attempt_at = CASE WHEN $6 THEN $7::timestamptz ELSE next_attempt_at END,
           give_up_at = COALESCE($8::timestamptz, give_up_at), updated_at = $9
         WHERE application_id = $1 AND step = $2`,
        [id, change.step, change.status, change.outcome !== undefined, JSON.stringify(change.outcome ?? null), change.nextAttemptAt !== undefined || change.status === 'PENDING', nextAttemptAt, change.giveUpAt ?? null, now],
      );
    } else {
      if (!change.giveUpAt) throw new Error(`a new step (${change.step}) needs its giveUpAt`);
      await tx.query(
        `INSERT INTO loan_steps (application_id, step, status, outcome, next_attempt_at, give_up_at, updated_at) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)`,
        [id, change.step, change.status, JSON.stringify(change.outcome ?? null), nextAttemptAt, change.giveUpAt, now],
      );
    }
  }
  const app = transitions.application;
  if (app) {
    await tx.query(
      `UPDATE loan_applications SET
         status = COALESCE($2, status),
         decision = CASE WHEN $3 THEN $4::jsonb ELSE decision END,
         decided_at = CASE WHEN $5 THEN $6::timestamptz ELSE decided_at END,
         officer_decision = COALESCE($7::jsonb, officer_decision),
         completed_at = COALESCE($8::timestamptz, completed_at)
       WHERE id = $1`,
      [
        id,
        app.status ?? null,
        app.decision !== undefined,
        JSON.stringify(app.decision ?? null),
        app.decidedAt !== undefined,
        app.decidedAt ?? null,
        app.officerDecision ? JSON.stringify(app.officerDecision) : null,
        app.completedAt ?? null,
      ],
    );
  }
  for (const event of transitions.events ?? []) await addEvent(tx, id, now, event.step, event.kind, event.detail);
  // The notices of this change, in its own transaction (storage/notice-outbox.ts): a new one is work due.
  if (transitions.notices?.length && (await writeNotices(tx, state.application, transitions.notices, now))) due = true;
  // Delivered at commit, to every process listening (the embedded engine has only this one).
  if (due && engine === 'postgres') await tx.query('SELECT pg_notify($1, $2)', [WORK_DUE_CHANNEL, id]);
  return due;
}

/** The loan store; `sealingKey` seals the webhook secrets it keeps (sealed-secrets.ts). */
/**
 * A case in one statement: the application's row, its steps as one JSON array, and every consent
 * in force for it under the purpose ($2) and centre ($3) asked at $4 as another (by the
 * application's index; matching them to the request's questions is newestCovering's, in memory),
 * gated here on the application's centre and its status ($5) as well as by the caller. With an
 * agency ($6), only the consents naming it, each with its scope alone: a subgraph asks of no
 * other, and a list's case brings a fifth of the JSON to build and to parse.
 */
const READ_CASE = `SELECT ${APPLICATION_COLUMNS.split(',').map((column) => `a.${column.trim()}`).join(', ')},
     (SELECT coalesce(json_agg(s ORDER BY s.step), '[]'::json) FROM (SELECT ${STEP_COLUMNS} FROM loan_steps WHERE application_id = a.id) s) AS case_steps,
     (SELECT coalesce(json_agg(json_build_array(k.id, k.subject_key, k.kind,
          CASE WHEN $6::text IS NULL THEN k.scopes ELSE jsonb_path_query_array(k.scopes, '$[*] ? (@.agency == $agency)', jsonb_build_object('agency', $6::text)) END,
          k.authorization_ref) ORDER BY k.granted_at DESC, k.position DESC), '[]'::json) FROM (
        ${caseConsentsSql({ applicationId: 'a.id::text', purpose: '$2', centre: '$3', at: '$4' })}) k
      WHERE a.centre = $3 AND a.status = ANY($5::text[])
        AND ($6::text IS NULL OR k.scopes @> jsonb_build_array(jsonb_build_object('agency', $6::text)))) AS case_consents
   FROM loan_applications a WHERE a.id = $1`;

export function createLoanStore(db: SqlDatabase, sealingKey: Buffer): LoanStore {
  // Woken in this process at once; on PostgreSQL also by other processes' NOTIFY, listened to while
  // anyone here is listening.
  const workDue = new EventEmitter();
  workDue.setMaxListeners(0); // one listener per worker of this process, not a leak
  const wake = () => workDue.emit('due');
  let listening: Promise<(() => Promise<void>) | null> | null = null;
  const startListening = () => {
    listening ??= db.listen ? db.listen(WORK_DUE_CHANNEL, wake).catch(() => null) : Promise.resolve(null);
  };
  const stopListening = () => {
    const current = listening;
    listening = null;
    void current?.then((stop) => stop?.());
  };
  return {
    ...noticeMethods(db, sealingKey),
    onWorkDue(listener) {
      workDue.on('due', listener);
      startListening();
      return () => {
        workDue.off('due', listener);
        if (workDue.listenerCount('due') === 0) stopListening();
      };
    },

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

    async addSignature(applicationId, signature, plan, now) {
      const { signerKeys, due } = await db.transaction(async (tx) => {
        await lockApplication(tx, applicationId);
        const inserted = await tx.query<{ signer_key: string }>(
          `INSERT INTO loan_signatures (application_id, signer_key, signer_masked, key_thumbprint, signature, contract_sha256, identity_proof_ref, signed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (application_id, signer_key) DO NOTHING RETURNING signer_key`,
          [applicationId, signature.signerKey, signature.signerMasked, signature.keyThumbprint, signature.signature, signature.contractSha256, signature.identityProof, now],
        );
        if (inserted.length > 0) {
          await addEvent(tx, applicationId, now, null, 'SIGNED', {
            signer: signature.signerMasked,
            keyThumbprint: signature.keyThumbprint,
            identityProof: signature.identityProof,
            ...(signature.monthlyOffset === undefined ? {} : { monthlyOffset: signature.monthlyOffset }),
          });
        }
        const signerKeys = (await tx.query<{ signer_key: string }>('SELECT signer_key FROM loan_signatures WHERE application_id = $1', [applicationId])).map((row) => row.signer_key);
        const state = await readState(tx, applicationId);
        const transitions = state ? plan({ ...state, signerKeys }) : null;
        const due = state && transitions ? await writeTransitions(tx, state, transitions, now, db.engine) : false;
        return { signerKeys, due };
      });
      if (due) wake();
      return { signerKeys };
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

    async submit(input) {
      const outcome = await db.transaction(async (tx): Promise<Awaited<ReturnType<LoanStore['submit']>>> => {
        // Two submissions for one applicant and property take turns, so only one of them is open.
        await tx.query("SELECT pg_advisory_xact_lock(hashtext('loan-open:' || $1))", [input.openKey]);
        const earlier = await submissionOf(tx, input.centre, input.idempotencyKey, input.requestHash);
        if (earlier) return earlier;
        const [open] = await tx.query<ApplicationRow>(`SELECT ${APPLICATION_COLUMNS} FROM loan_applications WHERE open_key = $1 AND status IN ${OPEN_STATUSES}`, [input.openKey]);
        if (open) return { kind: 'OPEN_APPLICATION_EXISTS', application: toApplication(open) };
        const id = randomUUID();
        const [inserted] = await tx.query<ApplicationRow>(
          `INSERT INTO loan_applications (id, idempotency_key, submitted_by, submitted_by_role, centre, applicant_key, request, request_hash,
             status, accepted_at, decision_due_at, is_test_case, party_keys, open_key)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, 'ACCEPTED', $9, $10, $11, $12::text[], $13)
           RETURNING ${APPLICATION_COLUMNS}`,
          [id, input.idempotencyKey, input.submittedBy, input.submittedByRole, input.centre, input.applicantKey, JSON.stringify(input.request), input.requestHash, input.now, input.decisionDueAt, input.isTestCase, [...input.partyKeys], input.openKey],
        );
        const state: CaseState = { application: toApplication(inserted!), steps: [] };
        await writeTransitions(tx, state, { steps: input.steps.map((step) => ({ ...step })), events: [{ step: null, ...input.acceptedEvent }], notices: input.notices ?? [] }, input.now, db.engine);
        return { kind: 'CREATED', application: state.application };
      });
      if (outcome.kind === 'CREATED') wake();
      return outcome;
    },

    findSubmission: (centre, idempotencyKey, requestHash) => submissionOf(db, centre, idempotencyKey, requestHash),

    async get(id) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const [row] = await db.query<ApplicationRow>(`SELECT ${APPLICATION_COLUMNS} FROM loan_applications WHERE id = $1`, [id]);
      return row ? toApplication(row) : null;
    },

    async steps(id) {
      return (await db.query<StepRow>(`SELECT ${STEP_COLUMNS} FROM loan_steps WHERE application_id = $1 ORDER BY step`, [id])).map(toStep);
    },

    async readCase(id, consents) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const [row] = await db.query<ApplicationRow & { case_steps: StepRow[] | string; case_consents: CaseConsentTuple[] | string }>(READ_CASE, [
        id,
        consents?.purpose ?? null,
        consents?.centre ?? null,
        consents?.at ?? new Date(),
        [...(consents?.openStatuses ?? [])],
        consents?.agency ?? null,
      ]);
      if (!row) return null;
      return {
        application: toApplication(row),
        steps: json(row.case_steps).map(toStep),
        consents: consents ? json(row.case_consents).map(toConsentGround) : [],
      };
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
      if (filter.stepStatus) add('EXISTS (SELECT 1 FROM loan_steps s WHERE s.application_id = loan_applications.id AND s.status = ?)', filter.stepStatus);
      if (!filter.includeTestCases) conditions.push('NOT is_test_case');
      if (page.after !== null) add('position < ?', page.after);
      params.push(Math.min(Math.max(page.limit, 1), 200));
      const rows = await db.query<ApplicationRow>(
        `SELECT ${APPLICATION_COLUMNS} FROM loan_applications ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY position DESC LIMIT $${params.length}`,
        params,
      );
      return rows.map(toApplication);
    },

    async queueDepth(now) {
      const [row] = await db.query<Record<'due' | 'retrying' | 'waiting' | 'blocked' | 'leased', string | number>>(
        `SELECT
           count(*) FILTER (WHERE status = 'PENDING' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until < $1)) AS due,
           count(*) FILTER (WHERE status = 'UNAVAILABLE' AND (lease_until IS NULL OR lease_until < $1)) AS retrying,
           count(*) FILTER (WHERE status = 'AWAITING_CONSENT') AS waiting,
           count(*) FILTER (WHERE status = 'BLOCKED') AS blocked,
           count(*) FILTER (WHERE lease_until >= $1) AS leased
         FROM loan_steps WHERE status NOT IN ('DONE', 'GAVE_UP', 'CANCELLED')`,
        [now],
      );
      return { due: Number(row?.due ?? 0), retrying: Number(row?.retrying ?? 0), waiting: Number(row?.waiting ?? 0), blocked: Number(row?.blocked ?? 0), leased: Number(row?.leased ?? 0) };
    },

    async releaseLeases(owner, keep) {
      const kept = keep.map((held) => `${held.applicationId}/${held.step}`);
      const freed = await db.query<{ step: string }>(
        `UPDATE loan_steps SET lease_owner = NULL, lease_until = NULL
         WHERE lease_owner = $1 AND NOT ((application_id::text || '/' || step) = ANY($2::text[])) RETURNING step`,
        [owner, kept],
      );
      if (freed.length > 0) wake();
      return freed.length;
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

    async apply(applicationId, lease, plan, now) {
      if (!/^[0-9a-f-]{36}$/i.test(applicationId)) return null;
      const applied = await db.transaction(async (tx) => {
        await lockApplication(tx, applicationId);
        // The plan sees the step as it was while worked (resumeRequested included), before its lease is freed.
        const state = await readState(tx, applicationId);
        if (!state) return null;
        if (lease) {
          // Fenced: a worker whose lease ran out (and was taken over) reports nothing.
          const held = await tx.query<{ step: string }>(
            'UPDATE loan_steps SET lease_owner = NULL, lease_until = NULL, resume_requested = false WHERE application_id = $1 AND step = $2 AND lease_owner = $3 RETURNING step',
            [applicationId, lease.step, lease.owner],
          );
          if (held.length === 0) return null;
        }
        const transitions = plan(state);
        if (!transitions) return null;
        const due = await writeTransitions(tx, state, transitions, now, db.engine);
        return { application: changed(state.application, transitions.application), due };
      });
      if (applied?.due) wake();
      return applied?.application ?? null;
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
      const count = resumed.filter((row) => !row.resume_requested).length;
      if (count > 0) {
        if (db.engine === 'postgres') await db.query('SELECT pg_notify($1, $2)', [WORK_DUE_CHANNEL, applicationId]);
        wake();
      }
      return count;
    },
  };
}
