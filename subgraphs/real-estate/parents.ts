/**
 * What real estate's resolvers hand on as the parent of each type, where it is not the schema's
 * own shape: `npm run codegen` maps the type of the same name to it (subgraphs/shared covers
 * Property). The register's records, as the loaders return them.
 */
import type { Encumbrance as EncumbranceRecord, HoldingsRecord, PropertyRegistrationRecord } from '../../lib/agency-contracts';
import type { Sourced } from '../shared/loaders';
import type { ApplicantParent } from '../shared/references';

/** A person, with the minor children of their household record when the gateway brought them (@requires). */
export type Applicant = ApplicantParent & { minorChildIdNumbers?: readonly string[] | null };

export type PropertyRegistration = Sourced<PropertyRegistrationRecord>;
export type Encumbrance = EncumbranceRecord;
export type RealEstateHoldings = Sourced<HoldingsRecord>;
