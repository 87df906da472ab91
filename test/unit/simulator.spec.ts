import { createHash } from 'node:crypto';
import {
  AGENCY_CODES,
  MAX_BATCH_SIZE,
  SIMULATOR_ADMIN_PATHS,
  type AgencyEnvelope,
  type AgencyName,
  type BatchResult,
  type CreditReportRecord,
  type HoldingsRecord,
  type IdentityVerificationRecord,
  type MarriageRecord,
  type MortgageRegistrationResult,
  type PersonRecord,
  type PropertyRegistrationRecord,
} from '../../lib/agency-contracts';
import { listen, type ListeningServer } from '../../lib/http';
import { signRequest } from '../../lib/signing';
import { buildAgencySimulator, loadDataset, type AgencySimulator } from '../../agencies';
import { generateDataset, SCENARIOS } from '../../agencies/data';

const CREDENTIALS = { appId: 'fj-hpf-one-thing', secret: 'simulator-spec-secret-of-at-least-32-chars' };
const dataset = generateDataset({ seed: 11, size: 50 });
const couple = SCENARIOS.cleanCouple;

interface Reply<T> {
  status: number;
  body: AgencyEnvelope<T>;
  ms: number;
}

type Signing = 'good' | 'none' | { secret?: string; appId?: string; now?: number };

const running: Partial<Record<AgencyName, { simulator: AgencySimulator; listening: ListeningServer }>> = {};

async function start(agency: AgencyName): Promise<AgencySimulator> {
  const simulator = buildAgencySimulator(agency, { dataset, appSecrets: new Map([[CREDENTIALS.appId, CREDENTIALS.secret]]) });
  running[agency] = { simulator, listening: await listen(simulator.server, 0) };
  return simulator;
}

async function call<T = unknown>(agency: AgencyName, path: string, payload: unknown, signing: Signing = 'good'): Promise<Reply<T>> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signing !== 'none') {
    const options = signing === 'good' ? {} : signing;
    Object.assign(
      headers,
      signRequest({ method: 'POST', path, body }, { appId: options.appId ?? CREDENTIALS.appId, secret: options.secret ?? CREDENTIALS.secret }, options.now),
    );
  }
  const started = performance.now();
  const response = await fetch(running[agency]!.listening.url + path, { method: 'POST', headers, body });
  const json = (await response.json()) as AgencyEnvelope<T>;
  return { status: response.status, body: json, ms: performance.now() - started };
}

