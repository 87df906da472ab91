/**
 * Writes the named scenarios into a data set with the same builder the generator uses, so their
 * records relate to each other exactly as generated ones do. Nothing here depends on the seed.
 */
import { birthDateOf, genderOf } from '../../lib/identifiers';
import { sharesOf, type DatasetBuilder, type Developer } from './builder';
import { addMonths } from './dates';
import { cityCodeOf, countyOf } from './fujian';
import { hpfLoan, synthesiseAccount } from './generate-finance';
import { deedTaxBasisPoints } from './generate-property';
import { buildCreditCode } from './numbers';
import { createRandom } from './prng';
import { allScenarios, CLEAN_CREDIT, type Scenario, type ScenarioHome, type ScenarioPerson } from './scenarios';

/** Sellers of the scenario homes: one fixed developer per city, with a valid credit code. */
function developerFor(countyCode: string): Developer {
  const county = countyOf(countyCode);
  return {
    name: `${county.city.name}瑞景置业有限公司`,
    creditCode: buildCreditCode(cityCodeOf(county.city), [1, 2, 3, 4, 5, 6, 7, 8, Number(county.city.prefix.slice(2))]),
  };
}

/** Writes every scenario into the builder; uses its own fixed-seed randomness for cosmetic fields. */
export function insertScenarios(builder: DatasetBuilder): void {
  for (const scenario of allScenarios()) insertScenario(builder, scenario);
}

function insertScenario(builder: DatasetBuilder, scenario: Scenario): void {
  const random = createRandom(0x5ce7a1);
  const add = (p: ScenarioPerson) =>
    builder.addPerson({
      idNumber: p.idNumber,
      name: p.name,
      gender: genderOf(p.idNumber),
      birthDate: birthDateOf(p.idNumber),
      householdStatus: p.householdStatus,
      householdRegion: p.countyCode,
      householdAddress: p.householdAddress,
      mobile: p.mobile,
      minorChildIdNumbers: [],
    });
  const applicant = add(scenario.applicant);
  const spouse = scenario.spouse ? add(scenario.spouse) : null;
  const formerSpouse = scenario.formerSpouse ? add(scenario.formerSpouse) : null;
  const contractBuyer = scenario.contractBuyer ? add(scenario.contractBuyer) : null;
  // A couple's children are registered in their one household (户): in both parents' records.
  const children = scenario.minorChildren.map(add);
  for (const parent of [applicant, spouse]) if (parent && children.length > 0) builder.recordMinorChildren(parent.idNumber, children.map((child) => child.idNumber));

  for (const event of scenario.marriages) {
    const partner = event.partner === 'SPOUSE' ? spouse : formerSpouse;
    if (!partner) throw new Error(`scenario ${scenario.key} names a missing partner`);
    builder.registerMarriageEvent(event.type, applicant, partner, event.date, event.office);
  }

  const county = countyOf(scenario.applicant.countyCode);
  const buyersOf = (home: ScenarioHome) =>
    sharesOf(
      home.buyers === 'COUPLE' && spouse
        ? [applicant, spouse]
        : home.buyers === 'CONTRACT_BUYER' && contractBuyer
          ? [contractBuyer]
          : home.buyers === 'MINOR_CHILD' && children[0]
            ? [children[0]]
            : [applicant],
    );
  const homes = scenario.otherHome ? [scenario.otherHome, scenario.purchase] : [scenario.purchase];
  homes.forEach((home, index) =>
    builder.addProperty({
      county: countyOf(home.unitNumber.slice(0, 6)),
      contractNumber: home.contractNumber,
      unitNumber: home.unitNumber,
      filingType: home.filingType,
      saleType: home.saleType,
      buildingCompletedYear: home.buildingCompletedYear,
      greenBuildingStars: home.greenBuildingStars,
      assessedValueFen: home.assessedValueFen,
      buyers: buyersOf(home),
      seller: developerFor(home.unitNumber.slice(0, 6)),
      priceFen: home.priceFen,
      areaSquareMetres: home.areaSquareMetres,
      address: home.address,
      filedAt: home.filedAt,
      deedTaxBasisPoints: deedTaxBasisPoints(index + 1, home.areaSquareMetres),
      taxDeclaredAt: home.taxDeclaredAt,
      taxPaidAt: home.taxPaidAt,
      registrationStatus: home.registrationStatus,
      registeredAt: home.registeredAt,
      mortgages: home.mortgage ? [home.mortgage] : [],
    }),
  );

  builder.addCreditHistory({ idNumber: applicant.idNumber, ...scenario.credit, queryRecords: [] });
  if (spouse) builder.addCreditHistory({ idNumber: spouse.idNumber, ...CLEAN_CREDIT, queryRecords: [] });

  const fund = scenario.providentFund;
  const loanTerms = [
    ...fund.loansOnSoldHomes,
    ...(fund.loanOnOtherHome && scenario.otherHome ? [{ ...fund.loanOnOtherHome, unitNumber: scenario.otherHome.unitNumber }] : []),
  ].sort((a, b) => a.startDate.localeCompare(b.startDate));
  const loans = loanTerms.map((terms) =>
    hpfLoan(builder, { ...terms, county: countyOf(terms.unitNumber.slice(0, 6)), borrowerIdNumbers: [applicant.idNumber], asOf: builder.asOf }),
  );
  const onFile = fund.spouseOnFile === 'SPOUSE' ? spouse : fund.spouseOnFile === 'FORMER_SPOUSE' ? formerSpouse : null;
  builder.addProvidentFund({
    idNumber: applicant.idNumber,
    accounts: [
      synthesiseAccount(random, builder, {
        county,
        continuousDepositMonths: fund.continuousDepositMonths,
        spouseIdNumberOnFile: onFile?.idNumber ?? null,
        asOf: builder.asOf,
        ...(fund.depositBaseYuan !== null ? { depositBaseYuan: fund.depositBaseYuan } : {}),
        // A loan was lent to a depositor: deposits began at least a year before the first one.
        ...(loans[0] ? { depositingSince: addMonths(loans[0].startDate, -12) } : {}),
      }),
    ],
    loans,
  });
  if (spouse && fund.spouseContinuousDepositMonths !== null) {
    builder.addProvidentFund({
      idNumber: spouse.idNumber,
      accounts: [
        synthesiseAccount(random, builder, {
          county,
          continuousDepositMonths: fund.spouseContinuousDepositMonths,
          spouseIdNumberOnFile: applicant.idNumber,
          asOf: builder.asOf,
        }),
      ],
      loans: [],
    });
  }

  builder.addApplicant({
    idNumber: applicant.idNumber,
    spouseIdNumber: spouse?.idNumber ?? null,
    contractNumber: scenario.purchase.contractNumber,
    unitNumber: scenario.purchase.unitNumber,
    centreCode: cityCodeOf(county.city),
    traits: scenario.traits,
    scenario: scenario.key,
  });
}
