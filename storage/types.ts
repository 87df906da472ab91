/**
 * The durable records of the privacy layer: consents (同意/授权) and the access record (访问记录).
 * Stores hold no clear personal data: a data subject is known by a keyed hash of their ID number
 * (subjectKey) plus the masked form for display; actors are known by their token subject.
 */
import type { AgencyName } from '../lib/agency-contracts';
import type { LoanStore } from './loan-types';

/** Why data is processed (PIPL art. 6, 14): a consent is valid only for its purpose. */
export type Purpose = 'HPF_LOAN_APPLICATION' | 'HPF_LOAN_REVIEW';

/**
 * Kinds of consent that PIPL and the credit regulation keep separate: data sharing with the
 * platform (art. 23), the credit-report query (征信业管理条例 art. 18, written, with an agreed
 * purpose) and face verification (biometrics, art. 28–29).
 */
export type ConsentKind = 'DATA_SHARING' | 'CREDIT_QUERY' | 'FACE_VERIFICATION';
export type ConsentStatus = 'ACTIVE' | 'REVOKED' | 'EXPIRED';
export type SubjectRole = 'APPLICANT' | 'SPOUSE' | 'CO_BORROWER';

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

export interface ConsentQuery {
  subjectKey: string;
  kind: ConsentKind;
  purpose: Purpose;
  agency: AgencyName;
  dataItem: string;
  centre: string;
  at: Date;
}

export interface ConsentStore {
  grant(grant: ConsentGrant): Promise<ConsentRecord>;
  /** Revokes a consent of this subject; null when no such consent of theirs exists. */
  revoke(id: string, subjectKey: string, at: Date): Promise<ConsentRecord | null>;
  /** The newest consent that is ACTIVE at `at` and covers the query exactly; null otherwise. */
  findActive(query: ConsentQuery): Promise<ConsentRecord | null>;
  /** findActive for many subjects at once (a list page), by subjectKey; subjects without one are absent. */
  findActiveForSubjects(query: Omit<ConsentQuery, 'subjectKey'> & { subjectKeys: readonly string[] }): Promise<Map<string, ConsentRecord>>;
  listForSubject(subjectKey: string, at: Date): Promise<ConsentRecord[]>;
}

/** The legal ground of an access when it is not a consent (e.g. the subject reading their own data). */
export type LegalBasis = 'CONSENT' | 'DATA_SUBJECT_REQUEST' | 'PROXY_AUTHORIZATION';

export interface AccessRecordInput {
  /** When the data was resolved. */
  accessedAt: Date;
  requestId: string;
  actorSubject: string;
  actorRole: string;
  actorCentre: string | null;
  subjectKey: string;
  subjectMasked: string;
  agency: AgencyName;
  /** Fields resolved, as Type.field, sorted. */
  fields: string[];
  purpose: string;
  legalBasis: LegalBasis;
  consentId: string | null;
  applicationId: string | null;
}

export interface AccessRecord extends AccessRecordInput {
  /** Position in the chain, from 1. */
  sequence: number;
  /** SHA-256 (hex) of the previous record's hash and this record's canonical form. */
  hash: string;
  previousHash: string;
}

export type ChainVerdict =
  | { ok: true; records: number }
  | { ok: false; records: number; firstBrokenSequence: number; reason: string };

export interface Page {
  /** Sequence to start after (cursor); null for the newest first page. */
  after: number | null;
  limit: number;
}

export interface AccessRecordStore {
  /** Appends in order, extending the hash chain; concurrent appenders never fork it. */
  append(records: readonly AccessRecordInput[]): Promise<void>;
  listForSubject(subjectKey: string, page: Page): Promise<AccessRecord[]>;
  list(filter: { agency?: AgencyName; actorSubject?: string; from?: Date; to?: Date }, page: Page): Promise<AccessRecord[]>;
  verifyChain(): Promise<ChainVerdict>;
  /** Deletes records older than `before` (retention), keeping the chain verifiable from what remains. */
  purgeOlderThan(before: Date): Promise<number>;
}

/** Everything durable, opened once per process and closed on shutdown. */
export interface Storage {
  consents: ConsentStore;
  accessRecords: AccessRecordStore;
  loans: LoanStore;
  close(): Promise<void>;
}
