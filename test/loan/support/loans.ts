/** Submitting and following loan applications through the gateway, for the loan specs. */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TRUSTED_DOCUMENTS_DIR } from '../../../gateway/plugins/trusted-documents';
import type { Scenario } from '../../../agencies/data/scenarios';
import type { Query, TestSystem } from '../../support/system';

/** A worker that polls and retries quickly, so the loan specs run in seconds. */
export const FAST_LOAN_WORKER = { LOAN_WORKER: 'on', LOAN_WORKER_POLL_MS: '50', LOAN_RETRY_BASE_MS: '100', LOAN_RETRY_MAX_MS: '300' };

/**
 * The web client's own operations, registered for hpf-web (schema/trusted-documents/), so the loan
 * specs run as they are under TRUSTED_DOCUMENTS=registered-only too.
 */
const webOperation = (file: string): string => fs.readFileSync(path.join(TRUSTED_DOCUMENTS_DIR, 'sources', 'hpf-web', file), 'utf8');

export const SUBMIT = webOperation('submit-loan-application.graphql');

export const VIEW = webOperation('loan-application.graphql');

export function inputFor(scenario: Scenario, overrides: Record<string, unknown> = {}) {
  const married = scenario.spouse !== null && scenario.marriages.at(-1)?.type !== 'DIVORCE';
  return {
    idempotencyKey: randomUUID(),
    applicant: { idNumber: scenario.applicant.idNumber, name: scenario.applicant.name },
    spouse: married ? { idNumber: scenario.spouse!.idNumber, name: scenario.spouse!.name } : null,
    contractNumber: scenario.purchase.contractNumber,
    amount: '600000.00',
    termMonths: 240,
    repaymentMethod: 'EQUAL_INSTALMENT',
    ...overrides,
  };
}

/** Polls the application until its decision is made (or the time is up). */
export async function untilDecided(officer: Query, id: string, timeoutMs = 20_000) {
  const started = Date.now();
  for (;;) {
    const reply = await officer(VIEW, { id });
    const application = reply.body.data?.loanApplication;
    if (application && application.status !== 'ACCEPTED') return application;
    if (Date.now() - started > timeoutMs) throw new Error(`not decided in time: ${JSON.stringify(reply.body).slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Each of these people consents for the application (as each would signed in as themself), then its
 * steps that waited for a consent are made due again, as grantConsent does — a step in flight at that
 * moment included (regression: it used to end waiting for a consent that already existed).
 */
export async function consentFor(system: TestSystem, id: string, idNumbers: Iterable<string>, centre = '350100'): Promise<void> {
  for (const idNumber of new Set(idNumbers)) await system.consentAll(idNumber, id, centre);
  // As grantConsent does: the checks that waited (or are being worked right now) take the consents up.
  await system.storage.loans.resumeAwaitingConsent(id, new Date());
}

/** Everyone an input names as a borrower, by ID number. */
export function borrowersOf(input: Record<string, unknown>): string[] {
  return [input.applicant, input.spouse, ...((input.coBorrowers as unknown[] | undefined) ?? [])].flatMap((p) => (p ? [(p as { idNumber: string }).idNumber] : []));
}

/**
 * Submits as the applicant, then every person on the application (and the scenario's other contract
 * buyer) consents for it, as each would signed in as themself. Returns the application id.
 */
export async function submitWithConsents(system: TestSystem, scenario: Scenario, input: Record<string, unknown> = inputFor(scenario), centre = '350100'): Promise<string> {
  const applicant = await system.asApplicant(scenario.applicant.idNumber);
  const reply = await applicant(SUBMIT, { input: { centreCode: centre, ...input } });
  const id = reply.body.data?.submitLoanApplication?.loanApplication?.id as string | undefined;
  if (!id) throw new Error(`submission refused: ${JSON.stringify(reply.body).slice(0, 1000)}`);
  await consentFor(system, id, [...borrowersOf(input), ...(scenario.contractBuyer ? [scenario.contractBuyer.idNumber] : [])], centre);
  return id;
}
