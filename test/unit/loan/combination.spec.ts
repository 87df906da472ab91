import { commercialRateFor, splitCombination, type LprRow } from '../../../subgraphs/loan/domain/combination';

describe('the combination loan’s two parts', () => {
  it('lends the HPF part up to the HPF maximum and the bank the rest, within what the down payment leaves', () => {
    expect(splitCombination(150_000_000, 80_000_000, 316_000_000)).toEqual({ hpfPartFen: 80_000_000, commercialPartFen: 70_000_000 });
    // Under the HPF maximum, the bank lends nothing.
    expect(splitCombination(50_000_000, 80_000_000, 316_000_000)).toEqual({ hpfPartFen: 50_000_000, commercialPartFen: 0 });
    // Exactly price × (1 − down payment): the commercial part is that less the HPF part.
    expect(splitCombination(316_000_000, 80_000_000, 316_000_000)).toEqual({ hpfPartFen: 80_000_000, commercialPartFen: 236_000_000 });
    expect(splitCombination(316_000_001, 80_000_000, 316_000_000)).toBeNull();
  });

  it('prices the commercial part at the LPR of its term plus the bank’s spread, exactly', () => {
    expect(commercialRateFor({ applicationDate: '2026-11-20', termMonths: 240, homeOrder: 'FIRST' })).toMatchObject({ annualRatePercent: '3.2', lprPercent: '3.5', spreadBasisPoints: -30 });
    expect(commercialRateFor({ applicationDate: '2026-11-20', termMonths: 60, homeOrder: 'SECOND' })).toMatchObject({ annualRatePercent: '3', lprPercent: '3.0' });
    const table: LprRow[] = [{ effectiveFrom: '2026-01-20', oneYearPercent: '2.95', overFiveYearsPercent: '3.45', sourceNote: 'test' }];
    expect(commercialRateFor({ applicationDate: '2026-11-20', termMonths: 240, homeOrder: 'FIRST' }, table).annualRatePercent).toBe('3.15');
    expect(() => commercialRateFor({ applicationDate: '2025-01-01', termMonths: 240, homeOrder: 'FIRST' })).toThrow(/no LPR is recorded/);
  });
});
