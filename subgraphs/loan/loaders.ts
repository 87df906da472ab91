/**
 * Per request, the loan subgraph's reads of its own records: an application's steps, and its
 * events, are read once however many of its fields (and their rules) need them. Mutations read the store itself, so a
 * write is never answered from what was read before it.
 */
import DataLoader from 'dataloader';
import type { LoanEvent, LoanStepRow } from '../../storage/loan-types';
import type { Storage } from '../../storage/types';

export function createLoanLoaders(storage: Storage) {
  return {
    steps: new DataLoader<string, readonly LoanStepRow[]>((ids) => Promise.all(ids.map((id) => storage.loans.steps(id)))),
    events: new DataLoader<string, readonly LoanEvent[]>((ids) => Promise.all(ids.map((id) => storage.loans.events(id)))),
  };
}
export type LoanLoaders = ReturnType<typeof createLoanLoaders>;
