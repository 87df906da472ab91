/**
 * The durable records of the privacy layer: consents (同意/授权) and the access record (访问记录).
 * Stores hold no clear personal data: a data subject is known by a keyed hash of their ID number
 * (subjectKey) plus the masked form for display; actors are known by their token subject.
 */
import type { Purpose } from '../lib/actor';
import type { AgencyName } from '../lib/agency-contracts';
import type { Checkpoint } from './checkpoints';
import type { LoanStore } from './loan-types';

/** Why data is processed: declared with the request's purpose (lib/actor.ts), which storage depends on. */
export type { Purpose } from '../lib/actor';

/**
 * Kinds of consent that PIPL and the credit regulation keep separate: data sharing with the
 * platform (art. 23), the credit-report query (征信业管理条例 art. 18, written, with an agreed
 * purpose) and face verification (biometrics, art. 28–29).
 */
export type ConsentKind = 'DATA_SHARING' | 'CREDIT_QUERY' | 'FACE_VERIFICATION';
export type ConsentStatus = 'ACTIVE' | 'REVOKED' | 'EXPIRED';
export type SubjectRole = 'APPLICANT' | 'SPOUSE' | 'CO_BORROWER' | 'CO_OWNER';

/** One agency and the data items of it the consent covers, e.g. civil-affairs / ["marriage"]. */
export interface ConsentScope {
  agency: AgencyName;
  dataItems: string[];
}

export interface ConsentGrant {
  subjectKey: string;
  subjectMasked: string;
  subjectRole: SubjectRole;
  kind: ConsentKind;
  purpose: Purpose;
  scopes: ConsentScope[];
  /** The fund centre (code) the consent is given to. */
  grantedToCentre: string;
  /** The written authorization's reference (征信查询授权书编号) for CREDIT_QUERY; null otherwise. */
  authorizationRef: string | null;
  /**
   * The application the consent is for: every DATA_SHARING and CREDIT_QUERY consent of the loan's
   * purposes names one; a face-verification consent may not, and a spouse's HPF_QUOTA_ESTIMATE
   * consent never does (there is no application yet: lib/estimate-consent.ts).
   */
  applicationId: string | null;
  validFrom: Date;
  validUntil: Date;
  /** Who recorded the grant (token subject), e.g. the applicant themself or a proxy agent. */
  recordedBy: string;
}

export interface ConsentRecord extends ConsentGrant {
  id: string;
  /** ACTIVE, REVOKED, or EXPIRED when validUntil has passed at the time of reading. */
  status: ConsentStatus;
  grantedAt: Date;
  revokedAt: Date | null;
}

/**
 * What a request needs of a consent it reads under: which one it is (the access record names it),
 * whose, of what kind and covering what (to match a question), and a credit query's written
 * authorization. A case read brings its consents in this form (LoanStore.readCase).
 */
export type ConsentGround = Pick<ConsentRecord, 'id' | 'subjectKey' | 'kind' | 'scopes' | 'authorizationRef'>;

export interface ConsentQuery {
  subjectKey: string;
  /** The case the consent must name; undefined matches a consent of any case or none (face verification). */
  applicationId?: string;
  kind: ConsentKind;
  purpose: Purpose;
  agency: AgencyName;
  dataItem: string;
  centre: string;
  at: Date;
}

/** One question of findActiveForItems: does this subject's consent of this kind cover this agency's item? */
export interface ConsentItem {
  subjectKey: string;
  kind: ConsentKind;
  agency: AgencyName;
  dataItem: string;
}

