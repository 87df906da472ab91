/** 住房公积金中心 HPF centre subgraph: accounts and loan files on `Applicant`. */
import { defineSubgraph } from '../shared/subgraph';
import { providentFundPolicy } from './policy';
import { providentFundApi } from './agency-client';
import { createProvidentFundLoaders } from './loaders';
import { providentFundResolvers } from './resolvers';

export const providentFundSubgraph = defineSubgraph({
  name: 'provident-fund',
  agency: 'provident-fund',
  createLoaders: (client, call) => createProvidentFundLoaders(providentFundApi(client, call)),
  resolvers: providentFundResolvers,
  policy: providentFundPolicy,
});
