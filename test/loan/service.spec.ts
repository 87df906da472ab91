import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { REPO_ROOT } from '../../schema/subgraphs';
import { errorCodes, startTestSystem, type Query, type TestSystem } from '../support/system';
import { FAST_LOAN_WORKER, inputFor, submitWithConsents, untilDecided } from './support/loans';

const PREFILL = fs.readFileSync(path.join(REPO_ROOT, 'schema/trusted-documents/sources/hpf-web/application-prefill.graphql'), 'utf8');

describe('around the application', () => {
  let system: TestSystem;
  let officer: Query;
  beforeAll(async () => {
    system = await startTestSystem({ ...FAST_LOAN_WORKER, AGENCY_TIMEOUT_MS: '300' });
    officer = await system.asOfficer('350100');
  });
  afterEach(() => system.resetSimulators());
  afterAll(() => system.stop());
  // One open application per applicant and home: each spec files the scenario people afresh.
  beforeEach(() => system.withdrawOpenApplications());

  it('serves the service guide to anyone: the standard’s fields, each centre’s promised limit beside the statutory 15 days', async () => {
    const reply = await system.query(`{ serviceGuide(centreCode: "350200") {
      title centre { code name promisedLimit { days dayKind confirmed basis } } conditions { text basis }
      materials { name source form required howSubmitted replacedBySharedData replacedBy sharedDataItem }
      steps { order name by } statutoryLimit { days dayKind confirmed basis } fee { charged } faq { question answer }
      channels { kind assisted } linkedItems { kind agency timeLimit { days dayKind } sampleResult } resultDelivery { result how } centres { code }
    } }`);
    const guide = reply.body.data.serviceGuide;
    expect(guide.statutoryLimit).toMatchObject({ days: 15, dayKind: 'CALENDAR', confirmed: true });
    expect(guide.centre).toMatchObject({ code: '350200', promisedLimit: { dayKind: 'CALENDAR', confirmed: false } });
    expect(guide.centre.promisedLimit.days).toBeLessThan(15);
    expect(guide.centres).toHaveLength(10);
    expect(guide.materials.filter((m: { replacedBySharedData: boolean }) => m.replacedBySharedData)).toHaveLength(8);
    expect(guide.materials.find((m: { replacedBy: string }) => m.replacedBy === 'PBOC_CREDIT')).toMatchObject({ sharedDataItem: 'creditReport', form: 'ELECTRONIC', required: true });
    expect(guide.fee.charged).toBe(false);
    expect(guide.linkedItems.filter((item: { kind: string }) => item.kind === 'ITEM').map((item: { agency: string }) => item.agency)).toEqual(['PROVIDENT_FUND', 'PBOC_CREDIT', 'NATURAL_RESOURCES']);
    expect(guide.channels.find((channel: { kind: string }) => channel.kind === 'SERVICE_HALL').assisted).toBe(true);
    expect((await system.query('{ serviceGuide { centre { code } } }')).body.data.serviceGuide.centre.code).toBe('350000');
    expect(errorCodes(await system.query('{ serviceGuide(centreCode: "110000") { title } }'))).toEqual(['BAD_USER_INPUT']);
  });

  it('prefills the form with each value’s source and time, marking an agency that is down as unavailable', async () => {
    const person = SCENARIOS.singleApplicant;
    const herself = await system.asApplicant(person.applicant.idNumber);
    system.simulators['civil-affairs'].setFaults({ down: true });
    const reply = await herself(PREFILL, { idNumber: person.applicant.idNumber, contractNumber: person.purchase.contractNumber }, {
      // The operation is registered for the web client; sending its id works the same as its text.
    });
    const { applicant, propertyByContract } = reply.body.data;
    expect(applicant.name).toBe(person.applicant.name);
    expect(applicant.identityVerification.source).toMatchObject({ agency: 'public-security', retrievedAt: expect.any(String) });
    expect(applicant.providentFundAccount.source.agency).toBe('provident-fund');
    expect(propertyByContract.contractFiling.source.agency).toBe('housing');
    expect(applicant.marriage).toBeNull();
    expect(reply.body.errors).toEqual([expect.objectContaining({ path: ['applicant', 'marriage'], extensions: expect.objectContaining({ code: 'AGENCY_UNAVAILABLE', agency: 'civil-affairs' }) })]);
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schema/trusted-documents/hpf-web.json'), 'utf8'));
    expect(Object.keys(manifest.operations)).toContain(createHash('sha256').update(PREFILL).digest('hex'));
  });

  it('counts materials collected and time taken, takes the applicant’s review once, and keeps test cases out of the statistics', async () => {
    const id = await submitWithConsents(system, SCENARIOS.shortDeposits);
    const testCase = await submitWithConsents(system, SCENARIOS.currentOverdue, inputFor(SCENARIOS.currentOverdue, { testCase: true }));
    await untilDecided(officer, id);
    await untilDecided(officer, testCase);
    const measured = await officer('query($id: ID!) { loanApplication(id: $id) { materialsCollected minutesTaken acceptedAt decisionDueAt promisedDecisionBy } }', { id });
    const { acceptedAt, decisionDueAt, promisedDecisionBy, ...counted } = measured.body.data.loanApplication;
    expect(counted).toEqual({ materialsCollected: 2, minutesTaken: expect.any(Number) });
    // The centre's promise is tracked beside the statutory 15 days, both from acceptance.
    const daysFromAcceptance = (at: string) => (Date.parse(at) - Date.parse(acceptedAt)) / (24 * 3600 * 1000);
    expect(daysFromAcceptance(decisionDueAt)).toBe(15);
    const guide = (await officer('{ serviceGuide(centreCode: "350100") { centre { promisedLimit { days } } } }')).body.data.serviceGuide;
    expect(daysFromAcceptance(promisedDecisionBy)).toBe(guide.centre.promisedLimit.days);

    await officer('mutation($id: ID!) { rejectLoanApplication(id: $id, reason: "deposits too short") { status } }', { id });
    const herself = await system.asApplicant(SCENARIOS.shortDeposits.applicant.idNumber);
    const review = 'mutation($id: ID!) { reviewLoanApplication(id: $id, score: 4, comment: "quick, clear") { status } }';
    expect((await herself(review, { id })).body.errors).toBeUndefined();
    expect(errorCodes(await herself(review, { id }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await (await system.asApplicant(SCENARIOS.currentOverdue.applicant.idNumber))(review, { id }))).toEqual(['BAD_USER_INPUT']);

    const statistics = (await officer('{ loanStatistics { centreCode byStatus { status count } medianMinutesToDecision reviews averageReviewScore } }')).body.data.loanStatistics;
    expect(statistics).toMatchObject({ centreCode: '350100', reviews: 1, averageReviewScore: 4 });
    expect(statistics.byStatus).toEqual([{ status: 'REJECTED', count: 1 }]);
    expect(statistics.medianMinutesToDecision).toEqual(expect.any(Number));
    expect(errorCodes(await (await system.asApplicant(SCENARIOS.shortDeposits.applicant.idNumber))('{ loanStatistics { reviews } }'))).toEqual(['FORBIDDEN']);
  });
});
