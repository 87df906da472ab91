/**
 * The notice dispatcher: takes due deliveries from the outbox (storage/notice-outbox.ts) under a
 * lease, sends each — an SMS through the 12329 platform, a signed POST to a centre's webhook — and
 * records the outcome, with a timeline entry when it is delivered or dead-lettered. At least once:
 * a delivery whose answer is lost (a crash, a timeout) is sent again when its lease runs out, with
 * the same idempotency key, so the receivers drop the repeat. Failures are retried with the loan
 * workflow's backoff, at most NOTICE_MAX_ATTEMPTS times, then dead-lettered for an operator.
 * Runs in the loan worker's process, woken as the worker is.
 */
import { startRounds } from '../workflow/rounds';
import type { Config } from '../../../lib/config';
import type { Logger } from '../../../lib/logger';
import { createPartnerClient, PartnerCallError } from '../../../lib/partner-client';
import { signWebhook, webhookUrlProblem } from '../../../lib/webhook-signing';
import type { DeliveryOutcome, NoticeDelivery } from '../../../storage/loan-types';
import type { Storage } from '../../../storage/types';
import { backoffMs } from '../workflow/machine';
import { personOf, smsText, SMS_SENDER, webhookPayload } from './messages';
import { InternalAddressRefused, postWebhook } from './webhook-post';

export interface NoticeDispatcher {
  stop(): Promise<void>;
}

/** Deliveries taken per round, sent in parallel. */
const DELIVERIES_PER_ROUND = 32;

/** A delivery that will never succeed (no such recipient, a URL no longer allowed): dead-lettered at once. */
class Undeliverable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export function startNoticeDispatcher(deps: { storage: Storage; config: Readonly<Config>; logger: Logger; owner: string }): NoticeDispatcher {
  const { storage, config, owner } = deps;
  const logger = deps.logger.child({ component: 'notice-dispatcher' });
  const sms = createPartnerClient('sms-gateway', { baseUrl: config.partnerUrls['sms-gateway'], appId: config.agencyAppId, appSecret: config.agencyAppSecret, timeoutMs: config.agencyTimeoutMs });

  const sendSms = async (delivery: NoticeDelivery): Promise<void> => {
    const application = await storage.loans.get(delivery.applicationId);
    const recipient = application ? personOf(application.request, delivery.target) : null;
    const text = recipient ? smsText(delivery, recipient) : null;
    if (!recipient || !text) throw new Undeliverable('NO_RECIPIENT');
    try {
      await sms.call('/api/v1/sms/send', { idempotencyKey: `${delivery.noticeId}:${delivery.target}`, sender: SMS_SENDER, recipientIdNumber: recipient.idNumber, text });
    } catch (error) {
      if (error instanceof PartnerCallError && error.kind === 'REFUSED') throw new Undeliverable(`SMS_${error.code}`);
      throw error;
    }
  };

  const sendWebhook = async (delivery: NoticeDelivery): Promise<void> => {
    if (!delivery.webhook) throw new Undeliverable('NO_WEBHOOK');
    const problem = webhookUrlProblem(delivery.webhook.url, config.mode);
    if (problem) throw new Undeliverable('URL_NOT_ALLOWED');
    const application = await storage.loans.get(delivery.applicationId);
    const body = webhookPayload(delivery, application?.status ?? 'UNKNOWN');
    // Not to an internal address, however the name resolves; a redirect would send it where nobody registered it.
    const status = await postWebhook(delivery.webhook.url, body, { 'content-type': 'application/json', ...signWebhook(body, delivery.webhook.secret, delivery.noticeId) }, { timeoutMs: config.agencyTimeoutMs, mode: config.mode }).catch((error: unknown) => {
      if (error instanceof InternalAddressRefused) throw new Undeliverable('URL_NOT_ALLOWED');
      throw error;
    });
    if (status < 200 || status > 299) throw new Error(`HTTP_${status}`);
  };

  const deliver = async (delivery: NoticeDelivery): Promise<void> => {
    let outcome: DeliveryOutcome;
    try {
      await (delivery.channel === 'SMS' ? sendSms(delivery) : sendWebhook(delivery));
      outcome = { status: 'DELIVERED' };
    } catch (error) {
      const reason = error instanceof Undeliverable ? error.reason : error instanceof PartnerCallError ? error.code : error instanceof Error && /^HTTP_\d+$/.test(error.message) ? error.message : 'UNREACHABLE';
      const dead = error instanceof Undeliverable || delivery.attempts >= config.loan.noticeMaxAttempts;
      outcome = dead ? { status: 'DEAD', error: reason } : { status: 'RETRY', error: reason, nextAttemptAt: new Date(Date.now() + backoffMs(config.loan, delivery.attempts)) };
      logger.warn('notice not delivered', { applicationId: delivery.applicationId, channel: delivery.channel, attempts: delivery.attempts, reason, deadLettered: dead });
    }
    const event =
      outcome.status === 'RETRY'
        ? null
        : {
            step: null,
            kind: outcome.status === 'DELIVERED' ? 'NOTICE_DELIVERED' : 'NOTICE_DEAD_LETTERED',
            detail: { notice: delivery.kind, channel: delivery.channel, attempt: delivery.attempts, ...(delivery.channel === 'SMS' ? { parties: [delivery.target] } : {}), ...(outcome.status === 'DEAD' ? { codes: [outcome.error] } : {}) },
          };
    if (!(await storage.loans.finishDelivery(delivery, owner, outcome, event, new Date()))) logger.info('a notice delivery was taken over before it finished', { applicationId: delivery.applicationId });
  };

  const tick = async (): Promise<number> => {
    const deliveries = await storage.loans.claimDueDeliveries(owner, new Date(), config.loan.leaseMs, DELIVERIES_PER_ROUND);
    await Promise.all(deliveries.map((delivery) => deliver(delivery).catch((error: unknown) => logger.error('notice delivery failed', { error: error instanceof Error ? error.name : 'unknown' }))));
    return deliveries.length;
  };

  const rounds = startRounds({
    round: tick,
    pollMs: config.loan.pollMs,
    wakeUps: (wake) => storage.loans.onWorkDue(wake),
    onRoundFailed: (error) => logger.warn('notice dispatch round failed', { error: error instanceof Error ? error.name : 'unknown' }),
  });

  return { stop: () => rounds.stop() };
}
