/**
 * The local identity provider's accounts: the citizens are the scenario people of
 * agencies/data/scenarios.ts (applicants, spouses, former spouses, contract buyers — every one
 * synthetic), each signing in with their ID number; the fund officers are a few staff accounts,
 * each of one centre, signing in with their staff number; the service-hall agents (帮代办) sign in
 * with their agent account and name the applicant they act for. All use the one development password.
 * A real deployment's provider verifies people its own way (the province's unified identity
 * platform, a centre's staff directory); nothing here goes there.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { SCENARIOS, type ScenarioPerson } from '../agencies/data/scenarios';

/** Every development account's password. Development only: the identity provider refuses production mode. */
export const DEVELOPMENT_PASSWORD = 'hpf-dev-password';

export interface CitizenAccount {
  kind: 'citizen';
  /** The token subject: opaque, stable, and no ID number in it. */
  accountId: string;
  idNumber: string;
}

export interface OfficerAccount {
  kind: 'officer';
  /** The token subject: the staff number the officer signs in with. */
  accountId: string;
  /** The fund centre the officer works for (the token's `centre`). */
  centre: string;
}

/**
 * A service hall's agent (帮代办): the account an applicant names in grantProxyAuthorization. What
 * they may do comes from that stored authorization, never from this account: signing in, they name
 * the applicant and the authorization, and the platform checks both on every request.
 */
export interface AgentAccount {
  kind: 'agent';
  /** The token subject: the agent account the applicant authorizes (the README's hall-7). */
  accountId: string;
}

export type Account = CitizenAccount | OfficerAccount | AgentAccount;

/** The development officers: one at 福州 (the README's staff-001), one at 厦门. */
export const DEVELOPMENT_OFFICERS: readonly OfficerAccount[] = [
  { kind: 'officer', accountId: 'staff-001', centre: '350100' },
  { kind: 'officer', accountId: 'staff-002', centre: '350200' },
];

/** The development service-hall agents: hall-7 (the README's), and hall-8, whom nobody authorized in the demos. */
export const DEVELOPMENT_AGENTS: readonly AgentAccount[] = [
  { kind: 'agent', accountId: 'hall-7' },
  { kind: 'agent', accountId: 'hall-8' },
];

const accountIdOf = (idNumber: string) => `citizen-${createHash('sha256').update(`fj-hpf-dev-account:${idNumber}`).digest('hex').slice(0, 20)}`;

const ACCOUNTS: ReadonlyMap<string, Account> = new Map<string, Account>([
  ...Object.values(SCENARIOS)
    .flatMap((scenario) => [scenario.applicant, scenario.spouse, scenario.formerSpouse, scenario.contractBuyer])
    .filter((person): person is ScenarioPerson => person !== null)
    .map((person): [string, Account] => [accountIdOf(person.idNumber), { kind: 'citizen', accountId: accountIdOf(person.idNumber), idNumber: person.idNumber }]),
  ...[...DEVELOPMENT_OFFICERS, ...DEVELOPMENT_AGENTS].map((account): [string, Account] => [account.accountId, account]),
]);

export function accountById(accountId: string): Account | null {
  return ACCOUNTS.get(accountId) ?? null;
}

/** The account an ID number (a citizen's), a staff number (an officer's) or an agent account signs in to. */
function accountOf(login: string): Account | null {
  const trimmed = login.trim();
  const staff = [...DEVELOPMENT_OFFICERS, ...DEVELOPMENT_AGENTS].find((account) => account.accountId === trimmed.toLowerCase());
  return staff ?? ACCOUNTS.get(accountIdOf(trimmed.toUpperCase())) ?? null;
}

/** The account these credentials sign in to, or null (an unknown login and a wrong password look the same). */
export function signIn(login: string, password: string): Account | null {
  const account = accountOf(login);
  const given = createHash('sha256').update(password).digest();
  const expected = createHash('sha256').update(DEVELOPMENT_PASSWORD).digest();
  return timingSafeEqual(given, expected) && account ? account : null;
}
