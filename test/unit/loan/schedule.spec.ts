import { largestPrincipalFor, repaymentSchedule, type RepaymentMethod, type RepaymentSchedule } from '../../../subgraphs/loan/domain/schedule';

const MILLION_YUAN = 100_000_000; // fen

/** r = 2.6 % / 12 = 13/6000, written out here rather than taken from the code under test. */
const R_NUM = 13n;
const R_DEN = 6000n;

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function expectConsistent(schedule: RepaymentSchedule): void {
  let remaining = schedule.principalFen;
  for (const instalment of schedule.instalments) {
    expect(Number.isSafeInteger(instalment.paymentFen) && Number.isSafeInteger(instalment.interestFen)).toBe(true);
    expect(instalment.paymentFen).toBe(instalment.principalFen + instalment.interestFen);
    expect(instalment.principalFen).toBeGreaterThanOrEqual(0);
    remaining -= instalment.principalFen;
    expect(instalment.remainingFen).toBe(remaining);
  }
  expect(sum(schedule.instalments.map((i) => i.principalFen))).toBe(schedule.principalFen);
  expect(sum(schedule.instalments.map((i) => i.interestFen))).toBe(schedule.totalInterestFen);
  expect(sum(schedule.instalments.map((i) => i.paymentFen))).toBe(schedule.totalPaymentFen);
  expect(schedule.totalPaymentFen).toBe(schedule.principalFen + schedule.totalInterestFen);
}

describe('repaymentSchedule', () => {
  describe('等额本息 (EQUAL_INSTALMENT)', () => {
    const schedule = repaymentSchedule({ principalFen: MILLION_YUAN, annualRatePercent: '2.6', termMonths: 360, method: 'EQUAL_INSTALMENT' });

    it('pays 4,003.40 a month on 1,000,000 yuan at 2.6 % over 360 months', () => {
      expect(schedule.instalments).toHaveLength(360);
      for (const instalment of schedule.instalments.slice(0, 359)) expect(instalment.paymentFen).toBe(400_340);
    });

    it('charges 441,222.96 yuan of interest in all', () => {
      expect(schedule.totalInterestFen).toBe(44_122_296);
      expect(schedule.totalPaymentFen).toBe(144_122_296);
    });

    it('charges the first month interest on the whole principal: 1,000,000 × 13/6000 = 2,166.67', () => {
      expect(schedule.instalments[0]).toEqual({ period: 1, paymentFen: 400_340, principalFen: 183_673, interestFen: 216_667, remainingFen: 99_816_327 });
    });

    it('settles the residual in the last instalment, which leaves nothing owed', () => {
      const [beforeLast, last] = schedule.instalments.slice(-2);
      expect(last!.principalFen).toBe(beforeLast!.remainingFen);
      expect(last!.remainingFen).toBe(0);
      // The rounded-up 4,003.40 has repaid a little ahead of the exact schedule, so the last month is lighter.
      expect(last!.paymentFen).toBe(400_236);
    });

    it('adds the principal parts up to the principal exactly', () => {
      expectConsistent(schedule);
    });
  });

  describe('等额本金 (EQUAL_PRINCIPAL)', () => {
    const schedule = repaymentSchedule({ principalFen: MILLION_YUAN, annualRatePercent: '2.6', termMonths: 360, method: 'EQUAL_PRINCIPAL' });

    it('pays 4,944.44 in the first month on 1,000,000 yuan at 2.6 % over 360 months', () => {
      expect(schedule.instalments[0]!.paymentFen).toBe(494_444);
    });

    it('charges 391,083.33 yuan of interest in all', () => {
      expect(schedule.totalInterestFen).toBe(39_108_333);
    });

    it('pays less every month', () => {
      const payments = schedule.instalments.map((i) => i.paymentFen);
      for (let k = 1; k < payments.length; k++) expect(payments[k]!).toBeLessThan(payments[k - 1]!);
    });

    it('rounds each month’s payment of the formula P/n + (P − (k−1)·P/n)·r to the nearest fen', () => {
      const P = BigInt(MILLION_YUAN);
      const n = 360n;
      for (const instalment of schedule.instalments.slice(0, 359)) {
        const k = BigInt(instalment.period);
        // exact payment = P·(R_DEN + (n−k+1)·R_NUM) / (n·R_DEN); nearest fen, halves up
        const numerator = P * (R_DEN + (n - k + 1n) * R_NUM);
        const denominator = n * R_DEN;
        expect(BigInt(instalment.paymentFen)).toBe((2n * numerator + denominator) / (2n * denominator));
      }
    });

    it('keeps the interest paid to date within half a fen of the exact interest to date', () => {
      const P = BigInt(MILLION_YUAN);
      const n = 360n;
      let paid = 0n;
      for (const instalment of schedule.instalments) {
        paid += BigInt(instalment.interestFen);
        const k = BigInt(instalment.period);
        // Σ_{j≤k} (P − (j−1)·P/n)·r = P·r·k·(2n − k + 1)/(2n), compared in units of 1/(2·n·R_DEN) fen
        const exactTimesDen = P * R_NUM * k * (2n * n - k + 1n);
        const den = 2n * n * R_DEN;
        const gap = paid * den * 2n - exactTimesDen * 2n;
        expect(gap <= den && gap >= -den).toBe(true);
      }
    });

    it('settles the residual in the last instalment, which leaves nothing owed', () => {
      const [beforeLast, last] = schedule.instalments.slice(-2);
      expect(last!.principalFen).toBe(beforeLast!.remainingFen);
      expect(last!.remainingFen).toBe(0);
    });

    it('adds the principal parts up to the principal exactly', () => {
      expectConsistent(schedule);
    });
  });

  it.each<[RepaymentMethod, number, string, number]>([
    ['EQUAL_INSTALMENT', 123_456_789, '3.075', 217],
    ['EQUAL_PRINCIPAL', 123_456_789, '3.075', 217],
    ['EQUAL_INSTALMENT', 100_001, '2.1', 12],
    ['EQUAL_PRINCIPAL', 100_001, '2.525', 7],
    ['EQUAL_INSTALMENT', 50_000_000, '2.35', 1],
  ])('keeps %s of %i fen at %s %% over %i months exact to the fen', (method, principalFen, annualRatePercent, termMonths) => {
    const schedule = repaymentSchedule({ principalFen, annualRatePercent, termMonths, method });
    expect(schedule.instalments).toHaveLength(termMonths);
    expect(schedule.instalments.at(-1)!.remainingFen).toBe(0);
    expectConsistent(schedule);
  });

  it('repays a one-month loan with one month of interest', () => {
    const schedule = repaymentSchedule({ principalFen: MILLION_YUAN, annualRatePercent: '2.6', termMonths: 1, method: 'EQUAL_INSTALMENT' });
    expect(schedule.instalments).toEqual([{ period: 1, paymentFen: 100_216_667, principalFen: MILLION_YUAN, interestFen: 216_667, remainingFen: 0 }]);
  });

  it('refuses a fractional principal, a term under one month and a zero rate', () => {
    const base = { principalFen: MILLION_YUAN, annualRatePercent: '2.6', termMonths: 360, method: 'EQUAL_INSTALMENT' as const };
    expect(() => repaymentSchedule({ ...base, principalFen: 100.5 })).toThrow(/integer number of fen/);
    expect(() => repaymentSchedule({ ...base, principalFen: 0 })).toThrow(/positive/);
    expect(() => repaymentSchedule({ ...base, termMonths: 0 })).toThrow(/months ≥ 1/);
    expect(() => repaymentSchedule({ ...base, annualRatePercent: '0' })).toThrow(/positive rate/);
    expect(() => repaymentSchedule({ ...base, annualRatePercent: '2.6e0' })).toThrow(/plain decimal/);
  });
});

