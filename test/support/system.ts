/**
 * The whole system on ephemeral ports for a spec file, plus GraphQL clients for each kind of
 * caller. Simulator latency is off unless a spec asks for it, so the suite stays fast. Storage is
 * the embedded store in memory unless a spec passes its own (real PostgreSQL specs do). Logs go,
 * at debug level, to the run's log files that the log audit searches when the suite ends.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureLocalKeys } from '../../lib/auth-keys';
import { loadConfig, type Config } from '../../lib/config';
import type { Logger } from '../../lib/logger';
import { mintToken, type ActorClaims } from '../../lib/tokens';
import { startLocalSystem, type LocalSystem } from '../../scripts/local-system';
import { openStorage } from '../../storage';
import { applyEvent } from '../../subgraphs/loan/workflow/apply-event';
import { grantEveryConsent, openCase, type CasePeople } from './consents';
import { flushTestLogs, testRunLogger } from './test-logs';
import type { ConsentRecord, Storage } from '../../storage/types';

export interface GraphQLReply<Data = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: Data | null;
    errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  };
}

export type Query = <Data = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLReply<Data>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read replies by the query's shape

export interface TestSystem extends LocalSystem {
  config: Readonly<Config>;
  /** An anonymous caller. Every client asks for English (accept-language: en) unless its headers say otherwise. */
  query: Query;
  /** A caller with a token of these claims. */
  as(claims: ActorClaims): Promise<Query>;
  /** An officer of a fund centre (福州 350100 unless named), working on the case named (x-application-id) if given. */
  asOfficer(centre?: string, caseId?: string): Promise<Query>;
  /** The applicant themself. */
  asApplicant(idNumber: string): Promise<Query>;
  token(claims: ActorClaims, expiresIn?: string | number): Promise<string>;
  /** Records a person's own consents for this application directly in the store: data sharing of every item, and the credit query. */
  consentAll(idNumber: string, applicationId: string, centre?: string): Promise<ConsentRecord[]>;
  /** An accepted application naming these people, with the consents of `consenting` (all of them unless told) for it; returns its id. */
  openCase(people: CasePeople, consenting?: readonly string[]): Promise<string>;
  /**
   * Withdraws every application still open (as its applicant would): specs that file the same
   * scenario people for the same home again start from none open (one open application per
   * applicant and property).
   */
  withdrawOpenApplications(): Promise<number>;
  /** Calls per agency endpoint since the last reset (endpoints never called left out), read from the simulators. */
  counters(): Record<string, Record<string, number>>;
  resetSimulators(): void;
}

export const FUZHOU_CENTRE = '350100';
const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hpf-test-keys-'));

export async function startTestSystem(env: Record<string, string> = {}, logger: Logger = testRunLogger(), storage?: Storage): Promise<TestSystem> {
  // No loan worker unless a spec asks for one (the loan specs do): cases opened for other specs stay still.
  const config = loadConfig({ NODE_ENV: 'test', SIMULATOR_LATENCY_MS: '0', AUTH_KEYS_DIR: keysDir, LOAN_WORKER: 'off', ...env });
  const testStorage = storage ?? (await openStorage({ databaseUrl: null })); // embedded, in memory
  const system = await startLocalSystem({ config, logger, ports: 'ephemeral', storage: testStorage });
  const { privateJwk } = await ensureLocalKeys(config.auth.keysDir);
  const token = (claims: ActorClaims, expiresIn: string | number = '10m') =>
    mintToken(claims, { privateJwk, issuer: config.auth.issuer, audience: config.auth.audience }, { expiresIn });

  const client =
    (authorization: string | null): Query =>
    async (query, variables = {}, headers = {}) => {
      const response = await fetch(system.gatewayUrl, {
        method: 'POST',
        // English unless a spec asks otherwise: specs read our messages as written (a reply without the
        // header is in Chinese; test/gateway/languages.spec.ts holds that).
        headers: { 'content-type': 'application/json', 'accept-language': 'en', ...(authorization ? { authorization } : {}), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: await response.json() };
    };
  const as = async (claims: ActorClaims) => client(`Bearer ${await token(claims)}`);

  return {
    ...system,
    stop: async () => {
      await system.stop();
      if (!storage) await testStorage.close();
      flushTestLogs();
    },
    config,
    query: client(null),
    as,
    token,
    asOfficer: async (centre = FUZHOU_CENTRE, caseId?: string) => {
      const officer = await as({ role: 'FUND_OFFICER', sub: `officer-${centre}-01`, centre });
      return caseId ? (query, variables, headers = {}) => officer(query, variables, { 'x-application-id': caseId, ...headers }) : officer;
    },
    asApplicant: (idNumber) => as({ role: 'APPLICANT', sub: `citizen-${idNumber.slice(-4)}`, id_number: idNumber }),
    consentAll: (idNumber, applicationId, centre = FUZHOU_CENTRE) => grantEveryConsent(system.storage, config.entityRefKey, idNumber, applicationId, centre),
    openCase: (people, consenting) => openCase(system.storage, config.entityRefKey, people, consenting),
    withdrawOpenApplications: async () => {
      let withdrawn = 0;
      for (const status of ['ACCEPTED', 'REFERRED', 'APPROVED'] as const) {
        for (const application of await system.storage.loans.list({ status, includeTestCases: true }, { after: null, limit: 200 })) {
          if (await applyEvent(system.storage.loans, application.id, { kind: 'WITHDRAWN', by: 'APPLICANT', reason: 'spec cleanup' }, config.loan)) withdrawn += 1;
        }
      }
      return withdrawn;
    },
    counters: () =>
      Object.fromEntries(
        Object.entries(system.simulators).map(([agency, simulator]) => [
          agency,
          Object.fromEntries(Object.entries(simulator.counters()).filter(([, calls]) => calls > 0)),
        ]),
      ),
    resetSimulators: () => Object.values(system.simulators).forEach((simulator) => simulator.reset()),
  };
}

/** The codes of a reply's errors, for assertions that read as the contract. */
export function errorCodes(reply: GraphQLReply<unknown>): unknown[] {
  return (reply.body.errors ?? []).map((error) => error.extensions?.code);
}
