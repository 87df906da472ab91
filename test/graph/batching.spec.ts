import { loadDataset } from '../../agencies';
import { ordinaryApplicantIds } from '../../agencies/data/scenarios';
import { startTestSystem, type Query, type TestSystem } from '../support/system';

const FIFTY_APPLICANTS = /* GraphQL */ `
  query Fifty($idNumbers: [IdNumber!]!) {
    applicants(idNumbers: $idNumbers) {
      name
      identityVerification { householdStatus }
      marriage { status }
      creditReport { cumulativeOverdueMonths }
      providentFundAccount { balance }
      realEstateHoldings {
        count
        properties { registration { status } contractFiling { price } transferTax { paid } }
      }
    }
  }
`;

describe('batching through the gateway', () => {
  let system: TestSystem;
  let officer: Query;
  let idNumbers: string[];
  beforeAll(async () => {
    system = await startTestSystem();
    officer = await system.asOfficer();
    idNumbers = ordinaryApplicantIds(loadDataset(system.config.simulator.datasetSeed, system.config.simulator.datasetSize), 50);
    await Promise.all(idNumbers.map((idNumber) => system.consentAll(idNumber)));
  });
  afterAll(() => system.stop());

  it('makes one call to each agency endpoint for a query over 50 applicants', async () => {
    expect(new Set(idNumbers).size).toBe(50);
    system.resetSimulators();

    const reply = await officer<{ applicants: Array<{ name: string; realEstateHoldings: { count: number } }> }>(FIFTY_APPLICANTS, { idNumbers });

    expect(reply.body.errors).toBeUndefined();
    expect(reply.body.data!.applicants).toHaveLength(50);
    expect(reply.body.data!.applicants.some((a) => a.realEstateHoldings.count > 0)).toBe(true);
    expect(system.counters()).toEqual({
      'public-security': { '/api/v1/persons/batch-query': 1 },
      'civil-affairs': { '/api/v1/marriages/batch-query': 1 },
      housing: { '/api/v1/contract-filings/batch-query-by-unit': 1 },
      tax: { '/api/v1/transfer-tax/batch-query-by-unit': 1 },
      'natural-resources': { '/api/v1/registrations/batch-query-by-owner': 1, '/api/v1/registrations/batch-query': 1 },
      'pboc-credit': { '/api/v1/credit-reports/batch-query': 1 },
      'provident-fund': { '/api/v1/members/batch-query': 1 },
    });
  });

  it('refuses more than 100 applicants in one request, naming the limit', async () => {
    const dataset = loadDataset(system.config.simulator.datasetSeed, system.config.simulator.datasetSize);
    const reply = await officer(FIFTY_APPLICANTS, { idNumbers: ordinaryApplicantIds(dataset, 101) });
    expect(reply.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'idNumbers' });
    expect(reply.body.errors?.[0]?.message).toContain('at most 100');
  });
});
