/**
 * `npm run bench:policy` — what the authorization policy costs. One subgraph (civil affairs)
 * answers a 50-applicant `_entities` request, as the gateway sends it for a list page, built twice
 * in one process: with its policy (shield rules, consent look-ups in the embedded store, access
 * record writes) and with every field allowed (no wrapping at all). Rounds are interleaved so
 * machine noise falls on both; throughput is printed side by side with the ratio.
 *
 *   npm run bench:policy -- [--seconds 3] [--rounds 3] [--concurrency 8]
 */
import { parseArgs } from 'node:util';
import { buildAgencySimulator, loadDataset } from '../../agencies';
import { ordinaryApplicantIds } from '../../agencies/data/scenarios';
import type { Actor } from '../../lib/actor';
import { CALLER_ASSERTION_HEADER, newAssertion, operationHash, signAssertion } from '../../lib/caller-assertion';
import { loadConfig } from '../../lib/config';
import { listen } from '../../lib/http';
import { silentLogger } from '../../lib/logger';
import { maskIdNumberForRecord, openStorage, subjectKeyMemo } from '../../storage';
import { civilAffairsSubgraph } from '../../subgraphs/civil-affairs/server';
import { createEntityRefs } from '../../subgraphs/shared/entity-ref';
import type { Policy } from '../../subgraphs/shared/policy/policy';
import type { Storage } from '../../storage/types';
import { buildSubgraphServer } from '../../subgraphs/shared/subgraph';
import { NO_POLICY, closedLoop, dropBenchSchema, median, memoryConsents, noRecords } from './support';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '3' }, rounds: { type: 'string', default: '3' }, concurrency: { type: 'string', default: '8' } } });
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const CONCURRENCY = Number(values.concurrency);

