import type { ContractFilingRecord } from '../../lib/agency-contracts';
import { notFound } from '../../lib/errors';
import { requireContractNumber } from '../shared/arguments';
import type { Sourced } from '../shared/loaders';
import { propertyParty, propertyRef, resolvePropertyReference, type PropertyParent } from '../shared/references';
import type { Resolvers, SubgraphContext } from '../shared/subgraph';
import type { HousingLoaders } from './loaders';

type Context = SubgraphContext<HousingLoaders>;
type Filing = Sourced<ContractFilingRecord>;

export const housingResolvers: Resolvers<HousingLoaders> = {
  Query: {
    propertyByContract: async (_: unknown, args: { contractNumber: string }, context: Context) => {
      const filing = await context.loaders.filingByContract.load(requireContractNumber(args.contractNumber));
      if (!filing) throw notFound('purchase-contract filing with this contract number');
      // Prime the unit loader so Property.contractFiling does not ask the agency again.
      context.loaders.filingByUnit.prime(filing.unitNumber, filing);
      return propertyRef(context.refs, filing.unitNumber);
    },
  },
  Property: {
    __resolveReference: resolvePropertyReference,
    contractFiling: (parent: PropertyParent, _: unknown, context: Context) => context.loaders.filingByUnit.load(parent.unitNumber),
  },
  ContractFiling: {
    buyers: (parent: Filing, _: unknown, context: Context) => parent.buyers.map((buyer) => propertyParty(context.refs, buyer)),
    price: (parent: Filing) => parent.priceFen,
  },
};
