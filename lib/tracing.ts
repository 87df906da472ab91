/**
 * Traces: one span per request a server answers, one per subgraph fetch and one per agency call,
 * joined by the W3C `traceparent` header, so a request that arrives at the gateway with a trace
 * is followed through the subgraphs to the agency simulators under the same trace id.
 *
 * Instrumented by hand through @opentelemetry/api, not by auto-instrumentation: the spans we want
 * are the handful above, and patching node:http and fetch for the whole process would slow
 * start-up and trace every call of every library (README, Dependency notes). Apollo Gateway's own
 * spans (plan, execute, fetch) join in, as it uses the same API.
 *
 * Export is off unless OTEL_EXPORTER_OTLP_ENDPOINT is configured: spans are then made (for trace
 * ids in logs and in traceparent) and dropped, and nothing leaves the process.
 */
import { SpanKind, SpanStatusCode, context, propagation, trace, type Attributes, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';

export const TRACEPARENT_HEADER = 'traceparent';

export interface TracingOptions {
  /** The service name spans are exported under. */
  serviceName: string;
  /** The OTLP/HTTP collector's base URL; null: no exporter, nothing sent anywhere. */
  otlpEndpoint: string | null;
  /** More span processors (tests record spans in memory with one). */
  spanProcessors?: SpanProcessor[];
}

export interface Tracing {
  /** Sends what is still buffered, then stops exporting. */
  shutdown(): Promise<void>;
}

let started: Promise<Tracing> | null = null;

/**
 * Sets up tracing for this process: the context manager (the active span follows async calls),
 * the W3C propagator and the tracer provider. Once per process: a second call gets the first
 * one's setup (the whole system in one process shares it).
 */
export function startTracing(options: TracingOptions): Promise<Tracing> {
  started ??= (async () => {
    const processors: SpanProcessor[] = [...(options.spanProcessors ?? [])];
    if (options.otlpEndpoint) {
      // Loaded only when export is on: about 100 ms of start-up otherwise spent for nothing. (The
      // exporter imports its HTTP agent dynamically too, which jest refuses: specs of export run a process.)
      const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
      processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: `${options.otlpEndpoint}/v1/traces` })));
    }
    const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': options.serviceName }), spanProcessors: processors });
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(provider);
    return { shutdown: () => provider.shutdown() };
  })();
  return started;
}

const tracer = () => trace.getTracer('fj-hpf');

type HeaderSource = Record<string, string | string[] | undefined>;
const headerGetter = {
  keys: (carrier: HeaderSource) => Object.keys(carrier),
  get: (carrier: HeaderSource, key: string) => carrier[key.toLowerCase()],
};

/**
 * Runs `work` in a server span for one incoming request, continuing the caller's trace when its
 * headers carry a `traceparent` (a new trace otherwise). The span ends when `work` settles.
 */
export function inIncomingSpan<T>(headers: HeaderSource, name: string, work: (span: Span) => Promise<T>): Promise<T> {
  const parent = propagation.extract(context.active(), headers, headerGetter);
  return tracer().startActiveSpan(name, { kind: SpanKind.SERVER }, parent, (span) => settle(span, work));
}

/** Runs `work` in a client span for one outgoing call (an agency call), ended when it settles. */
export function inOutgoingSpan<T>(name: string, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, (span) => settle(span, work));
}

async function settle<T>(span: Span, work: (span: Span) => Promise<T>): Promise<T> {
  try {
    return await work(span);
  } catch (error) {
    // The error's name only: messages may quote request values.
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
    throw error;
  } finally {
    span.end();
  }
}

/** The active trace as W3C headers (`traceparent`, and `tracestate` when there is one), for an outgoing call. */
export function traceHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  return headers;
}

/** The active trace's id, or null outside a trace. */
export function activeTraceId(): string | null {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext.traceId : null;
}
