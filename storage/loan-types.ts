/**
 * The loan application file (贷款申请档案) as stored: the request, its checks as steps, and a
 * timeline of events. Stored before any agency is called; steps carry leases so that two running
 * instances never process the same step, and a restart resumes whatever was left.
 */
import type { AgencyName } from '../lib/agency-contracts';
import type { ConsentGround, Purpose } from './types';

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
  /** 组合贷款: the amount is the total, part HPF and part the entrusted bank's (absent on applications before it existed). */
  combination?: boolean;
  /** The talent certification (人才证书编号) the applicant named, for an officer to confirm (absent when none). */
  talentCertificateNumber?: string;
  centre: string;
  /** The date the application counts from (rates and policy are chosen by it). */
  applicationDate: string;
}

/** A step's name: the workflow's (subgraphs/loan/workflow/checks.ts); the store knows none of them. */
export type LoanStepName = string;

/**
 * A step's lifecycle, the same for every step: BLOCKED waits for other steps; PENDING is due;
 * UNAVAILABLE failed and is tried again at next_attempt_at; AWAITING_CONSENT waits for a party's
 * consent and is taken up again when one is given (resumeAwaitingConsent); DONE finished; GAVE_UP
 * stopped trying (attempts or deadline spent) and waits for an officer; CANCELLED will not run
 * (the application was withdrawn).
 */
export type LoanStepStatus = 'BLOCKED' | 'PENDING' | 'UNAVAILABLE' | 'AWAITING_CONSENT' | 'DONE' | 'GAVE_UP' | 'CANCELLED';

export type LoanStatus = 'ACCEPTED' | 'APPROVED' | 'REFERRED' | 'REJECTED' | 'WITHDRAWN' | 'READY_FOR_DISBURSEMENT' | 'DISBURSED';

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
  officerDecision: { outcome: 'APPROVED' | 'REJECTED'; reason: string; officer: string; at: string; talentCertificateConfirmed?: boolean } | null;
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
  /** A consent was given while this step was being worked: if it ends waiting for one, it is due again instead. */
  resumeRequested: boolean;
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
  /** One open application per applicant and property: this key (applicant and contract or unit) is unique among open ones. */
  openKey: string;
  isTestCase: boolean;
  now: Date;
  decisionDueAt: Date;
  /** The steps the application starts with (the workflow's), and the acceptance event. */
  steps: ReadonlyArray<{ step: LoanStepName; status: 'PENDING' | 'BLOCKED'; giveUpAt: Date }>;
  acceptedEvent: { kind: string; detail: Record<string, unknown> };
  /** The notices of the acceptance (the workflow's), stored with it. */
  notices?: readonly NoticeInput[];
}

export type SubmitOutcome =
  | { kind: 'CREATED' | 'EXISTING'; application: LoanApplicationRow }
  | { kind: 'KEY_REUSED'; application: LoanApplicationRow }
  /** The applicant already has an open application for this property (openKey): the open one. */
  | { kind: 'OPEN_APPLICATION_EXISTS'; application: LoanApplicationRow };

/** A change to one step; fields left out keep their value. A step not there yet is created (giveUpAt then required). */
export interface StepChange {
  step: LoanStepName;
  status: LoanStepStatus;
  outcome?: unknown;
  nextAttemptAt?: Date;
  giveUpAt?: Date;
}

export interface ApplicationChange {
  status?: LoanStatus;
  decision?: unknown;
  decidedAt?: Date | null;
  officerDecision?: NonNullable<LoanApplicationRow['officerDecision']>;
  completedAt?: Date;
}

export interface TimelineEventInput {
  step: LoanStepName | null;
  kind: string;
  detail: Record<string, unknown>;
}

/**
 * A notice of a change a party should know of, written to the outbox in the change's own
 * transaction. The store knows no kind: it keeps the notice once per application and key, with one
 * delivery per SMS recipient and one per webhook the application's centre has registered.
 */
export interface NoticeInput {
  /** Unique within the application: the same change planned again is the same notice, stored once. */
  key: string;
  kind: string;
  /** Whom the SMS goes to, as the workflow names parties (e.g. APPLICANT, SPOUSE): never an identifier. */
  smsTo: readonly string[];
  /** What the receivers are told besides the kind; no personal data. */
  detail: Record<string, unknown>;
}

/** What one event does to an application file: written together, in one transaction. */
export interface Transitions {
  steps?: readonly StepChange[];
  application?: ApplicationChange;
  events?: readonly TimelineEventInput[];
  notices?: readonly NoticeInput[];
}

