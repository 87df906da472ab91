/**
 * DECIDE: reads what the gather steps stored, turns it into the domain's facts, and asks the
 * eligibility rules of the centre's policy in force. Every check PASSED and the amount within the
 * maximum → approved automatically; anything else → referred to an officer, with the reasons.
 * A fact the platform could not have (agency given up on, or not readable under the consents) is
 * UNAVAILABLE to the rules: they never guess.
 */
import type { AgencyName } from '../../../lib/agency-contracts';
import type { GatherStep, LoanApplicationRow, LoanStatus, LoanStepRow } from '../../../storage/loan-types';
import { parseMoney } from '../../../lib/scalars';
import { policyFor } from '../domain/centre-policy';
import { decide, evaluateEligibility, type CheckName } from '../domain/eligibility';
import {
  available,
  marriageFromRegistrations,
  unavailable,
  type Fact,
  type HouseholdMemberFacts,
  type LoanFacts,
  type PartyFacts,
} from '../domain/facts';
import type { Reason } from '../domain/reasons';
import { partyKeyOf } from '../parties';
import type { StoredDecision } from '../views';
import type { GatherOutcome, Gathered } from './gather';

export const AGENCY_OF_STEP: Record<GatherStep, AgencyName> = {
  GATHER_IDENTITY: 'public-security',
  GATHER_MARRIAGE: 'civil-affairs',
  GATHER_CONTRACT: 'housing',
  GATHER_TAX: 'tax',
  GATHER_REGISTRATION: 'natural-resources',
  GATHER_CREDIT: 'pboc-credit',
  GATHER_PROVIDENT_FUND: 'provident-fund',
};

const STEP_OF_CHECK: Partial<Record<CheckName, GatherStep>> = {
  identity: 'GATHER_IDENTITY',
  marriage: 'GATHER_MARRIAGE',
  contractFiling: 'GATHER_CONTRACT',
  transferTax: 'GATHER_TAX',
  registration: 'GATHER_REGISTRATION',
  credit: 'GATHER_CREDIT',
  providentFund: 'GATHER_PROVIDENT_FUND',
};

type Row = Record<string, unknown>;

/** A step's facts: what it gathered, or nothing when it gave up. */
function outcomeOf(steps: readonly LoanStepRow[], step: GatherStep): GatherOutcome | null {
  const row = steps.find((s) => s.step === step);
  return row?.status === 'DONE' ? (row.outcome as GatherOutcome) : null;
}

function fact<T>(step: GatherStep, gathered: Gathered<Row> | null | undefined, read: (value: Row) => T, absent: T): Fact<T> {
  if (!gathered || gathered.status === 'FORBIDDEN' || gathered.status === 'NEEDS_CONSENT') return unavailable(AGENCY_OF_STEP[step]);
  return gathered.status === 'NOT_FOUND' ? available(absent) : available(read(gathered.value));
}

