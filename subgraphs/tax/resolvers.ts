import type { TransferTaxRecord } from '../../lib/agency-contracts';
import type { Sourced } from '../shared/loaders';
import { resolvePropertyReference, type PropertyParent } from '../shared/references';
import type { Resolvers, SubgraphContext } from '../shared/subgraph';
import type { TaxLoaders } from './loaders';

type Context = SubgraphContext<TaxLoaders>;
type Declaration = Sourced<TransferTaxRecord>;

export const taxResolvers: Resolvers<TaxLoaders> = {
  Property: {
    __resolveReference: resolvePropertyReference,
    transferTax: (parent: PropertyParent, _: unknown, context: Context) => context.loaders.transferTaxByUnit.load(parent.unitNumber),
  },
  TransferTaxDeclaration: {
    deedTax: (parent: Declaration) => parent.deedTaxFen,
    stampDuty: (parent: Declaration) => parent.stampDutyFen,
    total: (parent: Declaration) => parent.totalFen,
  },
};
