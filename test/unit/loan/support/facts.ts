/**
 * Loan facts straight from the synthetic data set's records, the way the loan subgraph will gather
 * them from the agencies: the domain never sees the data set (or any agency) itself.
 */
import type { AgencyName } from '../../../../lib/agency-contracts';
import { loadDataset, SCENARIOS, type Dataset, type ScenarioKey } from '../../../../agencies';
import type { LoanRequest, PersonRef } from '../../../../subgraphs/loan/domain/eligibility';
import {
  available,
  marriageFromRegistrations,
  unavailable,
  type Fact,
  type HouseholdMemberFacts,
  type LoanFacts,
  type PartyFacts,
} from '../../../../subgraphs/loan/domain/facts';

/** Scenarios do not depend on the seed or size: the smallest data set holds them all. */
export function scenarioDataset(): Dataset {
  return loadDataset(20261125, 0);
}

/** The day the data set describes: every application in these specs is made on it. */
export const APPLICATION_DATE = '2026-11-20';

/**
 * What each scenario applicant asks for: an amount within the maximum and the longest term the
 * age rule (statutory retirement + 5 years) allows, so each scenario fails only what it was built to;
 * resaleOldBuilding and nearRetirementWoman ask a term the rules refuse, on purpose.
 */
const ASKS: { readonly [K in ScenarioKey]: { amountYuan: number; termMonths: number } } = {
  cleanCouple: { amountYuan: 800_000, termMonths: 360 },
  singleApplicant: { amountYuan: 600_000, termMonths: 360 },
  cancelledHousehold: { amountYuan: 500_000, termMonths: 84 }, // born 1968-04-09: retires 2029-02 (60 + 10 months), + 5 years
  divorcedStaleSpouse: { amountYuan: 400_000, termMonths: 312 }, // born 1985-06-30: retires at 63 in 2048, + 5 years
  currentOverdue: { amountYuan: 500_000, termMonths: 360 },
  consecutiveThreeCumulativeSix: { amountYuan: 600_000, termMonths: 228 }, // born 1983-07-19, a woman: retires at 58 in 2041, + 5 years
  unpaidTransferTax: { amountYuan: 500_000, termMonths: 360 },
  contractBuyerNotApplicant: { amountYuan: 500_000, termMonths: 360 },
  outstandingHpfLoan: { amountYuan: 300_000, termMonths: 252 }, // born 1980-10-16: retires at 63 in 2043, + 5 years
  shortDeposits: { amountYuan: 150_000, termMonths: 360 },
  secondHome: { amountYuan: 400_000, termMonths: 228 }, // born 1978-08-25: retires at 63 in 2041, + 5 years
  multiChildFamily: { amountYuan: 800_000, termMonths: 324 }, // he was born 1986-04-12
  minorChildHome: { amountYuan: 600_000, termMonths: 300 }, // within the second-home cap for two depositors; she was born 1989-06-02
  resaleOldBuilding: { amountYuan: 500_000, termMonths: 240 }, // built 1990: 36 years old + 20 years
  greenBuildingHome: { amountYuan: 600_000, termMonths: 360 },
  existingDebt: { amountYuan: 240_000, termMonths: 300 }, // within what the car loan leaves of the repayment capacity
  thirdHpfLoan: { amountYuan: 300_000, termMonths: 180 }, // born 1975-05-18: retires at 62 years 8 months in 2038, + 5 years
  settledHpfLoan: { amountYuan: 350_000, termMonths: 240 }, // born 1984-11-03
  nearRetirementWoman: { amountYuan: 400_000, termMonths: 300 }, // born 1976-03-08: retires at 56 years 7 months in 2032; 300 months ends 2051, asked on purpose
};

const ref = (person: { idNumber: string; name: string }): PersonRef => ({ idNumber: person.idNumber, name: person.name });

/** The application a scenario's applicant makes; a married applicant names the spouse. */
export function requestFor(key: ScenarioKey, overrides: Partial<LoanRequest> = {}): LoanRequest {
  const scenario = SCENARIOS[key];
  const ask = ASKS[key];
  return {
    applicant: ref(scenario.applicant),
    spouse: scenario.spouse ? ref(scenario.spouse) : null,
    coBorrowers: [],
    contractNumber: scenario.purchase.contractNumber,
    unitNumber: scenario.purchase.unitNumber,
    amountFen: ask.amountYuan * 100,
    termMonths: ask.termMonths,
    repaymentMethod: 'EQUAL_INSTALMENT',
    ...overrides,
  };
}

