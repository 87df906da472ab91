/**
 * Run as a process of its own by test/unit/tracing.spec.ts (the OTLP exporter loads modules with
 * import(), which jest refuses): starts tracing towards the collector named in argv, ends one
 * span, and shuts tracing down, which sends it.
 */
import { trace } from '@opentelemetry/api';
import { startTracing } from '../../lib/tracing';

async function main(): Promise<void> {
  const [otlpEndpoint = null] = process.argv.slice(2);
  const tracing = await startTracing({ serviceName: 'hpf-tracing-spec', otlpEndpoint });
  trace.getTracer('spec').startActiveSpan('a span of the spec', (span) => span.end());
  await tracing.shutdown();
}

void main();