export function factsOf(application: LoanApplicationRow, steps: readonly LoanStepRow[]): LoanFacts {
  const gathered = (step: GatherStep) => outcomeOf(steps, step);
  const personFact = <T>(step: GatherStep, idNumber: string, read: (value: Row) => T, absent: T) => {
    const outcome = gathered(step);
    return outcome ? fact(step, outcome.persons[idNumber], read, absent) : unavailable<T>(AGENCY_OF_STEP[step]);
  };
  const propertyFact = <T>(step: GatherStep, read: (value: Row) => T, absent: T) => {
    const outcome = gathered(step);
    return outcome ? fact(step, outcome.property, read, absent) : unavailable<T>(AGENCY_OF_STEP[step]);
  };

  const party = (idNumber: string): PartyFacts => ({
    idNumber,
    identity: personFact('GATHER_IDENTITY', idNumber, (v) => ({ nameMatches: v.nameMatches === true, householdStatus: v.householdStatus as 'ACTIVE' | 'CANCELLED' }), null),
    credit: personFact(
      'GATHER_CREDIT',
      idNumber,
      (v) => ({ currentOverdueAmountFen: parseMoney(String(v.currentOverdueAmount)), repaymentHistory24Months: v.repaymentHistory24Months as never }),
      null,
    ),
    providentFund: personFact(
      'GATHER_PROVIDENT_FUND',
      idNumber,
      (v) => ({
        accounts: ((v.accounts as Row[] | null) ?? []).map((account) => ({
          centreCode: String(account.centreCode),
          status: account.status as 'NORMAL' | 'SEALED' | 'CLOSED',
          continuousDepositMonths: Number(account.continuousDepositMonths),
          balanceFen: parseMoney(String(account.balance)),
          monthlyDepositFen: parseMoney(String(account.monthlyDeposit)),
          spouseIdNumberOnFile: ((account.spouseOnFile as Row | null)?.idNumber as string | undefined) ?? null,
        })),
        loans: ((v.loans as Row[] | null) ?? []).map((loan) => ({ loanNumber: String(loan.loanNumber), status: loan.status as 'OUTSTANDING' | 'SETTLED' })),
      }),
      null,
    ),
  });
  const member = (idNumber: string): HouseholdMemberFacts => ({
    ...party(idNumber),
    holdings: personFact('GATHER_REGISTRATION', idNumber, (v) => ((v.properties as Row[] | null) ?? []).map((p) => String(p.unitNumber)), [] as string[]),
  });

  const { request } = application;
  return {
    applicant: member(request.applicant.idNumber),
    marriage: personFact(
      'GATHER_MARRIAGE',
      request.applicant.idNumber,
      (v) =>
        marriageFromRegistrations(
          ((v.registrations as Row[] | null) ?? []).map((r) => ({
            type: r.type as 'MARRIAGE' | 'DIVORCE' | 'REMARRIAGE',
            registrationDate: String(r.registrationDate),
            spouseIdNumber: String((r.spouse as Row).idNumber),
          })),
        ),
      { status: 'NEVER_MARRIED' as const },
    ),
    spouse: request.spouse ? member(request.spouse.idNumber) : null,
    coBorrowers: request.coBorrowers.map((person) => party(person.idNumber)),
    contract: propertyFact(
      'GATHER_CONTRACT',
      (v) => ({
        contractNumber: String(v.contractNumber),
        unitNumber: String(v.unitNumber ?? request.unitNumber ?? ''),
        status: v.status as 'FILED' | 'CANCELLED',
        buyerIdNumbers: ((v.buyers as Row[] | null) ?? []).map((buyer) => String((buyer.applicant as Row).idNumber)),
        priceFen: parseMoney(String(v.price)),
      }),
      null,
    ),
    transferTax: propertyFact('GATHER_TAX', (v) => ({ declared: v.declared === true, paid: v.paid === true }), null),
    registration: propertyFact(
      'GATHER_REGISTRATION',
      (v) => ({
        status: v.status as 'REGISTERED' | 'PRE_REGISTERED' | 'TRANSFER_PENDING',
        ownerIdNumbers: ((v.owners as Row[] | null) ?? []).map((owner) => String((owner.applicant as Row).idNumber)),
        encumbrances: ((v.encumbrances as Row[] | null) ?? []).map((e) => e.type as 'MORTGAGE' | 'PRE_MORTGAGE' | 'SEIZURE'),
      }),
      null,
    ),
  };
}

const said = (reasons: readonly Reason[]) => reasons.map((r) => `${r.message.zh} (${r.message.en})`);

export function decideApplication(application: LoanApplicationRow, steps: readonly LoanStepRow[]): { status: LoanStatus; decision: StoredDecision & Record<string, unknown> } {
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
    },
    policyFor(request.centre, request.applicationDate),
    request.applicationDate,
  );
  const verdict = decide(evaluation);
  const checks: StoredDecision['checks'] = {};
  for (const [check, step] of Object.entries(STEP_OF_CHECK) as Array<[CheckName, GatherStep]>) {
    const outcome = evaluation.outcomes[check];
    checks[step] = { outcome: outcome.status, reasons: said(outcome.reasons), parties: outcome.reasons.map((r) => partyKeyOf(r.party)) };
  }
  const reasons = verdict.decision === 'REFER' ? said(verdict.reasons) : [];
  const reasonParties = verdict.decision === 'REFER' ? verdict.reasons.map((r) => partyKeyOf(r.party)) : [];
  return {
    status: verdict.decision === 'APPROVE' ? 'APPROVED' : 'REFERRED',
    decision: {
      outcome: verdict.decision === 'APPROVE' ? 'APPROVED' : 'REFERRED',
      reasons,
      reasonParties,
      notices: said(verdict.notices),
      checks,
      homeOrder: evaluation.homeOrder.status === 'DETERMINED' ? evaluation.homeOrder.value.homeOrder : null,
      rate: evaluation.rate.status === 'DETERMINED' ? `${evaluation.rate.value.annualRatePercent}%` : null,
      maximumAmountFen: evaluation.maximumAmountFen,
      bindingLimit: evaluation.maximum.binding.join(',') || null,
      policy: evaluation.policy,
    },
  };
}
