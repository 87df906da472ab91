/**
 * The notice outbox of loan applications (transactional outbox): a notice is written in the
 * transaction of the change it tells of, with one delivery per receiver, and a dispatcher delivers
 * each at least once under a lease, as the worker takes steps. Generic like the rest of the store:
 * it knows no notice kind, no party and no message.
 */
import { randomUUID } from 'node:crypto';
import type { SqlDatabase, SqlExecutor } from './database';
import { StorageError } from './errors';
import { SEALED, seal, unseal } from './sealed-secrets';
import type { LoanApplicationRow, LoanStore, NoticeDelivery, NoticeInput, NoticeWebhook, NoticeWebhookListing } from './loan-types';

const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/** Stores the notices not stored before, each with its deliveries; returns whether any was new (a delivery is due). */
export async function writeNotices(tx: SqlExecutor, application: Pick<LoanApplicationRow, 'id' | 'centre'>, notices: readonly NoticeInput[], now: Date): Promise<boolean> {
  let added = false;
  for (const notice of notices) {
    const [inserted] = await tx.query<{ id: string }>(
      `INSERT INTO loan_notices (id, application_id, notice_key, kind, detail, created_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6)
       ON CONFLICT (application_id, notice_key) DO NOTHING RETURNING id`,
      [randomUUID(), application.id, notice.key, notice.kind, JSON.stringify(notice.detail), now],
    );
    if (!inserted) continue;
    added = true;
    for (const party of new Set(notice.smsTo)) {
      await tx.query(`INSERT INTO loan_notice_deliveries (notice_id, target, channel, status, next_attempt_at) VALUES ($1, $2, 'SMS', 'PENDING', $3)`, [inserted.id, party, now]);
    }
    // Every webhook the centre has registered by now; one registered later hears of later notices.
    await tx.query(
      `INSERT INTO loan_notice_deliveries (notice_id, target, channel, webhook_id, status, next_attempt_at)
       SELECT $1, id::text, 'WEBHOOK', id, 'PENDING', $3 FROM notice_webhooks WHERE centre = $2 AND removed_at IS NULL`,
      [inserted.id, application.centre, now],
    );
  }
  return added;
}

interface DeliveryRow {
  notice_id: string;
  application_id: string;
  centre: string;
  kind: string;
  detail: Record<string, unknown> | string;
  created_at: Date | string;
  channel: NoticeDelivery['channel'];
  target: string;
  webhook_id: string | null;
  url: string | null;
  secret: string | null;
  attempts: number;
}

interface WebhookRow {
  id: string;
  centre: string;
  url: string;
  secret: string;
  registered_by: string;
  registered_at: Date | string;
  removed_at?: Date | string | null;
}

/** Webhooks a centre may register: each receives every notice of the centre's applications. */
export const MAX_WEBHOOKS_PER_CENTRE = 5;

type NoticeMethods = Pick<LoanStore, 'registerWebhook' | 'listWebhooks' | 'removeWebhook' | 'claimDueDeliveries' | 'finishDelivery' | 'notices'>;

const listed = (row: Omit<WebhookRow, 'secret'>): NoticeWebhookListing => ({
  id: row.id,
  centre: row.centre,
  url: row.url,
  registeredBy: row.registered_by,
  registeredAt: new Date(row.registered_at),
  removedAt: row.removed_at ? new Date(row.removed_at) : null,
});

/**
 * Seals the webhook secrets stored in clear before sealing existed: each once, by whichever process
 * opens the storage first (the row is changed only while it still holds the clear value).
 */
export async function sealWebhookSecrets(db: SqlDatabase, sealingKey: Buffer): Promise<void> {
  const clear = await db.query<{ id: string; secret: string }>('SELECT id, secret FROM notice_webhooks WHERE NOT starts_with(secret, $1)', [SEALED]);
  for (const { id, secret } of clear) await db.query('UPDATE notice_webhooks SET secret = $1 WHERE id = $2 AND secret = $3', [seal(sealingKey, secret, id), id, secret]);
}

