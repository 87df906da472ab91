import { HPF_RATE_TABLE, monthlyRateOf, rateFor } from '../../../subgraphs/loan/domain/rates';

describe('rateFor', () => {
  it('gives the rates of 2025-05-08 from that day on', () => {
    const on = (termMonths: number, homeOrder: 'FIRST' | 'SECOND') => rateFor({ applicationDate: '2025-05-08', termMonths, homeOrder }).annualRatePercent;
    expect(on(360, 'FIRST')).toBe('2.6');
    expect(on(60, 'FIRST')).toBe('2.1');
    expect(on(360, 'SECOND')).toBe('3.075');
    expect(on(60, 'SECOND')).toBe('2.525');
  });

  it('gives the rates of 2024-05-18 on the day before 2025-05-08', () => {
    const on = (termMonths: number, homeOrder: 'FIRST' | 'SECOND') => rateFor({ applicationDate: '2025-05-07', termMonths, homeOrder }).annualRatePercent;
    expect(on(360, 'FIRST')).toBe('2.85');
    expect(on(60, 'FIRST')).toBe('2.35');
    expect(on(360, 'SECOND')).toBe('3.325');
    expect(on(60, 'SECOND')).toBe('2.775');
  });

  it('keeps the latest rates for later dates', () => {
    expect(rateFor({ applicationDate: '2026-11-20', termMonths: 240, homeOrder: 'SECOND' })).toMatchObject({
      annualRatePercent: '3.075',
      effectiveFrom: '2025-05-08',
      band: 'OVER_FIVE_YEARS',
      homeOrder: 'SECOND',
    });
  });

  it('counts 60 months as five years and under, and 61 as over five years', () => {
    expect(rateFor({ applicationDate: '2025-06-01', termMonths: 60, homeOrder: 'FIRST' })).toMatchObject({ band: 'UP_TO_FIVE_YEARS', annualRatePercent: '2.1' });
    expect(rateFor({ applicationDate: '2025-06-01', termMonths: 61, homeOrder: 'FIRST' })).toMatchObject({ band: 'OVER_FIVE_YEARS', annualRatePercent: '2.6' });
    expect(rateFor({ applicationDate: '2025-06-01', termMonths: 1, homeOrder: 'SECOND' }).annualRatePercent).toBe('2.525');
  });

  it('cites its source on every quote', () => {
    expect(rateFor({ applicationDate: '2024-05-18', termMonths: 120, homeOrder: 'FIRST' }).sourceNote).toMatch(/2024-05-18/);
    for (const row of HPF_RATE_TABLE) expect(row.sourceNote).toMatch(/PBoC/);
  });

  it('refuses an application date before the earliest row', () => {
    expect(() => rateFor({ applicationDate: '2024-05-17', termMonths: 360, homeOrder: 'FIRST' })).toThrow(/no HPF loan rate is recorded for applications before 2024-05-18/);
  });

  it('refuses an impossible date and a term under one month', () => {
    expect(() => rateFor({ applicationDate: '2025-02-30', termMonths: 360, homeOrder: 'FIRST' })).toThrow(/calendar date/);
    expect(() => rateFor({ applicationDate: '2025-06-01', termMonths: 0, homeOrder: 'FIRST' })).toThrow(/months ≥ 1/);
    expect(() => rateFor({ applicationDate: '2025-06-01', termMonths: 12.5, homeOrder: 'FIRST' })).toThrow(/months ≥ 1/);
  });

  it('holds rates as exact decimal strings, never floats', () => {
    for (const row of HPF_RATE_TABLE) {
      for (const bands of Object.values(row.annualRatePercent)) for (const rate of Object.values(bands)) expect(rate).toMatch(/^\d+\.\d+$/);
    }
    expect(Object.isFrozen(HPF_RATE_TABLE[0]!.annualRatePercent.SECOND)).toBe(true);
  });
});

describe('monthlyRateOf', () => {
  it('divides the annual rate by twelve exactly', () => {
    expect(monthlyRateOf('2.6')).toEqual({ numerator: 13n, denominator: 6000n });
    expect(monthlyRateOf('2.525')).toEqual({ numerator: 101n, denominator: 48000n });
  });
});
