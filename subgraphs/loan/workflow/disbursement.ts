/**
 * DISBURSE: once the mortgage is registered, the platform instructs the entrusted bank to disburse
 * (放款指令) and follows the instruction until the bank has disbursed. The idempotency key is the
 * application's own (disbursementKeyOf), so an instruction sent again — after a lost answer, a
 * crash, a second worker — is the same instruction at the bank, never a second disbursement. Once
 * the bank is known to hold it, the step only queries its state.
 */
import { AGENCY_CODES } from '../../../lib/agency-contracts';
import { PartnerCallError, type PartnerClient } from '../../../lib/partner-client';
import type { DisbursementRecord } from '../../../lib/partner-contracts';
import type { LoanApplicationRow, LoanStepRow } from '../../../storage/loan-types';
import { disbursementKeyOf, MORTGAGE_STEP, type DisbursementFacts } from './machine';
import type { StoredDecision } from '../views';

export class DisbursementUnavailable extends Error {
  constructor(readonly codes: string[]) {
    super(`the entrusted bank is unavailable (${codes.join(', ')})`);
    this.name = 'DisbursementUnavailable';
  }
}

const factsOf = (record: DisbursementRecord, traceId: string): DisbursementFacts => ({
  instructionId: record.instructionId,
  status: record.status,
  loanAccountNumber: record.loanAccountNumber,
  disbursedOn: record.disbursedOn,
  rejectReason: record.rejectReason,
  bankTraceId: traceId,
});

/** What the bank says of this application's disbursement now: instructed (or asked) once more, never twice over. */
export async function disburse(application: LoanApplicationRow, step: LoanStepRow, steps: readonly LoanStepRow[], bank: PartnerClient<'entrusted-bank'>): Promise<DisbursementFacts> {
  const idempotencyKey = disbursementKeyOf(application.id);
  try {
    if ((step.outcome as { instructed?: boolean } | null)?.instructed) {
      try {
        const { data, traceId } = await bank.call('/api/v1/disbursements/query', { idempotencyKey });
        return factsOf(data, traceId);
      } catch (error) {
        // The bank has no record of it (it lost it, or never had it): the same instruction again.
        if (!(error instanceof PartnerCallError && error.code === AGENCY_CODES.NOT_FOUND)) {
          // Any other refusal of a query says nothing of the instruction already sent (the bank may
          // have paid out): asked again later, and an officer's in the end, never REJECTED from it.
          if (error instanceof PartnerCallError) throw new DisbursementUnavailable([error.code]);
          throw error;
        }
      }
    }
    const certificate = steps.find((s) => s.step === MORTGAGE_STEP && s.status === 'DONE')?.outcome as { certificateNumber?: string } | undefined;
    if (!certificate?.certificateNumber) throw new Error('no registered mortgage to disburse against');
    const { request } = application;
    const { data, traceId } = await bank.call('/api/v1/disbursements/instruct', {
      idempotencyKey,
      loanContractNumber: `HPF-${application.id}`,
      centreCode: application.centre,
      borrowers: [request.applicant, ...(request.spouse ? [request.spouse] : []), ...request.coBorrowers].map((person) => ({ idNumber: person.idNumber, name: person.name })),
      amountFen: request.amountFen,
      commercialPartFen: (application.decision as StoredDecision | null)?.combination?.commercialPartFen ?? 0,
      termMonths: request.termMonths,
      repaymentMethod: request.repaymentMethod,
      mortgageCertificateNumber: certificate.certificateNumber,
    });
    return factsOf(data, traceId);
  } catch (error) {
    if (error instanceof PartnerCallError && error.kind === 'UNAVAILABLE') throw new DisbursementUnavailable([error.code]);
    // Refused (a key instructed with other terms, an instruction the bank cannot take): asking again changes nothing.
    if (error instanceof PartnerCallError) return { instructionId: '', status: 'REJECTED', loanAccountNumber: null, disbursedOn: null, rejectReason: `bank code ${error.code}`, bankTraceId: '' };
    throw error;
  }
}
