/**
 * The loan workflow as a pure state machine: from the application file as stored (read under its
 * lock) and one event, the transitions to write. No I/O, no clock (the time is handed in): the
 * worker, the signing mutation and the officers' decisions all go through here, so every rule of
 * the workflow — retries, giving up, waiting for consent, when to decide, when to register the
 * mortgage — lives in one place and is tested as a function.
 */
import type { Config } from '../../../lib/config';
import type { CaseState, LoanApplicationRow, LoanStepRow, NoticeInput, StepChange, SubmitLoan, TimelineEventInput, Transitions } from '../../../storage/loan-types';
import { CHECK_RECORD_VERSION, checkRecordOf, isSettled, type CheckRecord, type ItemAnswer, type OpenItem, type PartyKey, type Source } from '../../shared/cases/check-record';
import { CHECK_STEPS, CHECKS, isCheckStep, type CheckStep } from './checks';
import { approvalBlockedBy, decideApplication } from './decide';

/** The retry delays (config.loan): the first of an unavailable check or registration, doubling per attempt up to retryMaxMs. */
export type WorkflowSettings = Pick<Config['loan'], 'retryBaseMs' | 'retryMaxMs'>;

/** What one read of a check answered: the items asked for (parties and the property), and the evidence. */
export interface CheckAnswer {
  persons: Partial<Record<PartyKey, ItemAnswer<unknown>>>;
  property: ItemAnswer<unknown> | null;
  evidence: readonly Source[];
}

export interface MortgageCertificateFacts {
  certificateNumber: string;
  eCertificateSha256: string;
  registeredAt: string;
}

/** What the entrusted bank answered about the disbursement instruction (lib/partner-contracts.ts). */
export interface DisbursementFacts {
  instructionId: string;
  status: 'PROCESSING' | 'DISBURSED' | 'REJECTED';
  loanAccountNumber: string | null;
  /** 放款日期 (YYYY-MM-DD): the repayment schedule counts from it. */
  disbursedOn: string | null;
  rejectReason: string | null;
  /** The bank's trace id of the answer, as evidence. */
  bankTraceId: string;
}

export type WorkflowEvent =
  | { kind: 'CHECK_ANSWERED'; step: CheckStep; answer: CheckAnswer }
  /** A DECIDE step found due (written by an earlier version, which decided in a step of its own). */
  | { kind: 'DECISION_DUE' }
  | { kind: 'SIGNED'; signerKeys: readonly string[]; requiredSignerKeys: readonly string[] }
  | { kind: 'MORTGAGE_REGISTERED'; certificate: MortgageCertificateFacts }
  | { kind: 'MORTGAGE_UNAVAILABLE'; agencies: readonly string[]; codes: readonly string[] }
  | { kind: 'DISBURSEMENT_ANSWERED'; disbursement: DisbursementFacts }
  | { kind: 'DISBURSEMENT_UNAVAILABLE'; codes: readonly string[] }
  | { kind: 'OFFICER_DECIDED'; centre: string; outcome: 'APPROVED' | 'REJECTED'; reason: string; officer: string; talentCertificateConfirmed?: boolean }
  /** 撤回: the applicant (or an officer of the centre, at their request) withdraws it before the mortgage is registered. */
  | { kind: 'WITHDRAWN'; by: string; reason: string };

export const DECIDE_STEP = 'DECIDE';
export const MORTGAGE_STEP = 'REGISTER_MORTGAGE';
/** How long the mortgage registration is tried after the last signature before an officer must step in. */
export const MORTGAGE_DEADLINE_MS = 7 * 24 * 3600 * 1000;
/** Attempts of the mortgage registration: the same contract number gives the same registration, so retries are safe. */
const MORTGAGE_MAX_ATTEMPTS = 20;
export const DISBURSE_STEP = 'DISBURSE';
/** How long the disbursement is followed after the mortgage is registered before an officer must step in. */
export const DISBURSEMENT_DEADLINE_MS = 7 * 24 * 3600 * 1000;
/** Attempts of the disbursement (instruction, then queries while the bank processes it): the bank keeps one instruction per key. */
const DISBURSEMENT_MAX_ATTEMPTS = 20;

