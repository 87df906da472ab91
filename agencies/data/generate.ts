/**
 * The generator: from a seed, a data set of `size` ordinary applicants, each with a household,
 * perhaps a spouse or a former one, the home they are buying, perhaps an older home, a credit file
 * and HPF accounts. The named scenarios are written first, so they exist whatever the seed.
 */
import type { PersonRecord, ProvidentFundLoanEntry } from '../../lib/agency-contracts';
import { DatasetBuilder, sharesOf } from './builder';
import type { ApplicantTrait, Dataset } from './dataset';
import { addDays, addMonths, dateBetween, earliest, latest, yearOf } from './dates';
import { cityCodeOf, countiesOf, countyOf, FUJIAN_CITIES, placeName, type FujianCounty } from './fujian';
import { BANKS } from './names';
import { createRandom, type Random } from './prng';
import { hpfLoan, levelPaymentFen, NO_DEBTS, synthesiseAccount, synthesiseCreditHistory, type CreditStanding, type KnownDebts } from './generate-finance';
import { synthesisePerson, type Gender } from './generate-person';
import { deedTaxBasisPoints, DeveloperPool, synthesiseHome, synthesiseSale } from './generate-property';
import { insertScenarios } from './insert-scenarios';

export interface DatasetOptions {
  seed?: number;
  size?: number;
  /** The snapshot day; fixed by default so the data set does not change with the calendar. */
  asOf?: string;
}

export const DATASET_DEFAULTS = { seed: 20261125, size: 1000, asOf: '2026-11-20' } as const;

export function generateDataset(options: DatasetOptions = {}): Dataset {
  const seed = options.seed ?? DATASET_DEFAULTS.seed;
  const size = options.size ?? DATASET_DEFAULTS.size;
  const asOf = options.asOf ?? DATASET_DEFAULTS.asOf;
  if (!Number.isInteger(size) || size < 0) throw new Error('size must be a non-negative integer');
  const builder = new DatasetBuilder(asOf);
  insertScenarios(builder);
  const random = createRandom(seed);
  const story = new ApplicantStory(random, builder, new DeveloperPool(random), asOf);
  for (let i = 0; i < size; i++) story.write();
  return builder.build({ seed, size });
}

type Marital = 'NEVER' | 'MARRIED' | 'DIVORCED' | 'REMARRIED_SAME' | 'REMARRIED_NEW';

interface Household {
  spouse: PersonRecord | null;
  /** Who the HPF centre may still have on file after a divorce. */
  formerSpouse: PersonRecord | null;
  traits: ApplicantTrait[];
}

interface OlderHome {
  unitNumber: string;
  hpfLoan: ProvidentFundLoanEntry | null;
  debts: KnownDebts;
}

/** 民法典 art. 1047 sets 22 for men and 20 for women; the generator uses 22 for both. */
const LEGAL_MARRIAGE_AGE_YEARS = 22;

const STANDING_TRAITS: Readonly<Record<CreditStanding, ApplicantTrait | null>> = {
  CLEAN: null,
  THIN: 'THIN_CREDIT_FILE',
  PAST_OVERDUE: 'PAST_OVERDUE',
  SERIOUS_OVERDUE: 'SERIOUS_OVERDUE',
  CURRENT_OVERDUE: 'CURRENT_OVERDUE',
};

/** Writes one applicant's whole situation across every agency. */
class ApplicantStory {
  constructor(
    private readonly random: Random,
    private readonly builder: DatasetBuilder,
    private readonly developers: DeveloperPool,
    private readonly asOf: string,
  ) {}

