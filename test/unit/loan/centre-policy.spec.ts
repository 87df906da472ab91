import { CENTRE_POLICIES, policyFor, PROVINCIAL_DEFAULT_CODE, type CentrePolicy } from '../../../subgraphs/loan/domain/centre-policy';

describe('policyFor', () => {
  it('picks the version in force on the date', () => {
    expect(policyFor('350100', '2025-05-07')).toMatchObject({ centreCode: '350100', effectiveFrom: '2024-05-18' });
    expect(policyFor('350100', '2025-05-08')).toMatchObject({ centreCode: '350100', effectiveFrom: '2025-05-08' });
    expect(policyFor('350100', '2026-11-20').loanCapFen.COUPLE.FIRST).toBe(100_000_000);
    expect(policyFor('350100', '2025-05-07').loanCapFen.COUPLE.FIRST).toBe(80_000_000);
  });

  it('has a version for 福州, 厦门, 泉州, 漳州 and the province', () => {
    for (const code of ['350100', '350200', '350500', '350600', PROVINCIAL_DEFAULT_CODE]) {
      expect(policyFor(code, '2026-11-20').centreCode).toBe(code);
    }
  });

  it('judges an unknown centre by the provincial default', () => {
    expect(policyFor('350800', '2026-11-20').centreCode).toBe(PROVINCIAL_DEFAULT_CODE);
    expect(policyFor('999999', '2026-11-20').centreCode).toBe(PROVINCIAL_DEFAULT_CODE);
  });

  it('judges a date before a centre’s first version by the provincial default in force', () => {
    const base = policyFor(PROVINCIAL_DEFAULT_CODE, '2024-05-18');
    const versions: CentrePolicy[] = [
      { ...base, effectiveFrom: '2020-01-01' },
      { ...base, centreCode: '350100', effectiveFrom: '2023-01-01' },
    ];
    expect(policyFor('350100', '2022-12-31', versions)).toMatchObject({ centreCode: PROVINCIAL_DEFAULT_CODE, effectiveFrom: '2020-01-01' });
    expect(policyFor('350100', '2023-01-01', versions)).toMatchObject({ centreCode: '350100', effectiveFrom: '2023-01-01' });
  });

  it('refuses a date before any provincial version', () => {
    expect(() => policyFor('350100', '2024-05-17')).toThrow(/no HPF loan policy is recorded/);
  });

  it('refuses a malformed date', () => {
    expect(() => policyFor('350100', '2026/11/20')).toThrow(/calendar date/);
  });
});

describe('CENTRE_POLICIES', () => {
  it('says plainly on every version that its figures are unconfirmed placeholders', () => {
    for (const policy of CENTRE_POLICIES) expect(policy.sourceNote).toMatch(/UNCONFIRMED PLACEHOLDER/);
  });

  it('states caps in whole fen, a couple never below a single borrower, a second home never above a first', () => {
    for (const { loanCapFen } of CENTRE_POLICIES) {
      for (const household of [loanCapFen.SINGLE, loanCapFen.COUPLE]) {
        expect(Number.isSafeInteger(household.FIRST) && Number.isSafeInteger(household.SECOND)).toBe(true);
        expect(household.SECOND).toBeLessThanOrEqual(household.FIRST);
      }
      expect(loanCapFen.COUPLE.FIRST).toBeGreaterThanOrEqual(loanCapFen.SINGLE.FIRST);
    }
  });

  it('asks a larger down payment for a second home, as whole basis points', () => {
    for (const { minimumDownPaymentBasisPoints: down } of CENTRE_POLICIES) {
      expect(Number.isInteger(down.FIRST) && Number.isInteger(down.SECOND)).toBe(true);
      expect(down.SECOND).toBeGreaterThan(down.FIRST);
    }
  });

  it('gives each centre at most one version per effective date', () => {
    const keys = CENTRE_POLICIES.map((p) => `${p.centreCode}@${p.effectiveFrom}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('cannot be changed at run time', () => {
    const policy = policyFor('350200', '2026-11-20');
    expect(Object.isFrozen(policy) && Object.isFrozen(policy.loanCapFen.SINGLE) && Object.isFrozen(policy.repaymentCapacity)).toBe(true);
  });
});
