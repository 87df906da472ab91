import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateContractNumber, validateCreditCode, validateIdNumber, validateUnitNumber } from '../../lib/identifiers';
import { REPO_ROOT } from '../../schema/subgraphs';
import { datasetDocuments, generateDataset, ordinaryApplicantIds, SCENARIOS, allScenarios, type Dataset } from '../../agencies/data';
import { FUJIAN_COUNTIES } from '../../agencies/data/fujian';
import { addMonths } from '../../agencies/data/dates';
import { writeDataset } from '../../scripts/generate-data';

const overdueMonths = (grid: readonly string[]) => grid.filter((m) => m !== 'N' && m !== '*').length;
const longestOverdueRun = (grid: readonly string[]) =>
  grid.reduce((acc, m) => (m !== 'N' && m !== '*' ? { run: acc.run + 1, best: Math.max(acc.best, acc.run + 1) } : { run: 0, best: acc.best }), { run: 0, best: 0 }).best;

describe('generateDataset', () => {
  let dataset: Dataset;
  let today: Date;

  beforeAll(() => {
    dataset = generateDataset();
    today = new Date(`${dataset.asOf}T00:00:00Z`);
  });

  it('gives the same documents for the same seed and different ones for another seed', () => {
    expect(datasetDocuments(generateDataset({ seed: 42, size: 200 }))).toEqual(datasetDocuments(generateDataset({ seed: 42, size: 200 })));
    expect(datasetDocuments(generateDataset({ seed: 43, size: 200 })).housing).not.toEqual(datasetDocuments(generateDataset({ seed: 42, size: 200 })).housing);
  });

  it('writes byte-identical files for the same seed', async () => {
    const [first, second] = [fs.mkdtempSync(path.join(os.tmpdir(), 'dataset-')), fs.mkdtempSync(path.join(os.tmpdir(), 'dataset-'))];
    try {
      const files = await writeDataset(generateDataset({ seed: 7, size: 300 }), first);
      await writeDataset(generateDataset({ seed: 7, size: 300 }), second);
      expect(files.length).toBe(8);
      for (const file of files) {
        expect(fs.readFileSync(path.join(second, path.basename(file))).equals(fs.readFileSync(file))).toBe(true);
      }
    } finally {
      fs.rmSync(first, { recursive: true, force: true });
      fs.rmSync(second, { recursive: true, force: true });
    }
  });

  // How fast it generates is no unit test's business (a timed assertion fails on a busy machine, not on slow code).
  it('generates the number of generated applicants asked for, beside the scenarios', () => {
    const fresh = generateDataset({ seed: 99, size: 1000 });
    expect(fresh.applicants.filter((a) => a.scenario === null)).toHaveLength(1000);
  });

  it('holds at least 1000 applicants by default, each with a person record and a purchase', () => {
    expect(dataset.applicants.length).toBeGreaterThanOrEqual(1000);
    for (const applicant of dataset.applicants) {
      expect(dataset.persons.has(applicant.idNumber)).toBe(true);
      expect(dataset.contractsByNumber.get(applicant.contractNumber!)?.unitNumber).toBe(applicant.unitNumber);
    }
  });

  it('prices the homes being bought between 1.5 and 6 million yuan', () => {
    for (const applicant of dataset.applicants) {
      const price = dataset.contractsByNumber.get(applicant.contractNumber!)!.priceFen;
      expect(price).toBeGreaterThanOrEqual(150_000_000);
      expect(price).toBeLessThanOrEqual(600_000_000);
    }
  });

  it('gives every person a valid ID number from a Fujian county, adults born 1958–2003 and the minor children since', () => {
    const fujian = new Set(FUJIAN_COUNTIES.map((c) => c.code));
    const children = new Set([...dataset.persons.values()].flatMap((person) => person.minorChildIdNumbers));
    for (const person of dataset.persons.values()) {
      expect(validateIdNumber(person.idNumber, today)).toEqual({ ok: true });
      expect(fujian.has(person.idNumber.slice(0, 6))).toBe(true);
      expect(fujian.has(person.householdRegion)).toBe(true);
      expect(person.mobile).toMatch(/^1[3-9]\d{9}$/);
      const birthYear = Number(person.birthDate.slice(0, 4));
      expect(birthYear).toBeGreaterThanOrEqual(children.has(person.idNumber) ? 2008 : 1958);
      expect(birthYear).toBeLessThanOrEqual(children.has(person.idNumber) ? 2026 : 2003);
    }
  });

  it('marries about half the applicants', () => {
    const married = dataset.applicants.filter((a) => a.spouseIdNumber !== null).length / dataset.applicants.length;
    expect(married).toBeGreaterThan(0.4);
    expect(married).toBeLessThan(0.6);
    expect(dataset.applicants.some((a) => a.traits.includes('DIVORCED'))).toBe(true);
  });

  it('writes every marriage registration on both sides, each naming the other', () => {
    for (const record of dataset.marriages.values()) {
      const self = dataset.persons.get(record.idNumber)!;
      for (const registration of record.registrations) {
        const spouse = dataset.persons.get(registration.spouseIdNumber);
        expect(spouse?.name).toBe(registration.spouseName);
        const mirrored = dataset.marriages.get(registration.spouseIdNumber)!.registrations;
        expect(mirrored).toContainEqual({ ...registration, spouseIdNumber: self.idNumber, spouseName: self.name });
      }
      const dates = record.registrations.map((r) => r.registrationDate);
      expect([...dates].sort()).toEqual(dates);
    }
  });

  it('keeps the current spouse of each applicant consistent with civil affairs', () => {
    for (const applicant of dataset.applicants.filter((a) => a.spouseIdNumber)) {
      const last = dataset.marriages.get(applicant.idNumber)!.registrations.at(-1)!;
      expect(last.type).not.toBe('DIVORCE');
      expect(last.spouseIdNumber).toBe(applicant.spouseIdNumber);
    }
  });

  it('numbers every unit, contract and seller validly and links contract, tax and registration', () => {
    for (const contract of dataset.contractsByNumber.values()) {
      expect(validateContractNumber(contract.contractNumber)).toEqual({ ok: true });
      expect(validateUnitNumber(contract.unitNumber)).toEqual({ ok: true });
      expect(validateCreditCode(contract.sellerCreditCode)).toEqual({ ok: true });
      expect(contract.buyers.reduce((sum, b) => sum + b.sharePercent, 0)).toBe(100);
      expect(contract.areaSquareMetres).toMatch(/^\d+\.\d{2}$/);
      expect(Number.isSafeInteger(contract.priceFen)).toBe(true);
      expect(contract.priceFen).toBeGreaterThan(0);
      const tax = dataset.transferTaxByUnit.get(contract.unitNumber)!;
      expect(tax.contractNumber).toBe(contract.contractNumber);
      expect(tax.taxpayerIdNumbers).toEqual(contract.buyers.map((b) => b.idNumber));
      expect(tax.totalFen).toBe(tax.deedTaxFen + tax.stampDutyFen);
      const registration = dataset.registrationsByUnit.get(contract.unitNumber)!;
      expect(registration.owners).toEqual(contract.buyers);
      expect(registration.certificateNumber === null).toBe(registration.status !== 'REGISTERED');
      for (const owner of registration.owners) expect(dataset.holdingsByOwner.get(owner.idNumber)?.unitNumbers).toContain(contract.unitNumber);
    }
  });

  it('charges deed tax at 1 %, 1.5 %, 2 % or 3 % of the price when declared', () => {
    for (const tax of dataset.transferTaxByUnit.values()) {
      if (!tax.declared) continue;
      const price = dataset.contractsByNumber.get(tax.contractNumber)!.priceFen;
      expect([100, 150, 200, 300]).toContain(Math.round((tax.deedTaxFen * 10_000) / price));
    }
  });

  it('files new homes and some resales, a resale with a completion year 1985–2020 and an assessed value at most its price', () => {
    const purchases = dataset.applicants.map((a) => dataset.contractsByNumber.get(a.contractNumber!)!);
    const resales = purchases.filter((c) => c.saleType === 'RESALE');
    expect(resales.length / purchases.length).toBeGreaterThan(0.05);
    expect(resales.length / purchases.length).toBeLessThan(0.3);
    for (const contract of dataset.contractsByNumber.values()) {
      expect([0, 1, 2, 3]).toContain(contract.greenBuildingStars);
      const assessed = dataset.transferTaxByUnit.get(contract.unitNumber)!.assessedValueFen;
      if (contract.saleType === 'NEW') expect(assessed).toBeNull();
      else {
        expect(contract.buildingCompletedYear).toBeGreaterThanOrEqual(1985);
        expect(contract.buildingCompletedYear).toBeLessThanOrEqual(2020);
        expect(assessed).toBeLessThanOrEqual(contract.priceFen);
        expect(assessed).toBeGreaterThan(contract.priceFen * 0.8);
      }
    }
    expect(purchases.filter((c) => c.greenBuildingStars === 0).length / purchases.length).toBeGreaterThan(0.6);
  });

  it('gives 0–3 minor children, each a person under 18 at the parent’s household address, and most credit files no monthly repayment', () => {
    for (const person of dataset.persons.values()) {
      expect([0, 1, 2, 3]).toContain(person.minorChildIdNumbers.length);
      for (const childId of person.minorChildIdNumbers) {
        const child = dataset.persons.get(childId)!;
        // In one household with a parent (a couple's children are in both records; the spouses' addresses may differ).
        const parents = [...dataset.persons.values()].filter((p) => p.minorChildIdNumbers.includes(childId));
        expect(parents.map((p) => p.householdAddress)).toContain(child.householdAddress);
        expect(child.birthDate > addMonths(dataset.asOf, -18 * 12)).toBe(true);
        expect(Number(child.birthDate.slice(0, 4))).toBeGreaterThanOrEqual(Number(person.birthDate.slice(0, 4)) + 20);
      }
    }
    const histories = [...dataset.creditHistories.values()];
    expect(histories.filter((h) => h.monthlyRepaymentFen === 0).length / histories.length).toBeGreaterThan(0.6);
    expect(histories.some((h) => h.monthlyRepaymentFen > 0)).toBe(true);
  });

  it('keeps HPF figures consistent: base within the band, deposit 10–24 % of it, average near the balance, first deposit before the run', () => {
    for (const member of dataset.providentFund.values()) {
      for (const account of member.accounts) {
        expect(account.depositBaseFen).toBeGreaterThanOrEqual(203_000);
        expect(account.depositBaseFen).toBeLessThanOrEqual(2_700_000);
        const percent = (account.monthlyDepositFen * 100) / account.depositBaseFen;
        expect(percent).toBeGreaterThanOrEqual(9.9);
        expect(percent).toBeLessThanOrEqual(24.1);
        expect(account.averageBalanceFen).toBeLessThanOrEqual(account.balanceFen);
        expect(account.averageBalanceFen).toBeGreaterThanOrEqual(account.balanceFen / 2 - 100);
        const runStart = new Date(`${dataset.asOf}T00:00:00Z`);
        runStart.setUTCMonth(runStart.getUTCMonth() - account.continuousDepositMonths);
        expect(account.firstDepositDate <= runStart.toISOString().slice(0, 10)).toBe(true);
        expect(account.openedAt < account.firstDepositDate).toBe(true);
      }
    }
  });

  it('gives credit files a 24-month grid and HPF accounts a Fujian centre', () => {
    for (const history of dataset.creditHistories.values()) expect(history.repaymentHistory24Months).toHaveLength(24);
    for (const member of dataset.providentFund.values()) {
      for (const account of member.accounts) {
        expect(account.centreCode).toMatch(/^35\d{2}00$/);
        expect(account.accountNumber.startsWith(account.centreCode)).toBe(true);
      }
    }
    const months = [...dataset.providentFund.values()].flatMap((m) => m.accounts.map((a) => a.continuousDepositMonths));
    expect(months.filter((m) => m >= 12 && m <= 120).length / months.length).toBeGreaterThan(0.8);
  });
});

