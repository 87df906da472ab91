import type { RepaymentMonthStatus } from '../../lib/agency-contracts';
import { cumulativeOverdueMonths, longestConsecutiveOverdueMonths } from '../../lib/repayment-history';

const grid = (text: string) => [...text] as RepaymentMonthStatus[];

describe('reading the 24-month repayment grid (连三累六)', () => {
  it('counts nothing on a clean grid or months without an account', () => {
    expect(longestConsecutiveOverdueMonths(grid('N'.repeat(20) + '****'))).toBe(0);
    expect(cumulativeOverdueMonths(grid('N'.repeat(24)))).toBe(0);
  });

  it('finds three consecutive and six cumulative overdue months', () => {
    const history = grid('NN123NNNN1NN1NNNN1NNNNNN');
    expect(longestConsecutiveOverdueMonths(history)).toBe(3);
    expect(cumulativeOverdueMonths(history)).toBe(6);
  });

  it('counts any overdue depth 1–7 as an overdue month', () => {
    expect(cumulativeOverdueMonths(grid('7654321NNNNNNNNNNNNNNNNN'))).toBe(7);
  });
});
