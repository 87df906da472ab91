/** 民政 Civil Affairs subgraph: marriage registration on `Applicant.marriage`. */
import { defineSubgraph } from '../shared/subgraph';
import { civilAffairsPolicy } from './policy';
import { civilAffairsApi } from './agency-client';
import { createCivilAffairsLoaders } from './loaders';
import { civilAffairsResolvers } from './resolvers';

export const civilAffairsSubgraph = defineSubgraph({
  name: 'civil-affairs',
  agency: 'civil-affairs',
  createLoaders: (client, call) => createCivilAffairsLoaders(civilAffairsApi(client, call)),
  resolvers: civilAffairsResolvers,
  policy: civilAffairsPolicy,
});
