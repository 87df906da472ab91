/**
 * DECIDE: reads what the gather steps stored, turns it into the domain's facts, and asks the
 * eligibility rules of the centre's policy in force. Every check PASSED and the amount within the
 * maximum → approved automatically; anything else → referred to an officer, with the reasons.
 * A fact the platform could not have (agency given up on, or not readable under the consents) is
 * UNAVAILABLE to the rules: they never guess.
 */
import type { LoanApplicationRow, LoanStatus, LoanStepRow } from '../../../storage/loan-types';
import { checkRecordOf, type CheckRecord, type ItemAnswer, type PartyKey } from '../../shared/cases/check-record';
import { policyFor } from '../domain/centre-policy';
import { commercialRateFor, ENTRUSTED_BANK } from '../domain/combination';
import { decide, evaluateEligibility, type CheckName } from '../domain/eligibility';
import { available, NO_HOLDINGS, unavailable, type Fact, type HouseholdMemberFacts, type LoanFacts, type PartyFacts } from '../domain/facts';
import type { Reason } from '../domain/reasons';
import { partyKeyOf } from '../parties';
import type { StoredDecision, StoredReason } from '../views';
import { CHECKS, type CheckFacts, type CheckStep } from './checks';


const STEP_OF_CHECK: Partial<Record<CheckName, CheckStep>> = {
  identity: 'GATHER_IDENTITY',
  marriage: 'GATHER_MARRIAGE',
  contractFiling: 'GATHER_CONTRACT',
  transferTax: 'GATHER_TAX',
  registration: 'GATHER_REGISTRATION',
  credit: 'GATHER_CREDIT',
  providentFund: 'GATHER_PROVIDENT_FUND',
};

/** A finished check's item as a domain fact: what was found, its absence, or unavailable (never a guess). */
function factOf<T, A>(step: CheckStep, item: ItemAnswer<T> | null | undefined, absent: A): Fact<T | A> {
  if (!item || (item.status !== 'FOUND' && item.status !== 'NOT_FOUND')) return unavailable(CHECKS[step].agency);
  return item.status === 'NOT_FOUND' ? available<T | A>(absent) : available<T | A>(item.facts);
}

/** The facts each finished check stored (typed by ./checks.ts), as the decision reads them. */
export function factsOf(application: LoanApplicationRow, steps: readonly LoanStepRow[]): LoanFacts {
  const recordOf = <S extends CheckStep>(step: S) => {
    const row = steps.find((s) => s.step === step);
    if (!row || (row.status !== 'DONE' && row.status !== 'GAVE_UP')) return null;
    // The one boundary where stored JSON becomes typed facts: checkRecordOf refuses another version.
    return checkRecordOf(row.outcome) as CheckRecord<CheckFacts[S]['person'], CheckFacts[S]['property']> | null;
  };
  const personFact = <S extends CheckStep, A>(step: S, party: PartyKey, absent: A) => factOf(step, recordOf(step)?.persons[party], absent);
  const propertyFact = <S extends CheckStep>(step: S) => factOf(step, recordOf(step)?.property, null);

  const party = (key: PartyKey, idNumber: string): PartyFacts => ({
    idNumber,
    identity: personFact('GATHER_IDENTITY', key, null),
    credit: personFact('GATHER_CREDIT', key, null),
    providentFund: personFact('GATHER_PROVIDENT_FUND', key, null),
  });
  const member = (key: PartyKey, idNumber: string): HouseholdMemberFacts => ({ ...party(key, idNumber), holdings: personFact('GATHER_REGISTRATION', key, NO_HOLDINGS) });

  const { request } = application;
  return {
    applicant: member('APPLICANT', request.applicant.idNumber),
    marriage: personFact('GATHER_MARRIAGE', 'APPLICANT', { status: 'NEVER_MARRIED' as const }),
    spouse: request.spouse ? member('SPOUSE', request.spouse.idNumber) : null,
    coBorrowers: request.coBorrowers.map((person, i) => party(`CO_BORROWER:${i + 1}`, person.idNumber)),
    contract: propertyFact('GATHER_CONTRACT'),
    transferTax: propertyFact('GATHER_TAX'),
    registration: propertyFact('GATHER_REGISTRATION'),
  };
}

/** Stored with its code and whom it is about; the words are the catalogue's, in both languages. */
const stored = (reasons: readonly Reason[]): StoredReason[] => reasons.map((r) => ({ code: r.code, party: partyKeyOf(r.party), message: r.message }));

