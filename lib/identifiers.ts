/**
 * Validators for the identifiers the agencies key their records by.
 * Each returns the rule that failed, so an API error can say which one (never just "invalid").
 */

/** A failed validation says its rule in English (`rule`, what API errors carry) and in Chinese (`ruleZh`, for forms). */
export type Validation = { ok: true } | { ok: false; rule: string; ruleZh: string };

const ID_NUMBER_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_NUMBER_CHECK_CHARACTERS = '10X98765432';

/** GB 11643-1999 check character (ISO 7064 MOD 11-2) for the first 17 digits. */
export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_NUMBER_WEIGHTS[i]!;
  return ID_NUMBER_CHECK_CHARACTERS[sum % 11]!;
}

/** Citizen ID number (居民身份证号码), 18 characters; `today` is injectable so tests do not age. */
export function validateIdNumber(value: string, today: Date = new Date()): Validation {
  if (!/^\d{17}[\dX]$/.test(value)) {
    return { ok: false, rule: 'an ID number is 17 digits followed by a digit or X', ruleZh: '身份证号码应为17位数字加1位数字或X' };
  }
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1800 || birth.getUTCFullYear() !== year || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) {
    return { ok: false, rule: 'the birth date in an ID number must be a real calendar date', ruleZh: '身份证号码中的出生日期应为真实日期' };
  }
  if (birth.getTime() > today.getTime()) {
    return { ok: false, rule: 'the birth date in an ID number cannot be in the future', ruleZh: '身份证号码中的出生日期不能晚于今天' };
  }
  if (idNumberCheckCharacter(value) !== value[17]) {
    return { ok: false, rule: 'the ID number check character (GB 11643 MOD 11-2) does not match', ruleZh: '身份证号码校验位不符（GB 11643 MOD 11-2）' };
  }
  return { ok: true };
}

/** Birth date (YYYY-MM-DD) carried inside a valid ID number. */
export function birthDateOf(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/** Odd sequence digit = male, even = female (GB 11643). */
export function genderOf(idNumber: string): 'MALE' | 'FEMALE' {
  return Number(idNumber[16]) % 2 === 1 ? 'MALE' : 'FEMALE';
}

/**
 * Real-estate unit number (不动产单元号), 28 characters: region 6 + cadastral zone/subzone 6 +
 * parcel 7 + building/unit 9. Letters appear in the parcel and building parts (e.g. GB, F).
 */
export function validateUnitNumber(value: string): Validation {
  if (value.length !== 28) return { ok: false, rule: 'a unit number is exactly 28 characters', ruleZh: '不动产单元号应为28位' };
  if (!/^[0-9A-Z]+$/.test(value)) return { ok: false, rule: 'a unit number holds only digits and capital letters', ruleZh: '不动产单元号只含数字和大写字母' };
  if (!/^\d{12}/.test(value)) {
    return { ok: false, rule: 'a unit number starts with a 6-digit region code and a 6-digit cadastral zone', ruleZh: '不动产单元号应以6位行政区划代码和6位地籍区代码开头' };
  }
  return { ok: true };
}

/** Contract filing number (网签备案合同号) as the housing authority issues it: WQ + region + year + 6 digits. */
export function validateContractNumber(value: string): Validation {
  if (!/^WQ\d{6}\d{4}\d{6}$/.test(value)) {
    return { ok: false, rule: 'a contract number is WQ, a 6-digit region code, a 4-digit year and 6 digits', ruleZh: '合同备案号应为WQ加6位行政区划代码、4位年份和6位数字' };
  }
  return { ok: true };
}

const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * Unified social credit code (GB 32100-2015). Early Fujian pilot codes fail the checksum yet are
 * legal, so callers pass the known exceptions from configuration.
 */
export function validateCreditCode(value: string, knownExceptions: readonly string[] = []): Validation {
  if (knownExceptions.includes(value)) return { ok: true };
  if (value.length !== 18 || [...value].some((c) => !CREDIT_CODE_ALPHABET.includes(c))) {
    return { ok: false, rule: 'a credit code is 18 characters of 0-9 and A-Z without I, O, S, V, Z', ruleZh: '统一社会信用代码应为18位，由0-9和除I、O、S、V、Z外的大写字母组成' };
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(value[i]!) * (3 ** i % 31);
  const check = CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
  if (check !== value[17]) return { ok: false, rule: 'the credit code check character (GB 32100) does not match', ruleZh: '统一社会信用代码校验位不符（GB 32100）' };
  return { ok: true };
}

/** Mainland mobile number, with an optional +86/86 prefix; returns the 11-digit form. */
export function normaliseMobile(value: string): string | null {
  const match = /^(?:\+?86)?(1[3-9]\d{9})$/.exec(value);
  return match ? match[1]! : null;
}