/** The bank's idempotency key of an application's disbursement: one per application, whichever worker sends it, however often. */
export const disbursementKeyOf = (applicationId: string) => `HPF-DISB-${applicationId}`;

const FINAL = new Set(['DONE', 'GAVE_UP', 'CANCELLED']);
const WITHDRAWABLE = new Set(['ACCEPTED', 'REFERRED', 'APPROVED']);

/** The steps an application starts with: every check due at once, the decision waiting for them. */
export function initialSteps(giveUpAt: Date): SubmitLoan['steps'] {
  return [...CHECK_STEPS.map((step) => ({ step, status: 'PENDING' as const, giveUpAt })), { step: DECIDE_STEP, status: 'BLOCKED' as const, giveUpAt }];
}

export function backoffMs(settings: WorkflowSettings, attempts: number): number {
  return Math.min(settings.retryBaseMs * 2 ** Math.max(attempts - 1, 0), settings.retryMaxMs);
}

/**
 * The notices a party should have of a change (NoticeKind in the schema): each to the SMS of the
 * parties it concerns and to the centre's webhooks. The key makes a change planned twice one notice.
 */
export type NoticeKind = 'ACCEPTED' | 'NEEDS_CONSENT' | 'REFERRED' | 'APPROVED' | 'REJECTED' | 'MORTGAGE_REGISTERED' | 'DISBURSED' | 'WITHDRAWN';

function notice(kind: NoticeKind, smsTo: readonly PartyKey[], detail: Record<string, unknown> = {}, keyPart?: string): NoticeInput {
  return { key: keyPart ? `${kind}:${keyPart}` : kind, kind, smsTo, detail };
}

/** Every borrower of the application: the applicant, the spouse, the co-borrowers. */
function borrowersOf(application: LoanApplicationRow): PartyKey[] {
  return ['APPLICANT', ...(application.request.spouse ? (['SPOUSE'] as const) : []), ...application.request.coBorrowers.map((_, i): PartyKey => `CO_BORROWER:${i + 1}`)];
}

/** The notice of an acceptance, stored with the application (subgraphs/loan/resolvers.ts submits it). */
export function acceptedNotices(): NoticeInput[] {
  return [notice('ACCEPTED', ['APPLICANT'])];
}

/** Everyone a check must read on this application, by party key. */
export function partiesToRead(step: CheckStep, application: LoanApplicationRow): PartyKey[] {
  const reading = CHECKS[step].persons;
  if (!reading) return [];
  const { request } = application;
  if (reading.parties === 'APPLICANT') return ['APPLICANT'];
  return ['APPLICANT', ...(request.spouse ? (['SPOUSE'] as const) : []), ...request.coBorrowers.map((_, i): PartyKey => `CO_BORROWER:${i + 1}`)];
}

/** The parties and the property whose items are not settled yet. */
function unsettledIn(step: CheckStep, application: LoanApplicationRow, record: CheckRecord | null): { parties: PartyKey[]; property: boolean } {
  return {
    parties: partiesToRead(step, application).filter((party) => !isSettled(record?.persons[party])),
    property: CHECKS[step].property !== null && !isSettled(record?.property),
  };
}

/** What a check still has to ask: what is unsettled, or every party for a record read together. */
export function openItemsOf(step: CheckStep, application: LoanApplicationRow, record: CheckRecord | null): { parties: PartyKey[]; property: boolean } {
  const open = unsettledIn(step, application, record);
  return CHECKS[step].persons?.together && open.parties.length > 0 ? { ...open, parties: partiesToRead(step, application) } : open;
}

