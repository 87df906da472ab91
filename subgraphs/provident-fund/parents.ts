/**
 * What the fund centre's resolvers hand on as the parent of each type, where it is not the
 * schema's own shape: `npm run codegen` maps the type of the same name to it (subgraphs/shared
 * covers Applicant and Property). The member record's entries, each with the record's source.
 */
import type { ProvidentFundAccountEntry, ProvidentFundLoanEntry } from '../../lib/agency-contracts';
import type { Source } from '../shared/loaders';

export type ProvidentFundAccount = ProvidentFundAccountEntry & { source: Source; holderIdNumber: string };
/** With its own entity reference: a loan file is reached through one of its borrowers. */
export type ProvidentFundLoan = ProvidentFundLoanEntry & { source: Source; ref: string };
