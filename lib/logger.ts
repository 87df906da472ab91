/**
 * Structured JSON logs, one line per event, written by pino. Our variables carry ID numbers and
 * names, so the logger never takes a request, a context or an agency payload: callers pass a
 * message and a few named facts, and anything that looks like personal data is masked before it
 * is written — by pino's own hook (message), formatter (facts) and at child creation (bindings), so nothing
 * logged through this logger skips the mask.
 *
 * A line written while a trace is active carries its `traceId` (lib/tracing.ts), so a line can be
 * found from a trace and a trace from a line.
 */
import pino from 'pino';
import { trace } from '@opentelemetry/api';

type Level = 'debug' | 'info' | 'warn' | 'error';

export type LogFacts = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, facts?: LogFacts): void;
  info(message: string, facts?: LogFacts): void;
  warn(message: string, facts?: LogFacts): void;
  error(message: string, facts?: LogFacts): void;
  child(bindings: LogFacts): Logger;
}

const ID_NUMBER_PATTERN = /(?<!\d)(\d{6})\d{11}[\dXx](?![\dXx])/g;
const MOBILE_PATTERN = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;
const HAN_NAME_PATTERN = /[\u4e00-\u9fff]{2,4}/g;

/** Masks ID numbers, mobiles and Han-script runs (names) in free text before it is logged. */
export function redact(text: string): string {
  return text
    .replace(ID_NUMBER_PATTERN, '$1************')
    .replace(MOBILE_PATTERN, '$1****$3')
    .replace(HAN_NAME_PATTERN, (run) => `${run[0]}${'*'.repeat(run.length - 1)}`);
}

/** Every string value of a log object masked; other values as they are. */
function redactValues(object: Record<string, unknown> | undefined): Record<string, unknown> {
  const masked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object ?? {})) masked[key] = typeof value === 'string' ? redact(value) : value;
  return masked;
}

/** The active trace's id, when a span is recording one (an invalid context is all zeros). */
function traceFacts(): { traceId?: string } {
  const context = trace.getActiveSpan()?.spanContext();
  return context && trace.isSpanContextValid(context) ? { traceId: context.traceId } : {};
}

function toPino(options: { level?: Level; write?: (line: string) => void }): pino.Logger<never, boolean> {
  const write = options.write;
  // Through process.stdout (not pino's own file descriptor writer), so whatever watches the
  // process's output (the log specs do) sees every line. A custom write gets the line without its newline.
  const destination: pino.DestinationStream = write ? { write: (line) => write(line.endsWith('\n') ? line.slice(0, -1) : line) } : { write: (line) => void process.stdout.write(line) };
  return pino(
    {
      level: options.level ?? 'info',
      // No pid or hostname on every line: the orchestrator knows where a line came from.
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: traceFacts,
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (bindings) => redactValues(bindings),
        log: (object) => redactValues(object as Record<string, unknown>),
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((arg) => (typeof arg === 'string' ? redact(arg) : arg)) as Parameters<typeof method>;
          method.apply(this, masked);
        },
      },
    },
    destination,
  );
}

function wrap(logger: pino.Logger<never, boolean>): Logger {
  return {
    debug: (message, facts = {}) => logger.debug(facts, message),
    info: (message, facts = {}) => logger.info(facts, message),
    warn: (message, facts = {}) => logger.warn(facts, message),
    error: (message, facts = {}) => logger.error(facts, message),
    // Masked here: pino applies formatters.bindings to the root's bindings, not to a child's.
    child: (bindings) => wrap(logger.child(redactValues(bindings))),
  };
}

export function createLogger(options: { level?: Level; bindings?: LogFacts; write?: (line: string) => void } = {}): Logger {
  const logger = wrap(toPino(options));
  return options.bindings ? logger.child(options.bindings) : logger;
}

/** Tests run quiet unless LOG_LEVEL asks otherwise. */
export const silentLogger: Logger = createLogger({ level: 'error', write: () => undefined });