export function decideApplication(application: LoanApplicationRow, steps: readonly LoanStepRow[]): { status: LoanStatus; decision: StoredDecision } {
  const { request } = application;
  const facts = factsOf(application, steps);
  const contract = facts.contract.status === 'AVAILABLE' ? facts.contract.value : null;
  const evaluation = evaluateEligibility(
    facts,
    {
      applicant: request.applicant,
      spouse: request.spouse,
      coBorrowers: request.coBorrowers,
      contractNumber: request.contractNumber ?? contract?.contractNumber ?? '',
      unitNumber: request.unitNumber ?? contract?.unitNumber ?? '',
      amountFen: request.amountFen,
      termMonths: request.termMonths,
      repaymentMethod: request.repaymentMethod,
      combination: request.combination ?? false,
      talentCertificateNumber: request.talentCertificateNumber ?? null,
    },
    policyFor(request.centre, request.applicationDate),
    request.applicationDate,
  );
  const verdict = decide(evaluation);
  const checks: StoredDecision['checks'] = {};
  for (const [check, step] of Object.entries(STEP_OF_CHECK) as Array<[CheckName, CheckStep]>) {
    const outcome = evaluation.outcomes[check];
    checks[step] = { outcome: outcome.status, reasons: stored(outcome.reasons) };
  }
  return {
    status: verdict.decision === 'APPROVE' ? 'APPROVED' : 'REFERRED',
    decision: {
      version: 1,
      outcome: verdict.decision === 'APPROVE' ? 'APPROVED' : 'REFERRED',
      reasons: verdict.decision === 'REFER' ? stored(verdict.reasons) : [],
      notices: stored(verdict.notices),
      checks,
      homeOrder: evaluation.homeOrder.status === 'DETERMINED' ? evaluation.homeOrder.value.homeOrder : null,
      rate: evaluation.rate.status === 'DETERMINED' ? `${evaluation.rate.value.annualRatePercent}%` : null,
      maximumAmountFen: evaluation.maximumAmountFen,
      bindingLimit: evaluation.maximum.binding.join(',') || null,
      policy: evaluation.policy,
      priceBoundFen: evaluation.maximum.bounds.loanToPrice.status === 'COMPUTED' ? evaluation.maximum.bounds.loanToPrice.amountFen : null,
      maximumWithTalentFen: evaluation.maximumWithTalentFen,
      ...(evaluation.combination && evaluation.homeOrder.status === 'DETERMINED'
        ? {
            combination: {
              ...evaluation.combination,
              commercialRate: `${commercialRateFor({ applicationDate: request.applicationDate, termMonths: request.termMonths, homeOrder: evaluation.homeOrder.value.homeOrder }).annualRatePercent}%`,
              bank: ENTRUSTED_BANK,
            },
          }
        : {}),
    },
  };
}

/**
 * Why an officer may not approve this application, or null: an approval needs a decided rate, a
 * term within the policy, and an amount within the computed maximum — with the talent increase
 * when the officer confirms the certificate the application names. A reason explains a
 * judgement; it does not lift a limit.
 */
export function approvalBlockedBy(application: LoanApplicationRow, officer: { talentCertificateConfirmed?: boolean } = {}): string | null {
  const decision = application.decision as Partial<StoredDecision> | null;
  if (!decision?.rate) return 'no rate could be decided for it, so no contract could state one';
  const policy = policyFor(application.request.centre, application.request.applicationDate);
  if (application.request.termMonths > policy.maximumTermMonths) return `its term is longer than the ${policy.maximumTermMonths} months the policy allows`;
  if (decision.maximumAmountFen === null || decision.maximumAmountFen === undefined) return 'its maximum amount could not be determined';
  if (application.request.combination) {
    // A combination's total is bound by the price: the bank lends what the HPF maximum leaves.
    if (!decision.combination || decision.priceBoundFen === null || decision.priceBoundFen === undefined) return 'its two parts could not be determined';
    if (application.request.amountFen > decision.priceBoundFen) return 'its total is above what the down payment leaves';
    return null;
  }
  if (officer.talentCertificateConfirmed) {
    if (!application.request.talentCertificateNumber || decision.maximumWithTalentFen === null || decision.maximumWithTalentFen === undefined) return 'it names no talent certificate that this centre’s talent increase could count';
    if (application.request.amountFen > decision.maximumWithTalentFen) return 'its amount is above the computed maximum even with the talent increase';
    return null;
  }
  if (application.request.amountFen > decision.maximumAmountFen) return 'its amount is above the computed maximum';
  return null;
}
