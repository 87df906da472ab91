import type { ProvidentFundAccountEntry, ProvidentFundLoanEntry } from '../../lib/agency-contracts';
import { badUserInput } from '../../lib/errors';
import type { Source } from '../shared/loaders';
import { applicantRef, propertyRef, resolveApplicantReference, type ApplicantParent } from '../shared/references';
import type { EntityRepresentation, Resolvers, SubgraphContext } from '../shared/subgraph';
import type { ProvidentFundLoaders } from './loaders';

type Context = SubgraphContext<ProvidentFundLoaders>;
type Account = ProvidentFundAccountEntry & { source: Source; holderIdNumber: string };
type Loan = ProvidentFundLoanEntry & { source: Source; ref: string };

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

export const providentFundResolvers: Resolvers<ProvidentFundLoaders> = {
  Applicant: {
    __resolveReference: resolveApplicantReference,
    providentFundAccounts: (parent: ApplicantParent, _: unknown, context: Context) => accountsOf(parent.idNumber, context),
    // The account that counts for a loan is the one in normal deposit status; otherwise the newest.
    providentFundAccount: async (parent: ApplicantParent, _: unknown, context: Context) => {
      const accounts = await accountsOf(parent.idNumber, context);
      if (!accounts || accounts.length === 0) return null;
      const newestFirst = [...accounts].sort((a, b) => b.openedAt.localeCompare(a.openedAt));
      return newestFirst.find((account) => account.status === 'NORMAL') ?? newestFirst[0];
    },
    providentFundLoans: (parent: ApplicantParent, _: unknown, context: Context) => loansOf(parent.idNumber, context),
  },
  ProvidentFundLoan: {
    __resolveReference: async (representation: EntityRepresentation, context: Context) => {
      const [idNumber, loanNumber] = context.refs.open('loan', representation.ref).split('|');
      if (!idNumber || !loanNumber) throw badUserInput('ref', 'not a valid loan reference');
      const loans = await loansOf(idNumber, context);
      return loans?.find((loan) => loan.loanNumber === loanNumber) ?? null;
    },
    principal: (parent: Loan) => parent.principalFen,
    outstanding: (parent: Loan) => parent.outstandingFen,
    property: (parent: Loan, _: unknown, context: Context) => propertyRef(context.refs, parent.unitNumber),
    borrowers: (parent: Loan, _: unknown, context: Context) => parent.borrowerIdNumbers.map((id) => applicantRef(context.refs, id)),
  },
  ProvidentFundAccount: {
    monthlyDeposit: (parent: Account) => parent.monthlyDepositFen,
    balance: (parent: Account) => parent.balanceFen,
    spouseOnFile: (parent: Account, _: unknown, context: Context) =>
      parent.spouseIdNumberOnFile ? applicantRef(context.refs, parent.spouseIdNumberOnFile) : null,
  },
};