/** Settled items are kept; open ones take the newest answer. */
function merge(step: CheckStep, application: LoanApplicationRow, previous: CheckRecord | null, answer: CheckAnswer): CheckRecord {
  const persons: Partial<Record<PartyKey, ItemAnswer<unknown>>> = {};
  const together = CHECKS[step].persons?.together === true;
  for (const party of partiesToRead(step, application)) {
    const kept = previous?.persons[party];
    const fresh = isSettled(kept) && !(together && answer.persons[party]) ? kept : (answer.persons[party] ?? kept);
    if (fresh) persons[party] = fresh;
  }
  const property = CHECKS[step].property === null ? null : isSettled(previous?.property) ? previous!.property : (answer.property ?? previous?.property ?? null);
  const evidence = [...(previous?.evidence ?? []), ...answer.evidence];
  return { version: CHECK_RECORD_VERSION, persons, property, evidence };
}

function openIn(step: CheckStep, application: LoanApplicationRow, record: CheckRecord): Array<{ about: PartyKey | 'PROPERTY'; item: OpenItem | null }> {
  // What is still unsettled (not what a retry asks for, which for a record read together is everyone).
  const open = unsettledIn(step, application, record);
  const itemOf = (value: ItemAnswer<unknown> | null | undefined): OpenItem | null => (value && !isSettled(value) ? value : null);
  return [
    ...open.parties.map((party) => ({ about: party as PartyKey | 'PROPERTY', item: itemOf(record.persons[party]) })),
    ...(open.property ? [{ about: 'PROPERTY' as const, item: itemOf(record.property) }] : []),
  ];
}

/** The check's step after this answer, and its timeline event. */
function checkAnswered(step: LoanStepRow & { step: CheckStep }, application: LoanApplicationRow, answer: CheckAnswer, now: Date, settings: WorkflowSettings): { change: StepChange; event: TimelineEventInput; notices?: NoticeInput[] } {
  const record = merge(step.step, application, checkRecordOf(step.outcome), answer);
  const open = openIn(step.step, application, record);
  // An item neither answered nor refused (a slot the gateway left out) counts as the agency's silence.
  const unavailable = open.filter(({ item }) => item === null || item.status === 'UNAVAILABLE');
  const needsConsent = open.filter(({ item }) => item?.status === 'NEEDS_CONSENT');
  if (unavailable.length > 0) {
    const agencies = [...new Set(unavailable.map(({ item }) => (item?.status === 'UNAVAILABLE' ? item.agency : CHECKS[step.step].agency)))];
    const codes = [...new Set(unavailable.map(({ item }) => (item?.status === 'UNAVAILABLE' ? item.code : 'NO_ANSWER')))];
    const parties = unavailable.map(({ about }) => about);
    const givingUp = step.attempts >= CHECKS[step.step].maxAttempts || now.getTime() >= step.giveUpAt.getTime();
    if (givingUp) {
      return { change: { step: step.step, status: 'GAVE_UP', outcome: record }, event: { step: step.step, kind: 'GAVE_UP', detail: { agencies, codes, parties, attempt: step.attempts } } };
    }
    const nextAttemptAt = new Date(now.getTime() + backoffMs(settings, step.attempts));
    return {
      change: { step: step.step, status: 'UNAVAILABLE', outcome: record, nextAttemptAt },
      event: { step: step.step, kind: 'UNAVAILABLE', detail: { agencies, codes, parties, attempt: step.attempts, nextAttemptAt: nextAttemptAt.toISOString() } },
    };
  }
  if (needsConsent.length > 0) {
    const parties = needsConsent.map(({ about }) => about);
    const dataItems = [...new Set(needsConsent.map(({ item }) => (item?.status === 'NEEDS_CONSENT' ? item.dataItem : '')))];
    // A consent given while this read ran: try again now rather than wait for one already there.
    const status = step.resumeRequested ? 'PENDING' : 'AWAITING_CONSENT';
    // Each party is told once per application that their consent is awaited (the property's data is the applicant's to give).
    const waitsFor = (item: OpenItem | null): readonly PartyKey[] => (item?.status === 'NEEDS_CONSENT' && item.waitsFor ? item.waitsFor : ['APPLICANT']);
    const asked = [...new Set(needsConsent.flatMap(({ about, item }): readonly PartyKey[] => (about === 'PROPERTY' ? waitsFor(item) : [about])))];
    const notices = status === 'AWAITING_CONSENT' ? asked.map((party) => notice('NEEDS_CONSENT', [party], { parties: [party] }, party)) : [];
    return { change: { step: step.step, status, outcome: record }, event: { step: step.step, kind: 'NEEDS_CONSENT', detail: { parties, dataItems } }, notices };
  }
  return { change: { step: step.step, status: 'DONE', outcome: record }, event: { step: step.step, kind: 'CHECKED', detail: { evidence: record.evidence } } };
}

