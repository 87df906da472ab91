import { badUserInput } from '../../lib/errors';
import { applicantRef, propertyRef, resolveApplicantReference } from '../shared/references';
import type { Context, Resolvers } from './generated/resolvers-types';
import type { ProvidentFundAccount as Account, ProvidentFundLoan as Loan } from './parents';

/** A loan file is reached through one of its borrowers, as the centre files it. */
function loanReference(refs: Context['refs'], idNumber: string, loanNumber: string): string {
  return refs.seal('loan', `${idNumber}|${loanNumber}`);
}

async function accountsOf(idNumber: string, context: Context): Promise<Account[] | null> {
  const member = await context.loaders.member.load(idNumber);
  return member ? member.accounts.map((account) => ({ ...account, source: member.source, holderIdNumber: idNumber })) : null;
}

async function loansOf(idNumber: string, context: Context): Promise<Loan[] | null> {
  const member = await context.loaders.member.load(idNumber);
  if (!member) return null;
  return member.loans.map((loan) => ({ ...loan, source: member.source, ref: loanReference(context.refs, idNumber, loan.loanNumber) }));
}

export const providentFundResolvers: Resolvers = {
  Applicant: {
    __resolveReference: resolveApplicantReference,
    providentFundAccounts: (parent, _, context) => accountsOf(parent.idNumber, context),
    // The account that counts for a loan is the one in normal deposit status; otherwise the newest.
    providentFundAccount: async (parent, _, context) => {
      const accounts = await accountsOf(parent.idNumber, context);
      if (!accounts || accounts.length === 0) return null;
      const newestFirst = [...accounts].sort((a, b) => b.openedAt.localeCompare(a.openedAt));
      return newestFirst.find((account) => account.status === 'NORMAL') ?? newestFirst[0] ?? null;
    },
    providentFundLoans: (parent, _, context) => loansOf(parent.idNumber, context),
  },
  ProvidentFundLoan: {
    __resolveReference: async (representation, context) => {
      const [idNumber, loanNumber] = context.refs.open('loan', representation.ref).split('|');
      if (!idNumber || !loanNumber) throw badUserInput('ref', 'not a valid loan reference');
      const loans = await loansOf(idNumber, context);
      return loans?.find((loan) => loan.loanNumber === loanNumber) ?? null;
    },
    principal: (parent) => parent.principalFen,
    outstanding: (parent) => parent.outstandingFen,
    property: (parent, _, context) => propertyRef(context.refs, parent.unitNumber),
    borrowers: (parent, _, context) => parent.borrowerIdNumbers.map((id) => applicantRef(context.refs, id)),
  },
  ProvidentFundAccount: {
    depositBase: (parent) => parent.depositBaseFen,
    monthlyDeposit: (parent) => parent.monthlyDepositFen,
    balance: (parent) => parent.balanceFen,
    averageBalance: (parent) => parent.averageBalanceFen,
    spouseOnFile: (parent, _, context) =>
      parent.spouseIdNumberOnFile ? applicantRef(context.refs, parent.spouseIdNumberOnFile) : null,
  },
};
