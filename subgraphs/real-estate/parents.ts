/**
 * What real estate's resolvers hand on as the parent of each type, where it is not the schema's
 * own shape: `npm run codegen` maps the type of the same name to it (subgraphs/shared covers
 * Applicant and Property). The register's records, as the loaders return them.
 */
import type { Encumbrance as EncumbranceRecord, HoldingsRecord, PropertyRegistrationRecord } from '../../lib/agency-contracts';
import type { Sourced } from '../shared/loaders';

export type PropertyRegistration = Sourced<PropertyRegistrationRecord>;
export type Encumbrance = EncumbranceRecord;
export type RealEstateHoldings = Sourced<HoldingsRecord>;
