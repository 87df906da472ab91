/** Synthetic homes: unit numbers, developers, prices, areas and the deed-tax rate that applies. */
import type { SaleType } from '../../lib/agency-contracts';
import type { DatasetBuilder, Developer } from './builder';
import { cityCodeOf, placeName, type FujianCity, type FujianCounty } from './fujian';
import { BRAND_WORDS, ROADS } from './names';
import { buildCreditCode, buildUnitNumber } from './numbers';
import type { Random } from './prng';
import { synthesiseEstateName } from './generate-person';

/** Prices outside this band are pulled back into it: the HPF loan market the platform serves. */
const PRICE_BAND_YUAN = [1_500_000, 6_000_000] as const;

export interface HomeFacts {
  unitNumber: string;
  address: string;
  areaSquareMetres: string;
  priceFen: number;
}

export function synthesiseHome(random: Random, builder: DatasetBuilder, county: FujianCounty): HomeFacts {
  const building = random.int(1, 40);
  const floor = random.int(1, 33);
  const door = random.int(1, 6);
  const unitNumber = freeUnitNumber(random, builder, county, building, floor * 100 + door);
  const areaHundredths = random.int(6_800, 15_800);
  const [low, high] = county.city.pricePerSquareMetre;
  const rawYuan = (areaHundredths / 100) * random.int(low, high);
  // Outside the band, land somewhere near its edge rather than on it, so prices do not pile up.
  const bandedYuan =
    rawYuan < PRICE_BAND_YUAN[0]
      ? PRICE_BAND_YUAN[0] + random.int(0, 300_000)
      : rawYuan > PRICE_BAND_YUAN[1]
        ? PRICE_BAND_YUAN[1] - random.int(0, 800_000)
        : rawYuan;
  const priceYuan = Math.round(bandedYuan / 1_000) * 1_000;
  return {
    unitNumber,
    address: `${placeName(county)}${random.pick(ROADS)}${random.int(1, 399)}号${synthesiseEstateName(random)}${building}幢${floor}0${door}室`,
    areaSquareMetres: (areaHundredths / 100).toFixed(2),
    priceFen: priceYuan * 100,
  };
}

/** What the contract filing says of the sale and the building, and the tax bureau's assessed value. */
export interface SaleFacts {
  saleType: SaleType;
  buildingCompletedYear: number;
  greenBuildingStars: number;
  assessedValueFen: number | null;
}

/**
 * A sale filed in `filedYear`: a new home off-plan (期房, completed a year or two later) or ready
 * (现房, completed this year or last), or a resale of a home completed 1985–2020. Most homes carry no
 * green building rating; new ones sometimes do. A resale's assessed value (计税价格) is often a
 * little below the price and never above it here.
 */
export function synthesiseSale(random: Random, priceFen: number, filedYear: number, kind: 'OFF_PLAN' | 'READY' | 'RESALE'): SaleFacts {
  if (kind === 'RESALE') {
    const buildingCompletedYear = random.weighted([[random.int(1985, 1999), 20], [random.int(2000, 2009), 35], [random.int(2010, 2020), 45]] as const);
    const greenBuildingStars = buildingCompletedYear >= 2015 && random.chance(0.1) ? 1 : 0;
    const percentOfPrice = random.chance(0.7) ? random.int(82, 98) : 100;
    return { saleType: 'RESALE', buildingCompletedYear, greenBuildingStars, assessedValueFen: Math.floor((priceFen * percentOfPrice) / 100 / 10_000) * 10_000 };
  }
  const buildingCompletedYear = kind === 'OFF_PLAN' ? filedYear + random.int(1, 2) : filedYear - random.int(0, 1);
  const greenBuildingStars = random.weighted([[0, 72], [1, 14], [2, 9], [3, 5]] as const);
  return { saleType: 'NEW', buildingCompletedYear, greenBuildingStars, assessedValueFen: null };
}

/**
 * Deed tax (契税) for an individual's home purchase, per 财政部 税务总局 住房城乡建设部公告2024年第16号:
 * the family's only home 1 % up to 140 m², 1.5 % above; a second home 1 % / 2 %; otherwise the
 * general rate, 3 % in Fujian. Returned in basis points of the price.
 */
export function deedTaxBasisPoints(homesIncludingThis: number, areaSquareMetres: string): number {
  const large = Number(areaSquareMetres) > 140;
  if (homesIncludingThis <= 1) return large ? 150 : 100;
  if (homesIncludingThis === 2) return large ? 200 : 100;
  return 300;
}

/** A small, stable pool of developers per city, so the same seller appears on many contracts. */
export class DeveloperPool {
  private readonly byCity = new Map<string, Developer[]>();

  constructor(private readonly random: Random) {}

  pick(county: FujianCounty): Developer {
    return this.random.pick(this.developersOf(county));
  }

  private developersOf(county: FujianCounty): Developer[] {
    const existing = this.byCity.get(county.city.prefix);
    if (existing) return existing;
    const developers = Array.from({ length: 6 }, () => this.synthesise(county.city));
    this.byCity.set(county.city.prefix, developers);
    return developers;
  }

  private synthesise(city: FujianCity): Developer {
    const digits = Array.from({ length: 9 }, () => this.random.int(0, 30));
    return {
      name: `${city.name}${this.random.pick(BRAND_WORDS)}${this.random.pick(['置业', '房地产开发', '地产'])}有限公司`,
      creditCode: buildCreditCode(cityCodeOf(city), digits),
    };
  }
}

function freeUnitNumber(random: Random, builder: DatasetBuilder, county: FujianCounty, building: number, room: number): string {
  for (;;) {
    const unitNumber = buildUnitNumber({
      region: county.code,
      zone: random.int(1, 12),
      subzone: random.int(1, 20),
      parcel: random.int(1, 99_999),
      building,
      room,
    });
    if (!builder.hasUnit(unitNumber)) return unitNumber;
  }
}
