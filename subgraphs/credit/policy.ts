/**
 * 人行征信 credit — who may read what. Anything not named is denied.
 *
 * - The credit report is queried by fund centres only (the centre is the querying institution),
 *   and only under the person's written credit-query authorization (征信业管理条例 art. 18) for the
 *   request's purpose. The authorization's reference goes to the credit reference centre with the
 *   query. Not the applicant, not a proxy: they get their report from the PBoC directly.
 */
import { allow, and } from 'graphql-shield';
import { FEDERATION_QUERY_FIELDS, FEDERATION_TYPES } from '../shared/policy/federation';
import { personalData, type Policy } from '../shared/policy/policy';
import { applicantSubject, hasConsent, isFundCentre } from '../shared/policy/rules';

const AGENCY = 'pboc-credit' as const;

export const creditPolicy: Policy = {
  Query: FEDERATION_QUERY_FIELDS,
  ...FEDERATION_TYPES,
  Applicant: {
    ref: allow,
    creditReport: personalData(and(isFundCentre, hasConsent('CREDIT_QUERY', AGENCY, 'creditReport', applicantSubject)), {
      agency: AGENCY,
      dataItem: 'creditReport',
      subjects: applicantSubject,
    }),
  },
  CreditReport: allow,
  HardQueries: allow,
};
