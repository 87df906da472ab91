/**
 * The loan worker's operations: fixed documents in operations/*.graphql, registered as trusted
 * documents for client hpf-loan-worker (schema/trusted-documents/hpf-loan-worker.json; a spec fails
 * when that manifest is stale), so the worker runs when the gateway accepts registered operations
 * only. Whatever the application, each step sends the same document; the people of the case fill
 * fixed slots (p0 … p5: the applicant, a spouse, up to four co-borrowers), unused slots skipped.
 *
 * After a change to any .graphql file here:
 *   npm run register-operations -- --client hpf-loan-worker subgraphs/loan/workflow/operations/*.graphql
 */
import fs from 'node:fs';
import path from 'node:path';
import type { GatherStep, LoanPerson } from '../../../storage/loan-types';

export const WORKER_CLIENT = 'hpf-loan-worker';
export const WORKER_OPERATIONS_DIR = path.join(__dirname, 'operations');

/** The most people one application holds (1 applicant + 1 spouse + 4 co-borrowers): the slots of every per-person document. */
export const PERSON_SLOTS = 6;

const read = (name: string): string => fs.readFileSync(path.join(WORKER_OPERATIONS_DIR, `${name}.graphql`), 'utf8');

/** Per step: the document when the property is named by its contract, and when by its unit number (the same one when the step reads no property). */
export const GATHER_DOCUMENTS: Readonly<Record<GatherStep, { byContract: string; byUnit: string }>> = (() => {
  const both = (name: string) => ({ byContract: read(`${name}-by-contract`), byUnit: read(`${name}-by-unit`) });
  const one = (name: string) => {
    const text = read(name);
    return { byContract: text, byUnit: text };
  };
  return {
    GATHER_IDENTITY: one('gather-identity'),
    GATHER_MARRIAGE: one('gather-marriage'),
    GATHER_CREDIT: one('gather-credit'),
    GATHER_PROVIDENT_FUND: one('gather-provident-fund'),
    GATHER_REGISTRATION: both('gather-registration'),
    GATHER_CONTRACT: both('gather-contract'),
    GATHER_TAX: both('gather-tax'),
  };
})();

export const REGISTER_MORTGAGE_DOCUMENT = read('register-mortgage');

/**
 * The slot variables for these people: `id<n>` (and `name<n>` where the document asks a claimed
 * name), and `with<n>` for slots 1 … 5. An unused slot carries the applicant's ID number (the
 * document's types ask for one) and is skipped, so nobody is read for it.
 */
export function personSlotVariables(persons: readonly LoanPerson[], withNames: boolean): Record<string, unknown> {
  if (persons.length === 0 || persons.length > PERSON_SLOTS) throw new Error(`an application has 1 to ${PERSON_SLOTS} people (got ${persons.length})`);
  const variables: Record<string, unknown> = {};
  for (let i = 0; i < PERSON_SLOTS; i += 1) {
    const person = persons[i];
    variables[`id${i}`] = (person ?? persons[0]!).idNumber;
    if (withNames) variables[`name${i}`] = person ? person.name : null;
    if (i > 0) variables[`with${i}`] = person !== undefined;
  }
  return variables;
}
