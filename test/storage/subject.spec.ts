import { createHmac } from 'node:crypto';
import { maskIdNumberForRecord, subjectKeyOf } from '../../storage';

const SECRET = '6b'.repeat(32);

describe('subjectKeyOf', () => {
  it('is the HMAC-SHA256 of the ID number under the secret, in hex', () => {
    const expected = createHmac('sha256', Buffer.from(SECRET, 'hex')).update('11010519491231002X').digest('hex');
    expect(subjectKeyOf(SECRET, '11010519491231002X')).toBe(expected);
  });

  it('gives one person one key whatever the case of the check character', () => {
    expect(subjectKeyOf(SECRET, '11010519491231002x')).toBe(subjectKeyOf(SECRET, '11010519491231002X'));
    expect(subjectKeyOf(SECRET, '440524188001010014')).not.toBe(subjectKeyOf(SECRET, '11010519491231002X'));
  });

  it('gives other keys under another secret, and refuses a short or non-hex secret', () => {
    expect(subjectKeyOf('7c'.repeat(32), '440524188001010014')).not.toBe(subjectKeyOf(SECRET, '440524188001010014'));
    expect(() => subjectKeyOf('ab'.repeat(16), '440524188001010014')).toThrow(/32 bytes/);
    expect(() => subjectKeyOf('zz'.repeat(32), '440524188001010014')).toThrow(/hex/);
  });
});

describe('maskIdNumberForRecord', () => {
  it('keeps the first character and the last two', () => {
    expect(maskIdNumberForRecord('350524198001010016')).toBe('3***************16');
    expect(maskIdNumberForRecord('11010519491231002x')).toBe('1***************2X');
  });

  it('masks a value too short to keep anything of', () => {
    expect(maskIdNumberForRecord('123')).toBe('***');
  });
});
