import { loadDataset } from '../../agencies';
import { ordinaryApplicantIds } from '../../agencies/data/scenarios';
import { startTestSystem, type Query, type TestSystem } from '../support/system';

const CASE_PEOPLE = /* GraphQL */ `
  query CasePeople($idNumbers: [IdNumber!]!) {
    applicants(idNumbers: $idNumbers) {
      name
      identityVerification { householdStatus }
      marriage { status }
      creditReport { cumulativeOverdueMonths }
      providentFundAccount { balance }
      realEstateHoldings {
        count
        properties { unitNumber registration { status } contractFiling { price } transferTax { paid } }
      }
    }
  }
`;

const registrationsOf = (system: TestSystem) => loadDataset(system.config.simulator.datasetSeed, system.config.simulator.datasetSize).registrationsByUnit;

/** The most people one look-up takes: everyone one case can concern (borrowers and co-owners). */
const MAX_PEOPLE = 10;

describe('batching through the gateway', () => {
  let system: TestSystem;
  let officer: Query;
  let idNumbers: string[];
  beforeAll(async () => {
    system = await startTestSystem();
    idNumbers = ordinaryApplicantIds(loadDataset(system.config.simulator.datasetSeed, system.config.simulator.datasetSize), MAX_PEOPLE);
    // One case naming them all (an applicant and co-borrowers), each consenting for it.
    const [applicant, ...coBorrowers] = idNumbers;
    officer = await system.asOfficer(undefined, await system.openCase({ applicant: applicant!, coBorrowers }));
  });
  afterAll(() => system.stop());

  it('makes one call to each agency for a query over the ten people of one case, natural resources included', async () => {
    expect(new Set(idNumbers).size).toBe(MAX_PEOPLE);
    system.resetSimulators();

    const reply = await officer<{ applicants: Array<{ name: string; realEstateHoldings: { count: number; properties: Array<{ unitNumber: string; registration: { status: string } | null }> } }> }>(
      CASE_PEOPLE,
      { idNumbers },
    );

    expect(reply.body.errors).toBeUndefined();
    expect(reply.body.data!.applicants).toHaveLength(MAX_PEOPLE);
    expect(reply.body.data!.applicants.some((a) => a.realEstateHoldings.count > 0)).toBe(true);
    // The registrations came with the holdings (one call by owner), each the register's record of that unit.
    const registry = registrationsOf(system);
    for (const property of reply.body.data!.applicants.flatMap((a) => a.realEstateHoldings.properties)) {
      expect(property.registration).toEqual({ status: registry.get(property.unitNumber)!.status });
    }
    expect(system.counters()).toEqual({
      'public-security': { '/api/v1/persons/batch-query': 1 },
      'civil-affairs': { '/api/v1/marriages/batch-query': 1 },
      housing: { '/api/v1/contract-filings/batch-query-by-unit': 1 },
      tax: { '/api/v1/transfer-tax/batch-query-by-unit': 1 },
      'natural-resources': { '/api/v1/registrations/batch-query-by-owner': 1 },
      'pboc-credit': { '/api/v1/credit-reports/batch-query': 1 },
      'provident-fund': { '/api/v1/members/batch-query': 1 },
    });
  });

  it('refuses more than 10 people in one request, naming the limit, before any agency is called', async () => {
    const dataset = loadDataset(system.config.simulator.datasetSeed, system.config.simulator.datasetSize);
    system.resetSimulators();
    const reply = await officer(CASE_PEOPLE, { idNumbers: ordinaryApplicantIds(dataset, MAX_PEOPLE + 1) });
    expect(reply.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'idNumbers' });
    expect(reply.body.errors?.[0]?.message).toContain(`at most ${MAX_PEOPLE}`);
    expect(system.counters()).toEqual(Object.fromEntries(Object.keys(system.simulators).map((agency) => [agency, {}])));
  });
});
