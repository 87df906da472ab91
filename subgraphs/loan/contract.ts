/**
 * The loan contract (借款合同) of an approved application: one exact text, its SHA-256, and who
 * must sign it — every borrower and every co-owner of the home. Signatures are over the hash of
 * this exact text, so any change to it would need every signature again.
 */
import { createHash } from 'node:crypto';
import type { LoanApplicationRow, LoanStepRow } from '../../storage/loan-types';
import { formatFen } from '../shared/scalars';
import type { GatherOutcome } from './workflow/gather';

export interface LoanContract {
  text: string;
  sha256: string;
  /** ID numbers of everyone who must sign: borrowers, then co-owners not already among them. */
  signerIdNumbers: string[];
  unitNumber: string | null;
  ownerIdNumbers: string[];
}

const REPAYMENT_METHOD_ZH = { EQUAL_INSTALMENT: '等额本息', EQUAL_PRINCIPAL: '等额本金' } as const;

function registrationOf(steps: readonly LoanStepRow[]): { unitNumber: string | null; owners: string[] } {
  const outcome = steps.find((step) => step.step === 'GATHER_REGISTRATION')?.outcome as GatherOutcome | null | undefined;
  const property = outcome?.property;
  if (property?.status !== 'FOUND') return { unitNumber: null, owners: [] };
  const value = property.value as { unitNumber?: string; owners?: Array<{ applicant: { idNumber: string } }> };
  return { unitNumber: value.unitNumber ?? null, owners: (value.owners ?? []).map((owner) => owner.applicant.idNumber) };
}

export function loanContractOf(application: LoanApplicationRow, steps: readonly LoanStepRow[]): LoanContract | null {
  if (application.status !== 'APPROVED' && application.status !== 'READY_FOR_DISBURSEMENT') return null;
  const { request } = application;
  const decision = application.decision as { rate?: string } | null;
  const registration = registrationOf(steps);
  const borrowers = [request.applicant, ...(request.spouse ? [request.spouse] : []), ...request.coBorrowers];
  const signerIdNumbers = [...new Set([...borrowers.map((person) => person.idNumber), ...registration.owners])];
  const text = [
    '住房公积金个人住房借款合同 (HPF personal housing loan contract)',
    `合同编号 Contract: HPF-${application.id}`,
    `贷款人 Lender: 住房公积金管理中心 ${request.centre}`,
    ...borrowers.map((person, i) => `借款人 Borrower ${i + 1}: ${person.name} ${person.idNumber}`),
    `抵押物 Collateral: 不动产单元 ${registration.unitNumber ?? request.unitNumber ?? '—'}`,
    `借款金额 Amount: ${formatFen(request.amountFen)} 元`,
    `期限 Term: ${request.termMonths} 个月`,
    `利率 Rate: ${decision?.rate ?? '—'} (年)`,
    `还款方式 Repayment: ${REPAYMENT_METHOD_ZH[request.repaymentMethod]}`,
    `申请日期 Application date: ${request.applicationDate}`,
  ].join('\n');
  return { text, sha256: createHash('sha256').update(text).digest('hex'), signerIdNumbers, unitNumber: registration.unitNumber, ownerIdNumbers: registration.owners };
}