  write(): void {
    const { random } = this;
    const city = random.weighted(FUJIAN_CITIES.map((c) => [c, c.weight] as const));
    const county = random.pick(countiesOf(city));
    const gender: Gender = random.chance(0.5) ? 'MALE' : 'FEMALE';
    const cancelled = random.chance(0.004);
    const applicant = synthesisePerson(random, this.builder, {
      county,
      gender,
      birthYears: [1960, 2002],
      householdStatus: cancelled ? 'CANCELLED' : 'ACTIVE',
    });
    const household = this.household(applicant, county);
    const traits = [...household.traits];
    if (cancelled) traits.push('HOUSEHOLD_CANCELLED');
    // A couple's children are registered in their one household (户).
    const minorChildren = this.minorChildrenOf(applicant, household.spouse);
    for (const member of [applicant, household.spouse]) if (member) this.builder.recordMinorChildren(member.idNumber, minorChildren);

    const owners = household.spouse && random.chance(0.7) ? [applicant, household.spouse] : [applicant];
    const older = random.chance(0.15) ? this.olderHome(owners, county) : null;
    if (older) traits.push('OTHER_PROPERTY');
    if (older?.hpfLoan) traits.push(older.hpfLoan.status === 'OUTSTANDING' ? 'HPF_LOAN_OUTSTANDING' : 'HPF_LOAN_SETTLED');

    const buyers = household.spouse && random.chance(0.85) ? [applicant, household.spouse] : [applicant];
    const purchase = this.newPurchase(buyers, county, older ? 2 : 1, traits);

    const standing = random.weighted<CreditStanding>([['CLEAN', 82], ['THIN', 6], ['PAST_OVERDUE', 8], ['SERIOUS_OVERDUE', 1.5], ['CURRENT_OVERDUE', 2.5]]);
    const standingTrait = STANDING_TRAITS[standing];
    if (standingTrait) traits.push(standingTrait);
    const debts = older?.debts ?? NO_DEBTS;
    this.builder.addCreditHistory(synthesiseCreditHistory(random, applicant.idNumber, standing, debts, this.asOf, county));
    if (household.spouse) {
      const spouseDebts = owners.includes(household.spouse) ? debts : NO_DEBTS;
      this.builder.addCreditHistory(synthesiseCreditHistory(random, household.spouse.idNumber, 'CLEAN', spouseDebts, this.asOf, county));
    }

    this.providentFund(applicant, household, county, older, traits);
    this.builder.addApplicant({
      idNumber: applicant.idNumber,
      spouseIdNumber: household.spouse?.idNumber ?? null,
      contractNumber: purchase.contractNumber,
      unitNumber: purchase.unitNumber,
      centreCode: cityCodeOf(county.city),
      traits,
      scenario: null,
    });
  }

  private household(applicant: PersonRecord, county: FujianCounty): Household {
    const { random, builder } = this;
    const office = `${placeName(county)}民政局婚姻登记处`;
    const lastDay = addDays(this.asOf, -30);
    const marriageable = (birthDate: string, on: string): boolean => addMonths(birthDate, LEGAL_MARRIAGE_AGE_YEARS * 12) <= on;
    const marital = random.weighted<Marital>([['NEVER', 40], ['MARRIED', 46], ['DIVORCED', 8], ['REMARRIED_SAME', 2], ['REMARRIED_NEW', 4]]);
    if (marital === 'NEVER' || !marriageable(applicant.birthDate, lastDay)) {
      return { spouse: null, formerSpouse: null, traits: ['NEVER_MARRIED'] };
    }

    const first = this.partnerOf(applicant, county, lastDay);
    const wedding = dateBetween(addMonths(latest(applicant.birthDate, first.birthDate), LEGAL_MARRIAGE_AGE_YEARS * 12), lastDay, random.next());
    builder.registerMarriageEvent('MARRIAGE', applicant, first, wedding, office);
    const divorceFrom = addMonths(wedding, 12);
    if (marital === 'MARRIED' || divorceFrom > lastDay) return { spouse: first, formerSpouse: null, traits: ['MARRIED'] };

    const divorce = dateBetween(divorceFrom, lastDay, random.next());
    builder.registerMarriageEvent('DIVORCE', applicant, first, divorce, office);
    const againFrom = addMonths(divorce, 3);
    if (marital === 'DIVORCED' || againFrom > lastDay) return { spouse: null, formerSpouse: first, traits: ['DIVORCED'] };

    const again = dateBetween(againFrom, lastDay, random.next());
    if (marital === 'REMARRIED_SAME') {
      // 复婚: the same couple registers again.
      builder.registerMarriageEvent('REMARRIAGE', applicant, first, again, office);
      return { spouse: first, formerSpouse: null, traits: ['MARRIED', 'REMARRIED'] };
    }
    const second = this.partnerOf(applicant, county, again);
    builder.registerMarriageEvent('MARRIAGE', applicant, second, again, office);
    return { spouse: second, formerSpouse: first, traits: ['MARRIED', 'DIVORCED'] };
  }

  /**
   * The children under 18, each a person of the data set born when both parents were 20 or older,
   * with the parent's surname and household. They are drawn from a randomness of the parent's own,
   * so adding them left every other generated record as it was.
   */
  private minorChildrenOf(parent: PersonRecord, spouse: PersonRecord | null): string[] {
    const count = this.minorChildCount(parent, spouse !== null);
    const random = createRandom(Number(parent.idNumber.slice(6, 17)) % 2_147_483_647);
    const youngest = Math.max(...[parent, spouse].flatMap((p) => (p ? [yearOf(p.birthDate)] : [])));
    const bornFrom = Math.max(youngest + 20, yearOf(this.asOf) - 17);
    if (bornFrom > yearOf(this.asOf) - 1) return [];
    const children: string[] = [];
    for (let i = 0; i < count; i++) {
      const child = synthesisePerson(random, this.builder, {
        county: countyOf(parent.householdRegion),
        gender: random.chance(0.5) ? 'MALE' : 'FEMALE',
        birthYears: [bornFrom, yearOf(this.asOf) - 1],
        surname: [...parent.name][0],
        household: { region: parent.householdRegion, address: parent.householdAddress },
      });
      children.push(child.idNumber);
    }
    return children;
  }

