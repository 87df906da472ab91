/**
 * The platform's service identities and what each may do. A SERVICE token proves which service is
 * calling; this list says what that service is for. A service that is not listed, or a power it is
 * not listed with, gets nothing: a centre's token alone opens no one's data.
 */
export type ServicePower =
  /** Read agency data of the parties of an application of its centre while the checks run (受理 → 审核). */
  | 'GATHER_CASE_DATA'
  /** Register the mortgage (抵押登记) of an approved application whose contract every party signed. */
  | 'REGISTER_MORTGAGE'
  /**
   * Read, for a couple's quota estimate (额度试算) an applicant asked for, the figures of the spouse
   * their own marriage record names, for the purpose HPF_QUOTA_ESTIMATE and with no case: only what
   * that spouse consented to lend the estimate, at the centre she named (lib/estimate-consent.ts).
   */
  | 'READ_FOR_COUPLE_ESTIMATE';

/** The loan engine's token subject: the loan worker reads and registers as this service. */
export const LOAN_ENGINE = 'hpf-loan-worker';

export const SERVICE_POWERS: Readonly<Record<string, readonly ServicePower[]>> = Object.freeze({
  [LOAN_ENGINE]: Object.freeze(['GATHER_CASE_DATA', 'REGISTER_MORTGAGE', 'READ_FOR_COUPLE_ESTIMATE'] as const),
});

export function serviceHasPower(subject: string, power: ServicePower): boolean {
  return Object.prototype.hasOwnProperty.call(SERVICE_POWERS, subject) && SERVICE_POWERS[subject]!.includes(power);
}
