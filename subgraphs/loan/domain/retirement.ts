/**
 * Statutory retirement age after the 2025 reform (全国人民代表大会常务委员会关于实施渐进式延迟法定
 * 退休年龄的决定, 2024-09-13, in force 2025-01-01): from the original 60 (men), 55 and 50 (women,
 * by occupation) the age rises by one month per four months of birth (per two months for the
 * original 50), starting with those born in the month the original age was reached in January
 * 2025, until 63, 58 and 55. Those who reached the original age before 2025 keep it.
 */
import { addMonths, assertIsoDate, type IsoDate } from './dates';

export type OriginalRetirementAge = 60 | 55 | 50;

const REFORM: { readonly [A in OriginalRetirementAge]: { firstBirthYear: number; monthsPerStep: number; maximumDelayMonths: number } } = {
  60: { firstBirthYear: 1965, monthsPerStep: 4, maximumDelayMonths: 36 },
  55: { firstBirthYear: 1970, monthsPerStep: 4, maximumDelayMonths: 36 },
  50: { firstBirthYear: 1975, monthsPerStep: 2, maximumDelayMonths: 60 },
};

/** Months the reform adds for someone of this original age born in this month (0 before it applies). */
export function retirementDelayMonths(original: OriginalRetirementAge, birthDate: IsoDate): number {
  assertIsoDate(birthDate, 'birth date');
  const { firstBirthYear, monthsPerStep, maximumDelayMonths } = REFORM[original];
  const monthsSinceStart = (Number(birthDate.slice(0, 4)) - firstBirthYear) * 12 + (Number(birthDate.slice(5, 7)) - 1);
  if (monthsSinceStart < 0) return 0;
  return Math.min(maximumDelayMonths, Math.floor(monthsSinceStart / monthsPerStep) + 1);
}

/** The statutory retirement age in months and the date it is reached. */
export function statutoryRetirement(original: OriginalRetirementAge, birthDate: IsoDate): { ageMonths: number; date: IsoDate } {
  const ageMonths = original * 12 + retirementDelayMonths(original, birthDate);
  return { ageMonths, date: addMonths(birthDate, ageMonths) };
}