export interface ConsentStore {
  grant(grant: ConsentGrant): Promise<ConsentRecord>;
  /** Revokes a consent of this subject; null when no such consent of theirs exists. */
  revoke(id: string, subjectKey: string, at: Date): Promise<ConsentRecord | null>;
  /** The newest consent that is ACTIVE at `at` and covers the query exactly; null otherwise. */
  findActive(query: ConsentQuery): Promise<ConsentRecord | null>;
  /** findActive for many subjects at once (a list page), by subjectKey; subjects without one are absent. */
  findActiveForSubjects(query: Omit<ConsentQuery, 'subjectKey'> & { subjectKeys: readonly string[] }): Promise<Map<string, ConsentRecord>>;
  /**
   * findActive for many questions at once, in one statement: each item's subject, kind, agency and
   * data item, under one purpose, centre, case and instant. The answer is by the item's index;
   * items without a consent are absent.
   */
  findActiveForItems(query: Omit<ConsentQuery, 'subjectKey' | 'kind' | 'agency' | 'dataItem'> & { items: readonly ConsentItem[] }): Promise<Map<number, ConsentRecord>>;
  listForSubject(subjectKey: string, at: Date): Promise<ConsentRecord[]>;
}

/**
 * The legal ground of an access: the subject's consent, the subject's own request, their proxy's
 * stored authorization, or handling a case the subject is a party to (PIPL art. 13(2): the
 * application file itself, seen by its parties and by the officers of its centre).
 */
export type LegalBasis = 'CONSENT' | 'DATA_SUBJECT_REQUEST' | 'PROXY_AUTHORIZATION' | 'CASE_PROCESSING' | 'GUARDIAN';

/**
 * What a proxy authorization (帮代办委托) lets the agent do for the applicant: see their data and
 * applications, give or withdraw consents in their name, file an application, attest their
 * identity after an ID-card check in person.
 */
export const PROXY_SCOPES = ['VIEW_DATA', 'MANAGE_CONSENTS', 'SUBMIT_APPLICATION', 'ATTEST_IDENTITY'] as const;
export type ProxyScope = (typeof PROXY_SCOPES)[number];

export interface ProxyAuthorizationGrant {
  subjectKey: string;
  subjectMasked: string;
  /** The agent's token subject (a service-hall agent's account), exactly. */
  agentSubject: string;
  scopes: ProxyScope[];
  validFrom: Date;
  validUntil: Date;
}

export interface ProxyAuthorization extends ProxyAuthorizationGrant {
  id: string;
  status: ConsentStatus;
  grantedAt: Date;
  revokedAt: Date | null;
}

export interface ProxyAuthorizationStore {
  grant(grant: ProxyAuthorizationGrant): Promise<ProxyAuthorization>;
  /** Revokes one of this subject's authorizations; null when they have no such authorization. */
  revoke(id: string, subjectKey: string, at: Date): Promise<ProxyAuthorization | null>;
  /** The authorization with this id, whatever its status; null for an unknown or malformed id. */
  get(id: string, at: Date): Promise<ProxyAuthorization | null>;
  listForSubject(subjectKey: string, at: Date): Promise<ProxyAuthorization[]>;
}

/** A credit report as queried once for one person in one application (征信: one hard query). */
export interface StoredCreditQuery {
  applicationId: string;
  subjectKey: string;
  consentId: string;
  report: unknown;
  queriedAt: Date;
}

export interface CreditQueryStore {
  /** The report already queried for this person in this application, if any. */
  find(applicationId: string, subjectKey: string): Promise<StoredCreditQuery | null>;
  /** find() for several people of one application in one statement; people without one are absent. */
  findMany(applicationId: string, subjectKeys: readonly string[]): Promise<Map<string, StoredCreditQuery>>;
  /** Keeps the first report of a person in an application; a second save keeps the first. */
  save(query: StoredCreditQuery): Promise<StoredCreditQuery>;
}

/**
 * One person's part in an access record: whose data, on what ground, for which case, which fields.
 * A person appears once per ground and case: a request that read them on two grounds lists both.
 */
export interface AccessRecordSubject {
  subjectKey: string;
  subjectMasked: string;
  /** Fields resolved of this person, as Type.field, sorted. */
  fields: string[];
  legalBasis: LegalBasis;
  consentId: string | null;
  applicationId: string | null;
}

