/**
 * The loan contract (借款合同) of an approved application: its exact text, its SHA-256, and who
 * must sign it — every borrower and every co-owner of the home. The text names the parties; each
 * reader sees their own name and ID number clear and everyone else's masked, unless the policy
 * grants this reader the clear value (the centre, with that party's consent for the case). So a
 * signer signs the hash of exactly the text they were shown, and the signature records which.
 */
import { createHash } from 'node:crypto';
import type { LoanApplicationRow, LoanStepRow } from '../../storage/loan-types';
import { registeredUnitOf, requiredSignersOf } from '../shared/cases/case-file';
import { maskIdNumber, maskName, type IdNumberMaskForm } from '../shared/policy/masks';
import { formatFen } from '../../lib/scalars';
import type { StoredDecision } from './views';

export interface LoanContract {
  text: string;
  sha256: string;
  /** ID numbers of everyone who must sign: borrowers, then co-owners not already among them. */
  signerIdNumbers: string[];
  unitNumber: string | null;
  ownerIdNumbers: string[];
}

/** How one reader sees the parties: which ID numbers are clear to them, and the mask form for the rest. */
export interface ContractReader {
  sees(idNumber: string): boolean;
  idNumberMask: IdNumberMaskForm;
}

const REPAYMENT_METHOD_ZH = { EQUAL_INSTALMENT: '等额本息', EQUAL_PRINCIPAL: '等额本金' } as const;

export function loanContractOf(application: LoanApplicationRow, steps: readonly LoanStepRow[], reader: ContractReader): LoanContract | null {
  if (application.status !== 'APPROVED' && application.status !== 'READY_FOR_DISBURSEMENT' && application.status !== 'DISBURSED') return null;
  const { request } = application;
  const decision = application.decision as Pick<StoredDecision, 'rate' | 'combination'> | null;
  const registration = registeredUnitOf(steps);
  const collateral = registration.unitNumber ?? request.unitNumber;
  // A contract always states its rate and its collateral (a combination both parts); without them there is nothing to sign.
  if (!decision?.rate || !collateral) return null;
  const parts = decision.combination;
  if (request.combination && !parts) return null;
  const borrowers = [request.applicant, ...(request.spouse ? [request.spouse] : []), ...request.coBorrowers];
  const party = (person: { name: string; idNumber: string }) =>
    reader.sees(person.idNumber) ? `${person.name} ${person.idNumber}` : `${maskName(person.name)} ${maskIdNumber(person.idNumber, reader.idNumberMask)}`;
  const text = [
    '住房公积金个人住房借款合同 (HPF personal housing loan contract)',
    `合同编号 Contract: HPF-${application.id}`,
    `贷款人 Lender: 住房公积金管理中心 ${request.centre}`,
    ...(parts ? [`商业贷款贷款人 Commercial lender: ${parts.bank}`] : []),
    ...borrowers.map((person, i) => `借款人 Borrower ${i + 1}: ${party(person)}`),
    `抵押物 Collateral: 不动产单元 ${collateral}`,
    `借款金额 Amount: ${formatFen(request.amountFen)} 元`,
    ...(parts
      ? [
          `组合贷款 Combination: 公积金贷款 HPF part ${formatFen(parts.hpfPartFen)} 元, 利率 Rate ${decision.rate} (年); 商业贷款 Commercial part ${formatFen(parts.commercialPartFen)} 元, 利率 Rate ${parts.commercialRate} (年)`,
        ]
      : []),
    `期限 Term: ${request.termMonths} 个月`,
    `利率 Rate: ${decision.rate} (年)`,
    `还款方式 Repayment: ${REPAYMENT_METHOD_ZH[request.repaymentMethod]}`,
    `申请日期 Application date: ${request.applicationDate}`,
  ].join('\n');
  return {
    text,
    sha256: createHash('sha256').update(text).digest('hex'),
    signerIdNumbers: requiredSignersOf(application, steps),
    unitNumber: registration.unitNumber,
    ownerIdNumbers: registration.owners,
  };
}

/** A signer's own view: themself clear, every other party masked. */
export function signerReader(idNumber: string, idNumberMask: IdNumberMaskForm): ContractReader {
  return { sees: (party) => party === idNumber, idNumberMask };
}
