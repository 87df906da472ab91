import { resolvePropertyReference } from '../shared/references';
import type { Resolvers } from './generated/resolvers-types';

export const taxResolvers: Resolvers = {
  Property: {
    __resolveReference: resolvePropertyReference,
    transferTax: (parent, _, context) => context.loaders.transferTaxByUnit.load(parent.unitNumber),
  },
  TransferTaxDeclaration: {
    deedTax: (parent) => parent.deedTaxFen,
    stampDuty: (parent) => parent.stampDutyFen,
    total: (parent) => parent.totalFen,
    assessedValue: (parent) => parent.assessedValueFen,
  },
};
