/**
 * The case (案件) a read of personal data serves: a loan application of this platform. Who is a
 * party to it, read from the stored application — never from what a caller says — and whether it
 * is open to this caller: a centre's officer while the centre handles it, the loan engine while
 * its checks run, a party (or their verified proxy) always.
 */
import type { Actor } from '../../../lib/actor';
import { serviceHasPower } from '../../../lib/services';
import type { LoanApplicationRow, LoanStatus, LoanStepRow } from '../../../storage/loan-types';
import { foundProperty } from './check-record';

export type CaseRole = 'APPLICANT' | 'SPOUSE' | 'CO_BORROWER' | 'CO_OWNER';

export interface CaseParty {
  idNumber: string;
  role: CaseRole;
  /** 1-based position among the co-borrowers (or co-owners), for labels like 共同借款人1. */
  ordinal: number;
}

export interface CaseFile {
  application: LoanApplicationRow;
  steps: readonly LoanStepRow[];
  parties: readonly CaseParty[];
}

/** Statuses in which a centre's officers still work on an application and may read its parties. */
const OFFICER_OPEN: readonly LoanStatus[] = ['ACCEPTED', 'REFERRED', 'APPROVED'];
/** The loan engine gathers a case's data only while its checks run. */
const SERVICE_OPEN: readonly LoanStatus[] = ['ACCEPTED'];

/** The facts of a finished check's property (the loan workflow's typed facts; only these fields are read here). */
const propertyFound = (steps: readonly LoanStepRow[], step: string): Record<string, unknown> | null => {
  const facts = foundProperty(steps.find((s) => s.step === step && s.status === 'DONE')?.outcome);
  return facts && typeof facts === 'object' ? (facts as Record<string, unknown>) : null;
};
const idNumbersIn = (facts: Record<string, unknown> | null, key: 'buyerIdNumbers' | 'ownerIdNumbers'): string[] =>
  Array.isArray(facts?.[key]) ? (facts[key] as unknown[]).filter((id): id is string => typeof id === 'string') : [];

/** The registered unit and its owners, as the registration check found them. */
export function registeredUnitOf(steps: readonly LoanStepRow[]): { unitNumber: string | null; owners: string[] } {
  const registration = propertyFound(steps, 'GATHER_REGISTRATION');
  if (!registration) return { unitNumber: null, owners: [] };
  return { unitNumber: typeof registration.unitNumber === 'string' ? registration.unitNumber : null, owners: idNumbersIn(registration, 'ownerIdNumbers') };
}

/** Everyone the application concerns: borrowers as filed, then buyers and owners the checks found. */
export function partiesOf(application: LoanApplicationRow, steps: readonly LoanStepRow[]): CaseParty[] {
  const { request } = application;
  const parties: CaseParty[] = [{ idNumber: request.applicant.idNumber, role: 'APPLICANT', ordinal: 1 }];
  if (request.spouse) parties.push({ idNumber: request.spouse.idNumber, role: 'SPOUSE', ordinal: 1 });
  request.coBorrowers.forEach((person, i) => parties.push({ idNumber: person.idNumber, role: 'CO_BORROWER', ordinal: i + 1 }));
  const coOwners = [...idNumbersIn(propertyFound(steps, 'GATHER_CONTRACT'), 'buyerIdNumbers'), ...registeredUnitOf(steps).owners];
  for (const idNumber of coOwners) {
    if (!parties.some((party) => party.idNumber === idNumber)) {
      parties.push({ idNumber, role: 'CO_OWNER', ordinal: parties.filter((party) => party.role === 'CO_OWNER').length + 1 });
    }
  }
  return parties;
}

/**
 * The statuses in which a centre's caller (an officer, the loan engine) may work on an application
 * of their centre; none for anyone else, whose access is by party. The store reads a case's
 * consents only in these (LoanStore.readCase).
 */
export function centreOpenStatuses(actor: Actor): readonly LoanStatus[] {
  switch (actor.role) {
    case 'FUND_OFFICER':
      return OFFICER_OPEN;
    case 'SERVICE':
      return serviceHasPower(actor.subject, 'GATHER_CASE_DATA') ? SERVICE_OPEN : [];
    default:
      return [];
  }
}

/** Whether this caller may work on this application at all (what they may read in it is the policy's). */
export function isCaseOpenTo(actor: Actor, application: LoanApplicationRow, parties: readonly CaseParty[]): boolean {
  switch (actor.role) {
    case 'FUND_OFFICER':
    case 'SERVICE':
      return actor.centre === application.centre && centreOpenStatuses(actor).includes(application.status);
    case 'APPLICANT':
    case 'PROXY_AGENT':
      return actor.personIdNumber !== null && parties.some((party) => party.idNumber === actor.personIdNumber);
    default:
      return false;
  }
}

/** Who signs the loan contract: every borrower, then every registered owner not already among them. */
export function requiredSignersOf(application: LoanApplicationRow, steps: readonly LoanStepRow[]): string[] {
  const { request } = application;
  const borrowers = [request.applicant, ...(request.spouse ? [request.spouse] : []), ...request.coBorrowers].map((person) => person.idNumber);
  return [...new Set([...borrowers, ...registeredUnitOf(steps).owners])];
}