describe('SCENARIOS', () => {
  const dataset = generateDataset({ seed: 3, size: 100 });
  const registrationsOf = (idNumber: string) => (dataset.holdingsByOwner.get(idNumber)?.unitNumbers ?? []).map((u) => dataset.registrationsByUnit.get(u)!);
  const fundOf = (idNumber: string) => dataset.providentFund.get(idNumber)!;

  it('exist with the same records whatever the seed or size', () => {
    const other = generateDataset({ seed: 1, size: 0 });
    for (const scenario of allScenarios()) {
      const id = scenario.applicant.idNumber;
      expect(other.persons.get(id)).toEqual(dataset.persons.get(id));
      expect(other.marriages.get(id)).toEqual(dataset.marriages.get(id));
      expect(other.contractsByNumber.get(scenario.purchase.contractNumber)).toEqual(dataset.contractsByNumber.get(scenario.purchase.contractNumber));
      expect(other.registrationsByUnit.get(scenario.purchase.unitNumber)).toEqual(dataset.registrationsByUnit.get(scenario.purchase.unitNumber));
      expect(other.providentFund.get(id)).toEqual(dataset.providentFund.get(id));
      expect(other.creditHistories.get(id)).toEqual(dataset.creditHistories.get(id));
    }
  });

  it('use valid Fujian ID numbers, unit numbers and contract numbers, each key matching its name', () => {
    for (const [key, scenario] of Object.entries(SCENARIOS)) {
      expect(scenario.key).toBe(key);
      for (const person of [scenario.applicant, scenario.spouse, scenario.formerSpouse, scenario.contractBuyer]) {
        if (person) expect(validateIdNumber(person.idNumber, new Date('2026-11-20'))).toEqual({ ok: true });
      }
      for (const home of [scenario.purchase, scenario.otherHome]) {
        if (!home) continue;
        expect(validateUnitNumber(home.unitNumber)).toEqual({ ok: true });
        expect(validateContractNumber(home.contractNumber)).toEqual({ ok: true });
        expect(dataset.transferTaxByUnit.get(home.unitNumber)?.contractNumber).toBe(home.contractNumber);
      }
    }
  });

  it('ordinaryApplicantIds picks distinct generated applicants, the same every time', () => {
    const ids = ordinaryApplicantIds(dataset, 30);
    expect(new Set(ids).size).toBe(30);
    expect(ids).toEqual(ordinaryApplicantIds(generateDataset({ seed: 3, size: 100 }), 30));
    const scenarioIds = new Set(allScenarios().map((s) => s.applicant.idNumber));
    expect(ids.some((id) => scenarioIds.has(id))).toBe(false);
    expect(() => ordinaryApplicantIds(dataset, 101)).toThrow(/ordinary applicants/);
  });

  it('cleanCouple: married both ways, both buyers, tax paid, pre-registered to both, clean credit, ≥ 24 months of deposits, no loans, no other home', () => {
    const { applicant, spouse, purchase } = SCENARIOS.cleanCouple;
    const ids = [applicant.idNumber, spouse!.idNumber];
    expect(dataset.marriages.get(applicant.idNumber)!.registrations.map((r) => [r.type, r.spouseIdNumber])).toEqual([['MARRIAGE', spouse!.idNumber]]);
    expect(dataset.marriages.get(spouse!.idNumber)!.registrations.map((r) => [r.type, r.spouseIdNumber])).toEqual([['MARRIAGE', applicant.idNumber]]);
    expect(dataset.contractsByNumber.get(purchase.contractNumber)!.buyers.map((b) => b.idNumber)).toEqual(ids);
    expect(dataset.transferTaxByUnit.get(purchase.unitNumber)).toMatchObject({ declared: true, paid: true });
    expect(dataset.registrationsByUnit.get(purchase.unitNumber)).toMatchObject({ status: 'PRE_REGISTERED', encumbrances: [] });
    for (const id of ids) {
      const credit = dataset.creditHistories.get(id)!;
      expect(credit.currentOverdueAmountFen).toBe(0);
      expect(overdueMonths(credit.repaymentHistory24Months)).toBe(0);
      expect(fundOf(id).accounts[0]!.continuousDepositMonths).toBeGreaterThanOrEqual(24);
      expect(fundOf(id).loans).toEqual([]);
      expect(dataset.holdingsByOwner.get(id)!.unitNumbers).toEqual([purchase.unitNumber]);
      expect(dataset.persons.get(id)!.householdStatus).toBe('ACTIVE');
    }
  });

  it('singleApplicant: no marriage registration and sole buyer', () => {
    const { applicant, purchase } = SCENARIOS.singleApplicant;
    expect(dataset.marriages.get(applicant.idNumber)!.registrations).toEqual([]);
    expect(dataset.contractsByNumber.get(purchase.contractNumber)!.buyers).toEqual([{ idNumber: applicant.idNumber, name: applicant.name, sharePercent: 100 }]);
  });

  it('cancelledHousehold: household registration CANCELLED', () => {
    expect(dataset.persons.get(SCENARIOS.cancelledHousehold.applicant.idNumber)!.householdStatus).toBe('CANCELLED');
  });

  it('divorcedStaleSpouse: MARRIAGE then DIVORCE, and the HPF centre still names the former spouse', () => {
    const { applicant, formerSpouse } = SCENARIOS.divorcedStaleSpouse;
    expect(dataset.marriages.get(applicant.idNumber)!.registrations.map((r) => [r.type, r.spouseIdNumber])).toEqual([
      ['MARRIAGE', formerSpouse!.idNumber],
      ['DIVORCE', formerSpouse!.idNumber],
    ]);
    expect(fundOf(applicant.idNumber).accounts[0]!.spouseIdNumberOnFile).toBe(formerSpouse!.idNumber);
  });

  it('currentOverdue: an amount overdue now and the last month overdue', () => {
    const credit = dataset.creditHistories.get(SCENARIOS.currentOverdue.applicant.idNumber)!;
    expect(credit.currentOverdueAmountFen).toBeGreaterThan(0);
    expect(credit.repaymentHistory24Months.at(-1)).not.toBe('N');
  });

  it('consecutiveThreeCumulativeSix: three months in a row and six in all, nothing overdue now', () => {
    const credit = dataset.creditHistories.get(SCENARIOS.consecutiveThreeCumulativeSix.applicant.idNumber)!;
    expect(longestOverdueRun(credit.repaymentHistory24Months)).toBe(3);
    expect(overdueMonths(credit.repaymentHistory24Months)).toBe(6);
    expect(credit.currentOverdueAmountFen).toBe(0);
    expect(credit.repaymentHistory24Months.at(-1)).toBe('N');
  });

  it('unpaidTransferTax: declared but not paid', () => {
    expect(dataset.transferTaxByUnit.get(SCENARIOS.unpaidTransferTax.purchase.unitNumber)).toMatchObject({ declared: true, paid: false, paidAt: null, receiptNumber: null });
  });

  it('contractBuyerNotApplicant: the contract names someone else only', () => {
    const { applicant, contractBuyer, purchase } = SCENARIOS.contractBuyerNotApplicant;
    const buyers = dataset.contractsByNumber.get(purchase.contractNumber)!.buyers.map((b) => b.idNumber);
    expect(buyers).toEqual([contractBuyer!.idNumber]);
    expect(buyers).not.toContain(applicant.idNumber);
  });

  it('outstandingHpfLoan: an OUTSTANDING HPF loan on another home the applicant owns', () => {
    const { applicant, otherHome } = SCENARIOS.outstandingHpfLoan;
    const loans = fundOf(applicant.idNumber).loans;
    expect(loans).toEqual([expect.objectContaining({ status: 'OUTSTANDING', unitNumber: otherHome!.unitNumber })]);
    expect(loans[0]!.outstandingFen).toBeGreaterThan(0);
  });

  it('shortDeposits: fewer than six months of continuous deposits', () => {
    expect(fundOf(SCENARIOS.shortDeposits.applicant.idNumber).accounts[0]!.continuousDepositMonths).toBe(4);
  });

  it('secondHome: one REGISTERED home besides the new one', () => {
    const { applicant, purchase } = SCENARIOS.secondHome;
    const others = registrationsOf(applicant.idNumber).filter((r) => r.unitNumber !== purchase.unitNumber);
    expect(others.map((r) => r.status)).toEqual(['REGISTERED']);
  });

  it('multiChildFamily: three minor children in both spouses’ records, both depositing', () => {
    const { applicant, spouse, minorChildren } = SCENARIOS.multiChildFamily;
    for (const id of [applicant.idNumber, spouse!.idNumber]) {
      expect(dataset.persons.get(id)!.minorChildIdNumbers).toEqual(minorChildren.map((child) => child.idNumber));
      expect(fundOf(id).accounts).toHaveLength(1);
    }
  });

  it('minorChildHome: the daughter in both parents’ records holds the inherited flat; the parents hold only the new home', () => {
    const { applicant, spouse, minorChildren, otherHome, purchase } = SCENARIOS.minorChildHome;
    const [daughter] = minorChildren;
    for (const id of [applicant.idNumber, spouse!.idNumber]) {
      expect(dataset.persons.get(id)!.minorChildIdNumbers).toEqual([daughter!.idNumber]);
      expect(registrationsOf(id).map((r) => r.unitNumber)).toEqual([purchase.unitNumber]);
    }
    expect(registrationsOf(daughter!.idNumber).map((r) => [r.unitNumber, r.status])).toEqual([[otherHome!.unitNumber, 'REGISTERED']]);
  });

  it('resaleOldBuilding: a resale of a 1990 building, assessed 15 % below the price', () => {
    const { purchase } = SCENARIOS.resaleOldBuilding;
    const contract = dataset.contractsByNumber.get(purchase.contractNumber)!;
    expect(contract).toMatchObject({ saleType: 'RESALE', buildingCompletedYear: 1990 });
    expect(dataset.transferTaxByUnit.get(purchase.unitNumber)!.assessedValueFen).toBe(contract.priceFen * 0.85);
  });

  it('greenBuildingHome: a three-star green home, and only the applicant has an HPF account', () => {
    const { applicant, spouse, purchase } = SCENARIOS.greenBuildingHome;
    expect(dataset.contractsByNumber.get(purchase.contractNumber)!.greenBuildingStars).toBe(3);
    expect(dataset.providentFund.has(applicant.idNumber)).toBe(true);
    expect(dataset.providentFund.has(spouse!.idNumber)).toBe(false);
  });

  it('existingDebt: a large monthly repayment against the deposit base', () => {
    const { applicant } = SCENARIOS.existingDebt;
    expect(dataset.creditHistories.get(applicant.idNumber)!.monthlyRepaymentFen).toBe(589_000);
    expect(fundOf(applicant.idNumber).accounts[0]!.depositBaseFen).toBe(1_400_000);
  });

  it('thirdHpfLoan and settledHpfLoan: two and one SETTLED HPF loans, deposits begun before the first', () => {
    for (const [key, count] of [['thirdHpfLoan', 2], ['settledHpfLoan', 1]] as const) {
      const fund = fundOf(SCENARIOS[key].applicant.idNumber);
      expect(fund.loans.map((l) => l.status)).toEqual(Array(count).fill('SETTLED'));
      expect(fund.accounts[0]!.firstDepositDate < fund.loans[0]!.startDate).toBe(true);
    }
    expect(registrationsOf(SCENARIOS.settledHpfLoan.applicant.idNumber).map((r) => r.unitNumber)).toEqual([SCENARIOS.settledHpfLoan.purchase.unitNumber]);
  });

  it('nearRetirementWoman: a woman born in 1976', () => {
    expect(dataset.persons.get(SCENARIOS.nearRetirementWoman.applicant.idNumber)).toMatchObject({ gender: 'FEMALE', birthDate: '1976-03-08' });
  });

  it('are each listed in docs/scenarios.md with their ID number, contract and unit', () => {
    const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'scenarios.md'), 'utf8');
    for (const scenario of allScenarios()) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${scenario.key}\``));
      expect(row).toBeDefined();
      expect(row).toContain(scenario.applicant.idNumber);
      expect(row).toContain(scenario.purchase.contractNumber);
      expect(row).toContain(scenario.purchase.unitNumber);
    }
  });
});
