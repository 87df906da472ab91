/**
 * A secret the store must read back (a webhook's signing secret) is sealed for its row under a key
 * kept outside the database: without that key, or on another row, or altered, it does not open.
 */
import { chainKeys } from '../../storage/access-chain';
import { isSealed, seal, sealingKeyOf, unseal } from '../../storage/sealed-secrets';

const KEY = sealingKeyOf('spec-only-access-record-chain-key-7f3a9c1e5b');
const ROW = '0b9c3d4e-5f60-4a71-8b92-a3b4c5d6e7f8';

describe('sealed secrets', () => {
  it('opens for its row under its key, and shows nothing of the secret', () => {
    const sealed = seal(KEY, 'whsec_0123456789abcdef', ROW);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('whsec_0123456789abcdef');
    expect(unseal(KEY, sealed, ROW)).toBe('whsec_0123456789abcdef');
    // A fresh nonce each time: the same secret never seals to the same text twice.
    expect(seal(KEY, 'whsec_0123456789abcdef', ROW)).not.toBe(sealed);
  });

  it('does not open under another key, for another row, or altered', () => {
    const sealed = seal(KEY, 'whsec_0123456789abcdef', ROW);
    const altered = `${sealed.slice(0, -6)}${sealed.slice(-6) === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA'}`;
    for (const [key, stored, row] of [
      [sealingKeyOf('another-deployments-chain-key-0123456789'), sealed, ROW],
      [KEY, sealed, '1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5'],
      [KEY, altered, ROW],
    ] as const) {
      expect(() => unseal(key, stored, row)).toThrow(expect.objectContaining({ code: 'SEALED_SECRET_INVALID' }));
    }
  });

  it('reads a secret stored before sealing as it is (opening the storage seals it)', () => {
    expect(isSealed('whsec_from_before')).toBe(false);
    expect(unseal(KEY, 'whsec_from_before', ROW)).toBe('whsec_from_before');
  });

  it('seals under a key of its own, derived from the chain secret as the chain\'s keys are', () => {
    const secret = 'spec-only-access-record-chain-key-7f3a9c1e5b';
    const { record, checkpoint } = chainKeys(secret);
    expect(sealingKeyOf(secret)).toHaveLength(32);
    expect([record.equals(sealingKeyOf(secret)), checkpoint.equals(sealingKeyOf(secret))]).toEqual([false, false]);
  });
});