  /** Children under 18 (0–3), as likely as the parent's age and household make them. */
  private minorChildCount(parent: PersonRecord, married: boolean): number {
    const age = yearOf(this.asOf) - yearOf(parent.birthDate);
    if (age < 22 || age > 58) return 0;
    if (!married) return this.random.weighted([[0, 85], [1, 12], [2, 3]] as const);
    if (age < 26) return this.random.weighted([[0, 75], [1, 25]] as const);
    if (age > 50) return this.random.weighted([[0, 70], [1, 25], [2, 5]] as const);
    return this.random.weighted([[0, 25], [1, 45], [2, 25], [3, 5]] as const);
  }

  /** A person of the other gender, near the applicant's age, old enough to marry on `weddingBy`. */
  private partnerOf(person: PersonRecord, county: FujianCounty, weddingBy: string): PersonRecord {
    const year = yearOf(person.birthDate);
    const bornBy = yearOf(weddingBy) - LEGAL_MARRIAGE_AGE_YEARS - 1;
    const from = Math.max(1958, year - 4);
    return synthesisePerson(this.random, this.builder, {
      county: this.random.chance(0.7) ? county : this.random.pick(countiesOf(county.city)),
      gender: person.gender === 'MALE' ? 'FEMALE' : 'MALE',
      birthYears: [Math.min(from, bornBy), Math.min(year + 4, bornBy)],
    });
  }

  private newPurchase(buyers: PersonRecord[], county: FujianCounty, homesIncludingThis: number, traits: ApplicantTrait[]): { contractNumber: string; unitNumber: string } {
    const { random, builder, asOf } = this;
    const home = synthesiseHome(random, builder, county);
    const filedAt = dateBetween(addMonths(asOf, -10), addDays(asOf, -7), random.next());
    const offPlan = random.chance(0.65);
    // About one purchase in seven is a resale (二手房): ready to move in, never off-plan.
    const sale = synthesiseSale(random, home.priceFen, yearOf(filedAt), offPlan ? 'OFF_PLAN' : random.chance(0.4) ? 'RESALE' : 'READY');
    const taxState = random.weighted([['PAID', 93], ['DECLARED', 4], ['UNDECLARED', 3]] as const);
    if (taxState === 'DECLARED') traits.push('TAX_UNPAID');
    if (taxState === 'UNDECLARED') traits.push('TAX_UNDECLARED');
    const declaredAt = taxState === 'UNDECLARED' ? null : earliest(addDays(filedAt, random.int(2, 20)), asOf);
    const paidAt = taxState === 'PAID' && declaredAt ? earliest(addDays(declaredAt, random.int(0, 5)), asOf) : null;
    // 期房 are pre-registered (预告登记) right after filing; 现房 transfer once the tax is paid.
    const status = offPlan ? 'PRE_REGISTERED' : paidAt ? 'REGISTERED' : 'TRANSFER_PENDING';
    const registeredAt = offPlan ? earliest(addDays(filedAt, random.int(3, 20)), asOf) : paidAt ? earliest(addDays(paidAt, random.int(3, 15)), asOf) : filedAt;
    const contractNumber = builder.nextContractNumber(county.code, yearOf(filedAt));
    builder.addProperty({
      county,
      contractNumber,
      unitNumber: home.unitNumber,
      filingType: offPlan ? 'PRE_REGISTRATION' : 'NET_SIGNED_FILING',
      ...sale,
      buyers: sharesOf(buyers),
      seller: this.developers.pick(county),
      priceFen: home.priceFen,
      areaSquareMetres: home.areaSquareMetres,
      address: home.address,
      filedAt,
      deedTaxBasisPoints: deedTaxBasisPoints(homesIncludingThis, home.areaSquareMetres),
      taxDeclaredAt: declaredAt,
      taxPaidAt: paidAt,
      registrationStatus: status,
      registeredAt,
      mortgages: [],
    });
    return { contractNumber, unitNumber: home.unitNumber };
  }

