/**
 * The parties of an application by their part in it, never by name or number: keys to store with
 * what a check found about whom, and labels to show. One party's view of the application shows the
 * findings about themself and, of every other party, only that the officer will look at them.
 */
import type { LoanPerson, LoanRequest } from '../../storage/loan-types';
import type { Party } from './domain/reasons';
import type { PartyKey } from '../shared/cases/check-record';

export type { PartyKey } from '../shared/cases/check-record';
/** A reader who is no borrower on the application (a co-owner, or nobody). */
export type PartyKeyOrNone = PartyKey | null;

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

export function partyLabelOf(key: PartyKey): { zh: string; en: string } {
  if (key === 'APPLICANT') return { zh: '申请人', en: 'Applicant' };
  if (key === 'SPOUSE') return { zh: '配偶', en: 'Spouse' };
  const ordinal = key.split(':')[1];
  return { zh: `共同借款人${ordinal}`, en: `Co-borrower ${ordinal}` };
}

/** A party key as the graph shows it: the role, and the place among the co-borrowers. */
export function partyRefOf(key: PartyKey): { role: 'APPLICANT' | 'SPOUSE' | 'CO_BORROWER'; ordinal: number | null } {
  if (key === 'APPLICANT' || key === 'SPOUSE') return { role: key, ordinal: null };
  return { role: 'CO_BORROWER', ordinal: Number(key.split(':')[1]) };
}
