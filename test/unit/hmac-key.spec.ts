import { createHmac, randomBytes } from 'node:crypto';
import { hmacKey } from '../../lib/hmac-key';

describe('hmacKey', () => {
  it('gives the MAC the raw secret gives, for a string (its UTF-8) and for bytes', () => {
    const bytes = randomBytes(32);
    for (const secret of ['app-secret-福州-0001', bytes]) {
      expect(createHmac('sha256', hmacKey(secret)).update('text').digest('hex')).toBe(createHmac('sha256', secret).update('text').digest('hex'));
    }
  });

  it('makes each secret’s key once', () => {
    const bytes = randomBytes(32);
    expect(hmacKey(bytes)).toBe(hmacKey(bytes));
    expect(hmacKey('s3cret')).toBe(hmacKey('s3cret'));
    expect(hmacKey(Buffer.from(bytes))).not.toBe(hmacKey(bytes)); // another Buffer is another entry, with the same bytes
  });
});