/** When every check is final, the decision — at once, in the same transaction as the last check. */
function decisionIfDue(application: LoanApplicationRow, steps: readonly LoanStepRow[], now: Date): Transitions | null {
  if (application.status !== 'ACCEPTED') return null;
  const decideStep = steps.find((step) => step.step === DECIDE_STEP);
  if (decideStep?.status === 'DONE') return null;
  if (!CHECK_STEPS.every((name) => FINAL.has(steps.find((step) => step.step === name)?.status ?? ''))) return null;
  const { status, decision } = decideApplication(application, steps);
  return {
    steps: [{ step: DECIDE_STEP, status: 'DONE', outcome: decision, ...(decideStep ? {} : { giveUpAt: now }) }],
    // Only an approval ends the 15-day clock here; a referral waits for the officer.
    application: { status, decision, decidedAt: status === 'APPROVED' ? now : null },
    events: [{ step: DECIDE_STEP, kind: status === 'APPROVED' ? 'APPROVED_AUTOMATICALLY' : 'REFERRED_TO_OFFICER', detail: { decision } }],
    // Approved: every borrower is to sign. Referred: the applicant hears an officer will decide.
    notices: [status === 'APPROVED' ? notice('APPROVED', borrowersOf(application)) : notice('REFERRED', ['APPLICANT'])],
  };
}

function withStep(steps: readonly LoanStepRow[], change: StepChange, now: Date): LoanStepRow[] {
  return steps.map((step) => (step.step === change.step ? { ...step, status: change.status, outcome: change.outcome !== undefined ? change.outcome : step.outcome, updatedAt: now } : step));
}

/** A check's own change, followed by the decision when it was the last check. */
function withDecision(check: Transitions, decision: Transitions | null): Transitions {
  if (!decision) return check;
  return {
    steps: [...(check.steps ?? []), ...(decision.steps ?? [])],
    events: [...(check.events ?? []), ...(decision.events ?? [])],
    notices: [...(check.notices ?? []), ...(decision.notices ?? [])],
    application: decision.application,
  };
}