/** The HPF centre a scenario's application goes to (the city of the purchase). */
export function centreOf(dataset: Dataset, key: ScenarioKey): string {
  const profile = dataset.applicants.find((applicant) => applicant.scenario === key);
  if (!profile) throw new Error(`scenario ${key} is missing from the data set`);
  return profile.centreCode;
}

export interface FactOptions {
  /** Agencies that are down: every fact they would give is UNAVAILABLE. */
  down?: readonly AgencyName[];
}

export function factsFor(dataset: Dataset, request: LoanRequest, options: FactOptions = {}): LoanFacts {
  const down = new Set(options.down ?? []);
  const from = <T>(agency: AgencyName, read: () => T): Fact<T> => (down.has(agency) ? unavailable<T>(agency) : available(read()));

  const party = (person: PersonRef): PartyFacts => ({
    idNumber: person.idNumber,
    identity: from('public-security', () => {
      const record = dataset.persons.get(person.idNumber);
      return record ? { nameMatches: record.name === person.name, householdStatus: record.householdStatus, minorChildren: record.minorChildIdNumbers.length } : null;
    }),
    credit: from('pboc-credit', () => {
      const history = dataset.creditHistories.get(person.idNumber);
      return history
        ? { currentOverdueAmountFen: history.currentOverdueAmountFen, monthlyRepaymentFen: history.monthlyRepaymentFen, repaymentHistory24Months: history.repaymentHistory24Months }
        : null;
    }),
    providentFund: from('provident-fund', () => {
      const record = dataset.providentFund.get(person.idNumber);
      if (!record) return null;
      return {
        accounts: record.accounts.map((a) => ({
          centreCode: a.centreCode,
          status: a.status,
          continuousDepositMonths: a.continuousDepositMonths,
          balanceFen: a.balanceFen,
          averageBalanceFen: a.averageBalanceFen,
          monthlyDepositFen: a.monthlyDepositFen,
          depositBaseFen: a.depositBaseFen,
          firstDepositDate: a.firstDepositDate,
          spouseIdNumberOnFile: a.spouseIdNumberOnFile,
        })),
        loans: record.loans.map((l) => ({ loanNumber: l.loanNumber, status: l.status })),
      };
    }),
  });
  // Holdings-by-owner is a registry of events: a well-formed ID number with nothing on file owns no home.
  const member = (person: PersonRef): HouseholdMemberFacts => ({
    ...party(person),
    holdings: from('natural-resources', () => ({
      units: dataset.holdingsByOwner.get(person.idNumber)?.unitNumbers ?? [],
      minorChildrenUnits: (dataset.persons.get(person.idNumber)?.minorChildIdNumbers ?? []).flatMap((child) => dataset.holdingsByOwner.get(child)?.unitNumbers ?? []),
    })),
  });

  return {
    applicant: member(request.applicant),
    // Civil affairs answers every well-formed ID number; no registrations means 未登记.
    marriage: from('civil-affairs', () => marriageFromRegistrations(dataset.marriages.get(request.applicant.idNumber)?.registrations ?? [])),
    spouse: request.spouse ? member(request.spouse) : null,
    coBorrowers: request.coBorrowers.map(party),
    contract: from('housing', () => {
      const contract = dataset.contractsByNumber.get(request.contractNumber);
      return contract
        ? {
            contractNumber: contract.contractNumber,
            unitNumber: contract.unitNumber,
            status: contract.status,
            buyerIdNumbers: contract.buyers.map((b) => b.idNumber),
            priceFen: contract.priceFen,
            saleType: contract.saleType,
            buildingCompletedYear: contract.buildingCompletedYear,
            greenBuildingStars: contract.greenBuildingStars,
          }
        : null;
    }),
    transferTax: from('tax', () => {
      const tax = dataset.transferTaxByUnit.get(request.unitNumber);
      return tax ? { declared: tax.declared, paid: tax.paid, assessedValueFen: tax.assessedValueFen } : null;
    }),
    registration: from('natural-resources', () => {
      const registration = dataset.registrationsByUnit.get(request.unitNumber);
      return registration
        ? { status: registration.status, ownerIdNumbers: registration.owners.map((o) => o.idNumber), encumbrances: registration.encumbrances.map((e) => e.type) }
        : null;
    }),
  };
}
