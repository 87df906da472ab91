/**
 * Who holds the mortgage of an approved application, and for how much (抵押权人, 被担保主债权数额):
 * the centre for the whole amount, or for a combination loan (组合贷款) the centre for the HPF part
 * and its entrusted bank for the commercial part. The loan worker registers exactly these and the
 * real-estate subgraph accepts nothing else, so a registration can name no other lender or amount.
 */
import type { LoanApplicationRow } from '../../../storage/loan-types';

export interface Mortgagee {
  name: string;
  amountFen: number;
}

interface DecidedParts {
  combination?: { hpfPartFen: number; commercialPartFen: number; bank: string };
}

export function mortgageesOf(application: LoanApplicationRow): Mortgagee[] {
  const centre = `住房公积金管理中心 ${application.centre}`;
  const parts = (application.decision as DecidedParts | null)?.combination;
  if (!parts) return [{ name: centre, amountFen: application.request.amountFen }];
  return [
    { name: centre, amountFen: parts.hpfPartFen },
    { name: parts.bank, amountFen: parts.commercialPartFen },
  ].filter((mortgagee) => mortgagee.amountFen > 0);
}
