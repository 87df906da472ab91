import { formatFen, parseMoney } from '../../lib/scalars';

describe('Money on the wire', () => {
  it('formats integer fen as a two-place decimal string', () => {
    expect(formatFen(400340)).toBe('4003.40');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(0)).toBe('0.00');
    expect(formatFen(-150)).toBe('-1.50');
  });

  it('parses decimal strings to integer fen without floating-point drift', () => {
    expect(parseMoney('4003.40')).toBe(400340);
    expect(parseMoney('0.1')).toBe(10);
    expect(parseMoney('1000000')).toBe(100000000);
    expect(parseMoney('-1.50')).toBe(-150);
  });

  it('refuses thirds of a fen, exponents and words', () => {
    for (const text of ['1.005', '1e3', 'abc', '', '1,000.00']) expect(() => parseMoney(text)).toThrow(/decimal string/);
  });

  it('refuses a non-integer amount of fen', () => {
    expect(() => formatFen(1.5)).toThrow(/integer/);
  });
});
