/** 公安 Public Security subgraph: the population register behind `applicant(idNumber:)`. */
import { defineSubgraph } from '../shared/subgraph';
import { identityPolicy } from './policy';
import { publicSecurityApi } from './agency-client';
import { createIdentityLoaders } from './loaders';
import { identityResolvers } from './resolvers';

export const identitySubgraph = defineSubgraph({
  name: 'identity',
  agency: 'public-security',
  createLoaders: (client, call) => createIdentityLoaders(publicSecurityApi(client, call)),
  resolvers: identityResolvers,
  policy: identityPolicy,
});
