/**
 * 受托银行 the entrusted bank: takes the centre's disbursement instruction (放款指令) once per
 * idempotency key and books the loan. A repeat of a key answers the instruction's state and
 * disburses nothing; the same key with other terms is refused. A disbursement settles after
 * `settleAfterMs` (0: at once), until then it is PROCESSING and the centre queries it.
 * What was instructed lives in this simulator instance: a reset forgets it.
 */
import type { DisbursementInstruction, DisbursementRecord } from '../../lib/partner-contracts';
import { validateIdNumber } from '../../lib/identifiers';
import { AGENCY_CODES } from '../../lib/agency-contracts';
import { requireItems, requireString } from '../shared/batch';
import { AgencyError, badRequest } from '../shared/errors';
import type { AgencyHandlers, Untrusted } from '../shared/simulator';

export interface EntrustedBankOptions {
  /** How long after the instruction the loan is disbursed; 0 = within the instruction's own answer. */
  settleAfterMs?: number;
}

export interface EntrustedBankState {
  /** Disbursements booked (not instructions received): one per idempotency key, whatever the repeats. */
  disbursements(): DisbursementRecord[];
  /** How often each key was instructed, repeats included. */
  instructionsByKey(): Record<string, number>;
}

interface Booked {
  instruction: DisbursementInstruction;
  receivedAt: Date;
  instructionId: string;
  loanAccountNumber: string;
}

export function entrustedBankHandlers(options: EntrustedBankOptions = {}): AgencyHandlers<'entrusted-bank'> & EntrustedBankState {
  const settleAfterMs = options.settleAfterMs ?? 0;
  const byKey = new Map<string, Booked>();
  const instructed = new Map<string, number>();
  let sequence = 0;

  const recordOf = (booked: Booked, now: Date): DisbursementRecord => {
    const settled = now.getTime() >= booked.receivedAt.getTime() + settleAfterMs;
    return {
      idempotencyKey: booked.instruction.idempotencyKey,
      instructionId: booked.instructionId,
      status: settled ? 'DISBURSED' : 'PROCESSING',
      loanAccountNumber: settled ? booked.loanAccountNumber : null,
      disbursedOn: settled ? chinaDate(new Date(booked.receivedAt.getTime() + settleAfterMs)) : null,
      amountFen: booked.instruction.amountFen,
      commercialPartFen: booked.instruction.commercialPartFen,
      rejectReason: null,
      receivedAt: booked.receivedAt.toISOString(),
    };
  };

  return {
    reset: () => {
      byKey.clear();
      instructed.clear();
      sequence = 0;
    },
    disbursements: () => [...byKey.values()].map((booked) => recordOf(booked, new Date())),
    instructionsByKey: () => Object.fromEntries(instructed),
    endpoints: {
      '/api/v1/disbursements/instruct': (raw, context) => {
        const instruction = parseInstruction(raw, context.now);
        instructed.set(instruction.idempotencyKey, (instructed.get(instruction.idempotencyKey) ?? 0) + 1);
        const earlier = byKey.get(instruction.idempotencyKey);
        if (earlier) {
          if (!sameTerms(earlier.instruction, instruction)) throw badRequest('this idempotency key was instructed with other terms');
          return recordOf(earlier, context.now);
        }
        sequence += 1;
        const day = chinaDate(context.now).replace(/-/g, '');
        const booked: Booked = {
          instruction,
          receivedAt: context.now,
          instructionId: `FK${day}${String(sequence).padStart(6, '0')}`,
          // 贷款账号: the centre's code, the year and a sequence (the format is the simulator's own).
          loanAccountNumber: `${instruction.centreCode}${day.slice(0, 4)}${String(sequence).padStart(10, '0')}`,
        };
        byKey.set(instruction.idempotencyKey, booked);
        return recordOf(booked, context.now);
      },
      '/api/v1/disbursements/query': (raw, context) => {
        const booked = byKey.get(requireString(raw.idempotencyKey, 'idempotencyKey'));
        if (!booked) throw new AgencyError(AGENCY_CODES.NOT_FOUND, 'no instruction with this idempotency key');
        return recordOf(booked, context.now);
      },
    },
  };
}

function parseInstruction(raw: Untrusted<DisbursementInstruction>, now: Date): DisbursementInstruction {
  const amountFen = raw.amountFen;
  if (typeof amountFen !== 'number' || !Number.isSafeInteger(amountFen) || amountFen <= 0) throw badRequest('amountFen must be a positive integer number of fen');
  const commercialPartFen = raw.commercialPartFen ?? 0;
  if (typeof commercialPartFen !== 'number' || !Number.isSafeInteger(commercialPartFen) || commercialPartFen < 0 || commercialPartFen > amountFen) {
    throw badRequest('commercialPartFen must be an integer number of fen from 0 to amountFen');
  }
  const termMonths = raw.termMonths;
  if (typeof termMonths !== 'number' || !Number.isSafeInteger(termMonths) || termMonths < 1 || termMonths > 360) throw badRequest('termMonths must be 1 to 360');
  if (raw.repaymentMethod !== 'EQUAL_INSTALMENT' && raw.repaymentMethod !== 'EQUAL_PRINCIPAL') throw badRequest('repaymentMethod must be EQUAL_INSTALMENT or EQUAL_PRINCIPAL');
  const borrowers = requireItems(raw.borrowers, 'borrowers', (item, path) => {
    const idNumber = requireString(item.idNumber, `${path}.idNumber`);
    if (!validateIdNumber(idNumber, now).ok) throw badRequest(`${path}.idNumber is not a valid ID number`);
    return { idNumber, name: requireString(item.name, `${path}.name`) };
  });
  if (borrowers.length === 0) throw badRequest('borrowers must name at least the main borrower');
  return {
    idempotencyKey: requireString(raw.idempotencyKey, 'idempotencyKey'),
    loanContractNumber: requireString(raw.loanContractNumber, 'loanContractNumber'),
    centreCode: requireString(raw.centreCode, 'centreCode'),
    borrowers,
    amountFen,
    commercialPartFen,
    termMonths,
    repaymentMethod: raw.repaymentMethod,
    mortgageCertificateNumber: requireString(raw.mortgageCertificateNumber, 'mortgageCertificateNumber'),
  };
}

function sameTerms(a: DisbursementInstruction, b: DisbursementInstruction): boolean {
  const people = (i: DisbursementInstruction) => i.borrowers.map((p) => p.idNumber).join(',');
  return (
    a.loanContractNumber === b.loanContractNumber &&
    a.centreCode === b.centreCode &&
    a.amountFen === b.amountFen &&
    a.commercialPartFen === b.commercialPartFen &&
    a.termMonths === b.termMonths &&
    a.repaymentMethod === b.repaymentMethod &&
    a.mortgageCertificateNumber === b.mortgageCertificateNumber &&
    people(a) === people(b)
  );
}

/** The bank's business day: China Standard Time, UTC+8 all year. */
function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
