/**
 * Each named scenario, read through the gateway, shows the property docs/scenarios.md promises:
 * what frontends and the loan checks will see.
 */
import { SCENARIOS, type Scenario } from '../../agencies/data/scenarios';
import { maskIdNumber } from '../../subgraphs/shared/policy/masks';
import { errorCodes, startTestSystem, type Query, type TestSystem } from '../support/system';

const SCENARIO_VIEW = /* GraphQL */ `
  query ScenarioView($idNumber: IdNumber!, $contractNumber: ContractNumber!) {
    applicant(idNumber: $idNumber) {
      identityVerification { householdStatus verified }
      marriage { status spouse { idNumber } registrations { type spouse { idNumber } } }
      creditReport { currentOverdueAmount longestConsecutiveOverdueMonths cumulativeOverdueMonths }
      providentFundAccount { continuousDepositMonths spouseOnFile { idNumber } }
      providentFundLoans { status outstanding }
      realEstateHoldings { count }
    }
    propertyByContract(contractNumber: $contractNumber) {
      contractFiling { buyers { applicant { idNumber } } }
      transferTax { declared paid receiptNumber }
      registration { status }
    }
  }
`;

describe('the named scenarios through the gateway', () => {
  let system: TestSystem;
  /** An officer working on each scenario's own case: the applicant (and spouse) named, its contract, only the applicant consenting. */
  const officers = new Map<string, Query>();
  beforeAll(async () => {
    system = await startTestSystem();
    for (const scenario of Object.values(SCENARIOS)) {
      const { applicant, spouse, purchase } = scenario;
      const caseId = await system.openCase({ applicant: applicant.idNumber, spouse: spouse?.idNumber ?? null, contractNumber: purchase.contractNumber }, [applicant.idNumber]);
      officers.set(scenario.key, await system.asOfficer(undefined, caseId));
    }
  });
  afterAll(() => system.stop());

  const reply = (scenario: Scenario) => officers.get(scenario.key)!(SCENARIO_VIEW, { idNumber: scenario.applicant.idNumber, contractNumber: scenario.purchase.contractNumber });
  const view = async (scenario: Scenario) => {
    const answer = await reply(scenario);
    expect(answer.body.errors).toBeUndefined();
    return answer.body.data;
  };

  it('cleanCouple: married to each other, both buyers, tax paid, first home, clean credit', async () => {
    const { applicant, propertyByContract } = await view(SCENARIOS.cleanCouple);
    // The spouse is named in the case but only the applicant consented: her ID number comes masked.
    expect(applicant.marriage).toMatchObject({ status: 'MARRIED', spouse: { idNumber: maskIdNumber(SCENARIOS.cleanCouple.spouse!.idNumber, 'strict') } });
    expect(propertyByContract.contractFiling.buyers).toHaveLength(2);
    expect(propertyByContract.transferTax).toMatchObject({ declared: true, paid: true });
    expect(applicant.realEstateHoldings.count).toBe(1);
    expect(applicant.creditReport.cumulativeOverdueMonths).toBe(0);
  });

  it('singleApplicant: no marriage registration on file', async () => {
    const { applicant } = await view(SCENARIOS.singleApplicant);
    expect(applicant.marriage).toMatchObject({ status: 'UNREGISTERED', spouse: null, registrations: [] });
  });

  it('cancelledHousehold: household registration cancelled, so not verified', async () => {
    const { applicant } = await view(SCENARIOS.cancelledHousehold);
    expect(applicant.identityVerification).toEqual({ householdStatus: 'CANCELLED', verified: false });
  });

  it('divorcedStaleSpouse: divorced, while the fund centre still has the former spouse on file', async () => {
    const { applicant } = await view(SCENARIOS.divorcedStaleSpouse);
    const former = SCENARIOS.divorcedStaleSpouse.formerSpouse!.idNumber;
    expect(applicant.marriage.status).toBe('DIVORCED');
    expect(applicant.marriage.spouse).toBeNull();
    expect(applicant.marriage.registrations.map((r: { type: string }) => r.type)).toEqual(['MARRIAGE', 'DIVORCE']);
    expect(applicant.providentFundAccount.spouseOnFile.idNumber).toBe(maskIdNumber(former, 'strict'));
  });

  it('currentOverdue: an amount overdue now', async () => {
    const { applicant } = await view(SCENARIOS.currentOverdue);
    expect(applicant.creditReport.currentOverdueAmount).toBe('3560.00');
  });

  it('consecutiveThreeCumulativeSix: 连三累六 with nothing overdue now', async () => {
    const { applicant } = await view(SCENARIOS.consecutiveThreeCumulativeSix);
    expect(applicant.creditReport).toEqual({ currentOverdueAmount: '0.00', longestConsecutiveOverdueMonths: 3, cumulativeOverdueMonths: 6 });
  });

  it('unpaidTransferTax: declared, not paid, no receipt', async () => {
    const { propertyByContract } = await view(SCENARIOS.unpaidTransferTax);
    expect(propertyByContract.transferTax).toEqual({ declared: true, paid: false, receiptNumber: null });
  });

  it('contractBuyerNotApplicant: the contract names someone who is no party to the case, so the applicant’s consent opens none of it (NOT_A_PARTY)', async () => {
    // The case names the applicant only; with no loan worker its checks never add the buyer as a co-owner.
    const answer = await reply(SCENARIOS.contractBuyerNotApplicant);
    expect(answer.body.data.propertyByContract).toEqual({ contractFiling: null, transferTax: null, registration: null });
    expect(answer.body.errors!.map((error) => [error.path!.join('.'), error.extensions!.code]).sort()).toEqual([
      ['propertyByContract.contractFiling', 'NOT_A_PARTY'],
      ['propertyByContract.registration', 'NOT_A_PARTY'],
      ['propertyByContract.transferTax', 'NOT_A_PARTY'],
    ]);
  });

  it('reads nothing of a scenario for an officer who names no case (CASE_REQUIRED)', async () => {
    const officer = await system.asOfficer();
    const answer = await officer(SCENARIO_VIEW, { idNumber: SCENARIOS.singleApplicant.applicant.idNumber, contractNumber: SCENARIOS.singleApplicant.purchase.contractNumber });
    expect(answer.body.errors!.length).toBeGreaterThan(0);
    expect(new Set(errorCodes(answer))).toEqual(new Set(['CASE_REQUIRED']));
  });

  it('outstandingHpfLoan: an HPF loan still being repaid', async () => {
    const { applicant } = await view(SCENARIOS.outstandingHpfLoan);
    expect(applicant.providentFundLoans).toEqual([{ status: 'OUTSTANDING', outstanding: expect.stringMatching(/^[1-9]\d*\.\d{2}$/) }]);
  });

  it('shortDeposits: fewer than six months of continuous deposits', async () => {
    const { applicant } = await view(SCENARIOS.shortDeposits);
    expect(applicant.providentFundAccount.continuousDepositMonths).toBe(4);
  });

  it('secondHome: already owns a registered home besides the new one', async () => {
    const { applicant } = await view(SCENARIOS.secondHome);
    expect(applicant.realEstateHoldings.count).toBe(2);
  });

  describe('minorChildHome: the daughter’s inherited flat, read only through a parent whose household record names her', () => {
    const { applicant: father, spouse: mother, minorChildren, otherHome } = SCENARIOS.minorChildHome;
    const daughter = minorChildren[0]!;
    const FAMILY = 'query($idNumber: IdNumber!) { applicant(idNumber: $idNumber) { minorChildIdNumbers minorChildrenHoldings { count properties { unitNumber } } } }';

    it('to the centre, on the father’s own consent as her guardian', async () => {
      const answer = await officers.get('minorChildHome')!(FAMILY, { idNumber: father.idNumber });
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data.applicant).toEqual({ minorChildIdNumbers: [daughter.idNumber], minorChildrenHoldings: [{ count: 1, properties: [{ unitNumber: otherHome!.unitNumber }] }] });
    });

    it('not through the mother, who has not consented, nor by naming the daughter, who is no party', async () => {
      const officer = officers.get('minorChildHome')!;
      expect(errorCodes(await officer(FAMILY, { idNumber: mother!.idNumber }))).toContain('CONSENT_REQUIRED');
      const named = await officer('query($idNumber: IdNumber!) { applicant(idNumber: $idNumber) { realEstateHoldings { count } } }', { idNumber: daughter.idNumber });
      expect(named.body.data?.applicant?.realEstateHoldings ?? null).toBeNull();
      expect(errorCodes(named)).toContain('NOT_A_PARTY');
    });

    it('to the father himself, as her guardian; to nobody else signed in who names him', async () => {
      const own = await (await system.asApplicant(father.idNumber))('{ me { minorChildrenHoldings { count } } }');
      expect(own.body.data.me.minorChildrenHoldings).toEqual([{ count: 1 }]);
      const stranger = await (await system.asApplicant(SCENARIOS.secondHome.applicant.idNumber))(FAMILY, { idNumber: father.idNumber });
      expect(stranger.body.data?.applicant ?? null).toBeNull();
      expect(errorCodes(stranger)).toContain('FORBIDDEN');
    });
  });
});