/** A URL a fund centre's own system registered to be told of its applications' notices. */
export interface NoticeWebhook {
  id: string;
  centre: string;
  url: string;
  /** The HMAC key the payloads are signed with: given to the registering officer once. */
  secret: string;
  registeredBy: string;
  registeredAt: Date;
}

/** A webhook as listed to its centre: never its secret. */
export type NoticeWebhookListing = Omit<NoticeWebhook, 'secret'> & { removedAt: Date | null };

export type NoticeChannel = 'SMS' | 'WEBHOOK';

/** One notice to one receiver, as the dispatcher takes it under a lease. */
export interface NoticeDelivery {
  /** The notice's id: the webhooks' idempotency key. */
  noticeId: string;
  applicationId: string;
  centre: string;
  kind: string;
  detail: Record<string, unknown>;
  createdAt: Date;
  channel: NoticeChannel;
  /** The party an SMS goes to, or the webhook's id. */
  target: string;
  /** The webhook, for a WEBHOOK delivery. */
  webhook: Pick<NoticeWebhook, 'id' | 'url' | 'secret'> | null;
  /** Attempts so far, this one counted. */
  attempts: number;
}

export type DeliveryOutcome =
  | { status: 'DELIVERED' }
  /** Tried again at nextAttemptAt. */
  | { status: 'RETRY'; nextAttemptAt: Date; error: string }
  /** Dead-lettered: not tried again. */
  | { status: 'DEAD'; error: string };

/** The application file as a transition sees it: read under the application's lock. */
export interface CaseState {
  application: LoanApplicationRow;
  steps: readonly LoanStepRow[];
}

/** The lease a worker holds on the step it reports on; the report is dropped if the lease was lost. */
export interface StepLease {
  owner: string;
  step: LoanStepName;
}

/** Decides the transitions from the state read under the lock; null: nothing to do (or not allowed). */
export type TransitionPlan = (state: CaseState) => Transitions | null;

