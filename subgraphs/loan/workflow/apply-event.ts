/**
 * An event from outside the worker (an officer's decision, a withdrawal) applied to one
 * application through the state machine, under the application's lock. Returns the application
 * afterwards, or null when the machine had nothing to do (the event does not apply to it now).
 */
import type { LoanApplicationRow, LoanStore } from '../../../storage/loan-types';
import { transition, type WorkflowEvent, type WorkflowSettings } from './machine';

export function applyEvent(loans: LoanStore, applicationId: string, event: WorkflowEvent, settings: WorkflowSettings): Promise<LoanApplicationRow | null> {
  const now = new Date();
  return loans.apply(applicationId, null, (state) => transition(state, event, now, settings), now);
}