/** The outbox's methods; webhook secrets are stored sealed under `sealingKey` (sealed-secrets.ts). */
export function noticeMethods(db: SqlDatabase, sealingKey: Buffer): NoticeMethods {
  return {
    async registerWebhook({ centre, url, secret, registeredBy, now }) {
      const id = randomUUID();
      // Never re-keyed by registering again (another officer would get the secret the centre's
      // system verifies with), and at most MAX_WEBHOOKS_PER_CENTRE: each one is a delivery of every
      // notice, written in the change's own transaction.
      const [row] = await db.query<Omit<WebhookRow, 'secret'>>(
        `INSERT INTO notice_webhooks (id, centre, url, secret, registered_by, registered_at)
         SELECT $1, $2, $3, $4, $5, $6 WHERE (SELECT count(*) FROM notice_webhooks WHERE centre = $2 AND removed_at IS NULL) < $7
         ON CONFLICT (centre, url) WHERE removed_at IS NULL DO NOTHING
         RETURNING id, centre, url, registered_by, registered_at`,
        [id, centre, url, seal(sealingKey, secret, id), registeredBy, now, MAX_WEBHOOKS_PER_CENTRE],
      );
      if (!row) {
        const [existing] = await db.query<{ id: string }>('SELECT id FROM notice_webhooks WHERE centre = $1 AND url = $2 AND removed_at IS NULL', [centre, url]);
        throw existing
          ? new StorageError('WEBHOOK_EXISTS', 'this centre has registered this webhook URL already')
          : new StorageError('WEBHOOK_LIMIT', `a centre may register at most ${MAX_WEBHOOKS_PER_CENTRE} webhooks`);
      }
      // The secret in clear, this once: the centre's system verifies with it; the store keeps it sealed.
      const webhook: NoticeWebhook = { id: row.id, centre: row.centre, url: row.url, secret, registeredBy: row.registered_by, registeredAt: new Date(row.registered_at) };
      return webhook;
    },

    async listWebhooks(centre) {
      const rows = await db.query<Omit<WebhookRow, 'secret'>>(
        `SELECT id, centre, url, registered_by, registered_at, removed_at FROM notice_webhooks WHERE centre = $1 AND removed_at IS NULL ORDER BY registered_at, id`,
        [centre],
      );
      return rows.map(listed);
    },

    async removeWebhook({ id, centre, removedBy, now }) {
      // Only the centre's own, once; what it still had to deliver is given up, never sent after removal.
      return db.transaction(async (tx) => {
        const [row] = await tx.query<Omit<WebhookRow, 'secret'>>(
          `UPDATE notice_webhooks SET removed_at = $3, removed_by = $4 WHERE id::text = $1 AND centre = $2 AND removed_at IS NULL
           RETURNING id, centre, url, registered_by, registered_at, removed_at`,
          [id, centre, now, removedBy],
        );
        if (!row) return null;
        await tx.query(
          `UPDATE loan_notice_deliveries SET status = 'DEAD', lease_owner = NULL, lease_until = NULL, last_error = 'webhook removed', finished_at = $2
           WHERE webhook_id = $1 AND status = 'PENDING'`,
          [row.id, now],
        );
        return listed(row);
      });
    },

    async claimDueDeliveries(owner, now, leaseMs, limit) {
      const rows = await db.query<DeliveryRow>(
        `WITH claimed AS (
           UPDATE loan_notice_deliveries SET lease_owner = $1, lease_until = $2, attempts = attempts + 1
           WHERE (notice_id, target) IN (
             SELECT notice_id, target FROM loan_notice_deliveries
             WHERE status = 'PENDING' AND next_attempt_at <= $3 AND (lease_until IS NULL OR lease_until < $3)
             ORDER BY next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED)
           RETURNING notice_id, target, channel, webhook_id, attempts)
         SELECT c.notice_id, n.application_id, a.centre, n.kind, n.detail, n.created_at, c.channel, c.target, c.webhook_id, w.url, w.secret, c.attempts
         FROM claimed c JOIN loan_notices n ON n.id = c.notice_id JOIN loan_applications a ON a.id = n.application_id
         LEFT JOIN notice_webhooks w ON w.id = c.webhook_id
         ORDER BY n.position, c.target`,
        [owner, new Date(now.getTime() + leaseMs), now, limit],
      );
      return rows.map(
        (row): NoticeDelivery => ({
          noticeId: row.notice_id,
          applicationId: row.application_id,
          centre: row.centre,
          kind: row.kind,
          detail: json(row.detail),
          createdAt: new Date(row.created_at),
          channel: row.channel,
          target: row.target,
          webhook: row.webhook_id && row.url && row.secret ? { id: row.webhook_id, url: row.url, secret: unseal(sealingKey, row.secret, row.webhook_id) } : null,
          attempts: row.attempts,
        }),
      );
    },

    async finishDelivery(delivery, owner, outcome, event, now) {
      return db.transaction(async (tx) => {
        const finished = outcome.status !== 'RETRY';
        const held = await tx.query<{ target: string }>(
          `UPDATE loan_notice_deliveries SET status = $4, lease_owner = NULL, lease_until = NULL,
             next_attempt_at = COALESCE($5::timestamptz, next_attempt_at), last_error = $6, finished_at = $7
           WHERE notice_id = $1 AND target = $2 AND lease_owner = $3 RETURNING target`,
          [
            delivery.noticeId,
            delivery.target,
            owner,
            finished ? outcome.status : 'PENDING',
            outcome.status === 'RETRY' ? outcome.nextAttemptAt : null,
            outcome.status === 'DELIVERED' ? null : outcome.error,
            finished ? now : null,
          ],
        );
        if (held.length === 0) return false;
        if (event) {
          await tx.query('INSERT INTO loan_events (application_id, at, step, kind, detail) VALUES ($1, $2, $3, $4, $5::jsonb)', [delivery.applicationId, now, event.step, event.kind, JSON.stringify(event.detail)]);
        }
        return true;
      });
    },

    async notices(applicationId) {
      if (!/^[0-9a-f-]{36}$/i.test(applicationId)) return [];
      const rows = await db.query<{ id: string; notice_key: string; kind: string; created_at: Date | string; channel: NoticeDelivery['channel'] | null; target: string | null; status: string | null; attempts: number | null }>(
        `SELECT n.id, n.notice_key, n.kind, n.created_at, d.channel, d.target, d.status, d.attempts
         FROM loan_notices n LEFT JOIN loan_notice_deliveries d ON d.notice_id = n.id
         WHERE n.application_id = $1 ORDER BY n.position, d.channel, d.target`,
        [applicationId],
      );
      const byId = new Map<string, Awaited<ReturnType<NoticeMethods['notices']>>[number]>();
      for (const row of rows) {
        const notice = byId.get(row.id) ?? { id: row.id, key: row.notice_key, kind: row.kind, createdAt: new Date(row.created_at), deliveries: [] };
        byId.set(row.id, notice);
        if (row.channel && row.target && row.status) notice.deliveries.push({ channel: row.channel, target: row.target, status: row.status, attempts: row.attempts ?? 0 });
      }
      return [...byId.values()];
    },
  };
}
