/** Synthetic access records and consent grants: keys and masked forms only, as the stores hold. */
import type { AccessRecordInput, ConsentGrant } from '../../../storage/types';

export const SUBJECT = 'a'.repeat(64);
export const OTHER_SUBJECT = 'b'.repeat(64);
export const DAY = 24 * 60 * 60 * 1000;

export function accessRecord(n: number, overrides: Partial<AccessRecordInput> = {}): AccessRecordInput {
  return {
    accessedAt: new Date(Date.UTC(2026, 0, 1) + n * 60_000),
    requestId: `req-${n}`,
    actorSubject: 'officer-0001',
    actorRole: 'LOAN_OFFICER',
    actorCentre: '350100',
    subjectKey: SUBJECT,
    subjectMasked: '3***************16',
    agency: 'civil-affairs',
    fields: ['Marriage.status', 'Marriage.registeredOn'],
    purpose: 'HPF_LOAN_REVIEW',
    legalBasis: 'CONSENT',
    consentId: null,
    applicationId: 'APP-0001',
    ...overrides,
  };
}

export function accessRecords(count: number, overrides: Partial<AccessRecordInput> = {}): AccessRecordInput[] {
  return Array.from({ length: count }, (_, i) => accessRecord(i + 1, overrides));
}

export const NOW = new Date('2026-03-01T08:00:00Z');

export function consentGrant(overrides: Partial<ConsentGrant> = {}): ConsentGrant {
  return {
    subjectKey: SUBJECT,
    subjectMasked: '3***************16',
    subjectRole: 'APPLICANT',
    kind: 'DATA_SHARING',
    purpose: 'HPF_LOAN_APPLICATION',
    scopes: [
      { agency: 'civil-affairs', dataItems: ['marriage'] },
      { agency: 'provident-fund', dataItems: ['account', 'loans'] },
    ],
    grantedToCentre: '350100',
    authorizationRef: null,
    applicationId: 'APP-0001',
    validFrom: new Date(NOW.getTime() - 30 * DAY),
    validUntil: new Date(NOW.getTime() + 180 * DAY),
    recordedBy: 'applicant-token-subject',
    ...overrides,
  };
}
