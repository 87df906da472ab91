/**
 * The wire contracts of the two systems the loan engine instructs rather than reads: the entrusted
 * bank (受托银行), which disburses the loan, and the centre's 12329 SMS platform, which tells
 * depositors what changed. Both speak the data-sharing platform's conventions (signed JSON POST,
 * the same response envelope and codes: lib/agency-contracts.ts, lib/signing.ts), and their
 * simulators run on the agencies' framework (agencies/shared/simulator.ts). They are not agencies
 * of the graph: no subgraph wraps them, and nobody reads personal data from them.
 *
 * Money is integer fen; dates are YYYY-MM-DD (China time); instants ISO 8601 UTC.
 */
import type { AgencyEndpoints, Fen, IsoDate, IsoInstant } from './agency-contracts';

// ── 受托银行 the entrusted bank: loan disbursement (贷款发放) ─────────────────────────────────

export type DisbursementStatus = 'PROCESSING' | 'DISBURSED' | 'REJECTED';

/**
 * 放款指令: the centre instructs the bank to disburse an approved, mortgaged loan. The idempotency
 * key is the bank's: the same key again is the same instruction (its state is answered, nothing is
 * disbursed twice); the same key with other terms is refused.
 */
export interface DisbursementInstruction {
  idempotencyKey: string;
  /** The centre's loan contract number (借款合同编号). */
  loanContractNumber: string;
  centreCode: string;
  /** The borrowers, main borrower first: the bank opens the loan account in their names. */
  borrowers: Array<{ idNumber: string; name: string }>;
  /** The whole amount disbursed: the HPF part the bank disburses for the centre, and its own commercial part. */
  amountFen: Fen;
  /** 组合贷款: the bank's own commercial part within amountFen (0 for an HPF loan). */
  commercialPartFen: Fen;
  termMonths: number;
  repaymentMethod: 'EQUAL_INSTALMENT' | 'EQUAL_PRINCIPAL';
  /** The registered mortgage securing the loan (不动产登记证明号): the bank disburses against it. */
  mortgageCertificateNumber: string;
}

export interface DisbursementRecord {
  idempotencyKey: string;
  /** The bank's reference of the instruction (放款流水号). */
  instructionId: string;
  status: DisbursementStatus;
  /** 贷款账号, once disbursed. */
  loanAccountNumber: string | null;
  /** 放款日期, once disbursed: the repayment schedule counts from it. */
  disbursedOn: IsoDate | null;
  amountFen: Fen;
  /** The bank's own commercial part within amountFen (组合贷款; 0 for an HPF loan). */
  commercialPartFen: Fen;
  /** Why the bank refused it (REJECTED), in its words. */
  rejectReason: string | null;
  receivedAt: IsoInstant;
}

// ── 12329 短信平台 the centre's SMS platform ──────────────────────────────────────────────────

/**
 * One text message. The platform holds no mobile numbers: the 12329 platform sends to the mobile
 * the centre has on file for the depositor named by `recipientIdNumber`, which is an address and is
 * never put in the text. The idempotency key is per message: the same key again is not sent again.
 */
export interface SmsRequest {
  idempotencyKey: string;
  /** The sender shown on the phone, e.g. 福建12329. */
  sender: string;
  recipientIdNumber: string;
  text: string;
}

export interface SmsReceipt {
  idempotencyKey: string;
  /** The platform's message id. */
  messageId: string;
  /** False when this key had been sent before: nothing was sent this time. */
  accepted: boolean;
}

export interface PartnerEndpoints {
  'entrusted-bank': {
    '/api/v1/disbursements/instruct': { request: DisbursementInstruction; response: DisbursementRecord };
    '/api/v1/disbursements/query': { request: { idempotencyKey: string }; response: DisbursementRecord };
  };
  'sms-gateway': {
    '/api/v1/sms/send': { request: SmsRequest; response: SmsReceipt };
  };
}

export type PartnerName = keyof PartnerEndpoints;

/** The two partner systems, their default ports (after the agencies' 4101–4107) and labels. */
export const PARTNER_SYSTEMS: ReadonlyArray<{ name: PartnerName; port: number; label: string; urlVariable: string }> = Object.freeze([
  { name: 'entrusted-bank', port: 4108, label: '受托银行 贷款发放', urlVariable: 'BANK_URL' },
  { name: 'sms-gateway', port: 4109, label: '12329 短信平台', urlVariable: 'SMS_GATEWAY_URL' },
]);

/** Every system a simulator of agencies/shared/simulator.ts can stand in for: the agencies and the partners. */
export type SimulatedEndpoints = AgencyEndpoints & PartnerEndpoints;
export type SimulatedSystem = keyof SimulatedEndpoints;
export type SystemPath<S extends SimulatedSystem> = keyof SimulatedEndpoints[S] & string;
export type SystemRequest<S extends SimulatedSystem, P extends SystemPath<S>> = SimulatedEndpoints[S][P] extends { request: infer Q } ? Q : never;
export type SystemResponse<S extends SimulatedSystem, P extends SystemPath<S>> = SimulatedEndpoints[S][P] extends { response: infer R } ? R : never;
