/**
 * 税务 tax — who may read what. Anything not named is denied.
 *
 * - The transfer-tax declaration is the taxpayers' personal data: a taxpayer, their proxy, or a
 *   fund centre holding a taxpayer's consent for tax / transferTax. The taxpayers are known only
 *   from the declaration, so it is fetched first and released only under that rule.
 */
import { allow } from 'graphql-shield';
import type { PropertyParent } from '../shared/references';
import type { PolicyContext } from '../shared/policy/context';
import { FEDERATION_QUERY_FIELDS, FEDERATION_TYPES } from '../shared/policy/federation';
import { personalData, type Policy } from '../shared/policy/policy';
import { mayReadPersonalData, type Subjects } from '../shared/policy/rules';
import type { SubgraphContext } from '../shared/subgraph';
import type { TaxLoaders } from './loaders';

const AGENCY = 'tax' as const;

const taxpayersOfProperty: Subjects<PropertyParent> = async (parent, context: PolicyContext) => {
  const declaration = await (context as SubgraphContext<TaxLoaders>).loaders.transferTaxByUnit.load(parent.unitNumber);
  return declaration ? declaration.taxpayerIdNumbers : [];
};

export const taxPolicy: Policy = {
  Query: FEDERATION_QUERY_FIELDS,
  ...FEDERATION_TYPES,
  Property: {
    ref: allow,
    transferTax: personalData(mayReadPersonalData(AGENCY, 'transferTax', taxpayersOfProperty), {
      agency: AGENCY,
      dataItem: 'transferTax',
      subjects: taxpayersOfProperty,
    }),
  },
  TransferTaxDeclaration: allow,
};
