import type { Encumbrance, HoldingsRecord, PropertyRegistrationRecord } from '../../lib/agency-contracts';
import { notFound } from '../../lib/errors';
import { requireIdNumber, requireUnitNumber } from '../shared/arguments';
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

interface RegisterMortgageInput {
  unitNumber: string;
  mortgagorIdNumbers: string[];
  mortgagee: string;
  amount: number;
  loanContractNumber: string;
}

export const realEstateResolvers: Resolvers<RealEstateLoaders> = {
  Mutation: {
    registerMortgage: async (_: unknown, { input }: { input: RegisterMortgageInput }, context: Context) => {
      requireUnitNumber(input.unitNumber, 'input.unitNumber');
      input.mortgagorIdNumbers.forEach((id, i) => requireIdNumber(id, `input.mortgagorIdNumbers[${i}]`));
      const { data } = await context.loaders.registerMortgage({
        unitNumber: input.unitNumber,
        mortgagorIdNumbers: input.mortgagorIdNumbers,
        mortgagee: input.mortgagee,
        amountFen: input.amount,
        loanContractNumber: input.loanContractNumber,
      });
      return {
        certificateNumber: data.certificateNumber,
        registeredAt: data.registeredAt,
        eCertificateSha256: data.eCertificate.sha256,
        eCertificateDocument: data.eCertificate.documentBase64,
      };
    },
  },
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
