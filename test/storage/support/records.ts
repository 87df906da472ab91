/** Synthetic records of every store: keys and masked forms only, as the stores hold. */
import type { SubmitLoan } from '../../../storage/loan-types';
import type { PersonRecordContent } from '../../../storage/access-chain';
import type { AccessRecordInput, ConsentGrant, ProxyAuthorizationGrant } from '../../../storage/types';

export const SUBJECT = 'a'.repeat(64);
export const OTHER_SUBJECT = 'b'.repeat(64);
export const DAY = 24 * 60 * 60 * 1000;

/** The one person of a record, flat: the person layout (before migration 10), and what `accessRecord` overrides take. */
export function personRecord(n: number, overrides: Partial<PersonRecordContent> = {}): PersonRecordContent {
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

/** A record of one request reading one person (the request layout), described as `personRecord` is. */
export function accessRecord(n: number, overrides: Partial<PersonRecordContent> = {}): AccessRecordInput {
  const { subjectKey, subjectMasked, fields, legalBasis, consentId, applicationId, agency, ...rest } = personRecord(n, overrides);
  return { ...rest, agency: agency as AccessRecordInput['agency'], subjects: [{ subjectKey, subjectMasked, fields, legalBasis, consentId, applicationId }] };
}

export function accessRecords(count: number, overrides: Partial<PersonRecordContent> = {}): AccessRecordInput[] {
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

export function proxyGrant(overrides: Partial<ProxyAuthorizationGrant> = {}): ProxyAuthorizationGrant {
  return {
    subjectKey: SUBJECT,
    subjectMasked: '3***************16',
    agentSubject: 'hall-agent-7',
    scopes: ['VIEW_DATA', 'MANAGE_CONSENTS'],
    validFrom: new Date(NOW.getTime() - DAY),
    validUntil: new Date(NOW.getTime() + 30 * DAY),
    ...overrides,
  };
}

/** A loan application as submission stores it: keys only, the request of synthetic people. */
export function loanSubmission(n: number, overrides: Partial<SubmitLoan> = {}): SubmitLoan {
  const person = (idNumber: string) => ({ idNumber, name: '测试' });
  return {
    idempotencyKey: `idem-${n}`,
    submittedBy: 'APPLICANT:citizen-0316',
    submittedByRole: 'APPLICANT',
    centre: '350100',
    applicantKey: SUBJECT,
    partyKeys: [SUBJECT],
    request: {
      applicant: person('350102199003140316'),
      spouse: null,
      coBorrowers: [],
      contractNumber: null,
      unitNumber: '350102004012GB00318F00060802',
      amountFen: 60_000_000,
      termMonths: 240,
      repaymentMethod: 'EQUAL_INSTALMENT',
      centre: '350100',
      applicationDate: '2026-03-01',
    },
    requestHash: `hash-${n}`,
    isTestCase: false,
    now: NOW,
    decisionDueAt: new Date(NOW.getTime() + 15 * DAY),
    openKey: `open-${n}-${Math.random()}`,
    // The store knows no step by name: these stand for the workflow's.
    steps: [
      ...['GATHER_IDENTITY', 'GATHER_MARRIAGE', 'GATHER_CONTRACT', 'GATHER_TAX', 'GATHER_REGISTRATION', 'GATHER_CREDIT', 'GATHER_PROVIDENT_FUND'].map((step) => ({ step, status: 'PENDING' as const, giveUpAt: new Date(NOW.getTime() + DAY) })),
      { step: 'DECIDE', status: 'BLOCKED' as const, giveUpAt: new Date(NOW.getTime() + DAY) },
    ],
    acceptedEvent: { kind: 'ACCEPTED', detail: {} },
    ...overrides,
  };
}
