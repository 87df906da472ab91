/**
 * REGISTER_MORTGAGE: once everyone has signed, the platform registers the mortgage through the
 * real-estate subgraph (the mortgage direct-connect service), as the centre's loan process, and
 * keeps the certificate number and the e-certificate's hash. The same contract number again gives
 * the same registration, so a retry after a crash cannot register twice.
 */
import type { LoanApplicationRow, LoanStepRow } from '../../../storage/loan-types';
import { formatFen } from '../../../lib/scalars';
import { registeredUnitOf } from '../../shared/cases/case-file';
import type { GatewayClient } from '../../shared/gateway-client';
import { mortgageesOf } from '../../shared/cases/mortgagees';
import type { MortgageCertificateFacts } from './machine';

export class MortgageUnavailable extends Error {
  constructor(
    readonly agencies: string[],
    /** The error codes the gateway answered with, for the timeline (no messages: they may quote input). */
    readonly codes: string[],
  ) {
    super(`mortgage registration unavailable: ${agencies.join(', ')}`);
    this.name = 'MortgageUnavailable';
  }
}
import { REGISTER_MORTGAGE_DOCUMENT } from './operations';

export async function registerMortgage(application: LoanApplicationRow, steps: readonly LoanStepRow[], gateway: GatewayClient): Promise<MortgageCertificateFacts> {
  const registration = registeredUnitOf(steps);
  if (!registration.unitNumber) throw new Error('no registered unit to mortgage');
  const answer = await gateway.query(application.centre, application.id, REGISTER_MORTGAGE_DOCUMENT, {
    input: {
      unitNumber: registration.unitNumber,
      mortgagorIdNumbers: registration.owners,
      // A combination loan's two lenders in one registration: the centre for the HPF part, the bank for its own.
      mortgagees: mortgageesOf(application).map((mortgagee) => ({ name: mortgagee.name, amount: formatFen(mortgagee.amountFen) })),
      loanContractNumber: `HPF-${application.id}`,
    },
  });
  const certificate = answer.data?.registerMortgage as Record<string, unknown> | null | undefined;
  if (!certificate) {
    throw new MortgageUnavailable(
      answer.errors.map((error) => error.extensions?.agency ?? error.extensions?.serviceName ?? 'platform'),
      answer.errors.map((error) => error.extensions?.code ?? 'UNKNOWN'),
    );
  }
  return { certificateNumber: String(certificate.certificateNumber), eCertificateSha256: String(certificate.eCertificateSha256), registeredAt: String(certificate.registeredAt) };
}
