/**
 * The loan application file (贷款申请档案) as stored: the request, its checks as steps, and a
 * timeline of events. Stored before any agency is called; steps carry leases so that two running
 * instances never process the same step, and a restart resumes whatever was left.
 */

export type RepaymentMethod = 'EQUAL_INSTALMENT' | 'EQUAL_PRINCIPAL';

export interface LoanPerson {
  idNumber: string;
  name: string;
}

export interface LoanRequest {
  applicant: LoanPerson;
  spouse: LoanPerson | null;
  coBorrowers: LoanPerson[];
  contractNumber: string | null;
  unitNumber: string | null;
  amountFen: number;
  termMonths: number;
  repaymentMethod: RepaymentMethod;
  centre: string;
  /** The date the application counts from (rates and policy are chosen by it). */
  applicationDate: string;
}

export const GATHER_STEPS = [
  'GATHER_IDENTITY',
  'GATHER_MARRIAGE',
  'GATHER_CONTRACT',
  'GATHER_TAX',
  'GATHER_REGISTRATION',
  'GATHER_CREDIT',
  'GATHER_PROVIDENT_FUND',
] as const;
export type GatherStep = (typeof GATHER_STEPS)[number];
export type LoanStepName = GatherStep | 'DECIDE' | 'REGISTER_MORTGAGE';

/**
 * BLOCKED: waits for other steps; PENDING: due; UNAVAILABLE: the agency failed, retried with
 * backoff; AWAITING_CONSENT: a party has not consented for this application yet, taken up again
 * when they do; DONE: finished; GAVE_UP: still unavailable at its deadline.
 */
export type LoanStepStatus = 'BLOCKED' | 'PENDING' | 'UNAVAILABLE' | 'AWAITING_CONSENT' | 'DONE' | 'GAVE_UP';

export type LoanStatus = 'ACCEPTED' | 'APPROVED' | 'REFERRED' | 'REJECTED' | 'READY_FOR_DISBURSEMENT';

export interface LoanApplicationRow {
  id: string;
  position: number;
  idempotencyKey: string;
  submittedBy: string;
  submittedByRole: string;
  centre: string;
  applicantKey: string;
  request: LoanRequest;
  status: LoanStatus;
  decision: unknown | null;
  officerDecision: { outcome: 'APPROVED' | 'REJECTED'; reason: string; officer: string; at: string } | null;
  acceptedAt: Date;
  decisionDueAt: Date;
  decidedAt: Date | null;
  isTestCase: boolean;
}

export interface LoanStepRow {
  applicationId: string;
  step: LoanStepName;
  status: LoanStepStatus;
  attempts: number;
  nextAttemptAt: Date;
  giveUpAt: Date;
  outcome: unknown | null;
  updatedAt: Date;
}

export interface LoanEvent {
  position: number;
  applicationId: string;
  at: Date;
  step: LoanStepName | null;
  kind: string;
  detail: Record<string, unknown>;
}

export interface SubmitLoan {
  idempotencyKey: string;
  submittedBy: string;
  submittedByRole: string;
  centre: string;
  applicantKey: string;
  /** Subject keys of every borrower (applicant, spouse, co-borrowers). */
  partyKeys: readonly string[];
  request: LoanRequest;
  requestHash: string;
  isTestCase: boolean;
  now: Date;
  decisionDueAt: Date;
  giveUpAt: Date;
}

export type SubmitOutcome =
  | { kind: 'CREATED' | 'EXISTING'; application: LoanApplicationRow }
  | { kind: 'KEY_REUSED'; application: LoanApplicationRow };

export interface StepResult {
  status: 'DONE' | 'UNAVAILABLE' | 'AWAITING_CONSENT' | 'GAVE_UP';
  outcome: unknown;
  /** When an UNAVAILABLE step is tried again. */
  nextAttemptAt?: Date;
  event: { kind: string; detail: Record<string, unknown> };
}

export interface LoanListFilter {
  centre?: string;
  applicantKey?: string;
  /** Applications that name this person (subject key) as a borrower. */
  partyKey?: string;
  status?: LoanStatus;
  includeTestCases?: boolean;
}

export interface LoanSignature {
  signerKey: string;
  signerMasked: string;
  keyThumbprint: string;
  signature: string;
  contractSha256: string;
  identityProof: string;
  signedAt: Date;
}

export interface LoanStatistics {
  byStatus: Record<string, number>;
  /** Median minutes from acceptance to the decision, over decided applications; null when none. */
  medianMinutesToDecision: number | null;
  /** Median minutes from acceptance to ready for disbursement; null when none. */
  medianMinutesToCompletion: number | null;
  reviews: number;
  averageReviewScore: number | null;
}

export interface LoanStore {
  /** The applicant's one review (好差评) of a finished application; false when already reviewed. */
  addReview(applicationId: string, score: number, comment: string, now: Date): Promise<boolean>;
  /** A centre's figures, test cases (测试件) left out. */
  statistics(centre: string): Promise<LoanStatistics>;
  /**
   * Records one signer's signature of the contract; once every required signer has signed, the
   * mortgage registration step becomes due (in the same transaction). Returns whether all have signed.
   */
  addSignature(applicationId: string, signature: LoanSignature, requiredSignerKeys: readonly string[], now: Date): Promise<{ allSigned: boolean }>;
  signatures(applicationId: string): Promise<LoanSignature[]>;
  /** The mortgage registered: the step done with its certificate, the application ready for disbursement. */
  completeMortgage(owner: string, applicationId: string, outcome: Record<string, unknown>, now: Date): Promise<boolean>;
  /** Stores the application, its steps and the acceptance event in one transaction; idempotent per centre and key (whoever of the centre sends it). */
  submit(input: SubmitLoan): Promise<SubmitOutcome>;
  get(id: string): Promise<LoanApplicationRow | null>;
  steps(id: string): Promise<LoanStepRow[]>;
  events(id: string): Promise<LoanEvent[]>;
  /** Newest first; `after` is the position cursor of the previous page. */
  list(filter: LoanListFilter, page: { after: number | null; limit: number }): Promise<LoanApplicationRow[]>;
  /** Leases due steps to `owner` (skipping ones another instance holds) and returns them. */
  claimDueSteps(owner: string, now: Date, leaseMs: number, limit: number): Promise<LoanStepRow[]>;
  /** Records a step's result if `owner` still holds its lease; unblocks DECIDE when every gather step is final. */
  completeStep(owner: string, applicationId: string, step: LoanStepName, result: StepResult, now: Date): Promise<boolean>;
  /**
   * A party consented: the steps of this application that waited for a consent are due now, and one
   * being worked at this moment is due again if it ends waiting. Returns how many waiting steps resumed.
   */
  resumeAwaitingConsent(applicationId: string, now: Date): Promise<number>;
  /** Records the automatic decision (DECIDE's result) and the application's new status. */
  decide(owner: string, applicationId: string, status: LoanStatus, decision: unknown, now: Date): Promise<boolean>;
  /** An officer's approval or rejection of a referred application of their centre. */
  officerDecide(id: string, centre: string, outcome: 'APPROVED' | 'REJECTED', reason: string, officer: string, now: Date): Promise<LoanApplicationRow | null>;
}
