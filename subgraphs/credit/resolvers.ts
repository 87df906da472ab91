import type { CreditReportRecord } from '../../lib/agency-contracts';
import { requireNonBlank } from '../shared/arguments';
import type { Sourced } from '../shared/loaders';
import { resolveApplicantReference, type ApplicantParent } from '../shared/references';
import type { Resolvers, SubgraphContext } from '../shared/subgraph';
import type { CreditLoaders } from './loaders';
import { cumulativeOverdueMonths, longestConsecutiveOverdueMonths } from './repayment-history';

type Context = SubgraphContext<CreditLoaders>;
type Report = Sourced<CreditReportRecord>;

export const creditResolvers: Resolvers<CreditLoaders> = {
  Applicant: {
    __resolveReference: resolveApplicantReference,
    creditReport: (parent: ApplicantParent, args: { authorizationReference: string }, context: Context) =>
      context.loaders.creditReport.load({
        idNumber: parent.idNumber,
        authorizationRef: requireNonBlank(args.authorizationReference, 'authorizationReference'),
      }),
  },
  CreditReport: {
    totalBalance: (parent: Report) => parent.totalBalanceFen,
    currentOverdueAmount: (parent: Report) => parent.currentOverdueAmountFen,
    longestConsecutiveOverdueMonths: (parent: Report) => longestConsecutiveOverdueMonths(parent.repaymentHistory24Months),
    cumulativeOverdueMonths: (parent: Report) => cumulativeOverdueMonths(parent.repaymentHistory24Months),
    hardQueries: (parent: Report) => ({
      lastMonth: parent.hardQueries.last1Month,
      last3Months: parent.hardQueries.last3Months,
      last6Months: parent.hardQueries.last6Months,
    }),
  },
};
