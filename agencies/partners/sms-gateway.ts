/**
 * 12329 短信平台 the centre's SMS platform: sends a text under the centre's sender to the mobile the
 * centre holds for the depositor (here: the synthetic population register's), once per
 * idempotency key. A key seen before is answered `accepted: false` and not sent again, so a
 * sender's retries never reach the phone twice; the repeats are counted, for the specs.
 */
import { AGENCY_CODES } from '../../lib/agency-contracts';
import type { SmsRequest } from '../../lib/partner-contracts';
import type { Dataset } from '../data';
import { requireString } from '../shared/batch';
import { AgencyError, badRequest } from '../shared/errors';
import type { AgencyHandlers } from '../shared/simulator';

/** A text as sent: to whom it went is the mobile on file, kept masked. */
export interface SentSms {
  idempotencyKey: string;
  messageId: string;
  sender: string;
  mobileMasked: string;
  text: string;
  sentAt: string;
}

export interface SmsGatewayState {
  /** Texts sent, one per idempotency key. */
  sent(): SentSms[];
  /** How often each key was received, repeats included (a repeat is not sent). */
  receivedByKey(): Record<string, number>;
}

/** Senders the platform sends under. */
const SENDERS = new Set(['福建12329']);
/** One SMS of 70 characters, or a long message of at most 5 parts. */
const MAX_TEXT = 335;

export function smsGatewayHandlers(dataset: Dataset): AgencyHandlers<'sms-gateway'> & SmsGatewayState {
  const byKey = new Map<string, SentSms>();
  const received = new Map<string, number>();
  let sequence = 0;
  return {
    reset: () => {
      byKey.clear();
      received.clear();
      sequence = 0;
    },
    sent: () => [...byKey.values()],
    receivedByKey: () => Object.fromEntries(received),
    endpoints: {
      '/api/v1/sms/send': (raw, context) => {
        const request: SmsRequest = {
          idempotencyKey: requireString(raw.idempotencyKey, 'idempotencyKey'),
          sender: requireString(raw.sender, 'sender'),
          recipientIdNumber: requireString(raw.recipientIdNumber, 'recipientIdNumber'),
          text: requireString(raw.text, 'text'),
        };
        if (!SENDERS.has(request.sender)) throw badRequest('sender is not one this platform sends under');
        if ([...request.text].length > MAX_TEXT) throw badRequest(`text is longer than ${MAX_TEXT} characters`);
        received.set(request.idempotencyKey, (received.get(request.idempotencyKey) ?? 0) + 1);
        const earlier = byKey.get(request.idempotencyKey);
        if (earlier) return { idempotencyKey: request.idempotencyKey, messageId: earlier.messageId, accepted: false };
        const person = dataset.persons.get(request.recipientIdNumber);
        if (!person) throw new AgencyError(AGENCY_CODES.NOT_FOUND, 'no mobile on file for this depositor');
        sequence += 1;
        const sms: SentSms = {
          idempotencyKey: request.idempotencyKey,
          messageId: `SMS${context.now.toISOString().replace(/\D/g, '').slice(0, 14)}${String(sequence).padStart(6, '0')}`,
          sender: request.sender,
          mobileMasked: `${person.mobile.slice(0, 3)}****${person.mobile.slice(-4)}`,
          text: request.text,
          sentAt: context.now.toISOString(),
        };
        byKey.set(request.idempotencyKey, sms);
        return { idempotencyKey: request.idempotencyKey, messageId: sms.messageId, accepted: true };
      },
    },
  };
}
