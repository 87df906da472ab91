/**
 * The process's metrics, in Prometheus' text format at GET /metrics (prom-client). One registry
 * per process: the whole system in one process (`npm start`) shows every service's series on each
 * /metrics, told apart by their labels; one service per process (docker-compose) shows its own.
 *
 * Nothing personal is a label, and every label has a bounded set of values: services, subgraphs,
 * agencies and endpoints come from the one subgraph list and the agency contracts, operation names
 * only for registered operations (lib/operation-names.ts), outcomes from the fixed lists below.
 */
import type http from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const metricsRegistry = new Registry();
// Process CPU, memory, event-loop delay and garbage collection, as every Node exporter has them.
collectDefaultMetrics({ register: metricsRegistry, prefix: 'hpf_' });

/** Seconds: a request or a call from a few milliseconds (a cached read) to the agency timeout and beyond. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** How a GraphQL request ended: answered in full, answered with errors, refused before execution (4xx), or failed (5xx). */
export type RequestOutcome = 'ok' | 'errors' | 'refused' | 'failed';

export const requestMetrics = {
  total: new Counter({
    name: 'hpf_graphql_requests_total',
    help: 'GraphQL requests answered, by service (gateway or subgraph), operation name (registered ones; "other" or "anonymous" otherwise) and outcome.',
    labelNames: ['service', 'operation', 'outcome'] as const,
    registers: [metricsRegistry],
  }),
  duration: new Histogram({
    name: 'hpf_graphql_request_duration_seconds',
    help: 'Time from a GraphQL request’s arrival to the end of its reply, by service and operation name.',
    labelNames: ['service', 'operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [metricsRegistry],
  }),
};

/** A subgraph fetch (gateway side): answered, answered with errors, or unreachable / an HTTP error (SUBGRAPH_UNAVAILABLE). */
export type SubgraphFetchOutcome = 'ok' | 'errors' | 'unavailable';

export const subgraphFetchMetrics = {
  total: new Counter({
    name: 'hpf_gateway_subgraph_fetches_total',
    help: 'Fetches from the gateway to each subgraph, by outcome.',
    labelNames: ['subgraph', 'outcome'] as const,
    registers: [metricsRegistry],
  }),
  duration: new Histogram({
    name: 'hpf_gateway_subgraph_fetch_duration_seconds',
    help: 'Time of each fetch from the gateway to a subgraph.',
    labelNames: ['subgraph'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [metricsRegistry],
  }),
};

/** An agency call: answered, refused with an agency code, timed out, unreachable, or answered without an envelope. */
export type AgencyCallOutcome = 'ok' | 'refused' | 'timeout' | 'unreachable' | 'bad_envelope';

export const agencyCallMetrics = {
  total: new Counter({
    name: 'hpf_agency_calls_total',
    help: 'Calls from the subgraphs to the agencies, by agency, endpoint and outcome (timeout and unreachable are the agency unavailable).',
    labelNames: ['agency', 'endpoint', 'outcome'] as const,
    registers: [metricsRegistry],
  }),
  duration: new Histogram({
    name: 'hpf_agency_call_duration_seconds',
    help: 'Time of each agency call, by agency and outcome.',
    labelNames: ['agency', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [metricsRegistry],
  }),
};

export const accessRecordMetrics = {
  writes: new Counter({
    name: 'hpf_access_record_writes_total',
    help: 'Group-committed writes of access records to the chain (one transaction each), by outcome (written or failed).',
    labelNames: ['outcome'] as const,
    registers: [metricsRegistry],
  }),
  records: new Counter({
    name: 'hpf_access_records_total',
    help: 'Access records in those writes, by outcome (written or failed).',
    labelNames: ['outcome'] as const,
    registers: [metricsRegistry],
  }),
  duration: new Histogram({
    name: 'hpf_access_record_write_duration_seconds',
    help: 'Time of each group-committed access record write.',
    buckets: LATENCY_BUCKETS,
    registers: [metricsRegistry],
  }),
};

/** The agency simulators' own view (development and benchmarks): calls answered, by agency, endpoint and agency code. */
export const simulatorMetrics = {
  calls: new Counter({
    name: 'hpf_simulator_calls_total',
    help: 'Calls the agency simulators answered, by agency, endpoint and the agency code answered.',
    labelNames: ['agency', 'endpoint', 'code'] as const,
    registers: [metricsRegistry],
  }),
};

/**
 * The loan worker's metrics, defined here for the worker to record (subgraphs/loan/workflow):
 * - `queueDepth.set({ state: 'due' }, n)`: steps waiting by state — `due` (ready to run now),
 *   `retrying` (waiting for a retry's backoff), `leased` (held by a worker right now); set after each poll.
 * - `stepDuration.observe({ step: 'GATHER_CREDIT', outcome: 'done' }, seconds)`: one attempt of a
 *   step, by step name (the worker's fixed list) and outcome — `done`, `retry` (unavailable, tried
 *   again later), `gave_up` (past the check deadline), `failed` (an error of ours).
 * - `stepAttempts.inc({ step: 'GATHER_CREDIT', outcome: 'retry' })`: the same attempts counted,
 *   so retries per step read as a rate; `attemptsToFinish.observe({ step }, attempts)` once a step is
 *   done or given up: how many attempts it took.
 * Labels are the worker's own step names and the outcomes above only: never an application id.
 */
export const loanWorkerMetrics = {
  queueDepth: new Gauge({
    name: 'hpf_loan_worker_queue_depth',
    help: 'Loan application steps waiting, by state (due, retrying, leased), as of the worker’s last poll.',
    labelNames: ['state'] as const,
    registers: [metricsRegistry],
  }),
  stepDuration: new Histogram({
    name: 'hpf_loan_worker_step_duration_seconds',
    help: 'Time of one attempt of a loan workflow step, by step and outcome (done, retry, gave_up, failed).',
    labelNames: ['step', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [metricsRegistry],
  }),
  stepAttempts: new Counter({
    name: 'hpf_loan_worker_step_attempts_total',
    help: 'Attempts of loan workflow steps, by step and outcome (done, retry, gave_up, failed).',
    labelNames: ['step', 'outcome'] as const,
    registers: [metricsRegistry],
  }),
  attemptsToFinish: new Histogram({
    name: 'hpf_loan_worker_step_attempts_to_finish',
    help: 'Attempts a loan workflow step took until it was done or given up, by step.',
    labelNames: ['step'] as const,
    buckets: [1, 2, 3, 5, 8, 13, 21],
    registers: [metricsRegistry],
  }),
};

/** Seconds since `started` (a performance.now() reading), for the histograms above. */
export const secondsSince = (started: number): number => (performance.now() - started) / 1000;

/** The text a Prometheus scrape reads. */
export async function writeMetrics(response: http.ServerResponse): Promise<void> {
  const text = await metricsRegistry.metrics();
  response.writeHead(200, { 'content-type': metricsRegistry.contentType, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
