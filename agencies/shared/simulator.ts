/**
 * The one framework every agency simulator runs on. It builds (never listens) an HTTP server that
 * behaves like a data-sharing endpoint of the provincial platform: signed POST calls, the response
 * envelope, the batch ceiling, injected faults and per-endpoint counters, plus unsigned operator
 * endpoints under /_sim. Agency modules supply only typed handlers over the data set; the partner
 * systems the loan engine instructs (the entrusted bank, the 12329 SMS platform:
 * lib/partner-contracts.ts) run on the same framework.
 * A caller's W3C trace is continued (its trace id is on the simulator's log lines, beside the
 * agency's own serial number as agencyTraceId), calls are counted at GET /metrics.
 */
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AGENCY_CODES,
  SIMULATOR_ADMIN_PATHS,
  type AgencyCode,
  type AgencyEnvelope,
  type SimulatorCounters,
  type SimulatorFaults,
} from '../../lib/agency-contracts';
import type { SimulatedSystem, SystemPath, SystemRequest, SystemResponse } from '../../lib/partner-contracts';
import { BodyTooLargeError, headerValue, readBody, sendJson } from '../../lib/http';
import { silentLogger, type Logger } from '../../lib/logger';
import { simulatorMetrics, writeMetrics } from '../../lib/metrics';
import { inIncomingSpan } from '../../lib/tracing';
import { SIGNATURE_HEADERS, verifyRequest, type SignatureVerdict } from '../../lib/signing';
import { AgencyError, HTTP_STATUS_OF_CODE, badRequest } from './errors';
import { FaultInjector, NO_FAULTS, parseFaults } from './faults';

/** What a handler knows about the call besides its body. */
export interface CallContext {
  /** The caller's app id, proven by the signature. */
  appId: string;
  /** The simulator's clock at the start of the call. */
  now: Date;
  traceId: string;
}

/**
 * A request as it arrives: the contract names the fields, but the values are unchecked JSON until
 * the handler validates them.
 */
export type Untrusted<T> = { readonly [K in keyof T]?: unknown };

export type EndpointHandler<A extends SimulatedSystem, P extends SystemPath<A>> = (
  request: Untrusted<SystemRequest<A, P>>,
  context: CallContext,
) => SystemResponse<A, P> | Promise<SystemResponse<A, P>>;

/** One handler per contract path: a missing or extra path is a compile error. */
export type EndpointHandlers<A extends SimulatedSystem> = { readonly [P in SystemPath<A>]: EndpointHandler<A, P> };

export interface AgencyHandlers<A extends SimulatedSystem> {
  endpoints: EndpointHandlers<A>;
  /** Forgets state gathered since start (query records, mortgages); called by the reset endpoint. */
  reset?: () => void;
  /** How often each subject's record was read since start, where the agency keeps a record of reads (the PBoC's query records). */
  readsBySubject?: () => Record<string, number>;
}

export interface SimulatorOptions {
  /** appId → HMAC secret of every caller admitted; empty is refused at build time. */
  appSecrets: ReadonlyMap<string, string>;
  /** Faults in force at start and after every reset. */
  faults?: Partial<SimulatorFaults>;
  /** Seed of the fault decisions (which calls fail or are slow). */
  faultSeed?: number;
  logger?: Logger;
  /** Injectable clock in epoch ms, for signature freshness and record timestamps. */
  clock?: () => number;
  maxClockSkewMs?: number;
  /** Largest request body read; larger ones are refused as too large. */
  maxBodyBytes?: number;
}

