/**
 * 自然资源 real-estate register — who may read what. Anything not named is denied.
 *
 * - A unit number and the reference to it are not personal data: any signed-in caller.
 * - A unit's registration is its owners' personal data: an owner, their proxy, or a fund centre
 *   holding an owner's consent for natural-resources / registration (fetched first, released only
 *   under the rule). Inside it, the address keeps only its district and an owner's name its first
 *   character, except for the owners themselves and the centre that was let in.
 * - The homes a person holds (first or second home): the person, their proxy, or a centre with
 *   their consent for natural-resources / holdings.
 * - The homes their minor children hold (the family's homes, 认房): on the same ground, the parent
 *   being the children's guardian (监护人); the children are those of the parent's household
 *   record at the population register, never anyone a caller names, and each is in the access record.
 */
import { allow, and, deny, or } from 'graphql-shield';
import type { PropertyRegistrationRecord } from '../../lib/agency-contracts';
import type { PropertyParent } from '../shared/references';
import type { PolicyContext } from '../shared/policy/context';
import { FEDERATION_QUERY_FIELDS, FEDERATION_TYPES } from '../shared/policy/federation';
import { maskAddress, maskName } from '../shared/policy/masks';
import { masked, personalData, type Policy } from '../shared/policy/policy';
import {
  actsForDataSubject,
  applicantSubject,
  hasConsent,
  isDataSubject,
  isAuthenticated,
  isDataSubjectOrProxy,
  isFundCentre,
  isServiceWith,
  mayReadPersonalData,
  partySubject,
  type Subjects,
} from '../shared/policy/rules';
import type { SubgraphContext } from '../shared/subgraph';
import type { RealEstateLoaders } from './loaders';
import type { Applicant } from './parents';

const AGENCY = 'natural-resources' as const;

const ownersOfProperty: Subjects<PropertyParent> = async (parent, context: PolicyContext) => {
  const registration = await (context as SubgraphContext<RealEstateLoaders>).loaders.registration.load(parent.unitNumber);
  return registration ? registration.owners.map((owner) => owner.idNumber) : [];
};
const ownersOfRegistration: Subjects<PropertyRegistrationRecord> = (registration) => registration.owners.map((owner) => owner.idNumber);
/** The parent themself, their proxy, or a centre with the parent's consent for a case: the grounds a guardian gives. */
const guardianBasis = and(isAuthenticated, or(isDataSubject(applicantSubject), actsForDataSubject(applicantSubject), hasConsent('DATA_SHARING', AGENCY, 'holdings', applicantSubject)));
/** The minor children of the person's household record, as the population register gave them to the gateway. */
const minorChildrenOf: Subjects<Applicant> = (parent) => parent.minorChildIdNumbers ?? [];

export const realEstatePolicy: Policy = {
  // Registering the mortgage executes a signed loan contract: the loan engine only, and only for an
  // approved application whose contract everyone signed (checked by the resolver against the record).
  Mutation: { registerMortgage: isServiceWith('REGISTER_MORTGAGE') },
  // The e-certificate document names the owners and the address: the loan engine's archive only.
  MortgageRegistration: { '*': allow, eCertificateDocument: isServiceWith('REGISTER_MORTGAGE') },
  Query: { ...FEDERATION_QUERY_FIELDS, property: isAuthenticated },
  ...FEDERATION_TYPES,
  Property: {
    ref: allow,
    unitNumber: isAuthenticated,
    registration: personalData(mayReadPersonalData(AGENCY, 'registration', ownersOfProperty), {
      agency: AGENCY,
      dataItem: 'registration',
      subjects: ownersOfProperty,
    }),
  },
  Applicant: {
    ref: allow,
    realEstateHoldings: personalData(mayReadPersonalData(AGENCY, 'holdings', applicantSubject), {
      agency: AGENCY,
      dataItem: 'holdings',
      subjects: applicantSubject,
    }),
    // The guardian's ground: the parent's own holdings item for a case covers their minor children's
    // (本人及未成年子女); a spouse's consent to the couple's estimate lends only her own homes.
    minorChildrenHoldings: personalData(guardianBasis, {
      agency: AGENCY,
      dataItem: 'holdings',
      subjects: applicantSubject,
      minorsOf: minorChildrenOf,
    }),
    minorChildIdNumbers: deny,
  },
  PropertyRegistration: {
    '*': allow,
    address: masked(allow, maskAddress, or(isDataSubjectOrProxy(ownersOfRegistration), isFundCentre)),
  },
  PropertyParty: {
    '*': allow,
    name: masked(allow, maskName, or(isDataSubjectOrProxy(partySubject), isFundCentre)),
  },
  Encumbrance: allow,
  RealEstateHoldings: allow,
};
