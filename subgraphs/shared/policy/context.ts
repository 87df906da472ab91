/**
 * What the policy needs from a request: the caller, the purpose, the consents found so far, and
 * the ledger of personal data resolved (written to the access record when the request ends).
 */
import type DataLoader from 'dataloader';
import type { Actor, RequestPurpose } from '../../../lib/actor';
import type { AgencyName } from '../../../lib/agency-contracts';
import type { ConsentRecord, ConsentStore, LegalBasis } from '../../../storage/types';

export interface LedgerEntry {
  subjectIdNumber: string;
  agency: AgencyName;
  field: string;
  legalBasis: LegalBasis;
  consentId: string | null;
}

export interface PolicyContext extends RequestPurpose {
  requestId: string;
  actor: Actor;
  consents: ConsentStore;
  /** Keyed hash of an ID number, as the privacy stores know a person. */
  subjectKeyOf(idNumber: string): string;
  /**
   * Consents for this request, by `subject|kind|agency|dataItem`: each looked up once, and all the
   * look-ups of one tick together, so rules on 50 applicants do not scatter the agency batches.
   */
  consentLookup: DataLoader<string, ConsentRecord | null>;
  ledger: LedgerEntry[];
  idNumberMask: 'strict' | 'six-four';
  /** graphql-shield keeps its per-request rule cache here. */
  _shield: { cache: Record<string, unknown> };
}