const QUERY = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Applicant { marriage { status registrationDate spouse { ref } registrations { type registrationDate registrationOffice } } } } }';

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', SIMULATOR_LATENCY_MS: '0' });
  // The store a deployment runs: PostgreSQL when DATABASE_URL is set (in a schema of our own), else embedded.
  const schema = `bench_${process.pid}`;
  const storage = await openStorage({ databaseUrl: config.databaseUrl, schema });
  const storeName = config.databaseUrl ? 'PostgreSQL' : 'embedded PGlite';
  const dataset = loadDataset(config.simulator.datasetSeed, config.simulator.datasetSize);
  const simulator = buildAgencySimulator('civil-affairs', { dataset, appSecrets: new Map([[config.agencyAppId, config.agencyAppSecret]]) });
  const agency = await listen(simulator.server, 0);

  const idNumbers = ordinaryApplicantIds(dataset, 50);
  const now = Date.now();
  // Every read of a person serves a case (x-application-id): one open application of the centre
  // naming the 50 as its borrowers, each of whom consented for it.
  const keyOf = subjectKeyMemo(config.entityRefKey);
  const person = (idNumber: string) => ({ idNumber, name: '测试' });
  const { application } = await storage.loans.submit({
    idempotencyKey: `bench-${process.pid}`,
    submittedBy: 'FUND_OFFICER:bench-officer',
    submittedByRole: 'FUND_OFFICER',
    centre: '350100',
    applicantKey: keyOf(idNumbers[0]!),
    partyKeys: idNumbers.map(keyOf),
    request: {
      applicant: person(idNumbers[0]!),
      spouse: null,
      coBorrowers: idNumbers.slice(1).map(person),
      contractNumber: null,
      unitNumber: null,
      amountFen: 60_000_000,
      termMonths: 240,
      repaymentMethod: 'EQUAL_INSTALMENT',
      centre: '350100',
      applicationDate: new Date(now).toISOString().slice(0, 10),
    },
    requestHash: `bench-${process.pid}`,
    openKey: `bench-${process.pid}`,
    isTestCase: true,
    now: new Date(now),
    decisionDueAt: new Date(now + 15 * 86_400_000),
    steps: [],
    acceptedEvent: { kind: 'ACCEPTED', detail: {} },
  });
  for (const idNumber of idNumbers) {
    await storage.consents.grant({
      subjectKey: keyOf(idNumber),
      subjectMasked: maskIdNumberForRecord(idNumber),
      subjectRole: 'APPLICANT',
      kind: 'DATA_SHARING',
      purpose: 'HPF_LOAN_REVIEW',
      scopes: [{ agency: 'civil-affairs', dataItems: ['marriage'] }],
      grantedToCentre: '350100',
      authorizationRef: null,
      applicationId: application.id,
      validFrom: new Date(now - 60_000),
      validUntil: new Date(now + 86_400_000),
      recordedBy: 'bench',
    });
  }
  const refs = createEntityRefs(config.entityRefKey);
  const variables = { r: idNumbers.map((id) => ({ __typename: 'Applicant', ref: refs.seal('applicant', id) })) };
  const body = JSON.stringify({ query: QUERY, variables });
  const actor: Actor = { role: 'FUND_OFFICER', subject: 'bench-officer', personIdNumber: null, centre: '350100', proxyAuthorizationRef: null };

  // Variants that take away, one at a time, the privacy work that is not the rules themselves:
  // consents answered from memory, and access-record writes dropped. Bench-only decorations.
  const consent = await storage.consents.findActiveForSubjects({ subjectKeys: [keyOf(idNumbers[0]!)], kind: 'DATA_SHARING', purpose: 'HPF_LOAN_REVIEW', agency: 'civil-affairs', dataItem: 'marriage', centre: '350100', at: new Date(), applicationId: application.id });
  const anyConsent = [...consent.values()][0]!;
  const build = (policy: Policy, store: Storage) => buildSubgraphServer({ ...civilAffairsSubgraph, policy }, { config, logger: silentLogger, storage: store, agencyUrl: agency.url });
  const servers: Record<string, Awaited<ReturnType<typeof buildSubgraphServer>>> = {
    'rules off': await build(NO_POLICY, storage),
    'rules only': await build(civilAffairsSubgraph.policy, noRecords(memoryConsents(storage, [anyConsent], keyOf))),
    '+ consent store': await build(civilAffairsSubgraph.policy, noRecords(storage)),
    '+ access record': await build(civilAffairsSubgraph.policy, storage),
  };
  const VARIANTS = Object.keys(servers);
  const urls: Record<string, string> = {};
  for (const [name, built] of Object.entries(servers)) urls[name] = `${(await listen(built.server, 0)).url}/graphql`;

  let sequence = 0;
  const request = async (url: string) => {
    const requestId = `bench-${process.pid}-${sequence++}`;
    const assertion = signAssertion(
      newAssertion({ actor, purpose: 'HPF_LOAN_REVIEW', applicationId: application.id, audience: civilAffairsSubgraph.name, requestId, operationHash: operationHash(body) }),
      config.gatewaySigningKey!,
    );
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': requestId, [CALLER_ASSERTION_HEADER]: assertion }, body });
    const reply = (await response.json()) as { errors?: unknown[]; data?: { _entities: Array<{ marriage: unknown }> } };
    if (reply.errors || reply.data?._entities.some((entity) => !entity.marriage)) throw new Error(`unexpected answer: ${JSON.stringify(reply).slice(0, 300)}`);
  };
  const measure = async (url: string): Promise<number> => (await closedLoop(() => request(url), { seconds: SECONDS, concurrency: CONCURRENCY })).perSecond;

  for (const url of Object.values(urls)) for (let i = 0; i < 20; i++) await request(url); // warm-up
  const results: Record<string, number[]> = Object.fromEntries(VARIANTS.map((name) => [name, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    const order = round % 2 === 1 ? VARIANTS : [...VARIANTS].reverse();
    for (const name of order) results[name]!.push(await measure(urls[name]!));
    process.stdout.write(`round ${round}: ${VARIANTS.map((name) => `${name} ${results[name]!.at(-1)!.toFixed(0)}`).join(' · ')} req/s\n`);
  }
  const off = median(results['rules off']!);
  process.stdout.write(
    `\ncivil-affairs subgraph, 50-applicant _entities as a fund officer with consents, store: ${storeName}, ${CONCURRENCY} concurrent, ${ROUNDS}×${SECONDS}s interleaved (medians)\n` +
      VARIANTS.map((name) => `  ${name.padEnd(16)} ${median(results[name]!).toFixed(0).padStart(5)} req/s   ${(median(results[name]!) / off).toFixed(2)}×`).join('\n') +
      `\n  target (#14): + access record — rules on, with every piece of privacy work — ≥ 0.95× rules off, on both stores\n`,
  );
  for (const built of Object.values(servers)) await built.stop();
  await storage.close();
  if (config.databaseUrl) await dropBenchSchema(config.databaseUrl, schema);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
