/** 平台 consent subgraph: consents and the access record, kept by this platform (no agency behind it). */
import { defineSubgraph } from '../shared/subgraph';
import { consentPolicy } from './policy';
import { consentResolvers } from './resolvers';

export const consentSubgraph = defineSubgraph({
  name: 'consent',
  agency: null,
  createLoaders: () => ({}),
  resolvers: consentResolvers,
  policy: consentPolicy,
});
