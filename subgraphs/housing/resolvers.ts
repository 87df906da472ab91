import { notFound } from '../../lib/errors';
import { requireContractNumber } from '../shared/arguments';
import { propertyParty, propertyRef, resolvePropertyReference } from '../shared/references';
import type { Resolvers } from './generated/resolvers-types';

export const housingResolvers: Resolvers = {
  Query: {
    propertyByContract: async (_, args, context) => {
      const filing = await context.loaders.filingByContract.load(requireContractNumber(args.contractNumber));
      if (!filing) throw notFound('purchase-contract filing with this contract number');
      // Prime the unit loader so Property.contractFiling does not ask the agency again.
      context.loaders.filingByUnit.prime(filing.unitNumber, filing);
      return propertyRef(context.refs, filing.unitNumber);
    },
  },
  Property: {
    __resolveReference: resolvePropertyReference,
    contractFiling: (parent, _, context) => context.loaders.filingByUnit.load(parent.unitNumber),
  },
  ContractFiling: {
    buyers: (parent, _, context) => parent.buyers.map((buyer) => propertyParty(context.refs, buyer)),
    price: (parent) => parent.priceFen,
  },
};