/**
 * What one request read from one agency (since migration 10): who read, why, and each person read
 * with their fields. A 50-applicant list is one record, not fifty.
 */
export interface AccessRecordInput {
  /** When the data was resolved. */
  accessedAt: Date;
  requestId: string;
  actorSubject: string;
  actorRole: string;
  actorCentre: string | null;
  agency: AgencyName;
  purpose: string;
  /** Everyone whose data the request read from this agency; at least one. */
  subjects: AccessRecordSubject[];
}

/**
 * How a stored record is laid out, which decides how its hash is computed (storage/access-chain.ts):
 * `request` — one per request and agency (migration 10 on); `person` — one per person and agency,
 * written before migration 10, read back with its one subject.
 */
export type AccessRecordLayout = 'request' | 'person';

export interface AccessRecord extends AccessRecordInput {
  /** Position in the chain, from 1. */
  sequence: number;
  /** HMAC-SHA256 (hex) under the chain key of the sequence, the previous record's hash and this record's canonical form (storage/access-chain.ts). */
  hash: string;
  previousHash: string;
  layout: AccessRecordLayout;
}

/** The latest signed checkpoint (outside the database) a verification held the chain against. */
export interface ChainCheckpoint {
  sequence: number;
  at: Date;
  /** Records the chain held from its start to `sequence`. */
  count: number;
}

export type ChainVerdict =
  /** `checkpoint` null: no signed checkpoint yet (or none configured), so only the chain itself was checked. */
  | { ok: true; records: number; checkpoint: ChainCheckpoint | null }
  | {
      ok: false;
      records: number;
      /** The first record missing or failing; null when the fault is a checkpoint's, not a record's. */
      firstBrokenSequence: number | null;
      reason: string;
      /** Records a checkpoint (or the chain's start) shows existed and that are gone. */
      missing?: { from: number; to: number };
      checkpoint: ChainCheckpoint | null;
    };

export interface Page {
  /** Sequence to start after (cursor); null for the newest first page. */
  after: number | null;
  limit: number;
}

export interface AccessRecordStore {
  /**
   * Appends in order, extending the hash chain, in one statement when no other process appended
   * meanwhile; concurrent appenders never fork it. Resolves once the records are committed.
   */
  append(records: readonly AccessRecordInput[]): Promise<void>;
  /** The records naming this subject among their subjects, newest first, whole (the API shows a person their own part only). */
  listForSubject(subjectKey: string, page: Page): Promise<AccessRecord[]>;
  list(filter: { agency?: AgencyName; actorSubject?: string; from?: Date; to?: Date }, page: Page): Promise<AccessRecord[]>;
  /** Checks the chain, and holds it against the latest signed checkpoint when a checkpoint directory is configured. */
  verifyChain(): Promise<ChainVerdict>;
  /**
   * Signs the current head into the checkpoint directory, unless a signed checkpoint already has
   * it; returns what it signed (null: nothing new, or no directory configured). Refuses (CHAIN_BROKEN)
   * to sign a head behind a signed one, or a chain whose directory holds another chain's checkpoints.
   */
  checkpoint(): Promise<Checkpoint | null>;
  /** Deletes records older than `before` (retention), keeping the chain verifiable from what remains; signs the new start. */
  purgeOlderThan(before: Date): Promise<number>;
}

/** Everything durable, opened once per process and closed on shutdown. */
export interface Storage {
  consents: ConsentStore;
  accessRecords: AccessRecordStore;
  loans: LoanStore;
  proxyAuthorizations: ProxyAuthorizationStore;
  creditQueries: CreditQueryStore;
  /** What the operator should know about how this store is protected (e.g. one database role for everything). */
  notes: readonly string[];
  /** Whether the database answers within `timeoutMs` (readiness probes); never throws. */
  ping(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}
