/** 税务 Tax subgraph: transfer-tax declarations on `Property.transferTax`. */
import { defineSubgraph } from '../shared/subgraph';
import { taxPolicy } from './policy';
import { taxApi } from './agency-client';
import { createTaxLoaders } from './loaders';
import { taxResolvers } from './resolvers';

export const taxSubgraph = defineSubgraph({
  name: 'tax',
  agency: 'tax',
  createLoaders: (client, call) => createTaxLoaders(taxApi(client, call)),
  resolvers: taxResolvers,
  policy: taxPolicy,
});
