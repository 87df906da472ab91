import { SCENARIOS } from '../../agencies/data/scenarios';
import { startTestSystem, type Query, type TestSystem } from '../support/system';

const couple = SCENARIOS.cleanCouple;

const COUPLE_AND_HOME = /* GraphQL */ `
  query CoupleAndHome($idNumber: IdNumber!, $claimedName: String!, $unitNumber: UnitNumber!, $contractNumber: ContractNumber!) {
    applicant(idNumber: $idNumber) {
      ref
      idNumber
      name
      identityVerification(claimedName: $claimedName) { verified nameMatches householdStatus source { agency traceId } }
      marriage {
        status
        registrationDate
        spouse { name idNumber marriage { spouse { name } } providentFundAccount { continuousDepositMonths } }
      }
      creditReport { currentOverdueAmount longestConsecutiveOverdueMonths cumulativeOverdueMonths }
      providentFundAccount { centreName status balance monthlyDeposit continuousDepositMonths }
      providentFundLoans { loanNumber }
      realEstateHoldings { count }
    }
    property(unitNumber: $unitNumber) {
      unitNumber
      contractFiling { contractNumber price areaSquareMetres buyers { name sharePercent applicant { idNumber } } }
      transferTax { declared paid total contractNumber }
      registration { status owners { name } encumbrances { type } }
    }
    propertyByContract(contractNumber: $contractNumber) { unitNumber }
  }
`;

describe('the federated agency graph', () => {
  let system: TestSystem;
  let officer: Query;
  beforeAll(async () => {
    system = await startTestSystem();
    const caseId = await system.openCase({ applicant: couple.applicant.idNumber, spouse: couple.spouse!.idNumber, contractNumber: couple.purchase.contractNumber });
    officer = await system.asOfficer(undefined, caseId);
  });
  afterAll(() => system.stop());

  it('answers one query with fields from all seven agencies for the clean couple and their home', async () => {
    const reply = await officer(COUPLE_AND_HOME, {
      idNumber: couple.applicant.idNumber,
      claimedName: couple.applicant.name,
      unitNumber: couple.purchase.unitNumber,
      contractNumber: couple.purchase.contractNumber,
    });

    expect(reply.body.errors).toBeUndefined();
    const { applicant, property, propertyByContract } = reply.body.data;
    // 公安
    expect(applicant.name).toBe(couple.applicant.name);
    expect(applicant.identityVerification).toMatchObject({ verified: true, nameMatches: true, householdStatus: 'ACTIVE', source: { agency: 'public-security' } });
    // 民政: the spouse is an applicant in her own right, and her record names him back.
    expect(applicant.marriage.status).toBe('MARRIED');
    expect(applicant.marriage.spouse.idNumber).toBe(couple.spouse!.idNumber);
    expect(applicant.marriage.spouse.name).toBe(couple.spouse!.name);
    expect(applicant.marriage.spouse.marriage.spouse.name).toBe(couple.applicant.name);
    // 人行
    expect(applicant.creditReport).toEqual({ currentOverdueAmount: '0.00', longestConsecutiveOverdueMonths: 0, cumulativeOverdueMonths: 0 });
    // 公积金中心
    expect(applicant.providentFundAccount.status).toBe('NORMAL');
    expect(applicant.providentFundAccount.continuousDepositMonths).toBeGreaterThanOrEqual(24);
    expect(applicant.providentFundAccount.balance).toMatch(/^\d+\.\d{2}$/);
    expect(applicant.marriage.spouse.providentFundAccount.continuousDepositMonths).toBeGreaterThanOrEqual(24);
    expect(applicant.providentFundLoans).toEqual([]);
    // 自然资源
    expect(applicant.realEstateHoldings.count).toBe(1);
    expect(property.unitNumber).toBe(couple.purchase.unitNumber);
    expect(property.registration.status).toBe(couple.purchase.registrationStatus);
    expect(property.registration.owners.map((o: { name: string }) => o.name).sort()).toEqual([couple.applicant.name, couple.spouse!.name].sort());
    // 住建
    expect(property.contractFiling.contractNumber).toBe(couple.purchase.contractNumber);
    expect(property.contractFiling.price).toBe((couple.purchase.priceFen / 100).toFixed(2));
    expect(property.contractFiling.buyers.map((b: { applicant: { idNumber: string } }) => b.applicant.idNumber).sort()).toEqual(
      [couple.applicant.idNumber, couple.spouse!.idNumber].sort(),
    );
    // 税务
    expect(property.transferTax).toMatchObject({ declared: true, paid: true, contractNumber: couple.purchase.contractNumber });
    expect(propertyByContract.unitNumber).toBe(couple.purchase.unitNumber);
  });

  it('keys entities by opaque references that do not contain the ID number', async () => {
    const reply = await officer('query($id: IdNumber!) { applicant(idNumber: $id) { ref } }', { id: couple.applicant.idNumber });
    const ref: string = reply.body.data.applicant.ref;
    expect(ref).toMatch(/^apl_[A-Za-z0-9_-]+$/);
    expect(ref).not.toContain(couple.applicant.idNumber);
    expect(Buffer.from(ref.slice(4), 'base64url').toString('latin1')).not.toContain(couple.applicant.idNumber);
  });

  it('returns money as two-place decimal strings, never floats', async () => {
    const reply = await officer('query($u: UnitNumber!) { property(unitNumber: $u) { transferTax { deedTax stampDuty total } } }', {
      u: couple.purchase.unitNumber,
    });
    for (const amount of Object.values(reply.body.data.property.transferTax)) expect(amount).toMatch(/^\d+\.\d{2}$/);
  });
});
