/**
 * No personal data in logs: a run through every kind of request — reads by each actor, denials,
 * bad input quoting ID numbers, an agency down, consent changes — at debug level, with everything
 * the process writes to stdout and stderr captured too. None of the scenario people's ID numbers,
 * names or mobiles may appear in clear.
 */
import { SCENARIOS } from '../../agencies/data/scenarios';
import { createLogger } from '../../lib/logger';
import { startTestSystem, type TestSystem } from '../support/system';

describe('logs of a run', () => {
  const lines: string[] = [];
  let system: TestSystem;
  const restore: Array<() => void> = [];

  beforeAll(async () => {
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        lines.push(String(chunk));
        return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      restore.push(() => (stream.write = original));
    }
    system = await startTestSystem({ AGENCY_TIMEOUT_MS: '300' }, createLogger({ level: 'debug', write: (line) => lines.push(line) }));
  });
  afterAll(async () => {
    await system.stop();
    restore.forEach((undo) => undo());
  });

  it('hold none of the scenario people’s ID numbers, names or mobiles in clear', async () => {
    const people = Object.values(SCENARIOS).flatMap((s) => [s.applicant, s.spouse, s.formerSpouse, s.contractBuyer]).filter((p) => p !== null);
    const everything = /* GraphQL */ `query($id: IdNumber!) { applicant(idNumber: $id) { idNumber name mobile marriage { status spouse { name } } creditReport { reportNumber } providentFundAccount { balance } realEstateHoldings { count properties { contractFiling { buyers { name } } transferTax { paid } registration { owners { name } } } } } }`;
    // Each scenario's case names everyone of it, all consenting: the officer's reads release as much as they can.
    const officers = new Map<string, Awaited<ReturnType<TestSystem['asOfficer']>>>();
    for (const scenario of Object.values(SCENARIOS)) {
      const caseId = await system.openCase({
        applicant: scenario.applicant.idNumber,
        spouse: scenario.spouse?.idNumber ?? null,
        coBorrowers: scenario.contractBuyer ? [scenario.contractBuyer.idNumber] : [],
      });
      officers.set(scenario.applicant.idNumber, await system.asOfficer(undefined, caseId));
    }
    const officer = officers.get(SCENARIOS.singleApplicant.applicant.idNumber)!;
    for (const scenario of Object.values(SCENARIOS)) {
      const reply = await officers.get(scenario.applicant.idNumber)!(everything, { id: scenario.applicant.idNumber });
      expect(reply.body.data?.applicant?.name).toBe(scenario.applicant.name); // read in clear, so it went through every layer that logs
      await (await system.asApplicant(scenario.applicant.idNumber))(everything, { id: scenario.applicant.idNumber });
      await (await system.asApplicant(scenario.applicant.idNumber))(everything, { id: SCENARIOS.cleanCouple.applicant.idNumber });
    }
    // Bad input carrying personal data, a person the case does not name, and faults while it is in flight.
    await officer(everything, { id: `${SCENARIOS.cleanCouple.applicant.idNumber.slice(0, 17)}0` });
    await officer(everything, { id: SCENARIOS.cleanCouple.applicant.idNumber });
    await officer(`{ applicant(idNumber: "${SCENARIOS.singleApplicant.applicant.idNumber}") { nope } }`);
    system.simulators['civil-affairs'].setFaults({ down: true });
    system.simulators['pboc-credit'].setFaults({ slowRate: 1, slowResponseMs: 1000 });
    await officer(everything, { id: SCENARIOS.singleApplicant.applicant.idNumber });
    system.resetSimulators();
    await system.query(everything, { id: SCENARIOS.singleApplicant.applicant.idNumber }, { authorization: 'Bearer not.a.token' });

    expect(lines.length).toBeGreaterThan(50); // the run did log: debug lines of every agency call
    // …and one line per request, at the gateway and at each subgraph, carrying the trace id.
    const requestLines = lines.filter((line) => line.includes('"msg":"request"')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(requestLines.filter((line) => line.component === 'gateway' && line.path === '/graphql').length).toBeGreaterThan(20);
    expect(requestLines.every((line) => typeof line.traceId === 'string' && typeof line.requestId === 'string')).toBe(true);
    const text = lines.join('\n');
    const leaks = people.flatMap((p) => [p.idNumber, p.name, p.mobile].filter((value) => text.includes(value)));
    expect(leaks).toEqual([]);
  });
});