describe('largestPrincipalFor', () => {
  /** Exact 等额本息 payment P·r·(1+r)^n / ((1+r)^n − 1) ≤ C, compared without division. */
  const annuityFits = (P: bigint, C: bigint, n: number) => {
    const g = (R_DEN + R_NUM) ** BigInt(n);
    const h = R_DEN ** BigInt(n);
    return P * R_NUM * g <= C * R_DEN * (g - h);
  };

  it('finds the largest 等额本息 principal whose payment fits the capacity', () => {
    const P = largestPrincipalFor({ monthlyPaymentFen: 400_340, annualRatePercent: '2.6', termMonths: 360, method: 'EQUAL_INSTALMENT' });
    expect(annuityFits(BigInt(P), 400_340n, 360)).toBe(true);
    expect(annuityFits(BigInt(P) + 1n, 400_340n, 360)).toBe(false);
    // 4,003.40 is 4,003.397… rounded up, so a little more than 1,000,000 yuan fits.
    expect(P).toBe(100_000_072);
    const schedule = repaymentSchedule({ principalFen: P, annualRatePercent: '2.6', termMonths: 360, method: 'EQUAL_INSTALMENT' });
    expect(schedule.instalments[0]!.paymentFen).toBeLessThanOrEqual(400_340);
  });

  it('fits the first, largest month of 等额本金 to the capacity', () => {
    const P = largestPrincipalFor({ monthlyPaymentFen: 494_444, annualRatePercent: '2.6', termMonths: 360, method: 'EQUAL_PRINCIPAL' });
    // first month P·(1/n + r) = P·(R_DEN + n·R_NUM)/(n·R_DEN) ≤ C
    const fits = (p: bigint) => p * (R_DEN + 360n * R_NUM) <= 494_444n * 360n * R_DEN;
    expect(fits(BigInt(P))).toBe(true);
    expect(fits(BigInt(P) + 1n)).toBe(false);
  });

  it('lends nothing on no capacity', () => {
    expect(largestPrincipalFor({ monthlyPaymentFen: 0, annualRatePercent: '2.6', termMonths: 360, method: 'EQUAL_INSTALMENT' })).toBe(0);
  });
});
