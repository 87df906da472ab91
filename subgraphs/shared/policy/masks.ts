/**
 * Masks (脱敏) in the forms of DOMAIN.md, applied on the server so the clear value never reaches a
 * client that may not see it. Each keeps just enough for a person to recognise their own record.
 */

/** 张三 → 张*, 欧阳娜娜 → 欧**: the first character kept. */
export function maskName(name: string): string {
  const characters = [...name];
  return characters.length <= 1 ? '*' : `${characters[0]}${'*'.repeat(characters.length - 1)}`;
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
