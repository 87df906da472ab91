/** Synthetic people: a valid ID number for a Fujian county, a plausible name, mobile and address. */
import type { HouseholdStatus, PersonRecord } from '../../lib/agency-contracts';
import type { DatasetBuilder } from './builder';
import { dateBetween } from './dates';
import { countiesOf, placeName, type FujianCounty } from './fujian';
import { BRAND_WORDS, ESTATE_SUFFIXES, GIVEN_NAME_CHARACTERS, MOBILE_PREFIXES, ROADS, SURNAMES } from './names';
import { buildIdNumber } from './numbers';
import type { Random } from './prng';

export type Gender = PersonRecord['gender'];

export interface PersonOptions {
  county: FujianCounty;
  gender: Gender;
  birthYears: readonly [number, number];
  householdStatus?: HouseholdStatus;
  /** A child takes a parent's surname. */
  surname?: string;
  /** A child is registered in a parent's household, at the parent's address. */
  household?: { region: string; address: string };
}

export function synthesisePerson(random: Random, builder: DatasetBuilder, options: PersonOptions): PersonRecord {
  const [fromYear, toYear] = options.birthYears;
  const birthDate = dateBetween(`${fromYear}-01-01`, `${toYear}-12-31`, random.next());
  const idNumber = freeIdNumber(random, builder, options.county.code, birthDate, options.gender);
  // Most people keep the household registration where their ID was issued; some moved within the city.
  const householdCounty = random.chance(0.85) ? options.county : random.pick(countiesOf(options.county.city));
  const name = options.surname ? options.surname + givenName(random, options.gender) : synthesiseName(random, options.gender);
  return builder.addPerson({
    idNumber,
    name,
    gender: options.gender,
    birthDate,
    householdStatus: options.householdStatus ?? 'ACTIVE',
    householdRegion: options.household?.region ?? householdCounty.code,
    householdAddress: options.household?.address ?? synthesiseAddress(random, householdCounty),
    mobile: `${random.pick(MOBILE_PREFIXES)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
    // Set once the household is known (DatasetBuilder.recordMinorChildren).
    minorChildIdNumbers: [],
  });
}

function givenName(random: Random, gender: Gender): string {
  const characters = GIVEN_NAME_CHARACTERS[gender];
  return random.chance(0.75) ? random.pick(characters) + random.pick(characters) : random.pick(characters);
}

export function synthesiseName(random: Random, gender: Gender): string {
  const given = givenName(random, gender);
  return random.weighted(SURNAMES) + given;
}

export function synthesiseEstateName(random: Random): string {
  return random.pick(BRAND_WORDS) + random.pick(ESTATE_SUFFIXES);
}

export function synthesiseAddress(random: Random, county: FujianCounty): string {
  return `${placeName(county)}${random.pick(ROADS)}${random.int(1, 399)}号${synthesiseEstateName(random)}${random.int(1, 30)}幢${random.int(1, 33)}0${random.int(1, 6)}室`;
}

/** Sequence digits are drawn until the ID is unused; their parity must match the gender. */
function freeIdNumber(random: Random, builder: DatasetBuilder, region: string, birthDate: string, gender: Gender): string {
  for (;;) {
    const sequence = random.int(0, 499) * 2 + (gender === 'MALE' ? 1 : 0);
    const idNumber = buildIdNumber(region, birthDate, sequence);
    if (!builder.hasPerson(idNumber)) return idNumber;
  }
}
