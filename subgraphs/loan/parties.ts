/**
 * The parties of an application by their part in it, never by name or number: keys to store with
 * what a check found about whom, and labels to show. One party's view of the application shows the
 * findings about themself and, of every other party, only that the officer will look at them.
 */
import type { LoanPerson, LoanRequest } from '../../storage/loan-types';
import type { Party } from './domain/reasons';

/** APPLICANT, SPOUSE or CO_BORROWER:n (1-based, as filed). */
export type PartyKey = string;

export function partyKeyOf(party: Party | null): PartyKey | null {
  if (!party) return null;
  return party.role === 'CO_BORROWER' ? `CO_BORROWER:${party.ordinal}` : party.role;
}

/** The key of the person with this ID number on the application; null when they are not a borrower on it. */
export function partyKeyOfPerson(request: LoanRequest, idNumber: string): PartyKey | null {
  if (request.applicant.idNumber === idNumber) return 'APPLICANT';
  if (request.spouse?.idNumber === idNumber) return 'SPOUSE';
  const index = request.coBorrowers.findIndex((person: LoanPerson) => person.idNumber === idNumber);
  return index >= 0 ? `CO_BORROWER:${index + 1}` : null;
}

export function partyLabel(key: PartyKey): string {
  if (key === 'APPLICANT') return '申请人 (applicant)';
  if (key === 'SPOUSE') return '配偶 (spouse)';
  if (key === 'BUYERS') return '购房合同买受人 (the contract buyers)';
  const ordinal = key.split(':')[1];
  return `共同借款人${ordinal} (co-borrower ${ordinal})`;
}

/** Who a waiting step waits for, as labels: each person by their part, and the buyers for property data. */
export function partyLabelsOf(request: LoanRequest, idNumbers: readonly string[], property: boolean): string[] {
  const keys = idNumbers.map((idNumber) => partyKeyOfPerson(request, idNumber) ?? 'BUYERS');
  return [...new Set([...keys, ...(property ? ['BUYERS'] : [])])].map(partyLabel);
}

/** What another party sees in place of findings about this party. */
export function referredNotice(key: PartyKey): string {
  return `${partyLabel(key)}：已转人工审核 (referred to the officer)`;
}
