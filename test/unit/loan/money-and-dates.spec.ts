import { addMonths, completedYears } from '../../../subgraphs/loan/domain/dates';
import { fenTimesBasisPointsFloor, floorOf, parseDecimal, ratio, roundHalfUp, toFen } from '../../../subgraphs/loan/domain/money';

describe('loan money arithmetic', () => {
  it('parses plain decimals exactly and reduces them', () => {
    expect(parseDecimal('2.525')).toEqual({ numerator: 101n, denominator: 40n });
    expect(parseDecimal('3')).toEqual({ numerator: 3n, denominator: 1n });
    for (const text of ['-1', '1e3', '.5', '1.', '1,5', '']) expect(() => parseDecimal(text)).toThrow(/plain decimal/);
  });

  it('rounds exact halves away from zero and everything else to the nearest fen', () => {
    expect(roundHalfUp(ratio(5n, 2n))).toBe(3n);
    expect(roundHalfUp(ratio(-5n, 2n))).toBe(-3n);
    expect(roundHalfUp(ratio(2_499_999n, 1_000_000n))).toBe(2n);
  });

  it('floors toward minus infinity', () => {
    expect(floorOf(ratio(7n, 2n))).toBe(3n);
    expect(floorOf(ratio(-7n, 2n))).toBe(-4n);
    expect(floorOf(ratio(-6n, 2n))).toBe(-3n);
  });

  it('takes a share in basis points without ever rounding up', () => {
    expect(fenTimesBasisPointsFloor(45_000_001, 7_000)).toBe(31_500_000);
    expect(() => fenTimesBasisPointsFloor(1.5, 7_000)).toThrow(/integer number of fen/);
  });

  it('refuses an amount beyond the safe integers', () => {
    expect(() => toFen(2n ** 53n)).toThrow(/safe integer/);
  });
});

describe('loan dates', () => {
  it('adds months, keeping the day or the month’s last day', () => {
    expect(addMonths('2026-11-20', 360)).toBe('2056-11-20');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });

  it('counts completed years, a birthday reached on the day itself', () => {
    expect(completedYears('1978-08-25', '2046-08-24')).toBe(67);
    expect(completedYears('1978-08-25', '2046-08-25')).toBe(68);
    expect(completedYears('2000-02-29', '2023-02-28')).toBe(23);
    expect(completedYears('2000-02-29', '2024-02-28')).toBe(23);
  });
});
