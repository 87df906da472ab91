/**
 * Checking a submission before anything is stored: every problem comes back as a user error
 * naming its input field, all at once, so a form can mark each one.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../../lib/actor';
import { validateContractNumber, validateIdNumber, validateUnitNumber } from '../../lib/identifiers';
import type { LoanPerson, LoanRequest, RepaymentMethod } from '../../storage/loan-types';
import { isKnownCentre, policyFor } from './domain/centre-policy';
import { highestPossibleCapFen } from './domain/quota';
import type { Language } from '../../lib/errors';
import { ruleBroken, userError, type UserError, type UserErrorKind } from './user-errors';

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
  combinationLoan?: boolean | null;
  talentCertificateNumber?: string | null;
  centreCode?: string | null;
  testCase?: boolean | null;
}

export type { UserError } from './user-errors';

/** A sanity bound on the amount asked; the policy's maximum is decided by the checks. */
const MAX_AMOUNT_FEN = 10_000_000 * 100;
const MAX_CO_BORROWERS = 4;

export function checkSubmission(input: SubmitInput, actor: Actor, today: string, language: Language): { request: LoanRequest; errors: [] } | { request: null; errors: UserError[] } {
  const errors: UserError[] = [];
  const fail = (field: string[], kind: UserErrorKind, figures?: Record<string, string | number>) => errors.push(userError(field, kind, language, figures));
  const broken = (field: string[], rule: { rule: string; ruleZh: string }) => errors.push(ruleBroken(field, rule, language));

  if (!/^[A-Za-z0-9_-]{8,128}$/.test(input.idempotencyKey)) fail(['idempotencyKey'], 'IDEMPOTENCY_KEY_FORMAT');
  const people: Array<[string[], LoanPerson]> = [
    [['applicant'], input.applicant],
    ...(input.spouse ? [[['spouse'], input.spouse] as [string[], LoanPerson]] : []),
    ...(input.coBorrowers ?? []).map((person, i): [string[], LoanPerson] => [['coBorrowers', String(i)], person]),
  ];
  for (const [path, person] of people) {
    const validation = validateIdNumber(person.idNumber);
    if (!validation.ok) broken([...path, 'idNumber'], validation);
    if (person.name.trim().length === 0) fail([...path, 'name'], 'NAME_REQUIRED');
  }
  const ids = people.map(([, person]) => person.idNumber);
  if (new Set(ids).size !== ids.length) fail(['coBorrowers'], 'DUPLICATE_PERSON');
  if ((input.coBorrowers ?? []).length > MAX_CO_BORROWERS) fail(['coBorrowers'], 'TOO_MANY_CO_BORROWERS', { max: MAX_CO_BORROWERS });

  if (!input.contractNumber && !input.unitNumber) fail(['contractNumber'], 'PROPERTY_REQUIRED');
  if (input.contractNumber) {
    const validation = validateContractNumber(input.contractNumber);
    if (!validation.ok) broken(['contractNumber'], validation);
  }
  if (input.unitNumber) {
    const validation = validateUnitNumber(input.unitNumber);
    if (!validation.ok) broken(['unitNumber'], validation);
  }
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0 || input.amount > MAX_AMOUNT_FEN) fail(['amount'], 'AMOUNT_RANGE');
  if (!Number.isInteger(input.termMonths) || input.termMonths < 12 || input.termMonths > 600) fail(['termMonths'], 'TERM_RANGE');
  const talentCertificate = input.talentCertificateNumber?.trim() || null;
  if (talentCertificate !== null && !/^[A-Za-z0-9-]{6,40}$/.test(talentCertificate)) fail(['talentCertificateNumber'], 'TALENT_CERTIFICATE_FORMAT');

  // Whose application the caller may file, and for which centre.
  let centre = input.centreCode ?? null;
  if (actor.role === 'FUND_OFFICER' || actor.role === 'SERVICE') {
    if (centre && centre !== actor.centre) fail(['centreCode'], 'FORBIDDEN_CENTRE');
    centre = actor.centre;
  } else {
    if (input.applicant.idNumber !== actor.personIdNumber) {
      fail(['applicant', 'idNumber'], actor.role === 'PROXY_AGENT' ? 'NOT_YOUR_APPLICATION_PROXY' : 'NOT_YOUR_APPLICATION');
    }
    if (!centre) fail(['centreCode'], 'CENTRE_REQUIRED');
  }
  if (centre && !/^\d{6}$/.test(centre)) fail(['centreCode'], 'CENTRE_FORMAT');
  else if (centre && !isKnownCentre(centre)) fail(['centreCode'], 'CENTRE_UNKNOWN');

  // What can never pass is refused at the door, against the centre's policy in force today.
  if (centre && isKnownCentre(centre) && errors.length === 0) {
    const policy = policyFor(centre, today);
    if (input.termMonths > policy.maximumTermMonths) fail(['termMonths'], 'TERM_EXCEEDS_POLICY', { centre: policy.centreName, months: policy.maximumTermMonths });
    if (talentCertificate !== null && !policy.capIncreases.some((increase) => increase.kind === 'TALENT')) fail(['talentCertificateNumber'], 'TALENT_NOT_OFFERED', { centre: policy.centreName });
    if (input.combinationLoan) {
      if (!policy.combinationLoans) fail(['combinationLoan'], 'COMBINATION_NOT_OFFERED', { centre: policy.centreName });
    } else {
      // A combination's total may pass the HPF cap (the bank lends the rest); an HPF loan's may not.
      const highestCapFen = highestPossibleCapFen(policy);
      if (input.amount > highestCapFen) fail(['amount'], 'AMOUNT_EXCEEDS_POLICY', { centre: policy.centreName, yuan: highestCapFen / 100 });
    }
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
      ...(input.combinationLoan ? { combination: true } : {}),
      ...(talentCertificate ? { talentCertificateNumber: talentCertificate } : {}),
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
