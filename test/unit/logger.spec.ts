import { createLogger, redact } from '../../lib/logger';

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

  it('writes nothing below its level', () => {
    const lines: string[] = [];
    createLogger({ level: 'warn', write: (line) => lines.push(line) }).info('quiet');
    expect(lines).toEqual([]);
  });
});
