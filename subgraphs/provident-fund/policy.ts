/**
 * 公积金中心 HPF centre — who may read what. Anything not named is denied.
 *
 * - Accounts and loan files are the member's personal data: the member, their proxy, or a fund
 *   centre holding their consent for provident-fund / account (or / loans).
 * - Account numbers show first and last four only, except to the member and their proxy.
 * - A loan file reached by its own reference is governed by its borrowers' data, the same way.
 */
import { allow, or } from 'graphql-shield';
import type { ProvidentFundAccountEntry, ProvidentFundLoanEntry } from '../../lib/agency-contracts';
import { FEDERATION_QUERY_FIELDS, FEDERATION_TYPES } from '../shared/policy/federation';
import { maskAccountNumber } from '../shared/policy/masks';
import { masked, personalData, type Policy } from '../shared/policy/policy';
import { applicantSubject, isDataSubjectOrProxy, mayReadPersonalData, type Subjects } from '../shared/policy/rules';

const AGENCY = 'provident-fund' as const;

const holderOfAccount: Subjects<ProvidentFundAccountEntry & { holderIdNumber: string }> = (account) => [account.holderIdNumber];
const borrowersOfLoan: Subjects<ProvidentFundLoanEntry> = (loan) => loan.borrowerIdNumbers;
const record = (dataItem: string, subjects: Subjects<never>) => ({ agency: AGENCY, dataItem, subjects });

export const providentFundPolicy: Policy = {
  Query: FEDERATION_QUERY_FIELDS,
  ...FEDERATION_TYPES,
  Applicant: {
    ref: allow,
    providentFundAccount: personalData(mayReadPersonalData(AGENCY, 'account', applicantSubject), record('account', applicantSubject)),
    providentFundAccounts: personalData(mayReadPersonalData(AGENCY, 'account', applicantSubject), record('account', applicantSubject)),
    providentFundLoans: personalData(mayReadPersonalData(AGENCY, 'loans', applicantSubject), record('loans', applicantSubject)),
  },
  Property: { ref: allow },
  ProvidentFundAccount: {
    '*': allow,
    accountNumber: masked(allow, maskAccountNumber, or(isDataSubjectOrProxy(holderOfAccount))),
  },
  ProvidentFundLoan: {
    ref: allow,
    '*': personalData(mayReadPersonalData(AGENCY, 'loans', borrowersOfLoan), record('loans', borrowersOfLoan)),
  },
};
