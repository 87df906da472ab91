/**
 * Checks of identifiers given as arguments. Each failure is BAD_USER_INPUT naming the argument and
 * the rule, so a frontend can show the applicant what to correct.
 */
import { validateContractNumber, validateIdNumber, validateUnitNumber, type Validation } from '../../lib/identifiers';
import { MAX_BATCH_SIZE } from '../../lib/agency-contracts';
import { badUserInput } from '../../lib/errors';

function ensure(argument: string, value: string, validation: Validation): string {
  if (!validation.ok) throw badUserInput(argument, validation.rule);
  return value;
}

export const requireIdNumber = (value: string, argument = 'idNumber'): string =>
  ensure(argument, value, validateIdNumber(value));

export const requireUnitNumber = (value: string, argument = 'unitNumber'): string =>
  ensure(argument, value, validateUnitNumber(value));

export const requireContractNumber = (value: string, argument = 'contractNumber'): string =>
  ensure(argument, value, validateContractNumber(value));

/** A list argument is bounded by the agencies' batch ceiling, so one request is one agency call. */
export function requireBatch<T>(values: readonly T[], argument: string, max = MAX_BATCH_SIZE): readonly T[] {
  if (values.length === 0) throw badUserInput(argument, 'give at least one value');
  if (values.length > max) throw badUserInput(argument, `give at most ${max} values per request`);
  return values;
}