export function transition(state: CaseState, event: WorkflowEvent, now: Date, settings: WorkflowSettings): Transitions | null {
  const { application, steps } = state;
  switch (event.kind) {
    case 'CHECK_ANSWERED': {
      const step = steps.find((s) => s.step === event.step);
      if (!step || !isCheckStep(step.step) || FINAL.has(step.status) || application.status !== 'ACCEPTED') return null;
      const { change, event: entry, notices } = checkAnswered(step as LoanStepRow & { step: CheckStep }, application, event.answer, now, settings);
      return withDecision({ steps: [change], events: [entry], ...(notices?.length ? { notices } : {}) }, decisionIfDue(application, withStep(steps, change, now), now));
    }
    case 'DECISION_DUE':
      return decisionIfDue(application, steps, now);
    case 'SIGNED': {
      const signed = new Set(event.signerKeys);
      if (application.status !== 'APPROVED' || !event.requiredSignerKeys.every((key) => signed.has(key))) return null;
      if (steps.some((step) => step.step === MORTGAGE_STEP)) return null;
      return {
        steps: [{ step: MORTGAGE_STEP, status: 'PENDING', giveUpAt: new Date(now.getTime() + MORTGAGE_DEADLINE_MS) }],
        events: [{ step: MORTGAGE_STEP, kind: 'ALL_SIGNED', detail: { signers: event.requiredSignerKeys.length } }],
      };
    }
    case 'MORTGAGE_REGISTERED': {
      const step = steps.find((s) => s.step === MORTGAGE_STEP);
      if (!step || step.status === 'DONE') return null;
      // The disbursement is due at once, in the same transaction: the bank disburses against this certificate.
      return {
        steps: [
          { step: MORTGAGE_STEP, status: 'DONE', outcome: event.certificate },
          ...(steps.some((s) => s.step === DISBURSE_STEP) ? [] : [{ step: DISBURSE_STEP, status: 'PENDING' as const, giveUpAt: new Date(now.getTime() + DISBURSEMENT_DEADLINE_MS) }]),
        ],
        application: { status: 'READY_FOR_DISBURSEMENT', completedAt: now },
        events: [{ step: MORTGAGE_STEP, kind: 'MORTGAGE_REGISTERED', detail: { certificateNumber: event.certificate.certificateNumber, eCertificateSha256: event.certificate.eCertificateSha256 } }],
        notices: [notice('MORTGAGE_REGISTERED', ['APPLICANT'])],
      };
    }
    case 'MORTGAGE_UNAVAILABLE': {
      const step = steps.find((s) => s.step === MORTGAGE_STEP);
      if (!step || FINAL.has(step.status)) return null;
      const detail = { agencies: [...event.agencies], codes: [...event.codes], attempt: step.attempts };
      if (step.attempts >= MORTGAGE_MAX_ATTEMPTS || now.getTime() >= step.giveUpAt.getTime()) {
        return { steps: [{ step: MORTGAGE_STEP, status: 'GAVE_UP' }], events: [{ step: MORTGAGE_STEP, kind: 'GAVE_UP', detail }] };
      }
      const nextAttemptAt = new Date(now.getTime() + backoffMs(settings, step.attempts));
      return { steps: [{ step: MORTGAGE_STEP, status: 'UNAVAILABLE', nextAttemptAt }], events: [{ step: MORTGAGE_STEP, kind: 'UNAVAILABLE', detail: { ...detail, nextAttemptAt: nextAttemptAt.toISOString() } }] };
    }
    case 'DISBURSEMENT_ANSWERED':
      return disbursementAnswered(state, event.disbursement, now, settings);
    case 'DISBURSEMENT_UNAVAILABLE': {
      const step = steps.find((s) => s.step === DISBURSE_STEP);
      if (!step || FINAL.has(step.status) || application.status !== 'READY_FOR_DISBURSEMENT') return null;
      return disbursementRetry(step, { agencies: ['entrusted-bank'], codes: [...event.codes], attempt: step.attempts }, 'UNAVAILABLE', now, settings);
    }
    case 'WITHDRAWN': {
      if (!WITHDRAWABLE.has(application.status)) return null;
      // Once the registration is under way it is not taken back here: an officer handles that with the registry.
      if (steps.some((step) => step.step === MORTGAGE_STEP && step.status !== 'GAVE_UP')) return null;
      return {
        steps: steps.filter((step) => !FINAL.has(step.status)).map((step) => ({ step: step.step, status: 'CANCELLED' as const })),
        application: { status: 'WITHDRAWN' },
        events: [{ step: null, kind: 'WITHDRAWN', detail: { by: event.by, reason: event.reason } }],
        notices: [notice('WITHDRAWN', ['APPLICANT'])],
      };
    }
    case 'OFFICER_DECIDED': {
      if (application.centre !== event.centre || application.status !== 'REFERRED') return null;
      const talentCertificateConfirmed = event.outcome === 'APPROVED' && event.talentCertificateConfirmed === true;
      if (event.outcome === 'APPROVED' && approvalBlockedBy(application, { talentCertificateConfirmed })) return null;
      const officerDecision = { outcome: event.outcome, reason: event.reason, officer: event.officer, at: now.toISOString(), ...(talentCertificateConfirmed ? { talentCertificateConfirmed } : {}) };
      return {
        application: { status: event.outcome, officerDecision, decidedAt: now },
        events: [{ step: null, kind: event.outcome === 'APPROVED' ? 'APPROVED_BY_OFFICER' : 'REJECTED_BY_OFFICER', detail: { reason: event.reason, officer: event.officer } }],
        // The officer's words stay in the file; the notice says only what was decided.
        notices: [event.outcome === 'APPROVED' ? notice('APPROVED', borrowersOf(application)) : notice('REJECTED', ['APPLICANT'])],
      };
    }
  }
}

