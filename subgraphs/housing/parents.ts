/**
 * What housing's resolvers hand on as the parent of each type, where it is not the schema's own
 * shape: `npm run codegen` maps the type of the same name to it (subgraphs/shared covers Applicant,
 * Property and AgencySource). A filing is the agency's record, as the loaders return it.
 */
import type { ContractFilingRecord } from '../../lib/agency-contracts';
import type { Sourced } from '../shared/loaders';

export type ContractFiling = Sourced<ContractFilingRecord>;
