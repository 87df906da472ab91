import type { Encumbrance, HoldingsRecord, PropertyRegistrationRecord } from '../../lib/agency-contracts';
import { notFound } from '../../lib/errors';
import { requireUnitNumber } from '../shared/arguments';
import type { Sourced } from '../shared/loaders';
import {
  propertyParty,
  propertyRef,
  resolveApplicantReference,
  resolvePropertyReference,
  type ApplicantParent,
  type PropertyParent,
} from '../shared/references';
import type { Resolvers, SubgraphContext } from '../shared/subgraph';
import type { RealEstateLoaders } from './loaders';

type Context = SubgraphContext<RealEstateLoaders>;

export const realEstateResolvers: Resolvers<RealEstateLoaders> = {
  Query: {
    property: async (_: unknown, args: { unitNumber: string }, context: Context) => {
      const unitNumber = requireUnitNumber(args.unitNumber);
      if (!(await context.loaders.registration.load(unitNumber))) throw notFound('real-estate unit with this unit number in the register');
      return propertyRef(context.refs, unitNumber);
    },
  },
  Property: {
    __resolveReference: resolvePropertyReference,
    registration: (parent: PropertyParent, _: unknown, context: Context) => context.loaders.registration.load(parent.unitNumber),
  },
  Applicant: {
    __resolveReference: resolveApplicantReference,
    realEstateHoldings: (parent: ApplicantParent, _: unknown, context: Context) => context.loaders.holdings.load(parent.idNumber),
  },
  PropertyRegistration: {
    owners: (parent: Sourced<PropertyRegistrationRecord>, _: unknown, context: Context) =>
      parent.owners.map((owner) => propertyParty(context.refs, owner)),
  },
  Encumbrance: {
    amount: (parent: Encumbrance) => parent.amountFen,
  },
  RealEstateHoldings: {
    count: (parent: Sourced<HoldingsRecord>) => parent.unitNumbers.length,
    properties: (parent: Sourced<HoldingsRecord>, _: unknown, context: Context) =>
      parent.unitNumbers.map((unitNumber) => propertyRef(context.refs, unitNumber)),
  },
};
