/**
 * How the stores know a data subject without holding their ID number: a keyed hash (HMAC-SHA256)
 * to find their records, and the strict masked form to show. A plain hash would not do: ID numbers
 * are few and structured enough to enumerate, so without the secret key anyone holding the store
 * could recover them. The key is for this purpose only; changing it orphans every stored record.
 */
import { createHmac } from 'node:crypto';

/** 32 bytes or more, as hex: HMAC-SHA256 gains nothing from a longer key and loses from a shorter. */
const SECRET_HEX = /^(?:[0-9a-f]{2}){32,}$/i;

/** One person, one key: surrounding spaces and the case of the check character do not matter. */
function normalizeIdNumber(idNumber: string): string {
  return idNumber.trim().toUpperCase();
}

export function subjectKeyOf(secretHex: string, idNumber: string): string {
  if (!SECRET_HEX.test(secretHex)) throw new TypeError('the subject key secret must be at least 32 bytes of hex');
  return createHmac('sha256', Buffer.from(secretHex, 'hex')).update(normalizeIdNumber(idNumber), 'utf8').digest('hex');
}

/** People keyed at most before the memo starts again: it is only a shortcut. */
const REMEMBERED_SUBJECTS = 100_000;

/**
 * subjectKeyOf under one secret, each person keyed once: an HMAC per person per look-up adds up on
 * list pages, and the key of a person never changes.
 */
export function subjectKeyMemo(secretHex: string): (idNumber: string) => string {
  const keys = new Map<string, string>();
  return (idNumber) => {
    let key = keys.get(idNumber);
    if (key === undefined) {
      if (keys.size >= REMEMBERED_SUBJECTS) keys.clear();
      key = subjectKeyOf(secretHex, idNumber);
      keys.set(idNumber, key);
    }
    return key;
  };
}

/** The strict form for records (first 1 and last 2 kept): `3***************16`. */
export function maskIdNumberForRecord(idNumber: string): string {
  const value = normalizeIdNumber(idNumber);
  if (value.length <= 3) return '*'.repeat(value.length);
  return `${value.slice(0, 1)}${'*'.repeat(value.length - 3)}${value.slice(-2)}`;
}
