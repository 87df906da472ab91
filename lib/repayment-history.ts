/**
 * Reading the 24-month repayment grid of a credit report: the two counts behind the common
 * "连三累六" rule (3 consecutive or 6 cumulative overdue months in two years). Shared by the credit
 * subgraph (which reports them) and the loan decision (which judges them).
 */
import type { RepaymentMonthStatus } from './agency-contracts';

const isOverdue = (month: RepaymentMonthStatus): boolean => month >= '1' && month <= '7';

export function longestConsecutiveOverdueMonths(history: readonly RepaymentMonthStatus[]): number {
  let longest = 0;
  let run = 0;
  for (const month of history) {
    run = isOverdue(month) ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

export function cumulativeOverdueMonths(history: readonly RepaymentMonthStatus[]): number {
  return history.filter(isOverdue).length;
}
