/** 住建 Housing subgraph: purchase-contract filings on `Property.contractFiling`. */
import { defineSubgraph } from '../shared/subgraph';
import { housingPolicy } from './policy';
import { housingApi } from './agency-client';
import { createHousingLoaders } from './loaders';
import { housingResolvers } from './resolvers';

export const housingSubgraph = defineSubgraph({
  name: 'housing',
  agency: 'housing',
  createLoaders: (client, call) => createHousingLoaders(housingApi(client, call)),
  resolvers: housingResolvers,
  policy: housingPolicy,
});
