import {
  idNumberCheckCharacter,
  normaliseMobile,
  validateContractNumber,
  validateCreditCode,
  validateIdNumber,
  validateUnitNumber,
} from '../../lib/identifiers';

const TODAY = new Date('2026-11-25T00:00:00Z');

describe('validateIdNumber (GB 11643-1999)', () => {
  it.each(['11010519491231002X', '440524188001010014', '34052419800101001X'])('accepts the published test vector %s', (id) => {
    expect(validateIdNumber(id, TODAY)).toEqual({ ok: true });
  });

  it('refuses a wrong check character', () => {
    expect(validateIdNumber('110105194912310021', TODAY)).toEqual({ ok: false, rule: expect.stringMatching(/check character/), ruleZh: expect.stringMatching(/校验位/) });
  });

  it('refuses a lower-case x, as the standard writes X', () => {
    expect(validateIdNumber('11010519491231002x', TODAY).ok).toBe(false);
  });

  it('refuses an impossible date even with a correct check character', () => {
    const first17 = '35010219900230001';
    expect(validateIdNumber(first17 + idNumberCheckCharacter(first17), TODAY)).toMatchObject({ ok: false, rule: expect.stringMatching(/real calendar date/) });
  });

  it('refuses a birth date after today', () => {
    const first17 = '35010220261126001';
    expect(validateIdNumber(first17 + idNumberCheckCharacter(first17), TODAY)).toMatchObject({ ok: false, rule: expect.stringMatching(/future/) });
  });

  it('refuses the wrong length or letters in the body', () => {
    expect(validateIdNumber('3501021990', TODAY).ok).toBe(false);
    expect(validateIdNumber('3501021990A3140316', TODAY).ok).toBe(false);
  });
});

describe('validateUnitNumber', () => {
  it('accepts 28 characters of digits and capitals starting with region and zone digits', () => {
    expect(validateUnitNumber('350102004012GB00318F00060802')).toEqual({ ok: true });
  });
  it.each([
    ['350102004012GB00318F0006080', /28 characters/],
    ['350102004012gb00318f00060802', /capital letters/],
    ['35010A004012GB00318F00060802', /region code/],
  ])('refuses %s', (unit, rule) => {
    expect(validateUnitNumber(unit)).toMatchObject({ ok: false, rule: expect.stringMatching(rule) });
  });
});

describe('validateContractNumber', () => {
  it('accepts WQ + region + year + 6 digits and refuses anything else', () => {
    expect(validateContractNumber('WQ3501022026900001').ok).toBe(true);
    expect(validateContractNumber('WQ35010220269000').ok).toBe(false);
  });
});

describe('validateCreditCode (GB 32100-2015)', () => {
  it('accepts a code whose check character matches', () => {
    expect(validateCreditCode('91350100M000100Y43')).toEqual({ ok: true });
  });
  it('refuses the early Fujian pilot code unless it is on the exception list', () => {
    expect(validateCreditCode('91350100M0001TGQXM').ok).toBe(false);
    expect(validateCreditCode('91350100M0001TGQXM', ['91350100M0001TGQXM']).ok).toBe(true);
  });
  it('refuses letters the standard leaves out', () => {
    expect(validateCreditCode('91350100M000100I43')).toMatchObject({ ok: false, rule: expect.stringMatching(/without I, O, S, V, Z/) });
  });
});

describe('normaliseMobile', () => {
  it('strips +86 and 86 and refuses numbers that are not mainland mobiles', () => {
    expect(normaliseMobile('+8613805910316')).toBe('13805910316');
    expect(normaliseMobile('8613805910316')).toBe('13805910316');
    expect(normaliseMobile('12805910316')).toBeNull();
  });
});
