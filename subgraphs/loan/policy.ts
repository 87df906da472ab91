/**
 * 住房公积金贷款 applications — who may read and do what. Anything not named is denied.
 *
 * - Submitting: the applicant for themself, their proxy agent within a SUBMIT_APPLICATION
 *   authorization, or an officer for their own centre; the resolver checks whose application it is.
 * - An application is seen by the officers of its centre and the loan engine (lib/services.ts), and
 *   by its parties (borrowers, and the co-owners the checks found) and the verified proxy of one.
 *   Each party sees their own findings; of the others only that the officer will look at them
 *   (views.ts). Every field read is a release of the parties' data, written to the access record.
 * - Approving and rejecting a referred application: officers of its centre.
 * - Signing: each signer for themself, over the contract text they were shown.
 * - Registering a notice webhook: officers, for their own centre.
 * - A quota estimate from shared records: the person's own, or their proxy's; a couple's adds the
 *   spouse their marriage record names, only as far as she consented to it.
 */
import { allow, and, or, rule } from 'graphql-shield';
import { serviceHasPower } from '../../lib/services';
import type { LoanApplicationRow } from '../../storage/loan-types';
import { partiesOf, requiredSignersOf } from '../shared/cases/case-file';
import type { PolicyContext } from '../shared/policy/context';
import { FEDERATION_QUERY_FIELDS, FEDERATION_TYPES } from '../shared/policy/federation';
import type { FieldPolicy, Policy } from '../shared/policy/policy';
import { applicantSubject, hasRole, isAuthenticated, isDataSubjectOrProxy, isPersonOrProxyMay, proxyMay, type Subjects } from '../shared/policy/rules';
import type { SubgraphContext } from '../shared/subgraph';
import type { LoanLoaders } from './loaders';

const stepsOf = (context: PolicyContext, application: LoanApplicationRow) => (context as SubgraphContext<LoanLoaders>).loaders.steps.load(application.id);

const isOfApplicationCentre = rule({ cache: 'no_cache' })((application: LoanApplicationRow, _args, context: PolicyContext) => {
  const { role, centre, subject } = context.actor;
  if (centre !== application.centre) return false;
  return role === 'FUND_OFFICER' || (role === 'SERVICE' && serviceHasPower(subject, 'GATHER_CASE_DATA'));
});

const isOnApplication = rule({ cache: 'no_cache' })(async (application: LoanApplicationRow, _args, context: PolicyContext, info) => {
  const { role, personIdNumber } = context.actor;
  if (role !== 'APPLICANT' && !(role === 'PROXY_AGENT' && proxyMay(context, 'VIEW_DATA', info))) return false;
  if (!personIdNumber) return false;
  const steps = await stepsOf(context, application);
  return partiesOf(application, steps).some((party) => party.idNumber === personIdNumber);
});

/** Whose data the application file is: its borrowers, and for the contract every signer. */
const borrowersOf: Subjects<LoanApplicationRow> = ({ request }) => [request.applicant.idNumber, ...(request.spouse ? [request.spouse.idNumber] : []), ...request.coBorrowers.map((p) => p.idNumber)];
const signersOf: Subjects<LoanApplicationRow> = async (application, context) => requiredSignersOf(application, await stepsOf(context, application));

const mayReadApplication = and(isAuthenticated, or(isOfApplicationCentre, isOnApplication));
const applicationFile = (subjects: Subjects<LoanApplicationRow>): FieldPolicy<LoanApplicationRow> => ({
  rule: mayReadApplication,
  record: { agency: 'provident-fund', dataItem: 'loans', subjects, basis: 'CASE_PROCESSING', caseOf: (application) => application.id },
});

export const loanPolicy: Policy = {
  Query: {
    ...FEDERATION_QUERY_FIELDS,
    loanApplication: isAuthenticated,
    loanApplications: hasRole('FUND_OFFICER'),
    myLoanApplications: isPersonOrProxyMay('VIEW_DATA'),
    // The service guide is public: anyone may read how the service works.
    serviceGuide: allow,
    // An estimate reads nothing and stores nothing: anyone may try the calculator.
    loanQuotaEstimate: allow,
    loanStatistics: hasRole('FUND_OFFICER'),
    // A centre's own webhooks only (the resolver lists the officer's centre), never a secret.
    noticeWebhooks: hasRole('FUND_OFFICER'),
  },
  Mutation: {
    submitLoanApplication: or(hasRole('FUND_OFFICER'), isPersonOrProxyMay('SUBMIT_APPLICATION')),
    approveLoanApplication: hasRole('FUND_OFFICER'),
    rejectLoanApplication: hasRole('FUND_OFFICER'),
    // Whose application it is, or which centre's, is the resolver's check against the stored file.
    withdrawLoanApplication: or(hasRole('FUND_OFFICER'), hasRole('APPLICANT')),
    signLoanContract: hasRole('APPLICANT'),
    reviewLoanApplication: hasRole('APPLICANT'),
    // For the officer's own centre (the resolver takes the centre from the token, never from input).
    registerNoticeWebhook: hasRole('FUND_OFFICER'),
    removeNoticeWebhook: hasRole('FUND_OFFICER'),
  },
  ...FEDERATION_TYPES,
  LoanApplication: { id: allow, status: mayReadApplication, '*': applicationFile(borrowersOf), contract: applicationFile(signersOf), mortgage: applicationFile(signersOf) },
  LoanApplicationPage: allow,
  SubmitLoanApplicationPayload: allow,
  UserError: allow,
  LoanFinding: allow,
  PartyRef: allow,
  ConsentNeeded: allow,
  LoanCheck: allow,
  LoanDecision: allow,
  CombinationParts: allow,
  TimelineEntry: allow,
  LoanContract: allow,
  RepaymentSchedule: allow,
  Instalment: allow,
  // The guide and every part of it are public, like the guide itself.
  ServiceGuide: allow,
  QuotaEstimate: allow,
  QuotaBound: allow,
  GuideCentre: allow,
  GuideTimeLimit: allow,
  GuideCondition: allow,
  GuideMaterial: allow,
  GuideStep: allow,
  GuideFee: allow,
  GuideQuestion: allow,
  GuideChannel: allow,
  LinkedItem: allow,
  GuideDelivery: allow,
  LoanStatistics: allow,
  StatusCount: allow,
  ContractSigner: allow,
  MortgageCertificate: allow,
  Disbursement: allow,
  NoticeWebhookRegistration: allow,
  NoticeWebhook: allow,
  // The ref and what @requires brought are the gateway's; the estimate is the person's own (or their
  // proxy's). A couple's estimate too: the spouse's figures in it open only under her own consent
  // to it, which the provident-fund and real-estate subgraphs check when it reads them (rules.ts hasEstimateConsent).
  Applicant: { '*': allow, loanQuotaEstimate: isDataSubjectOrProxy(applicantSubject), coupleLoanQuotaEstimate: isDataSubjectOrProxy(applicantSubject) },
  Marriage: allow,
  CoupleQuotaEstimate: allow,
  ProvidentFundAccount: allow,
  ProvidentFundLoan: allow,
  RealEstateHoldings: allow,
  Property: allow,
};
