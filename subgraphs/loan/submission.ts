/**
 * Checking a submission before anything is stored: every problem comes back as a user error
 * naming its input field, all at once, so a form can mark each one.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../../lib/actor';
import { validateContractNumber, validateIdNumber, validateUnitNumber } from '../../lib/identifiers';
import type { LoanPerson, LoanRequest, RepaymentMethod } from '../../storage/loan-types';
import { policyFor } from './domain/centre-policy';

export interface SubmitInput {
  idempotencyKey: string;
  applicant: LoanPerson;
  spouse?: LoanPerson | null;
  coBorrowers?: LoanPerson[] | null;
  contractNumber?: string | null;
  unitNumber?: string | null;
  amount: number;
  termMonths: number;
  repaymentMethod: RepaymentMethod;
  centreCode?: string | null;
  testCase?: boolean | null;
}

export interface UserError {
  field: string[];
  message: string;
  code: string;
}

/** A sanity bound on the amount asked; the policy's maximum is decided by the checks. */
const MAX_AMOUNT_FEN = 10_000_000 * 100;
const MAX_CO_BORROWERS = 4;

export function checkSubmission(input: SubmitInput, actor: Actor, today: string): { request: LoanRequest; errors: [] } | { request: null; errors: UserError[] } {
  const errors: UserError[] = [];
  const fail = (field: string[], message: string, code = 'INVALID') => errors.push({ field: ['input', ...field], message, code });

  if (!/^[A-Za-z0-9_-]{8,128}$/.test(input.idempotencyKey)) fail(['idempotencyKey'], 'use 8–128 letters, digits, - or _ (a UUID is ideal)');
  const people: Array<[string[], LoanPerson]> = [
    [['applicant'], input.applicant],
    ...(input.spouse ? [[['spouse'], input.spouse] as [string[], LoanPerson]] : []),
    ...(input.coBorrowers ?? []).map((person, i): [string[], LoanPerson] => [['coBorrowers', String(i)], person]),
  ];
  for (const [path, person] of people) {
    const validation = validateIdNumber(person.idNumber);
    if (!validation.ok) fail([...path, 'idNumber'], validation.rule);
    if (person.name.trim().length === 0) fail([...path, 'name'], 'give the name as on the ID card');
  }
  const ids = people.map(([, person]) => person.idNumber);
  if (new Set(ids).size !== ids.length) fail(['coBorrowers'], 'a person appears more than once on the application', 'DUPLICATE_PERSON');
  if ((input.coBorrowers ?? []).length > MAX_CO_BORROWERS) fail(['coBorrowers'], `at most ${MAX_CO_BORROWERS} co-borrowers`);

  if (!input.contractNumber && !input.unitNumber) fail(['contractNumber'], 'give the purchase contract number or the unit number', 'REQUIRED');
  if (input.contractNumber) {
    const validation = validateContractNumber(input.contractNumber);
    if (!validation.ok) fail(['contractNumber'], validation.rule);
  }
  if (input.unitNumber) {
    const validation = validateUnitNumber(input.unitNumber);
    if (!validation.ok) fail(['unitNumber'], validation.rule);
  }
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0 || input.amount > MAX_AMOUNT_FEN) fail(['amount'], 'the amount must be above 0 and at most 10,000,000.00 yuan');
  if (!Number.isInteger(input.termMonths) || input.termMonths < 12 || input.termMonths > 600) fail(['termMonths'], 'the term is a whole number of months from 12');

  // Whose application the caller may file, and for which centre.
  let centre = input.centreCode ?? null;
  if (actor.role === 'FUND_OFFICER' || actor.role === 'SERVICE') {
    if (centre && centre !== actor.centre) fail(['centreCode'], 'a fund centre files applications for its own centre only', 'FORBIDDEN_CENTRE');
    centre = actor.centre;
  } else {
    if (input.applicant.idNumber !== actor.personIdNumber) {
      fail(['applicant', 'idNumber'], actor.role === 'PROXY_AGENT' ? 'a proxy agent files only for the applicant who authorized them' : 'an applicant files only their own application', 'NOT_YOUR_APPLICATION');
    }
    if (!centre) fail(['centreCode'], 'name the fund centre the application goes to', 'REQUIRED');
  }
  if (centre && !/^\d{6}$/.test(centre)) fail(['centreCode'], 'a fund centre code is 6 digits');

  // What can never pass is refused at the door, against the centre's policy in force today.
  if (centre && /^\d{6}$/.test(centre) && errors.length === 0) {
    const policy = policyFor(centre, today);
    if (input.termMonths > policy.maximumTermMonths) fail(['termMonths'], `${policy.centreName} lends for at most ${policy.maximumTermMonths} months`, 'TERM_EXCEEDS_POLICY');
    const highestCapFen = Math.max(...Object.values(policy.loanCapFen).flatMap((byOrder) => Object.values(byOrder)));
    if (input.amount > highestCapFen) fail(['amount'], `${policy.centreName} lends at most ${highestCapFen / 100} yuan to any household`, 'AMOUNT_EXCEEDS_POLICY');
  }

  if (errors.length > 0) return { request: null, errors };
  return {
    request: {
      applicant: { idNumber: input.applicant.idNumber, name: input.applicant.name.trim() },
      spouse: input.spouse ? { idNumber: input.spouse.idNumber, name: input.spouse.name.trim() } : null,
      coBorrowers: (input.coBorrowers ?? []).map((person) => ({ idNumber: person.idNumber, name: person.name.trim() })),
      contractNumber: input.contractNumber ?? null,
      unitNumber: input.unitNumber ?? null,
      amountFen: input.amount,
      termMonths: input.termMonths,
      repaymentMethod: input.repaymentMethod,
      centre: centre!,
      applicationDate: today,
    },
    errors: [],
  };
}

/** What makes two submissions "the same": everything asked, not the day it was asked. */
export function requestHash(request: LoanRequest): string {
  const { applicationDate: _day, ...asked } = request;
  return createHash('sha256').update(JSON.stringify(asked)).digest('hex');
}
