/** 自然资源 Natural Resources subgraph: the real-estate register on `Property.registration`. */
import { defineSubgraph } from '../shared/subgraph';
import { realEstatePolicy } from './policy';
import { naturalResourcesApi } from './agency-client';
import { createRealEstateLoaders } from './loaders';
import { realEstateResolvers } from './resolvers';

export const realEstateSubgraph = defineSubgraph({
  name: 'real-estate',
  agency: 'natural-resources',
  createLoaders: (client, call) => createRealEstateLoaders(naturalResourcesApi(client, call)),
  resolvers: realEstateResolvers,
  policy: realEstatePolicy,
});
