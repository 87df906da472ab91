/**
 * The loan workflow's state machine, as a function: from an application file and one event, the
 * transitions the store writes. No database, no agencies.
 */
import type { CaseState, LoanApplicationRow, LoanStepRow, StepChange, Transitions } from '../../../storage/loan-types';
import type { CheckRecord, ItemAnswer } from '../../../subgraphs/shared/cases/check-record';
import { CHECK_STEPS, CHECKS, type CheckStep } from '../../../subgraphs/loan/workflow/checks';
import { backoffMs, initialSteps, openItemsOf, transition, type CheckAnswer, type DisbursementFacts } from '../../../subgraphs/loan/workflow/machine';
import { dueDateOf } from '../../../subgraphs/loan/domain/schedule';
import { webhookUrlProblem } from '../../../lib/webhook-signing';

const NOW = new Date('2026-03-01T02:00:00Z');
const LATER = new Date(NOW.getTime() + 24 * 3600 * 1000);
const SETTINGS = { retryBaseMs: 1000, retryMaxMs: 60_000 };

function application(overrides: Partial<LoanApplicationRow> = {}): LoanApplicationRow {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    position: 1,
    idempotencyKey: 'key-00000001',
    submittedBy: 'FUND_OFFICER:officer',
    submittedByRole: 'FUND_OFFICER',
    centre: '350100',
    applicantKey: 'a'.repeat(64),
    request: {
      applicant: { idNumber: '350102199003140316', name: '林志强' },
      spouse: { idNumber: '350104199108220462', name: '陈丽娟' },
      coBorrowers: [],
      contractNumber: 'WQ3501022026900001',
      unitNumber: null,
      amountFen: 60_000_000,
      termMonths: 240,
      repaymentMethod: 'EQUAL_INSTALMENT',
      centre: '350100',
      applicationDate: '2026-03-01',
    },
    status: 'ACCEPTED',
    decision: null,
    officerDecision: null,
    acceptedAt: NOW,
    decisionDueAt: new Date(NOW.getTime() + 15 * 24 * 3600 * 1000),
    decidedAt: null,
    isTestCase: false,
    ...overrides,
  };
}

function stepsAt(overrides: Partial<Record<string, Partial<LoanStepRow>>> = {}): LoanStepRow[] {
  return initialSteps(LATER).map((step) => ({
    applicationId: '00000000-0000-4000-8000-000000000001',
    step: step.step,
    status: step.status,
    attempts: 1,
    nextAttemptAt: NOW,
    giveUpAt: step.giveUpAt,
    outcome: null,
    resumeRequested: false,
    updatedAt: NOW,
    ...overrides[step.step],
  }));
}

const unavailable: ItemAnswer<unknown> = { status: 'UNAVAILABLE', agency: 'pboc-credit', code: 'AGENCY_TIMEOUT' };
const found = (facts: unknown): ItemAnswer<unknown> => ({ status: 'FOUND', facts });
const clean = { currentOverdueAmountFen: 0, repaymentHistory24Months: Array(24).fill('N') };
const answer = (persons: CheckAnswer['persons'], property: CheckAnswer['property'] = null): CheckAnswer => ({ persons, property, evidence: [] });
const stepChange = (transitions: Transitions | null, step: string): StepChange | undefined => transitions?.steps?.find((change) => change.step === step);
const state = (steps: LoanStepRow[], app = application()): CaseState => ({ application: app, steps });

