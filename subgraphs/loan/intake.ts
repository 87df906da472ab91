/**
 * The intake look-up (受理核验): before a submission is accepted, the housing agency is asked
 * whether its purchase contract is on file. A contract it has no filing for can never pass, so it
 * is refused on the field, at once, instead of an application that fails days later. The look-up
 * has a short budget (LOAN_INTAKE_LOOKUP_MS): when housing does not answer in time, or answers with
 * an error, the application is accepted and its contract check decides later, as before.
 *
 * What comes back is the unit the contract is filed for, and nothing personal: the application
 * keeps it, so the checks that file by unit (tax, registration) are one agency round trip each.
 */
import type { GatewayClient } from '../shared/gateway-client';
import { document } from './workflow/operations';
import type { IntakeContractQuery, IntakeContractQueryVariables } from './workflow/generated/operations';

const INTAKE_CONTRACT = document('intake-contract');

export type ContractOnFile =
  /** Filed, for this unit. */
  | { kind: 'FILED'; unitNumber: string }
  /** Housing says no filing has this number. */
  | { kind: 'NOT_FILED' }
  /** No answer within the budget, or an error: the checks will find out. */
  | { kind: 'NO_ANSWER' };

/**
 * Answers kept a minute per contract: a form sent again (a retry, the same key, a flood of
 * submissions naming one contract) asks housing once, not once per sending, and does not spend the
 * loan engine's request budget, which its checks share. No answer is never kept.
 */
const ANSWER_KEPT_MS = 60_000;
const MAX_KEPT = 10_000;
const kept = new Map<string, { answer: ContractOnFile; until: number }>();

export async function lookUpContract(gateway: GatewayClient, centre: string, contractNumber: string, budgetMs: number, now: number = Date.now()): Promise<ContractOnFile> {
  const known = kept.get(contractNumber);
  if (known && known.until > now) return known.answer;
  const answer = await askHousing(gateway, centre, contractNumber, budgetMs);
  if (answer.kind !== 'NO_ANSWER') {
    if (kept.size >= MAX_KEPT) kept.clear(); // bound the memory; it is only a shortcut
    kept.set(contractNumber, { answer, until: now + ANSWER_KEPT_MS });
  }
  return answer;
}

async function askHousing(gateway: GatewayClient, centre: string, contractNumber: string, budgetMs: number): Promise<ContractOnFile> {
  const variables: IntakeContractQueryVariables = { contract: contractNumber };
  try {
    const answer = await gateway.query(centre, null, INTAKE_CONTRACT, variables, { timeoutMs: budgetMs });
    const data = answer.data as IntakeContractQuery | null;
    const unitNumber = data?.property?.unitNumber;
    if (unitNumber) return { kind: 'FILED', unitNumber };
    // Only the agency's own "no such filing" refuses; any other error is not an answer.
    const notFiled = answer.errors.length > 0 && answer.errors.every((error) => error.extensions?.code === 'NOT_FOUND');
    return notFiled ? { kind: 'NOT_FILED' } : { kind: 'NO_ANSWER' };
  } catch {
    return { kind: 'NO_ANSWER' };
  }
}
