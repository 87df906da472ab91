/**
 * The loan worker's operations: fixed documents in operations/*.graphql, registered as trusted
 * documents for client hpf-loan-worker (schema/trusted-documents/hpf-loan-worker.json; a spec fails
 * when that manifest is stale), so the worker runs when the gateway accepts registered operations
 * only. Whatever the application, a check sends the same document; which parties it reads is set
 * by variables (./checks.ts, ./gather.ts).
 *
 * After a change to any .graphql file here:
 *   npm run register-operations -- --client hpf-loan-worker subgraphs/loan/workflow/operations/*.graphql
 */
import fs from 'node:fs';
import path from 'node:path';

export const WORKER_CLIENT = 'hpf-loan-worker';
export const WORKER_OPERATIONS_DIR = path.join(__dirname, 'operations');

/** The text of one registered document (operations/<name>.graphql), as registered. */
export function document(name: string): string {
  return fs.readFileSync(path.join(WORKER_OPERATIONS_DIR, `${name}.graphql`), 'utf8');
}

export const REGISTER_MORTGAGE_DOCUMENT = document('register-mortgage');
