/** 人民银行 PBoC credit subgraph: the credit report summary on `Applicant.creditReport`. */
import { defineSubgraph } from '../shared/subgraph';
import { creditPolicy } from './policy';
import { pbocCreditApi } from './agency-client';
import { createCreditLoaders } from './loaders';
import { creditResolvers } from './resolvers';

export const creditSubgraph = defineSubgraph({
  name: 'credit',
  agency: 'pboc-credit',
  createLoaders: (client, call, storage) => createCreditLoaders(pbocCreditApi(client, call), storage.creditQueries),
  resolvers: creditResolvers,
  policy: creditPolicy,
});
