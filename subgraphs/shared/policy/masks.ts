/**
 * Masks (脱敏) in the forms of DOMAIN.md, applied on the server so the clear value never reaches a
 * client that may not see it. Each keeps just enough for a person to recognise their own record.
 */

/** Two-character surnames (复姓), kept whole as the surname is. */
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '司徒', '夏侯', '轩辕', '端木', '独孤', '南宫', '西门', '百里'];

/** 张三 → 张*, 欧阳娜娜 → 欧阳**: the surname kept, the given name masked. */
export function maskName(name: string): string {
  const characters = [...name];
  const surname = COMPOUND_SURNAMES.some((compound) => name.startsWith(compound)) && characters.length > 2 ? 2 : 1;
  return characters.length <= 1 ? '*' : `${characters.slice(0, surname).join('')}${'*'.repeat(characters.length - surname)}`;
}

export type IdNumberMaskForm = 'strict' | 'six-four';

/** strict: first 1 + last 2 (3***************1X); six-four: first 6 + last 4. */
export function maskIdNumber(idNumber: string, form: IdNumberMaskForm): string {
  const [head, tail] = form === 'strict' ? [1, 2] : [6, 4];
  if (idNumber.length <= head + tail) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, head) + '*'.repeat(idNumber.length - head - tail) + idNumber.slice(-tail);
}

/** 13805910316 → 138****0316. */
export function maskMobile(mobile: string): string {
  return mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : '*'.repeat(mobile.length);
}

/** Keeps the city and district (up to the last 市/区/县 in the first 12 characters), masks the rest. */
export function maskAddress(address: string): string {
  const characters = [...address];
  let keep = 0;
  characters.slice(0, 12).forEach((character, index) => {
    if ('市区县'.includes(character)) keep = index + 1;
  });
  return characters.slice(0, keep).join('') + (characters.length > keep ? '****' : '');
}

/** First 4 and last 4 kept, as bank cards and account numbers are shown. */
export function maskAccountNumber(account: string): string {
  return account.length <= 8 ? '*'.repeat(account.length) : `${account.slice(0, 4)}${'*'.repeat(account.length - 8)}${account.slice(-4)}`;
}
