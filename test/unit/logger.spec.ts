import { createLogger, redact } from '../../lib/logger';
import { inIncomingSpan, startTracing } from '../../lib/tracing';

describe('the logger', () => {
  it('masks ID numbers, mobiles and names in messages and facts', () => {
    const lines: string[] = [];
    const logger = createLogger({ write: (line) => lines.push(line) });
    logger.info('looked up 350102199003140316 for 林志强', { mobile: '13805910316', idNumber: '11010519491231002X' });
    const text = lines.join('\n');
    expect(text).not.toContain('350102199003140316');
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('13805910316');
    expect(text).not.toContain('林志强');
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', msg: 'looked up 350102************ for 林**' });
  });

  it('leaves request ids, paths and counts alone', () => {
    expect(redact('request 7f0c2a1e-4b1d path /api/v1/persons/batch-query took 12 ms')).toBe('request 7f0c2a1e-4b1d path /api/v1/persons/batch-query took 12 ms');
  });

  // Regression: pino formats a root logger's bindings, not a child's.
  it('masks a child logger’s bindings too', () => {
    const lines: string[] = [];
    createLogger({ write: (line) => lines.push(line) }).child({ person: '林志强', idNumber: '350102199003140316' }).info('bound');
    expect(JSON.parse(lines[0]!)).toMatchObject({ person: '林**', idNumber: '350102************' });
  });

  it('writes the active trace’s id on every line logged inside it, and none outside one', async () => {
    await startTracing({ serviceName: 'logger-spec', otlpEndpoint: null });
    const lines: string[] = [];
    const logger = createLogger({ write: (line) => lines.push(line) });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await inIncomingSpan({ traceparent: `00-${traceId}-00f067aa0ba902b7-01` }, 'GET /spec', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5)); // across an await, as in a resolver
      logger.info('inside');
    });
    logger.info('outside');
    expect(lines.map((line) => (JSON.parse(line) as { traceId?: string }).traceId)).toEqual([traceId, undefined]);
  });

  it('writes nothing below its level', () => {
    const lines: string[] = [];
    createLogger({ level: 'warn', write: (line) => lines.push(line) }).info('quiet');
    expect(lines).toEqual([]);
  });
});