describe('the loan workflow state machine', () => {
  it('starts every check at once, the decision waiting for them', () => {
    expect(initialSteps(LATER).map((step) => [step.step, step.status])).toEqual([...CHECK_STEPS.map((step) => [step, 'PENDING']), ['DECIDE', 'BLOCKED']]);
  });

  it('keeps what one party answered and retries only the party whose read failed', () => {
    const first = transition(state(stepsAt()), { kind: 'CHECK_ANSWERED', step: 'GATHER_CREDIT', answer: answer({ APPLICANT: found(clean), SPOUSE: unavailable }) }, NOW, SETTINGS);
    const change = stepChange(first, 'GATHER_CREDIT')!;
    expect(change).toMatchObject({ status: 'UNAVAILABLE', nextAttemptAt: new Date(NOW.getTime() + backoffMs(SETTINGS, 1)) });
    expect(first?.events?.[0]).toMatchObject({ kind: 'UNAVAILABLE', detail: { agencies: ['pboc-credit'], codes: ['AGENCY_TIMEOUT'], parties: ['SPOUSE'] } });
    // The next attempt asks for the spouse alone; the applicant's report is kept as it was.
    const record = change.outcome as CheckRecord;
    expect(openItemsOf('GATHER_CREDIT', application(), record)).toEqual({ parties: ['SPOUSE'], property: false });
    const second = transition(state(stepsAt({ GATHER_CREDIT: { status: 'UNAVAILABLE', attempts: 2, outcome: record } })), { kind: 'CHECK_ANSWERED', step: 'GATHER_CREDIT', answer: answer({ SPOUSE: found(clean) }) }, NOW, SETTINGS);
    expect(stepChange(second, 'GATHER_CREDIT')).toMatchObject({ status: 'DONE', outcome: { persons: { APPLICANT: found(clean), SPOUSE: found(clean) } } });
  });

  it('says NEEDS_CONSENT apart from an outage, naming the party and the item, and waits', () => {
    const needs: ItemAnswer<unknown> = { status: 'NEEDS_CONSENT', dataItem: 'creditReport' };
    const waiting = transition(state(stepsAt()), { kind: 'CHECK_ANSWERED', step: 'GATHER_CREDIT', answer: answer({ APPLICANT: found(clean), SPOUSE: needs }) }, NOW, SETTINGS);
    expect(stepChange(waiting, 'GATHER_CREDIT')).toMatchObject({ status: 'AWAITING_CONSENT' });
    expect(waiting?.events?.[0]).toEqual({ step: 'GATHER_CREDIT', kind: 'NEEDS_CONSENT', detail: { parties: ['SPOUSE'], dataItems: ['creditReport'] } });
    // A consent given while the read ran: the check is due again at once rather than waiting for one already there.
    const resumed = transition(state(stepsAt({ GATHER_CREDIT: { resumeRequested: true } })), { kind: 'CHECK_ANSWERED', step: 'GATHER_CREDIT', answer: answer({ APPLICANT: found(clean), SPOUSE: needs }) }, NOW, SETTINGS);
    expect(stepChange(resumed, 'GATHER_CREDIT')).toMatchObject({ status: 'PENDING' });
  });

  it('gives up after the check’s attempts, or at its deadline, and then decides (referring the gap to an officer)', () => {
    const done = Object.fromEntries(CHECK_STEPS.filter((step) => step !== 'GATHER_CREDIT').map((step) => [step, { status: 'DONE' as const }]));
    const lastTry = transition(state(stepsAt({ ...done, GATHER_CREDIT: { attempts: CHECKS.GATHER_CREDIT.maxAttempts } })), { kind: 'CHECK_ANSWERED', step: 'GATHER_CREDIT', answer: answer({ APPLICANT: unavailable, SPOUSE: unavailable }) }, NOW, SETTINGS);
    expect(stepChange(lastTry, 'GATHER_CREDIT')).toMatchObject({ status: 'GAVE_UP' });
    expect(stepChange(lastTry, 'DECIDE')).toMatchObject({ status: 'DONE' });
    expect(lastTry?.application).toMatchObject({ status: 'REFERRED', decidedAt: null });
    const pastDeadline = transition(state(stepsAt({ GATHER_CREDIT: { giveUpAt: NOW } })), { kind: 'CHECK_ANSWERED', step: 'GATHER_CREDIT', answer: answer({ APPLICANT: unavailable, SPOUSE: unavailable }) }, NOW, SETTINGS);
    expect(stepChange(pastDeadline, 'GATHER_CREDIT')).toMatchObject({ status: 'GAVE_UP' });
  });

  it('decides in the same transition as the last check, and never twice', () => {
    const others = Object.fromEntries(CHECK_STEPS.filter((step) => step !== 'GATHER_TAX').map((step) => [step, { status: 'DONE' as const }]));
    const last = transition(state(stepsAt(others)), { kind: 'CHECK_ANSWERED', step: 'GATHER_TAX', answer: answer({}, found({ declared: true, paid: true })) }, NOW, SETTINGS);
    expect(last?.steps?.map((change) => [change.step, change.status])).toEqual([
      ['GATHER_TAX', 'DONE'],
      ['DECIDE', 'DONE'],
    ]);
    expect(last?.events?.map((event) => event.kind)).toEqual(['CHECKED', 'REFERRED_TO_OFFICER']);
    const decided = stepsAt({ ...others, GATHER_TAX: { status: 'DONE' }, DECIDE: { status: 'DONE' } });
    expect(transition(state(decided), { kind: 'DECISION_DUE' }, NOW, SETTINGS)).toBeNull();
  });

  it('ignores an answer for a check already final, or for an application no longer being checked', () => {
    const event = { kind: 'CHECK_ANSWERED' as const, step: 'GATHER_CREDIT' as CheckStep, answer: answer({ APPLICANT: found(clean), SPOUSE: found(clean) }) };
    expect(transition(state(stepsAt({ GATHER_CREDIT: { status: 'DONE' } })), event, NOW, SETTINGS)).toBeNull();
    expect(transition(state(stepsAt(), application({ status: 'WITHDRAWN' })), event, NOW, SETTINGS)).toBeNull();
  });

  it('lets an officer decide only a referred application of their centre, and never approve past a hard limit', () => {
    const referred = application({ status: 'REFERRED', decision: { rate: '2.6%', maximumAmountFen: 50_000_000 } });
    const approve = { kind: 'OFFICER_DECIDED' as const, centre: '350100', outcome: 'APPROVED' as const, reason: 'checked by hand', officer: 'officer' };
    // 600,000.00 asked, 500,000.00 the computed maximum.
    expect(transition(state(stepsAt(), referred), approve, NOW, SETTINGS)).toBeNull();
    expect(transition(state(stepsAt(), referred), { ...approve, outcome: 'REJECTED' }, NOW, SETTINGS)?.application).toMatchObject({ status: 'REJECTED', decidedAt: NOW });
    expect(transition(state(stepsAt(), referred), { ...approve, centre: '350200', outcome: 'REJECTED' }, NOW, SETTINGS)).toBeNull();
    const within = application({ status: 'REFERRED', decision: { rate: '2.6%', maximumAmountFen: 80_000_000 } });
    expect(transition(state(stepsAt(), within), approve, NOW, SETTINGS)?.application).toMatchObject({ status: 'APPROVED' });
  });

  it('registers the mortgage once every required signer has signed, and finishes with it', () => {
    const approved = application({ status: 'APPROVED' });
    const signed = { kind: 'SIGNED' as const, requiredSignerKeys: ['a', 'b'] };
    expect(transition(state(stepsAt(), approved), { ...signed, signerKeys: ['a'] }, NOW, SETTINGS)).toBeNull();
    const due = transition(state(stepsAt(), approved), { ...signed, signerKeys: ['b', 'a'] }, NOW, SETTINGS);
    expect(stepChange(due, 'REGISTER_MORTGAGE')).toMatchObject({ status: 'PENDING' });
    const mortgageStep = { ...stepsAt()[0]!, step: 'REGISTER_MORTGAGE', status: 'PENDING' as const };
    const registered = transition(state([...stepsAt(), mortgageStep], approved), { kind: 'MORTGAGE_REGISTERED', certificate: { certificateNumber: '闽(2026)福州市不动产证明第0000001号', eCertificateSha256: 'f'.repeat(64), registeredAt: NOW.toISOString() } }, NOW, SETTINGS);
    expect(registered?.application).toMatchObject({ status: 'READY_FOR_DISBURSEMENT' });
  });

  it('withdraws an application before its mortgage registration, cancelling what has not run', () => {
    const withdrawn = transition(state(stepsAt({ GATHER_TAX: { status: 'DONE' } })), { kind: 'WITHDRAWN', by: 'APPLICANT', reason: 'bought elsewhere' }, NOW, SETTINGS);
    expect(withdrawn?.application).toEqual({ status: 'WITHDRAWN' });
    expect(withdrawn?.steps?.map((change) => change.step)).not.toContain('GATHER_TAX');
    expect(new Set(withdrawn?.steps?.map((change) => change.status))).toEqual(new Set(['CANCELLED']));
    const registering = [...stepsAt(), { ...stepsAt()[0]!, step: 'REGISTER_MORTGAGE', status: 'PENDING' as const }];
    expect(transition(state(registering, application({ status: 'APPROVED' })), { kind: 'WITHDRAWN', by: 'APPLICANT', reason: 'late' }, NOW, SETTINGS)).toBeNull();
  });

  describe('disbursement (放款) and notices', () => {
    const ready = application({ status: 'READY_FOR_DISBURSEMENT' });
    const disburseStep = (over: Partial<LoanStepRow> = {}): LoanStepRow => ({ ...stepsAt()[0]!, step: 'DISBURSE', status: 'PENDING', giveUpAt: LATER, ...over });
    const bank = (status: DisbursementFacts['status']): DisbursementFacts => ({
      instructionId: 'FK20260301000001',
      status,
      loanAccountNumber: status === 'DISBURSED' ? '35010020260000000001' : null,
      disbursedOn: status === 'DISBURSED' ? '2026-03-01' : null,
      rejectReason: status === 'REJECTED' ? 'account frozen' : null,
      bankTraceId: 'EB20260301100000000001',
    });

    it('makes the disbursement due with the mortgage registration, and tells the applicant', () => {
      const registered = transition(state([...stepsAt(), { ...stepsAt()[0]!, step: 'REGISTER_MORTGAGE', status: 'PENDING' }], application({ status: 'APPROVED' })), { kind: 'MORTGAGE_REGISTERED', certificate: { certificateNumber: 'c', eCertificateSha256: 'f'.repeat(64), registeredAt: NOW.toISOString() } }, NOW, SETTINGS);
      expect(stepChange(registered, 'DISBURSE')).toMatchObject({ status: 'PENDING' });
      expect(registered?.notices).toEqual([{ key: 'MORTGAGE_REGISTERED', kind: 'MORTGAGE_REGISTERED', smsTo: ['APPLICANT'], detail: {} }]);
    });

    it('finishes DISBURSED with the bank\'s account and date, telling every borrower', () => {
      const done = transition(state([...stepsAt(), disburseStep()], ready), { kind: 'DISBURSEMENT_ANSWERED', disbursement: bank('DISBURSED') }, NOW, SETTINGS);
      expect(done?.application).toEqual({ status: 'DISBURSED' });
      expect(stepChange(done, 'DISBURSE')).toMatchObject({ status: 'DONE', outcome: { loanAccountNumber: '35010020260000000001', disbursedOn: '2026-03-01' } });
      expect(done?.notices).toEqual([{ key: 'DISBURSED', kind: 'DISBURSED', smsTo: ['APPLICANT', 'SPOUSE'], detail: { disbursedOn: '2026-03-01' } }]);
    });

    it('queries an instruction the bank is processing later (never instructs anew), refers a refusal, and gives up after bounded attempts', () => {
      const processing = transition(state([...stepsAt(), disburseStep()], ready), { kind: 'DISBURSEMENT_ANSWERED', disbursement: bank('PROCESSING') }, NOW, SETTINGS);
      expect(stepChange(processing, 'DISBURSE')).toMatchObject({ status: 'PENDING', nextAttemptAt: new Date(NOW.getTime() + backoffMs(SETTINGS, 1)), outcome: { instructed: true } });
      expect(processing?.events?.map((event) => event.kind)).toEqual(['DISBURSEMENT_INSTRUCTED']);
      const refused = transition(state([...stepsAt(), disburseStep()], ready), { kind: 'DISBURSEMENT_ANSWERED', disbursement: bank('REJECTED') }, NOW, SETTINGS);
      expect(stepChange(refused, 'DISBURSE')).toMatchObject({ status: 'GAVE_UP' });
      expect(refused?.application).toBeUndefined();
      const retried = transition(state([...stepsAt(), disburseStep({ attempts: 3 })], ready), { kind: 'DISBURSEMENT_UNAVAILABLE', codes: ['TIMEOUT'] }, NOW, SETTINGS);
      expect(stepChange(retried, 'DISBURSE')).toMatchObject({ status: 'UNAVAILABLE' });
      const spent = transition(state([...stepsAt(), disburseStep({ attempts: 20 })], ready), { kind: 'DISBURSEMENT_UNAVAILABLE', codes: ['TIMEOUT'] }, NOW, SETTINGS);
      expect(stepChange(spent, 'DISBURSE')).toMatchObject({ status: 'GAVE_UP' });
    });

    it('tells each party once that their consent is awaited', () => {
      const waiting = transition(state(stepsAt()), { kind: 'CHECK_ANSWERED', step: 'GATHER_CREDIT', answer: answer({ APPLICANT: found(clean), SPOUSE: { status: 'NEEDS_CONSENT', dataItem: 'creditReport' } as ItemAnswer<unknown> }) }, NOW, SETTINGS);
      expect(waiting?.notices).toEqual([{ key: 'NEEDS_CONSENT:SPOUSE', kind: 'NEEDS_CONSENT', smsTo: ['SPOUSE'], detail: { parties: ['SPOUSE'] } }]);
    });

    it('counts instalments from the disbursement date, the month\'s last day when it is shorter', () => {
      expect([1, 2, 3, 13].map((period) => dueDateOf('2026-01-31', period))).toEqual(['2026-02-28', '2026-03-31', '2026-04-30', '2027-02-28']);
      expect(dueDateOf('2027-12-15', 1)).toBe('2028-01-15');
    });

    it('lets a webhook be https, or loopback http outside production', () => {
      expect(webhookUrlProblem('https://hpf.example/notices', 'production')).toBeNull();
      expect(webhookUrlProblem('http://127.0.0.1:8080/n', 'test')).toBeNull();
      expect(webhookUrlProblem('http://[::1]:8080/n', 'development')).toBeNull();
      expect(webhookUrlProblem('http://127.0.0.1:8080/n', 'production')).toMatch(/https/);
      // In production, no internal address or name, however it is written.
      for (const internal of ['https://127.0.0.1:6379/', 'https://169.254.169.254/latest', 'https://10.1.2.3/', 'https://[::1]:5432/', 'https://[::ffff:10.0.0.1]/', 'https://localhost/', 'https://metadata.google.internal/', 'https://kubernetes.default.svc/api', 'https://intranet/']) {
        expect(webhookUrlProblem(internal, 'production')).toMatch(/public host/);
      }
      expect(webhookUrlProblem('http://10.0.0.8/n', 'test')).toMatch(/https/);
      expect(webhookUrlProblem('https://u:p@hpf.example/n', 'test')).toMatch(/credentials/);
    });
  });
});
