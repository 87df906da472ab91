/**
 * The local identity provider's citizen accounts: the scenario people of agencies/data/scenarios.ts
 * (applicants, spouses, former spouses, contract buyers — every one synthetic), each signing in
 * with their ID number and the one development password. A real deployment's provider verifies
 * citizens its own way (the province's unified identity platform); nothing here goes there.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { SCENARIOS, type ScenarioPerson } from '../agencies/data/scenarios';

/** Every development account's password. Development only: the identity provider refuses production mode. */
export const DEVELOPMENT_PASSWORD = 'hpf-dev-password';

export interface CitizenAccount {
  /** The token subject: opaque, stable, and no ID number in it. */
  accountId: string;
  idNumber: string;
}

const accountIdOf = (idNumber: string) => `citizen-${createHash('sha256').update(`fj-hpf-dev-account:${idNumber}`).digest('hex').slice(0, 20)}`;

const ACCOUNTS: ReadonlyMap<string, CitizenAccount> = new Map(
  Object.values(SCENARIOS)
    .flatMap((scenario) => [scenario.applicant, scenario.spouse, scenario.formerSpouse, scenario.contractBuyer])
    .filter((person): person is ScenarioPerson => person !== null)
    .map((person) => [accountIdOf(person.idNumber), { accountId: accountIdOf(person.idNumber), idNumber: person.idNumber }]),
);

export function accountById(accountId: string): CitizenAccount | null {
  return ACCOUNTS.get(accountId) ?? null;
}

/** The account these credentials sign in to, or null (an unknown ID number and a wrong password look the same). */
export function signIn(idNumber: string, password: string): CitizenAccount | null {
  const account = ACCOUNTS.get(accountIdOf(idNumber.trim().toUpperCase()));
  const given = createHash('sha256').update(password).digest();
  const expected = createHash('sha256').update(DEVELOPMENT_PASSWORD).digest();
  return timingSafeEqual(given, expected) && account ? account : null;
}
