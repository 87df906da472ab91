/**
 * Observability through the real system: a caller's W3C trace is continued to the subgraphs and
 * on to the agencies, /metrics counts what happened (for operators, at the gateway), and each
 * request leaves one log line of facts, none personal.
 */
import type http from 'node:http';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createLogger } from '../../lib/logger';
import { startTracing } from '../../lib/tracing';
import { startTestSystem, type TestSystem } from '../support/system';

const HEALTH_TOKEN = 'observability-spec-health-token-0123456789';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;
const applicant = SCENARIOS.cleanCouple.applicant;
// A registered operation's name (schema/trusted-documents/hpf-web.json), so it is a label of its own.
const REGISTERED = /* GraphQL */ `query SpouseFundCheck($id: IdNumber!) { applicant(idNumber: $id) { marriage { status } } }`;
const UNREGISTERED = /* GraphQL */ `query MyOwnInventedName($id: IdNumber!) { applicant(idNumber: $id) { marriage { status } } }`;

type LogLine = Record<string, unknown>;

describe('observability', () => {
  let system: TestSystem;
  const lines: string[] = [];
  /** The traceparent of every request the subgraphs and the simulators received. */
  const received: Array<{ at: 'subgraph' | 'agency'; traceparent: string | undefined }> = [];
  const watch = (server: http.Server, at: 'subgraph' | 'agency') =>
    server.on('request', (request: http.IncomingMessage) => {
      if (request.url?.startsWith('/graphql') || at === 'agency') received.push({ at, traceparent: request.headers.traceparent as string | undefined });
    });

  // Tracing is set up once per process: started here first, the test system's start gets this one.
  const spans = new InMemorySpanExporter();

  beforeAll(async () => {
    await startTracing({ serviceName: 'observability-spec', otlpEndpoint: null, spanProcessors: [new SimpleSpanProcessor(spans)] });
    system = await startTestSystem({ HEALTH_DETAILS_TOKEN: HEALTH_TOKEN }, createLogger({ level: 'info', write: (line) => lines.push(line) }));
    for (const subgraph of Object.values(system.subgraphServers)) watch(subgraph.server, 'subgraph');
    for (const simulator of Object.values(system.simulators)) watch(simulator.server, 'agency');
  });
  afterAll(() => system.stop());

  const metricsOf = async (url: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url, { headers });
    return { status: response.status, text: await response.text() };
  };
  const gatewayMetrics = (headers: Record<string, string> = { 'x-health-token': HEALTH_TOKEN }) => metricsOf(system.gatewayUrl.replace(/\/graphql$/, '/metrics'), headers);
  const logLines = (): LogLine[] => lines.map((line) => JSON.parse(line) as LogLine);

  it('continues a caller’s traceparent in every subgraph fetch and agency call, under the same trace id', async () => {
    received.length = 0;
    const reply = await (await system.asApplicant(applicant.idNumber))(REGISTERED, { id: applicant.idNumber }, { traceparent: CLIENT_TRACEPARENT });
    expect(reply.body.data?.applicant?.marriage?.status).toBe('MARRIED');

    expect(received.some((call) => call.at === 'subgraph')).toBe(true);
    expect(received.some((call) => call.at === 'agency')).toBe(true);
    const traceIds = received.map((call) => /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/.exec(call.traceparent ?? '')?.[1]);
    expect(new Set(traceIds)).toEqual(new Set([TRACE_ID]));
    // Each hop is a span of its own, never the caller's span passed on.
    expect(received.map((call) => call.traceparent)).not.toContain(CLIENT_TRACEPARENT);
  });

  it('records the request’s spans under the caller’s trace: gateway, Apollo Gateway’s fetches, subgraphs, agency calls', async () => {
    spans.reset();
    await (await system.asApplicant(applicant.idNumber))(REGISTERED, { id: applicant.idNumber }, { traceparent: CLIENT_TRACEPARENT });
    await new Promise((resolve) => setTimeout(resolve, 50)); // the last spans end as the replies close
    const finished = spans.getFinishedSpans();
    expect(new Set(finished.map((span) => span.spanContext().traceId))).toEqual(new Set([TRACE_ID]));
    const names = finished.map((span) => span.name);
    expect(names).toEqual(expect.arrayContaining(['POST /graphql', 'gateway.request', 'gateway.fetch', 'agency civil-affairs /api/v1/marriages/batch-query', 'POST /api/v1/marriages/batch-query']));
  });

  it('starts a trace of its own for a caller that sends none, followed just the same', async () => {
    received.length = 0;
    await (await system.asApplicant(applicant.idNumber))(REGISTERED, { id: applicant.idNumber });
    const traceIds = new Set(received.map((call) => call.traceparent?.split('-')[1]));
    expect(traceIds.size).toBe(1);
    expect([...traceIds][0]).toMatch(/^(?!0{32})[0-9a-f]{32}$/);
    expect(traceIds).not.toContain(TRACE_ID);
  });

  it('writes one line per request at the gateway: request id, trace id, operation, caller role, status, duration, and nothing personal', async () => {
    lines.length = 0;
    const reply = await (await system.asApplicant(applicant.idNumber))(REGISTERED, { id: applicant.idNumber }, { traceparent: CLIENT_TRACEPARENT });
    const requestId = reply.headers.get('x-request-id');
    const requestLines = logLines().filter((line) => line.msg === 'request' && line.requestId === requestId);
    const atGateway = requestLines.filter((line) => line.component === 'gateway');
    expect(atGateway).toEqual([
      expect.objectContaining({ level: 'info', requestId, traceId: TRACE_ID, operation: 'SpouseFundCheck', callerRole: 'APPLICANT', status: 200, outcome: 'ok', ms: expect.any(Number) }),
    ]);
    // Each subgraph the gateway fetched from logs its part of the same request, under the same trace.
    const atSubgraphs = requestLines.filter((line) => line.component !== 'gateway');
    expect(atSubgraphs.length).toBeGreaterThan(0);
    expect(new Set(atSubgraphs.map((line) => line.traceId))).toEqual(new Set([TRACE_ID]));
    const text = lines.join('\n');
    for (const personal of [applicant.idNumber, applicant.name, applicant.mobile]) expect(text).not.toContain(personal);
  });

  it('labels an operation by name only when it is registered: any other name is "other", never the name a client invented', async () => {
    await (await system.asApplicant(applicant.idNumber))(UNREGISTERED, { id: applicant.idNumber });
    const requestLine = logLines().filter((line) => line.msg === 'request' && line.component === 'gateway').at(-1);
    expect(requestLine?.operation).toBe('other');
    const { text } = await gatewayMetrics();
    expect(text).not.toContain('MyOwnInventedName');
    expect(text).toMatch(/hpf_graphql_requests_total\{service="gateway",operation="other",outcome="ok"\} [1-9]/);
  });

  it('counts at /metrics, after traffic: requests by operation and outcome, latencies, subgraph fetches, agency calls, access-record writes', async () => {
    await system.query(REGISTERED, { id: applicant.idNumber }, { authorization: 'Bearer not.a.token' }); // refused before it runs
    system.simulators['civil-affairs'].setFaults({ down: true });
    await (await system.asApplicant(applicant.idNumber))(REGISTERED, { id: applicant.idNumber });
    system.resetSimulators();

    const { status, text } = await gatewayMetrics();
    expect(status).toBe(200);
    expect(text).toMatch(/hpf_graphql_requests_total\{service="gateway",operation="SpouseFundCheck",outcome="ok"\} [1-9]/);
    // Refused before its document is read: labelled by the operationName the body gave (none here).
    expect(text).toMatch(/hpf_graphql_requests_total\{service="gateway",operation="anonymous",outcome="refused"\} [1-9]/);
    expect(text).toMatch(/hpf_graphql_requests_total\{service="gateway",operation="SpouseFundCheck",outcome="errors"\} [1-9]/);
    expect(text).toMatch(/hpf_graphql_request_duration_seconds_bucket\{le="0.5",service="gateway",operation="SpouseFundCheck"\} [1-9]/);
    expect(text).toMatch(/hpf_graphql_requests_total\{service="civil-affairs",operation="SpouseFundCheck",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/hpf_gateway_subgraph_fetches_total\{subgraph="civil-affairs",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/hpf_gateway_subgraph_fetch_duration_seconds_count\{subgraph="civil-affairs"\} [1-9]/);
    expect(text).toMatch(/hpf_agency_calls_total\{agency="civil-affairs",endpoint="[^"]+",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/hpf_agency_calls_total\{agency="civil-affairs",endpoint="[^"]+",outcome="refused"\} [1-9]/);
    expect(text).toMatch(/hpf_agency_call_duration_seconds_count\{agency="civil-affairs",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/hpf_access_record_writes_total\{outcome="written"\} [1-9]/);
    expect(text).toMatch(/hpf_access_records_total\{outcome="written"\} [1-9]/);
    expect(text).toMatch(/hpf_simulator_calls_total\{agency="civil-affairs",endpoint="[^"]+",code="[^"]+"\} [1-9]/);
    // Defined for the loan worker to record (lib/metrics.ts), present from the start.
    expect(text).toContain('# TYPE hpf_loan_worker_queue_depth gauge');
    expect(text).toContain('# TYPE hpf_loan_worker_step_duration_seconds histogram');
    expect(text).toContain('# TYPE hpf_loan_worker_step_attempts_total counter');
    for (const personal of [applicant.idNumber, applicant.name]) expect(text).not.toContain(personal);
  });

  it('answers the gateway’s /metrics to operators only: the health token or an AUDITOR token', async () => {
    expect((await gatewayMetrics({})).status).toBe(401);
    expect((await gatewayMetrics({ 'x-health-token': 'not-the-token' })).status).toBe(401);
    expect((await gatewayMetrics({ authorization: `Bearer ${await system.token({ role: 'APPLICANT', sub: 'citizen-0316', id_number: applicant.idNumber })}` })).status).toBe(401);
    expect((await gatewayMetrics({ authorization: `Bearer ${await system.token({ role: 'AUDITOR', sub: 'auditor-01' })}` })).status).toBe(200);
  });

  it('serves /metrics on a subgraph’s and a simulator’s internal port', async () => {
    const subgraph = await metricsOf(system.subgraphUrls.identity.replace(/\/graphql$/, '/metrics'));
    expect(subgraph.status).toBe(200);
    expect(subgraph.text).toContain('hpf_graphql_requests_total');
    const simulator = await metricsOf(`${system.agencyUrls['public-security']}/metrics`);
    expect(simulator.status).toBe(200);
    expect(simulator.text).toContain('hpf_simulator_calls_total');
  });
});
