/**
 * Builders for the identifiers the agencies key their records by. Each builder produces values the
 * validators in lib/identifiers.ts accept, so generated data cannot drift from what clients check.
 */
import { idNumberCheckCharacter, validateCreditCode } from '../../lib/identifiers';

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** GB 11643 ID number; the sequence's parity carries the gender (odd = male). */
export function buildIdNumber(region: string, birthDate: string, sequence: number): string {
  const first17 = `${region}${birthDate.replace(/-/g, '')}${pad(sequence, 3)}`;
  return first17 + idNumberCheckCharacter(first17);
}

/**
 * 不动产单元号: region 6 + cadastral zone and subzone 3+3 + parcel 7 (GB = state-owned construction
 * land, then a 5-digit parcel number) + building/unit 9 (F = house, 4-digit building, 4-digit room).
 */
export function buildUnitNumber(parts: { region: string; zone: number; subzone: number; parcel: number; building: number; room: number }): string {
  return `${parts.region}${pad(parts.zone, 3)}${pad(parts.subzone, 3)}GB${pad(parts.parcel, 5)}F${pad(parts.building, 4)}${pad(parts.room, 4)}`;
}

/** 网签备案合同号: WQ + region + year + a 6-digit sequence within that region and year. */
export function buildContractNumber(region: string, year: number, sequence: number): string {
  return `WQ${region}${year}${pad(sequence, 6)}`;
}

const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * Unified social credit code of an enterprise (登记管理部门 9, 类别 1) registered in `region`.
 * The check character is whichever one the shared validator accepts, so the GB 32100 arithmetic
 * lives in one place only.
 */
export function buildCreditCode(region: string, organisationDigits: readonly number[]): string {
  const body = `91${region}${organisationDigits.map((d) => CREDIT_CODE_ALPHABET[d % CREDIT_CODE_ALPHABET.length]).join('')}`;
  if (body.length !== 17) throw new Error('a credit code body is 17 characters');
  for (const check of CREDIT_CODE_ALPHABET) {
    if (validateCreditCode(body + check).ok) return body + check;
  }
  throw new Error('no credit code check character found');
}

/** 不动产权证书号, e.g. 闽(2021)福州市不动产权第0012345号. */
export function buildPropertyCertificateNumber(year: number, cityName: string, sequence: number): string {
  return `闽(${year})${cityName}市不动产权第${pad(sequence, 7)}号`;
}

/** 不动产登记证明号 (mortgage and pre-registration proofs), e.g. 闽(2026)福州市不动产证明第0004567号. */
export function buildRegistrationProofNumber(year: number, cityName: string, sequence: number): string {
  return `闽(${year})${cityName}市不动产证明第${pad(sequence, 7)}号`;
}

/** 完税凭证号: region + payment date + a 4-digit sequence (a synthetic 18-digit form). */
export function buildTaxReceiptNumber(region: string, paidAt: string, sequence: number): string {
  return `${region}${paidAt.replace(/-/g, '')}${pad(sequence, 4)}`;
}

/** HPF account number: centre code + 10 digits. */
export function buildAccountNumber(centreCode: string, sequence: number): string {
  return `${centreCode}${pad(sequence, 10)}`;
}

/** HPF loan number: centre code + year + 6 digits. */
export function buildLoanNumber(centreCode: string, year: number, sequence: number): string {
  return `${centreCode}${year}${pad(sequence, 6)}`;
}
