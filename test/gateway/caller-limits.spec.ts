/**
 * Limits per caller through the running gateway (gateway/plugins/rate-limits.ts), with small
 * limits set from the environment: one caller's flood of heavy queries is refused with 429 and
 * Retry-After, and another caller's latency stays where it was when the gateway was idle.
 *
 * The flood runs in a child process, as a flooding client would run elsewhere: eight connections,
 * each sending the next heavy query the moment the last one is answered, refused or not, for a
 * bounded time. Without limits the same flood raises the other caller's median from ~15 ms to
 * ~190 ms on a 2-core machine (12×); medians keep the comparison robust to a loaded machine.
 */
import { spawn } from 'node:child_process';
import { loadDataset } from '../../agencies';
import { ordinaryApplicantIds, SCENARIOS } from '../../agencies/data/scenarios';
import { LOAN_ENGINE } from '../../lib/services';
import { FUZHOU_CENTRE, errorCodes, startTestSystem, type Query, type TestSystem } from '../support/system';

/** Everyone one case can concern, from all seven agencies: a heavy read (query cost 721; some 130 ms on an idle machine). */
const CASE_PEOPLE = `query CasePeople($idNumbers: [IdNumber!]!) { applicants(idNumbers: $idNumbers) { name identityVerification { householdStatus } marriage { status } creditReport { cumulativeOverdueMonths } providentFundAccount { balance } realEstateHoldings { count properties { registration { status } contractFiling { price } transferTax { paid } } } } }`;
const ORDINARY = 'query($id: IdNumber!) { applicant(idNumber: $id) { name marriage { status } } }';

/** A client of its own: `lanes` keep-alive connections, each posting the body again as soon as it is answered, until `durationMs` is over; prints the count of each status. */
const FLOODER = `
const http = require('node:http');
const [url, lanes, durationMs] = process.argv.slice(1);
const { body, headers } = JSON.parse(process.env.FLOOD_REQUEST);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(lanes) });
const counts = {};
const until = Date.now() + Number(durationMs);
const one = () => new Promise((resolve) => {
  const request = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (response) => {
    response.resume();
    response.on('end', () => { counts[response.statusCode] = (counts[response.statusCode] || 0) + 1; resolve(); });
  });
  request.on('error', () => { counts.error = (counts.error || 0) + 1; resolve(); });
  request.end(body);
});
Promise.all(Array.from({ length: Number(lanes) }, async () => { while (Date.now() < until) await one(); })).then(() => {
  process.stdout.write(JSON.stringify(counts));
  agent.destroy();
});
`;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

