/**
 * What the loan subgraph's resolvers hand on as the parent of each type, where it is not the
 * schema's own shape: `npm run codegen` maps the type of the same name to it (subgraphs/shared
 * covers AgencySource). An application is its storage row; a check, a timeline entry and a
 * finding are the views of views.ts, as this reader may see them.
 */
import type { ApplicantParent, PropertyParent } from '../shared/references';
import type { Fen } from './domain/money';
import type { RepaymentSchedule as Schedule } from './domain/schedule';
import type { RequiredForEstimate } from './quota-estimate';
import type { StoredReason } from './views';

export type { LoanApplicationRow as LoanApplication } from '../../storage/loan-types';
export type { CheckView as LoanCheck, ConsentNeeded, StoredReason as LoanFinding, TimelineView as TimelineEntry } from './views';

/** The decision as LoanApplication.decision gives it: its findings as stored (LoanDecision.reasons words them). */
export interface LoanDecision {
  outcome: 'APPROVED' | 'REFERRED' | 'REJECTED';
  findings: StoredReason[];
  homeOrder: string | null;
  rate: string | null;
  maximumAmount: Fen | null;
  bindingLimit: string | null;
  officer: string | null;
  officerReason: string | null;
  combination: { hpfPart: Fen; commercialPart: Fen; commercialRate: string; bank: string } | null;
}

/** The computed schedule (domain/schedule.ts) with the decided rate and its totals under the schema's names. */
export type RepaymentSchedule = Schedule & {
  rate: string;
  totalPayment: Fen;
  totalInterest: Fen;
  /** The disbursement date the instalments fall due from; null until disbursed. */
  startsOn: string | null;
};

/**
 * A person as the loan subgraph names them: the opaque ref, resolved by the subgraphs that hold
 * their records. Resolved here (Applicant.loanQuotaEstimate) it also carries whom the ref opens to
 * and what @requires brought from the other subgraphs, as they answered the caller (wire format).
 */
export type Applicant = Pick<ApplicantParent, 'ref'> & Partial<Pick<ApplicantParent, 'idNumber'>> & Partial<RequiredForEstimate>;
export type Property = Pick<PropertyParent, 'ref'>;