export interface Simulator<A extends SimulatedSystem> {
  agency: A;
  /** Built, not listening: call `listen` from lib/http. */
  server: http.Server;
  counters(): SimulatorCounters;
  faults(): SimulatorFaults;
  setFaults(change: Partial<SimulatorFaults>): SimulatorFaults;
  /** Counters to zero, faults to the configured defaults, handler state forgotten. */
  reset(): void;
  /** Reads per subject since start, where the agency records them (empty elsewhere): for specs that count hard queries. */
  readsBySubject(): Record<string, number>;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_FAULT_SEED = 0x51_3a_7e;

const SIGNATURE_REFUSALS: Record<Exclude<SignatureVerdict, { ok: true }>['reason'], { code: AgencyCode; message: string }> = {
  MISSING: { code: AGENCY_CODES.SIGNATURE_MISSING, message: 'the request is not signed' },
  UNKNOWN_APP: { code: AGENCY_CODES.SIGNATURE_INVALID, message: 'the signature does not verify' },
  MISMATCH: { code: AGENCY_CODES.SIGNATURE_INVALID, message: 'the signature does not verify' },
  STALE: { code: AGENCY_CODES.SIGNATURE_STALE, message: 'the signature timestamp is outside the allowed clock skew' },
};

/** The handler shape the router calls; each handler validates its own request. */
type RouteHandler = (request: Record<string, unknown>, context: CallContext) => unknown;

export function createSimulator<A extends SimulatedSystem>({
  agency,
  handlers,
  options,
}: {
  agency: A;
  handlers: AgencyHandlers<A>;
  options: SimulatorOptions;
}): Simulator<A> {
  if (options.appSecrets.size === 0) throw new Error(`the ${agency} simulator needs at least one app secret`);
  const logger = (options.logger ?? silentLogger).child({ agency });
  const clock = options.clock ?? Date.now;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const faults = new FaultInjector({ ...NO_FAULTS, ...options.faults }, options.faultSeed ?? DEFAULT_FAULT_SEED);
  // Object.entries loses the per-path types; each handler re-validates its body, so the router
  // may hold them under one uniform shape.
  const routes = new Map(Object.entries(handlers.endpoints) as Array<[string, RouteHandler]>);
  const zeroCounters = (): SimulatorCounters => Object.fromEntries([...routes.keys()].map((path) => [path, 0]));
  let counters = zeroCounters();
  const nextTraceId = traceIdSource(agency);

  const reset = (): void => {
    counters = zeroCounters();
    faults.reset();
    handlers.reset?.();
  };

  const answer = (response: http.ServerResponse, traceId: string, code: AgencyCode, message: string, data?: unknown, status?: number): void => {
    const envelope: AgencyEnvelope<unknown> = data === undefined ? { code, message, traceId } : { code, message, traceId, data };
    sendJson(response, status ?? HTTP_STATUS_OF_CODE[code], envelope, { 'x-trace-id': traceId });
  };

  const callEndpoint = async (request: http.IncomingMessage, response: http.ServerResponse, path: string, route: RouteHandler): Promise<void> => {
    counters[path] = (counters[path] ?? 0) + 1;
    const started = Date.now();
    const traceId = nextTraceId(clock());
    // The platform's request id, logged beside our trace id so one request can be followed across systems.
    const requestId = headerValue(request, 'x-request-id') ?? 'none';
    let body: string | null = null;
    try {
      body = await readBody(request, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
    }
    const outcome = faults.decide();
    if (outcome.delayMs > 0) await sleep(outcome.delayMs);
    const refuse = (error: AgencyError): void => {
      simulatorMetrics.calls.inc({ agency, endpoint: path, code: error.code });
      logger.debug('simulator refused a call', { path, requestId, agencyTraceId: traceId, code: error.code, ms: Date.now() - started });
      answer(response, traceId, error.code, error.message, undefined, error.httpStatus);
    };

    if (outcome.unavailable) return refuse(new AgencyError(AGENCY_CODES.UNAVAILABLE, 'the agency service is unavailable'));
    if (request.method !== 'POST') return refuse(new AgencyError(AGENCY_CODES.BAD_REQUEST, 'only POST is accepted', 405));
    if (body === null) return refuse(new AgencyError(AGENCY_CODES.BATCH_TOO_LARGE, `the request body exceeds ${maxBodyBytes} bytes`));

    const now = clock();
    const verdict = verifyRequest(
      { method: 'POST', path: request.url ?? path, body },
      {
        [SIGNATURE_HEADERS.appId]: headerValue(request, SIGNATURE_HEADERS.appId),
        [SIGNATURE_HEADERS.timestamp]: headerValue(request, SIGNATURE_HEADERS.timestamp),
        [SIGNATURE_HEADERS.signature]: headerValue(request, SIGNATURE_HEADERS.signature),
      },
      options.appSecrets,
      { now, maxClockSkewMs: options.maxClockSkewMs },
    );
    if (!verdict.ok) {
      const refusal = SIGNATURE_REFUSALS[verdict.reason];
      return refuse(new AgencyError(refusal.code, refusal.message));
    }

    try {
      const data = await route(parseObject(body), { appId: verdict.appId, now: new Date(now), traceId });
      simulatorMetrics.calls.inc({ agency, endpoint: path, code: AGENCY_CODES.OK });
      logger.debug('simulator answered a call', { path, requestId, agencyTraceId: traceId, code: AGENCY_CODES.OK, ms: Date.now() - started });
      answer(response, traceId, AGENCY_CODES.OK, 'OK', data);
    } catch (error) {
      if (error instanceof AgencyError) return refuse(error);
      // The message may quote request values; log only what kind of fault it was.
      simulatorMetrics.calls.inc({ agency, endpoint: path, code: AGENCY_CODES.INTERNAL });
      logger.error('simulator handler failed', { path, error: error instanceof Error ? error.name : typeof error });
      answer(response, traceId, AGENCY_CODES.INTERNAL, 'internal error');
    }
  };

  const callAdmin = async (request: http.IncomingMessage, response: http.ServerResponse, path: string): Promise<void> => {
    const method = request.method ?? 'GET';
    const wrongMethod = () => answer(response, nextTraceId(clock()), AGENCY_CODES.BAD_REQUEST, `${method} is not accepted here`, undefined, 405);
    switch (path) {
      case SIMULATOR_ADMIN_PATHS.health:
        return method === 'GET' ? sendJson(response, 200, { status: 'ok' }) : wrongMethod();
      case SIMULATOR_ADMIN_PATHS.counters:
        return method === 'GET' ? sendJson(response, 200, { ...counters }) : wrongMethod();
      case SIMULATOR_ADMIN_PATHS.reset:
        if (method !== 'POST') return wrongMethod();
        reset();
        return sendJson(response, 200, { status: 'ok' });
      case SIMULATOR_ADMIN_PATHS.faults: {
        if (method === 'GET') return sendJson(response, 200, faults.faults);
        if (method !== 'PUT' && method !== 'POST') return wrongMethod();
        try {
          const change = parseFaults(parseJson(await readBody(request, maxBodyBytes)));
          return sendJson(response, 200, faults.update(change));
        } catch (error) {
          if (error instanceof AgencyError) return answer(response, nextTraceId(clock()), error.code, error.message);
          throw error;
        }
      }
    }
  };

  const adminPaths = new Set<string>(Object.values(SIMULATOR_ADMIN_PATHS));
  const server = http.createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://simulator.invalid').pathname;
    const route = routes.get(path);
    const handled = route
      ? inIncomingSpan(request.headers, `POST ${path}`, () => callEndpoint(request, response, path, route))
      : path === '/metrics' && request.method === 'GET'
        ? writeMetrics(response)
        : adminPaths.has(path)
        ? callAdmin(request, response, path)
        : Promise.resolve(answer(response, nextTraceId(clock()), AGENCY_CODES.NOT_FOUND, 'no such endpoint'));
    handled.catch((error: unknown) => {
      logger.error('simulator failed to answer', { path, error: error instanceof Error ? error.name : typeof error });
      if (!response.headersSent) answer(response, nextTraceId(clock()), AGENCY_CODES.INTERNAL, 'internal error');
      else response.destroy();
    });
  });

  return {
    agency,
    server,
    counters: () => ({ ...counters }),
    faults: () => faults.faults,
    setFaults: (change) => faults.update(parseFaults(change)),
    reset,
    readsBySubject: () => handlers.readsBySubject?.() ?? {},
  };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw badRequest('the body is not valid JSON');
  }
}

function parseObject(body: string): Record<string, unknown> {
  const value = parseJson(body);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('the body must be a JSON object');
  return value as Record<string, unknown>;
}

/**
 * The agency's own trace ids (业务流水号): initials of the agency, the call time and a sequence,
 * e.g. PS20261125101502000042.
 */
function traceIdSource(agency: SimulatedSystem): (now: number) => string {
  const parts = agency.split('-');
  const initials = (parts.length > 1 ? parts.map((p) => p[0]).join('') : agency.slice(0, 2)).toUpperCase();
  let sequence = 0;
  return (now) => {
    sequence = (sequence + 1) % 1_000_000;
    const stamp = new Date(now).toISOString().replace(/\D/g, '').slice(0, 14);
    return `${initials}${stamp}${String(sequence).padStart(6, '0')}`;
  };
}