/** The disbursement tried again later, or given up (an officer takes it to the bank) once its attempts or deadline are spent. */
function disbursementRetry(step: LoanStepRow, detail: Record<string, unknown>, kind: 'UNAVAILABLE' | 'DISBURSEMENT_INSTRUCTED', now: Date, settings: WorkflowSettings, outcome?: unknown): Transitions {
  const keep = outcome !== undefined ? { outcome } : {};
  if (step.attempts >= DISBURSEMENT_MAX_ATTEMPTS || now.getTime() >= step.giveUpAt.getTime()) {
    return { steps: [{ step: DISBURSE_STEP, status: 'GAVE_UP', ...keep }], events: [{ step: DISBURSE_STEP, kind: 'GAVE_UP', detail }] };
  }
  const nextAttemptAt = new Date(now.getTime() + backoffMs(settings, step.attempts));
  // Processing at the bank is not a failure: the step stays pending and queries the instruction's state then.
  const status = kind === 'UNAVAILABLE' ? 'UNAVAILABLE' : 'PENDING';
  const events: TimelineEventInput[] = kind === 'UNAVAILABLE' || step.outcome === null ? [{ step: DISBURSE_STEP, kind, detail: { ...detail, nextAttemptAt: nextAttemptAt.toISOString() } }] : [];
  return { steps: [{ step: DISBURSE_STEP, status, nextAttemptAt, ...keep }], events };
}

/** 放款: the bank's answer to the instruction (or to a query of it). */
function disbursementAnswered(state: CaseState, disbursement: DisbursementFacts, now: Date, settings: WorkflowSettings): Transitions | null {
  const { application, steps } = state;
  const step = steps.find((s) => s.step === DISBURSE_STEP);
  if (!step || FINAL.has(step.status) || application.status !== 'READY_FOR_DISBURSEMENT') return null;
  const evidence = { instructionId: disbursement.instructionId, bankTraceId: disbursement.bankTraceId };
  switch (disbursement.status) {
    case 'DISBURSED':
      return {
        steps: [{ step: DISBURSE_STEP, status: 'DONE', outcome: disbursement }],
        application: { status: 'DISBURSED' },
        events: [{ step: DISBURSE_STEP, kind: 'DISBURSED', detail: { ...evidence, disbursedOn: disbursement.disbursedOn, attempt: step.attempts } }],
        notices: [notice('DISBURSED', borrowersOf(application), { disbursedOn: disbursement.disbursedOn })],
      };
    case 'PROCESSING':
      // The instruction is with the bank: from now on it is queried, never sent as a new one.
      return disbursementRetry(step, { ...evidence, attempt: step.attempts }, 'DISBURSEMENT_INSTRUCTED', now, settings, { instructed: true, ...evidence });
    case 'REJECTED':
      return {
        steps: [{ step: DISBURSE_STEP, status: 'GAVE_UP', outcome: disbursement }],
        events: [{ step: DISBURSE_STEP, kind: 'DISBURSEMENT_REFUSED', detail: { ...evidence, rejectReason: disbursement.rejectReason ?? '' } }],
      };
  }
}
