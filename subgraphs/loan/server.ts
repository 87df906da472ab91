/** 住房公积金贷款 loan subgraph: one submission, every check, one place to see it (no agency of its own). */
import { defineSubgraph } from '../shared/subgraph';
import { createLoanLoaders } from './loaders';
import { loanPolicy } from './policy';
import { loanResolvers } from './resolvers';

export const loanSubgraph = defineSubgraph({
  name: 'loan',
  agency: null,
  createLoaders: (_client, _call, storage) => createLoanLoaders(storage),
  resolvers: loanResolvers,
  policy: loanPolicy,
});
