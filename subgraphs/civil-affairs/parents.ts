/**
 * What civil affairs' resolvers hand on as the parent of each type, where it is not the schema's
 * own shape: `npm run codegen` maps the type of the same name to it (subgraphs/shared covers
 * Applicant). The agency's records, as the loaders return them.
 */
import type { MarriageRecord, MarriageRegistration as MarriageRegistrationRecord } from '../../lib/agency-contracts';
import type { Sourced } from '../shared/loaders';

export type Marriage = Sourced<MarriageRecord>;
export type MarriageRegistration = MarriageRegistrationRecord;