  /** A home bought years ago, perhaps still under a bank mortgage or an HPF loan. */
  private olderHome(owners: PersonRecord[], county: FujianCounty): OlderHome {
    const { random, builder, asOf } = this;
    const home = synthesiseHome(random, builder, county);
    const youngest = owners.map((o) => o.birthDate).reduce((a, b) => latest(a, b));
    const from = latest(addMonths(youngest, 23 * 12), '2005-01-01');
    const to = addMonths(asOf, -24);
    const filedAt = from < to ? dateBetween(from, to, random.next()) : to;
    const paidAt = addDays(filedAt, random.int(5, 30));
    const registeredAt = addDays(paidAt, random.int(5, 20));
    const financing = random.weighted([['CASH', 45], ['BANK', 30], ['HPF_SETTLED', 17], ['HPF_OUTSTANDING', 8]] as const);
    const principalFen = Math.round((home.priceFen * random.int(40, 70)) / 100 / 10_000) * 10_000;
    const termMonths = random.pick([120, 180, 240, 300, 360]);
    const ownerIds = owners.map((o) => o.idNumber);
    const loan =
      financing === 'HPF_SETTLED' || financing === 'HPF_OUTSTANDING'
        ? hpfLoan(builder, {
            county,
            unitNumber: home.unitNumber,
            principalFen,
            startDate: registeredAt,
            termMonths,
            status: financing === 'HPF_OUTSTANDING' ? 'OUTSTANDING' : 'SETTLED',
            borrowerIdNumbers: ownerIds,
            asOf,
          })
        : null;
    const bankBalanceFen = financing === 'BANK' ? Math.round((principalFen * random.int(20, 90)) / 100 / 100) * 100 : 0;
    const mortgagee = financing === 'BANK' ? `${random.pick(BANKS)}${county.city.name}分行` : county.city.centreName;
    const mortgaged = financing === 'BANK' || financing === 'HPF_OUTSTANDING';
    builder.addProperty({
      county,
      contractNumber: builder.nextContractNumber(county.code, yearOf(filedAt)),
      unitNumber: home.unitNumber,
      filingType: 'NET_SIGNED_FILING',
      // Bought new, ready (现房), before green ratings were common.
      saleType: 'NEW',
      buildingCompletedYear: yearOf(filedAt),
      greenBuildingStars: 0,
      assessedValueFen: null,
      buyers: sharesOf(owners),
      seller: this.developers.pick(county),
      priceFen: home.priceFen,
      areaSquareMetres: home.areaSquareMetres,
      address: home.address,
      filedAt,
      deedTaxBasisPoints: deedTaxBasisPoints(1, home.areaSquareMetres),
      taxDeclaredAt: addDays(filedAt, random.int(1, 4)),
      taxPaidAt: paidAt,
      registrationStatus: 'REGISTERED',
      registeredAt,
      mortgages: mortgaged ? [{ holder: mortgagee, amountFen: principalFen, registeredAt }] : [],
    });
    const outstandingFen = loan?.status === 'OUTSTANDING' ? loan.outstandingFen : bankBalanceFen;
    // The level payment on the principal at a typical rate of each lender (HPF 3.1 %, bank 4.1 %).
    const monthlyRepaymentFen = !mortgaged ? 0 : levelPaymentFen(principalFen, financing === 'BANK' ? 4.1 : 3.1, termMonths);
    return {
      unitNumber: home.unitNumber,
      hpfLoan: loan,
      debts: { loans: mortgaged ? 1 : 0, balanceFen: outstandingFen, monthlyRepaymentFen },
    };
  }

  private providentFund(applicant: PersonRecord, household: Household, county: FujianCounty, older: OlderHome | null, traits: ApplicantTrait[]): void {
    const { random, builder, asOf } = this;
    const loans = older?.hpfLoan ? [older.hpfLoan] : [];
    if (random.chance(0.01)) {
      traits.push('NO_HPF_ACCOUNT');
    } else {
      const short = random.chance(0.03);
      if (short) traits.push('SHORT_DEPOSITS');
      const months = short ? random.int(1, 5) : random.chance(0.08) ? random.int(6, 11) : random.int(12, 120);
      let onFile = household.spouse?.idNumber ?? null;
      if (household.formerSpouse && random.chance(0.3)) {
        // The centre updates its spouse field only when the member tells it: it may lag a divorce.
        onFile = household.formerSpouse.idNumber;
        traits.push('STALE_SPOUSE_ON_FILE');
      } else if (household.spouse && random.chance(0.1)) {
        onFile = null;
      }
      // An HPF loan was lent to a depositor: deposits began at least a year before it.
      const depositingSince = older?.hpfLoan ? addMonths(older.hpfLoan.startDate, -12) : undefined;
      const account = synthesiseAccount(random, builder, { county, continuousDepositMonths: months, spouseIdNumberOnFile: onFile, asOf, depositingSince });
      builder.addProvidentFund({ idNumber: applicant.idNumber, accounts: [account], loans });
    }
    const spouse = household.spouse;
    if (spouse && random.chance(0.8)) {
      const account = synthesiseAccount(random, builder, {
        county,
        continuousDepositMonths: random.int(6, 120),
        spouseIdNumberOnFile: applicant.idNumber,
        asOf,
      });
      const spouseLoans = loans.filter((l) => l.borrowerIdNumbers.includes(spouse.idNumber));
      builder.addProvidentFund({ idNumber: spouse.idNumber, accounts: [account], loans: spouseLoans });
    }
  }
}