describe('limits per caller at the gateway', () => {
  let system: TestSystem;
  let heavyCase: string;
  let ordinaryCase: string;
  let people: string[];
  const single = SCENARIOS.singleApplicant;

  beforeAll(async () => {
    // A cost budget of 3,000 a minute holds four heavy reads (refilling 50 a second); two in flight per subject.
    system = await startTestSystem({ QUERY_MAX_COST: '2000', RATE_LIMIT_PER_MINUTE: '3000', RATE_LIMIT_CONCURRENCY: '2' });
    people = ordinaryApplicantIds(loadDataset(system.config.simulator.datasetSeed, system.config.simulator.datasetSize), 10);
    const [applicant, ...coBorrowers] = people;
    heavyCase = await system.openCase({ applicant: applicant!, coBorrowers });
    ordinaryCase = await system.openCase({ applicant: single.applicant.idNumber });
  });
  afterAll(() => system.stop());

  const officer = async (subject: string, caseId: string): Promise<Query> => {
    const as = await system.as({ role: 'FUND_OFFICER', sub: subject, centre: FUZHOU_CENTRE });
    return (query, variables, headers = {}) => as(query, variables, { 'x-application-id': caseId, ...headers });
  };

  it('keeps another caller’s median latency within 2× of idle under one caller’s flood, which gets 429 with Retry-After', async () => {
    const victim = await officer('officer-victim', ordinaryCase);
    const sample = async (count: number): Promise<number[]> => {
      const took: number[] = [];
      for (let i = 0; i < count; i += 1) {
        const started = performance.now();
        const reply = await victim(ORDINARY, { id: single.applicant.idNumber });
        took.push(performance.now() - started);
        expect(reply.status).toBe(200);
      }
      return took;
    };
    await sample(5); // warm: plans cached, connections open
    const idleBefore = await sample(15);

    const token = await system.token({ role: 'FUND_OFFICER', sub: 'officer-flooder', centre: FUZHOU_CENTRE });
    const flood = spawn(process.execPath, ['-e', FLOODER, system.gatewayUrl, '8', '2500'], {
      env: {
        ...process.env,
        FLOOD_REQUEST: JSON.stringify({
          body: JSON.stringify({ query: CASE_PEOPLE, variables: { idNumbers: people } }),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-application-id': heavyCase },
        }),
      },
    });
    let printed = '';
    flood.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const floodEnded = new Promise<void>((resolve) => flood.once('exit', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 300)); // the flood under way
    const underFlood = await sample(20);
    await floodEnded;
    const idleAfter = await sample(15);

    const counts = JSON.parse(printed) as Record<string, number>;
    const idle = median([...idleBefore, ...idleAfter]);
    const flooded = median(underFlood);
    // Shown when it fails: what each phase measured and what the flooder got.
    expect({ idle: Math.round(idle), flooded: Math.round(flooded), counts, withinTwiceIdle: flooded <= 2 * idle }).toMatchObject({ withinTwiceIdle: true });
    expect(counts['429']).toBeGreaterThan(0);
    expect(counts['200']).toBeGreaterThan(0); // its budget's worth went through, and no more
    expect(counts['200']).toBeLessThanOrEqual(6);

    // Its refusals say what and when, and nothing ran for them.
    const flooder = await officer('officer-flooder', heavyCase);
    system.resetSimulators();
    const refused = await flooder(CASE_PEOPLE, { idNumbers: people });
    expect(refused.status).toBe(429);
    expect(errorCodes(refused)).toEqual(['RATE_LIMITED']);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body.data).toBeUndefined();
    expect(Object.values(system.counters()).every((calls) => Object.keys(calls).length === 0)).toBe(true);
  }, 30_000);

  it('refuses a caller’s requests past RATE_LIMIT_CONCURRENCY in flight, not another caller’s', async () => {
    const busy = await officer('officer-busy', heavyCase);
    const other = await officer('officer-other', ordinaryCase);
    const [replies, otherReply] = await Promise.all([
      Promise.all(Array.from({ length: 5 }, () => busy(CASE_PEOPLE, { idNumbers: people }))),
      other(ORDINARY, { id: single.applicant.idNumber }),
    ]);
    const statuses = replies.map((reply) => reply.status).sort();
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(2);
    const refusal = replies.find((reply) => reply.status === 429)!;
    expect(errorCodes(refusal)).toEqual(['RATE_LIMITED']);
    expect(refusal.headers.get('retry-after')).toBe('1');
    expect(otherReply.status).toBe(200);
  });

  it('charges each operation its query cost: heavy operations spend the budget, then are refused until it refills', async () => {
    const spender = await officer('officer-spender', heavyCase);
    const replies = [];
    // 721 each (the query limits' own measure): four fit in 3,000; the fifth waits for 721 to refill (over 12 s).
    const started = Date.now();
    for (let i = 0; i < 6; i += 1) replies.push(await spender(CASE_PEOPLE, { idNumbers: people }));
    const elapsedSeconds = (Date.now() - started) / 1000;
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200, 429, 429]);
    const last = replies[replies.length - 1]!;
    expect(last.status).toBe(429);
    expect(errorCodes(last)).toEqual(['RATE_LIMITED']);
    expect(last.body.errors![0]!.message).toMatch(/^This operation costs 721, more than the query-cost budget of this caller holds now; retry after \d+ s\.$/);
    // Long enough for the bucket to hold 721 again (116 left, 50 a second: 12.1 s, less what refilled
    // while these requests ran on a busy machine), and no longer.
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThanOrEqual(Math.floor(12.1 - elapsedSeconds));
    expect(Number(last.headers.get('retry-after'))).toBeLessThanOrEqual(13);
    // A light operation (cost 4) still fits what is left; another subject has a budget of its own.
    expect((await spender(ORDINARY, { id: people[0]! })).status).toBe(200);
    expect((await (await officer('officer-fresh', heavyCase))(CASE_PEOPLE, { idNumbers: people })).status).toBe(200);
  });

  it('gives the platform’s listed services (the loan worker) their own, larger limits', async () => {
    const worker = await system.as({ role: 'SERVICE', sub: LOAN_ENGINE, centre: FUZHOU_CENTRE });
    const replies = await Promise.all(
      Array.from({ length: 6 }, () => worker(CASE_PEOPLE, { idNumbers: people }, { 'x-application-id': heavyCase, 'x-purpose': 'HPF_LOAN_REVIEW' })),
    );
    expect(replies.map((reply) => reply.status)).toEqual(Array(6).fill(200));
    // Any other SERVICE token is an ordinary subject.
    const unlisted = await system.as({ role: 'SERVICE', sub: 'some-other-service', centre: FUZHOU_CENTRE });
    const unlistedReplies = await Promise.all(Array.from({ length: 5 }, () => unlisted(CASE_PEOPLE, { idNumbers: people }, { 'x-application-id': heavyCase })));
    expect(unlistedReplies.some((reply) => reply.status === 429)).toBe(true);
  });
});
