/**
 * 住房公积金贷款 applications — who may read and do what. Anything not named is denied.
 *
 * - Submitting: the applicant for themself, their proxy agent, or a fund centre (officer or
 *   system) for its own centre; the resolver checks whose application it is.
 * - An application is seen by the officers and systems of its centre, and by the people on it
 *   (applicant, spouse, co-borrowers) and the proxy agent acting for one of them.
 * - Approving and rejecting a referred application: officers of its centre.
 */
import { allow, and, or, rule } from 'graphql-shield';
import type { LoanApplicationRow } from '../../storage/loan-types';
import type { PolicyContext } from '../shared/policy/context';
import { FEDERATION_QUERY_FIELDS, FEDERATION_TYPES } from '../shared/policy/federation';
import type { Policy } from '../shared/policy/policy';
import { hasRole, isAuthenticated } from '../shared/policy/rules';

const isOfApplicationCentre = rule({ cache: 'no_cache' })((application: LoanApplicationRow, _args, context: PolicyContext) => {
  const { role, centre } = context.actor;
  return (role === 'FUND_OFFICER' || role === 'SERVICE') && centre === application.centre;
});

const isOnApplication = rule({ cache: 'no_cache' })((application: LoanApplicationRow, _args, context: PolicyContext) => {
  const { role, personIdNumber } = context.actor;
  if ((role !== 'APPLICANT' && role !== 'PROXY_AGENT') || !personIdNumber) return false;
  const { applicant, spouse, coBorrowers } = application.request;
  return [applicant, ...(spouse ? [spouse] : []), ...coBorrowers].some((person) => person.idNumber === personIdNumber);
});

export const loanPolicy: Policy = {
  Query: {
    ...FEDERATION_QUERY_FIELDS,
    loanApplication: isAuthenticated,
    loanApplications: hasRole('FUND_OFFICER', 'SERVICE'),
    myLoanApplications: hasRole('APPLICANT', 'PROXY_AGENT'),
    // The service guide is public: anyone may read how the service works.
    serviceGuide: allow,
    loanStatistics: hasRole('FUND_OFFICER'),
  },
  Mutation: {
    submitLoanApplication: hasRole('APPLICANT', 'PROXY_AGENT', 'FUND_OFFICER', 'SERVICE'),
    approveLoanApplication: hasRole('FUND_OFFICER'),
    rejectLoanApplication: hasRole('FUND_OFFICER'),
    signLoanContract: hasRole('APPLICANT'),
    reviewLoanApplication: hasRole('APPLICANT'),
  },
  ...FEDERATION_TYPES,
  LoanApplication: { id: allow, '*': and(isAuthenticated, or(isOfApplicationCentre, isOnApplication)) },
  LoanApplicationPage: allow,
  SubmitLoanApplicationPayload: allow,
  UserError: allow,
  LoanCheck: allow,
  LoanDecision: allow,
  TimelineEntry: allow,
  LoanContract: allow,
  RepaymentSchedule: allow,
  Instalment: allow,
  ServiceGuide: allow,
  GuideMaterial: allow,
  LoanStatistics: allow,
  StatusCount: allow,
  ContractSigner: allow,
  MortgageCertificate: allow,
  Applicant: allow,
  Property: allow,
};