export interface LoanListFilter {
  centre?: string;
  applicantKey?: string;
  /** Applications that name this person (subject key) as a borrower. */
  partyKey?: string;
  status?: LoanStatus;
  /** Applications with at least one step in this state (e.g. GAVE_UP: the queue of checks officers must finish by hand). */
  stepStatus?: LoanStepStatus;
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
  /** 冲还贷, the main borrower's choice at signing: each HPF instalment paid from their HPF account. Kept on the SIGNED event. */
  monthlyOffset?: boolean;
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

/** The consents a case read brings along: those in force under the request's purpose, for its centre, at its instant. */
export interface CaseConsentQuery {
  purpose: Purpose;
  centre: string;
  at: Date;
  /** The statuses in which the application is open to the caller (case-file.ts): consents are read in no other. */
  openStatuses: readonly LoanStatus[];
  /**
   * The one agency the reader asks about (a subgraph's own): only consents whose scopes name it,
   * each with that agency's scope alone. Absent or null: every consent, whole.
   */
  agency?: AgencyName | null;
}

export interface CaseRead extends CaseState {
  /**
   * Every consent naming this application that is in force at `at` for the purpose and centre
   * asked, whoever gave it, as the request's grounds, newest first (granted, then recorded):
   * newestCovering (consent-store.ts) answers findActiveForItems' question from them. Empty when
   * none was asked for, or when the application is not of that centre or not in one of the open
   * statuses.
   */
  consents: ConsentGround[];
}

export interface LoanStore {
  /** The applicant's one review (好差评) of a finished application; false when already reviewed. */
  addReview(applicationId: string, score: number, comment: string, now: Date): Promise<boolean>;
  /** A centre's figures, test cases (测试件) left out. */
  statistics(centre: string): Promise<LoanStatistics>;
  /**
   * Records one signer's signature of the contract and, in the same transaction, applies what the
   * workflow plans given everyone who has signed so far. Returns the keys of everyone who has signed.
   */
  addSignature(applicationId: string, signature: LoanSignature, plan: (state: CaseState & { signerKeys: readonly string[] }) => Transitions | null, now: Date): Promise<{ signerKeys: string[] }>;
  signatures(applicationId: string): Promise<LoanSignature[]>;
  /** Stores the application, its steps and the acceptance event in one transaction; idempotent per centre and key (whoever of the centre sends it). */
  submit(input: SubmitLoan): Promise<SubmitOutcome>;
  get(id: string): Promise<LoanApplicationRow | null>;
  /**
   * What submit would answer a centre's submission with this key and request hash, when the key was
   * used before: EXISTING (the same request) or KEY_REUSED (another), with the application it made.
   * Null when the key is new.
   */
  findSubmission(centre: string, idempotencyKey: string, requestHash: string): Promise<{ kind: 'EXISTING' | 'KEY_REUSED'; application: LoanApplicationRow } | null>;
  steps(id: string): Promise<LoanStepRow[]>;
  /**
   * The case file a request names — the application and its steps — in one statement, and with it
   * every consent given for it under the request's purpose and centre (CaseRead.consents), which
   * the store returns only if the application is of `consents.centre` and in one of
   * `consents.openStatuses`; the caller still verifies the case before it uses any. Null when absent.
   */
  readCase(id: string, consents: CaseConsentQuery | null): Promise<CaseRead | null>;
  events(id: string): Promise<LoanEvent[]>;
  /** Newest first; `after` is the position cursor of the previous page. */
  list(filter: LoanListFilter, page: { after: number | null; limit: number }): Promise<LoanApplicationRow[]>;
  /** Steps not finished, by state (leased ones counted apart): the worker's queue, for metrics. */
  queueDepth(now: Date): Promise<{ due: number; retrying: number; waiting: number; blocked: number; leased: number }>;
  /**
   * Frees the leases `owner` holds on steps other than `keep` (application id and step): after a
   * claim whose answer was lost with the connection, the steps it may have leased are due again at
   * once instead of when the lease runs out. Returns how many were freed.
   */
  releaseLeases(owner: string, keep: ReadonlyArray<{ applicationId: string; step: LoanStepName }>): Promise<number>;
  /** Leases due steps to `owner` (skipping ones another instance holds) and returns them, each with its attempt counted. */
  claimDueSteps(owner: string, now: Date, leaseMs: number, limit: number): Promise<LoanStepRow[]>;
  /**
   * Applies an event to one application: under its lock, reads the file, asks `plan` for the
   * transitions, writes them with their events, and frees `lease` (only if still held: otherwise
   * nothing is written). Returns the application as it is afterwards, or null when nothing was applied.
   */
  apply(applicationId: string, lease: StepLease | null, plan: TransitionPlan, now: Date): Promise<LoanApplicationRow | null>;
  /**
   * A party consented: the steps of this application that waited for a consent are due now, and one
   * being worked at this moment is flagged (resumeRequested). Returns how many waiting steps resumed.
   */
  resumeAwaitingConsent(applicationId: string, now: Date): Promise<number>;
  /**
   * Calls `listener` when a step may have become due (a submission, a resumption, a transition):
   * made in this process at once; on PostgreSQL also made by any other process (LISTEN/NOTIFY).
   */
  onWorkDue(listener: () => void): () => void;
  /** Registers a centre's webhook (refused, WEBHOOK_EXISTS, for a URL the centre has already, never re-keyed; WEBHOOK_LIMIT past MAX_WEBHOOKS_PER_CENTRE); later notices of its applications go to it too. */
  registerWebhook(input: { centre: string; url: string; secret: string; registeredBy: string; now: Date }): Promise<NoticeWebhook>;
  /** The centre's webhooks in use, oldest first, without their secrets. */
  listWebhooks(centre: string): Promise<NoticeWebhookListing[]>;
  /** Removes one of the centre's webhooks: no notice is delivered to it from now on, its pending deliveries are given up; null when the centre has no such webhook in use. */
  removeWebhook(input: { id: string; centre: string; removedBy: string; now: Date }): Promise<NoticeWebhookListing | null>;
  /** Leases due deliveries to `owner` (skipping ones another instance holds), each with its attempt counted. */
  claimDueDeliveries(owner: string, now: Date, leaseMs: number, limit: number): Promise<NoticeDelivery[]>;
  /**
   * Records what became of a delivery, with its timeline event (delivered or dead-lettered) in the
   * same transaction; fenced by the lease like a step. False when the lease was lost.
   */
  finishDelivery(delivery: Pick<NoticeDelivery, 'noticeId' | 'target' | 'applicationId'>, owner: string, outcome: DeliveryOutcome, event: TimelineEventInput | null, now: Date): Promise<boolean>;
  /** The application's notices with the state of each delivery, oldest first. */
  notices(applicationId: string): Promise<Array<{ id: string; key: string; kind: string; createdAt: Date; deliveries: Array<{ channel: NoticeChannel; target: string; status: string; attempts: number }> }>>;
}