async function admin(agency: AgencyName, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(running[agency]!.listening.url + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const PERSONS = '/api/v1/persons/batch-query';
const VERIFY = '/api/v1/persons/batch-verify';
const FACES = '/api/v1/faces/compare';
const CREDIT = '/api/v1/credit-reports/batch-query';
const MORTGAGE = '/api/v1/mortgages/register';
const REGISTRATIONS = '/api/v1/registrations/batch-query';
const HOLDINGS = '/api/v1/registrations/batch-query-by-owner';

beforeAll(async () => {
  const agencies: AgencyName[] = ['public-security', 'civil-affairs', 'housing', 'tax', 'natural-resources', 'pboc-credit', 'provident-fund'];
  await Promise.all(agencies.map(start));
});

afterAll(async () => {
  await Promise.all(Object.values(running).map((r) => r.listening.close()));
});

afterEach(() => {
  for (const r of Object.values(running)) r.simulator.reset();
});

describe('createSimulator', () => {
  it('accepts a good signature and answers the envelope', async () => {
    const reply = await call<BatchResult<string, PersonRecord>>('public-security', PERSONS, { idNumbers: [couple.applicant.idNumber] });
    expect(reply.status).toBe(200);
    expect(reply.body.code).toBe(AGENCY_CODES.OK);
    expect(reply.body.traceId).toMatch(/^PS\d{20}$/);
    expect(reply.body.data?.results).toEqual([{ key: couple.applicant.idNumber, found: true, record: expect.objectContaining({ name: couple.applicant.name }) }]);
  });

  it('refuses a missing signature', async () => {
    const reply = await call('public-security', PERSONS, { idNumbers: [couple.applicant.idNumber] }, 'none');
    expect([reply.status, reply.body.code]).toEqual([401, AGENCY_CODES.SIGNATURE_MISSING]);
    expect(reply.body.data).toBeUndefined();
  });

  it('refuses a signature made with the wrong secret or an unknown app id', async () => {
    const wrongSecret = await call('public-security', PERSONS, { idNumbers: [] }, { secret: 'not-the-secret' });
    const unknownApp = await call('public-security', PERSONS, { idNumbers: [] }, { appId: 'someone-else' });
    expect([wrongSecret.status, wrongSecret.body.code]).toEqual([401, AGENCY_CODES.SIGNATURE_INVALID]);
    expect([unknownApp.status, unknownApp.body.code]).toEqual([401, AGENCY_CODES.SIGNATURE_INVALID]);
  });

  it('refuses a body changed after signing', async () => {
    const path = PERSONS;
    const headers = signRequest({ method: 'POST', path, body: '{"idNumbers":[]}' }, CREDENTIALS);
    const response = await fetch(running['public-security']!.listening.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ idNumbers: [couple.applicant.idNumber] }),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as AgencyEnvelope<unknown>).code).toBe(AGENCY_CODES.SIGNATURE_INVALID);
  });

  it('refuses a stale signature', async () => {
    const reply = await call('public-security', PERSONS, { idNumbers: [] }, { now: Date.now() - 10 * 60 * 1000 });
    expect([reply.status, reply.body.code]).toEqual([401, AGENCY_CODES.SIGNATURE_STALE]);
  });

  it('refuses a body that is not JSON', async () => {
    const reply = await call('public-security', PERSONS, '{not json');
    expect([reply.status, reply.body.code]).toEqual([400, AGENCY_CODES.BAD_REQUEST]);
  });

  it('refuses a batch over the ceiling', async () => {
    const idNumbers = Array.from({ length: MAX_BATCH_SIZE + 1 }, (_, i) => `35010219900101${String(i).padStart(4, '0')}`);
    const reply = await call('public-security', PERSONS, { idNumbers });
    expect([reply.status, reply.body.code]).toEqual([413, AGENCY_CODES.BATCH_TOO_LARGE]);
    const full = await call('public-security', PERSONS, { idNumbers: idNumbers.slice(0, MAX_BATCH_SIZE) });
    expect(full.body.code).toBe(AGENCY_CODES.OK);
  });

  it('answers every asked key once, in the order asked, found or not', async () => {
    const unknown = '350102199001010000';
    const reply = await call<BatchResult<string, PersonRecord>>('public-security', PERSONS, { idNumbers: [unknown, couple.spouse!.idNumber, unknown, couple.applicant.idNumber] });
    expect(reply.body.data?.results.map((r) => [r.key, r.found])).toEqual([
      [unknown, false],
      [couple.spouse!.idNumber, true],
      [couple.applicant.idNumber, true],
    ]);
  });

  it('answers an unknown path with NOT_FOUND', async () => {
    const reply = await call('public-security', '/api/v1/nothing-here', {});
    expect([reply.status, reply.body.code]).toEqual([404, AGENCY_CODES.NOT_FOUND]);
  });

  it('counts calls per endpoint, refused ones included, until a reset', async () => {
    await call('public-security', PERSONS, { idNumbers: [] });
    await call('public-security', PERSONS, { idNumbers: [] }, 'none');
    await call('public-security', VERIFY, { items: [] });
    const counters = await admin('public-security', 'GET', SIMULATOR_ADMIN_PATHS.counters);
    expect(counters.body).toEqual({ [PERSONS]: 2, [VERIFY]: 1, [FACES]: 0 });
    expect(running['public-security']!.simulator.counters()).toEqual(counters.body);
    await admin('public-security', 'POST', SIMULATOR_ADMIN_PATHS.reset);
    expect((await admin('public-security', 'GET', SIMULATOR_ADMIN_PATHS.counters)).body).toEqual({ [PERSONS]: 0, [VERIFY]: 0, [FACES]: 0 });
  });

  it('answers health unsigned', async () => {
    expect(await admin('public-security', 'GET', SIMULATOR_ADMIN_PATHS.health)).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('answers every call UNAVAILABLE with HTTP 503 while down, until a reset', async () => {
    const set = await admin('public-security', 'PUT', SIMULATOR_ADMIN_PATHS.faults, { down: true });
    expect(set.body).toMatchObject({ down: true, errorRate: 0 });
    const reply = await call('public-security', PERSONS, { idNumbers: [] });
    expect([reply.status, reply.body.code]).toEqual([503, AGENCY_CODES.UNAVAILABLE]);
    await admin('public-security', 'POST', SIMULATOR_ADMIN_PATHS.reset);
    expect((await call('public-security', PERSONS, { idNumbers: [] })).body.code).toBe(AGENCY_CODES.OK);
  });

  it('answers UNAVAILABLE at an error rate of 1', async () => {
    running['public-security']!.simulator.setFaults({ errorRate: 1 });
    for (let i = 0; i < 3; i++) {
      const reply = await call('public-security', PERSONS, { idNumbers: [] });
      expect([reply.status, reply.body.code]).toEqual([503, AGENCY_CODES.UNAVAILABLE]);
    }
  });

  it('adds the configured latency to every answer', async () => {
    running['public-security']!.simulator.setFaults({ latencyMs: 120 });
    const answered = await call('public-security', PERSONS, { idNumbers: [] });
    const refused = await call('public-security', PERSONS, { idNumbers: [] }, 'none');
    expect(answered.ms).toBeGreaterThanOrEqual(120);
    expect(refused.ms).toBeGreaterThanOrEqual(120);
  });

  it('delays slow calls by slowResponseMs on top of the latency', async () => {
    running['public-security']!.simulator.setFaults({ slowRate: 1, slowResponseMs: 80, latencyMs: 20 });
    expect((await call('public-security', PERSONS, { idNumbers: [] })).ms).toBeGreaterThanOrEqual(100);
  });

  it('refuses an invalid fault setting', async () => {
    const reply = await admin('public-security', 'PUT', SIMULATOR_ADMIN_PATHS.faults, { errorRate: 2, sometimes: true });
    expect([reply.status, reply.body.code]).toEqual([400, AGENCY_CODES.BAD_REQUEST]);
    expect(running['public-security']!.simulator.faults().errorRate).toBe(0);
  });

  it('refuses to build without any app secret', () => {
    expect(() => buildAgencySimulator('tax', { dataset, appSecrets: new Map() })).toThrow(/app secret/);
  });
});

describe('buildAgencySimulator', () => {
  it.each([
    ['housing', '/api/v1/contract-filings/batch-query-by-contract', { contractNumbers: [couple.purchase.contractNumber] }],
    ['housing', '/api/v1/contract-filings/batch-query-by-unit', { unitNumbers: [couple.purchase.unitNumber] }],
    ['tax', '/api/v1/transfer-tax/batch-query-by-unit', { unitNumbers: [couple.purchase.unitNumber] }],
    ['natural-resources', REGISTRATIONS, { unitNumbers: [couple.purchase.unitNumber] }],
    ['natural-resources', HOLDINGS, { idNumbers: [couple.applicant.idNumber] }],
    ['provident-fund', '/api/v1/members/batch-query', { idNumbers: [couple.applicant.idNumber] }],
    ['civil-affairs', '/api/v1/marriages/batch-query', { idNumbers: [couple.applicant.idNumber] }],
  ] as const)('%s finds the clean couple at %s', async (agency, path, request) => {
    const reply = await call<BatchResult<string, unknown>>(agency, path, request);
    expect(reply.body.code).toBe(AGENCY_CODES.OK);
    expect(reply.body.data?.results).toEqual([expect.objectContaining({ found: true })]);
    expect(running[agency]!.simulator.counters()[path]).toBe(1);
  });

  it('counts every contract path of its agency from zero', () => {
    expect(Object.keys(running.housing!.simulator.counters()).sort()).toEqual([
      '/api/v1/contract-filings/batch-query-by-contract',
      '/api/v1/contract-filings/batch-query-by-unit',
    ]);
  });
});

describe('loadDataset', () => {
  it('generates a data set once per seed and size and shares it', () => {
    expect(loadDataset(5, 60)).toBe(loadDataset(5, 60));
    expect(loadDataset(5, 61)).not.toBe(loadDataset(5, 60));
  });
});

describe('public-security simulator', () => {
  it('verifies the name against the one on file', async () => {
    const reply = await call<BatchResult<string, IdentityVerificationRecord>>('public-security', VERIFY, {
      items: [
        { idNumber: couple.applicant.idNumber, name: couple.applicant.name },
        { idNumber: couple.spouse!.idNumber, name: '王某某' },
      ],
    });
    expect(reply.body.data?.results.map((r) => r.record?.nameMatches)).toEqual([true, false]);
  });
});

describe('civil-affairs simulator', () => {
  it('answers a well-formed ID number with nothing on file as an empty record', async () => {
    const reply = await call<BatchResult<string, MarriageRecord>>('civil-affairs', '/api/v1/marriages/batch-query', { idNumbers: [SCENARIOS.singleApplicant.applicant.idNumber, '11010519491231002X'] });
    expect(reply.body.data?.results).toEqual([
      { key: SCENARIOS.singleApplicant.applicant.idNumber, found: true, record: { idNumber: SCENARIOS.singleApplicant.applicant.idNumber, registrations: [] } },
      { key: '11010519491231002X', found: true, record: { idNumber: '11010519491231002X', registrations: [] } },
    ]);
  });
});

describe('pboc-credit simulator', () => {
  const query = (items: unknown[]) =>
    call<BatchResult<string, CreditReportRecord>>('pboc-credit', CREDIT, { items, queryReason: 'LOAN_APPROVAL', institution: '福州住房公积金中心' });
  const reportOf = async (items: unknown[]): Promise<CreditReportRecord> => (await query(items)).body.data!.results[0]!.record!;

  it('refuses the whole call when one item lacks an authorization reference', async () => {
    const reply = await query([
      { idNumber: couple.applicant.idNumber, authorizationRef: 'AUTH-1' },
      { idNumber: couple.spouse!.idNumber, authorizationRef: '' },
    ]);
    expect([reply.status, reply.body.code]).toEqual([403, AGENCY_CODES.AUTHORIZATION_REQUIRED]);
    const missing = await query([{ idNumber: couple.applicant.idNumber }]);
    expect(missing.body.code).toBe(AGENCY_CODES.AUTHORIZATION_REQUIRED);
  });

  it('records each authorized query on the report and counts it as a hard query', async () => {
    const first = await reportOf([{ idNumber: couple.applicant.idNumber, authorizationRef: 'AUTH-1' }]);
    expect(first.queryRecords).toEqual([{ queriedAt: first.generatedAt, institution: '福州住房公积金中心', reason: 'LOAN_APPROVAL' }]);
    expect(first.hardQueries).toEqual({ last1Month: 1, last3Months: 1, last6Months: 1 });
    const second = await reportOf([{ idNumber: couple.applicant.idNumber, authorizationRef: 'AUTH-2' }]);
    expect(second.queryRecords).toHaveLength(2);
    expect(second.hardQueries.last1Month).toBe(2);
    expect(second.reportNumber).not.toBe(first.reportNumber);
  });

  it('forgets query records on reset', async () => {
    await query([{ idNumber: couple.applicant.idNumber, authorizationRef: 'AUTH-1' }]);
    running['pboc-credit']!.simulator.reset();
    const after = await reportOf([{ idNumber: couple.applicant.idNumber, authorizationRef: 'AUTH-1' }]);
    expect(after.queryRecords).toHaveLength(1);
  });
});

describe('natural-resources simulator', () => {
  const registration = {
    unitNumber: couple.purchase.unitNumber,
    mortgagorIdNumbers: [couple.applicant.idNumber, couple.spouse!.idNumber],
    mortgagees: [{ name: '福州住房公积金中心', amountFen: 180_000_000 }],
    loanContractNumber: 'GJJ-350100-2026-000123',
  };

  const register = (request: unknown) => call<MortgageRegistrationResult>('natural-resources', MORTGAGE, request);
  const encumbrancesOfPurchase = async () =>
    (await call<BatchResult<string, PropertyRegistrationRecord>>('natural-resources', REGISTRATIONS, { unitNumbers: [couple.purchase.unitNumber] })).body.data!
      .results[0]!.record!.encumbrances;

  it('registers a mortgage and returns a certificate whose hash matches its document', async () => {
    const reply = await register(registration);
    expect(reply.body.code).toBe(AGENCY_CODES.OK);
    const result = reply.body.data!;
    expect(result.certificateNumber).toMatch(/^闽\(\d{4}\)福州市不动产证明第0000001号$/);
    const document = Buffer.from(result.eCertificate.documentBase64, 'base64');
    expect(document.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(result.eCertificate).toMatchObject({ mediaType: 'application/pdf', sha256: createHash('sha256').update(document).digest('hex') });

    expect(await encumbrancesOfPurchase()).toEqual([
      expect.objectContaining({ type: 'MORTGAGE', holder: '福州住房公积金中心', certificateNumber: result.certificateNumber, amountFen: 180_000_000 }),
    ]);
  });

  it('returns the same certificate when the same loan contract is registered again', async () => {
    const first = await register(registration);
    const again = await register({ ...registration, mortgagorIdNumbers: [...registration.mortgagorIdNumbers].reverse() });
    expect(again.body.data).toEqual(first.body.data);
    expect(await encumbrancesOfPurchase()).toHaveLength(1);
    const conflicting = await register({ ...registration, mortgagees: [{ name: '福州住房公积金中心', amountFen: 1 }] });
    expect(conflicting.body.code).toBe(AGENCY_CODES.BAD_REQUEST);
  });

  it('registers a combination loan’s two lenders in one registration: one certificate, a mortgage right each', async () => {
    const combination = { ...registration, loanContractNumber: 'GJJ-350100-2026-000124', mortgagees: [{ name: '福州住房公积金中心', amountFen: 100_000_000 }, { name: '某银行福州分行', amountFen: 80_000_000 }] };
    const result = (await register(combination)).body.data!;
    const mortgages = (await encumbrancesOfPurchase()).filter((e) => e.certificateNumber === result.certificateNumber);
    expect(mortgages.map((e) => [e.holder, e.amountFen])).toEqual([['福州住房公积金中心', 100_000_000], ['某银行福州分行', 80_000_000]]);
    expect((await register({ ...combination, mortgagees: [...combination.mortgagees, { name: '第三家', amountFen: 1 }] })).body.code).toBe(AGENCY_CODES.BAD_REQUEST);
  });

  it('refuses mortgagors who are not exactly the owners, and units it does not know', async () => {
    const partial = await register({ ...registration, mortgagorIdNumbers: [couple.applicant.idNumber] });
    expect([partial.status, partial.body.code]).toEqual([400, AGENCY_CODES.BAD_REQUEST]);
    expect(partial.body.message).toMatch(/owners/);
    const unknown = await register({ ...registration, unitNumber: '350102999999GB99999F99999999', loanContractNumber: 'X-1' });
    expect(unknown.body.code).toBe(AGENCY_CODES.BAD_REQUEST);
    const malformed = await register({ ...registration, unitNumber: 'short', loanContractNumber: 'X-2' });
    expect(malformed.body.message).toMatch(/28 characters/);
  });

  it('forgets registered mortgages on reset', async () => {
    await call('natural-resources', MORTGAGE, registration);
    running['natural-resources']!.simulator.reset();
    expect(await encumbrancesOfPurchase()).toEqual([]);
  });

  it('answers holdings with the registration of every unit held when asked withRegistrations, in one call', async () => {
    const owner = couple.applicant.idNumber;
    const plain = await call<BatchResult<string, HoldingsRecord>>('natural-resources', HOLDINGS, { idNumbers: [owner] });
    const withRegistrations = await call<BatchResult<string, HoldingsRecord>>('natural-resources', HOLDINGS, { idNumbers: [owner], withRegistrations: true });
    const byUnit = await call<BatchResult<string, PropertyRegistrationRecord>>('natural-resources', REGISTRATIONS, { unitNumbers: plain.body.data!.results[0]!.record!.unitNumbers });
    expect(plain.body.data!.results[0]!.record).not.toHaveProperty('registrations');
    expect(plain.body.data!.results[0]!.record!.unitNumbers.length).toBeGreaterThan(0);
    expect(withRegistrations.body.data!.results[0]!.record!.registrations).toEqual(byUnit.body.data!.results.map((result) => result.record));
  });

  it('refuses a withRegistrations that is not true or false', async () => {
    const reply = await call('natural-resources', HOLDINGS, { idNumbers: [couple.applicant.idNumber], withRegistrations: 'yes' });
    expect([reply.status, reply.body.code]).toEqual([400, AGENCY_CODES.BAD_REQUEST]);
  });
});
