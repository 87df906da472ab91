/**
 * Structured JSON logs, one line per event. Our variables carry ID numbers and names, so the
 * logger never takes a request, a context or an agency payload: callers pass a message and a few
 * named facts, and anything that looks like personal data is masked before it is written.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const LEVEL_ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

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

export function createLogger(
  options: { level?: Level; bindings?: LogFacts; write?: (line: string) => void } = {},
): Logger {
  const threshold = LEVEL_ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const bindings = options.bindings ?? {};
  const log = (level: Level, message: string, facts: LogFacts = {}): void => {
    if (LEVEL_ORDER[level] < threshold) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, msg: redact(message) };
    for (const [key, value] of Object.entries({ ...bindings, ...facts })) {
      entry[key] = typeof value === 'string' ? redact(value) : value;
    }
    write(JSON.stringify(entry));
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    child: (more) => createLogger({ ...options, bindings: { ...bindings, ...more } }),
  };
}

/** Tests run quiet unless LOG_LEVEL asks otherwise. */
export const silentLogger: Logger = createLogger({ level: 'error', write: () => undefined });
