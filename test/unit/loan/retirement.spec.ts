import { retirementDelayMonths, statutoryRetirement } from '../../../subgraphs/loan/domain/retirement';

/** The reform's own table (渐进式延迟法定退休年龄, 2025): birth month → retirement age. */
describe('statutory retirement after the 2025 reform', () => {
  it.each([
    [60, '1964-12-15', 0, '2024-12-15'],
    [60, '1965-01-10', 1, '2025-02-10'], // 60 years 1 month
    [60, '1965-05-01', 2, '2025-07-01'],
    [60, '1976-08-31', 35, '2039-07-31'], // 62 years 11 months
    [60, '1976-09-30', 36, '2039-09-30'], // 63, from 1976-09 on
    [60, '1990-03-14', 36, '2053-03-14'],
    [55, '1970-01-20', 1, '2025-02-20'],
    [55, '1981-12-01', 36, '2039-12-01'], // 58
    [50, '1975-01-05', 1, '2025-02-05'],
    [50, '1975-03-05', 2, '2025-05-05'], // one month per two months of birth
    [50, '1984-12-05', 60, '2039-12-05'], // 55
  ] as const)('original %i, born %s: %i months later, on %s', (original, birthDate, delay, date) => {
    expect(retirementDelayMonths(original, birthDate)).toBe(delay);
    expect(statutoryRetirement(original, birthDate).date).toBe(date);
  });
});
