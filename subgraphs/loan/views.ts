/** The application's checks as users see them: each gather step with its outcome, reasons and evidence. */
import type { LoanApplicationRow, LoanStepRow } from '../../storage/loan-types';
import type { GatherOutcome } from './workflow/gather';

export interface StoredDecision {
  outcome: string;
  reasons: string[];
  /** Per gather step: the outcome of the check that used its data, with reasons. */
  checks: Record<string, { outcome: 'PASSED' | 'FAILED' | 'UNAVAILABLE'; reasons: string[] }>;
}

export function checksOf(application: LoanApplicationRow, steps: readonly LoanStepRow[]) {
  const decision = application.decision as StoredDecision | null;
  return steps
    .filter((step) => step.step.startsWith('GATHER_'))
    .map((step) => {
      const judged = decision?.checks?.[step.step];
      const outcome = step.outcome as Partial<GatherOutcome> | null;
      return {
        step: step.step,
        status: step.status,
        attempts: step.attempts,
        outcome: judged?.outcome ?? (step.status === 'UNAVAILABLE' || step.status === 'GAVE_UP' ? 'UNAVAILABLE' : null),
        reasons: judged?.reasons ?? [],
        evidence: outcome?.evidence ?? [],
        updatedAt: step.updatedAt.toISOString(),
      };
    });
}
