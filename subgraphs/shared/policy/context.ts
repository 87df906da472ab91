/**
 * What the policy needs from a request: the caller, the purpose, the consents found so far, and
 * the ledger of personal data resolved (written to the access record when the request ends).
 */
import type DataLoader from 'dataloader';
import type { Actor, RequestPurpose } from '../../../lib/actor';
import type { AgencyName } from '../../../lib/agency-contracts';
import type { ConsentGround, ConsentStore, LegalBasis, ProxyScope } from '../../../storage/types';
import type { CaseFile } from '../cases/case-file';
import type { SettledCase } from '../cases/verification';

export interface LedgerEntry {
  subjectIdNumber: string;
  agency: AgencyName;
  field: string;
  legalBasis: LegalBasis;
  consentId: string | null;
  /** The case this release served, when verified by the handler itself rather than named by the request. */
  applicationId?: string;
}

/**
 * Why a rule said no, when the reason is one the caller can act on: name a case, the person is no
 * party to it, the person has not consented for it, the proxy's authorization does not hold.
 */
export type DenialCode = 'CASE_REQUIRED' | 'NOT_A_PARTY' | 'CONSENT_REQUIRED' | 'PROXY_NOT_AUTHORIZED';

/** A PROXY_AGENT's stored authorization, verified for this agent and this person at the start of the request. */
export interface VerifiedProxy {
  id: string;
  scopes: readonly ProxyScope[];
}

export interface PolicyContext extends RequestPurpose {
  requestId: string;
  /** The caller as the gateway asserted them; a proxy agent's person only while their authorization holds. */
  actor: Actor;
  /** Set for a PROXY_AGENT whose authorization exists, is in force, and names this agent and person. */
  proxy: VerifiedProxy | null;
  /**
   * The application the request names (x-application-id), looked up once, and only if it exists
   * and is open to this caller (isCaseOpenTo); null otherwise. `applicationId` is only the claim.
   */
  caseFile(): Promise<CaseFile | null>;
  /** Denial reasons by response path, noted by the rules, read when a field is refused. */
  denials: Map<string, DenialCode>;
  consents: ConsentStore;
  /** Keyed hash of an ID number, as the privacy stores know a person. */
  subjectKeyOf(idNumber: string): string;
  /**
   * Consents for this request, by `subject|kind|agency|dataItem`: each looked up once, all of them
   * answered from the one read of the case (cases/verification.ts caseReads).
   */
  consentLookup: DataLoader<string, ConsentGround | null>;
  /**
   * The case read once it is done (a subgraph reads it before executing a request that names a
   * case), answered without waiting; undefined before, for a caseless estimate, and where the
   * context was built without one (specs, the permission matrix: they wait on the two above).
   */
  settledCase?(): SettledCase | undefined;
  ledger: LedgerEntry[];
  idNumberMask: 'strict' | 'six-four';
  /** graphql-shield keeps its per-request rule cache here. */
  _shield: { cache: Record<string, unknown> };
}
