import { agencyAuthorizationRequired } from '../../lib/errors';
import { findConsent } from '../shared/policy/rules';
import { resolveApplicantReference } from '../shared/references';
import { cumulativeOverdueMonths, longestConsecutiveOverdueMonths } from '../../lib/repayment-history';
import type { Resolvers } from './generated/resolvers-types';
import type { CreditReport as Report } from './parents';

export const creditResolvers: Resolvers = {
  Applicant: {
    __resolveReference: resolveApplicantReference,
    // The policy let this through only under a CREDIT_QUERY consent for the case named; its
    // written authorization is what the credit reference centre is shown. Each query is a hard
    // query on the person's file, so the PBoC is asked once per person per application: a retried
    // check, or an officer's later look, reads the report that application already holds.
    creditReport: async (parent, _, context) => {
      const authorization = await findConsent(context, parent.idNumber, 'CREDIT_QUERY', 'pboc-credit', 'creditReport');
      const file = await context.caseFile();
      if (!authorization?.authorizationRef || !file) throw agencyAuthorizationRequired('pboc-credit');
      const subjectKey = context.subjectKeyOf(parent.idNumber);
      const stored = await context.loaders.storedReport.load({ applicationId: file.application.id, subjectKey });
      if (stored) return stored.report as Report;
      const report = await context.loaders.creditReport.load({ idNumber: parent.idNumber, authorizationRef: authorization.authorizationRef });
      if (!report) return null;
      const kept = await context.storage.creditQueries.save({ applicationId: file.application.id, subjectKey, consentId: authorization.id, report, queriedAt: new Date() });
      return kept.report as Report;
    },
  },
  CreditReport: {
    totalBalance: (parent) => parent.totalBalanceFen,
    currentOverdueAmount: (parent) => parent.currentOverdueAmountFen,
    monthlyRepayment: (parent) => parent.monthlyRepaymentFen,
    longestConsecutiveOverdueMonths: (parent) => longestConsecutiveOverdueMonths(parent.repaymentHistory24Months),
    cumulativeOverdueMonths: (parent) => cumulativeOverdueMonths(parent.repaymentHistory24Months),
    hardQueries: (parent) => ({
      lastMonth: parent.hardQueries.last1Month,
      last3Months: parent.hardQueries.last3Months,
      last6Months: parent.hardQueries.last6Months,
    }),
  },
};
