/**
 * One read of one check: the check's registered document through the gateway, for the parties and
 * the property still open, starting from the application's own sealed references. Each item comes
 * back on its own: found, not on file, refused, waiting for that person's consent, or unavailable —
 * so one party's failure never makes the others be read again.
 */
import type { LoanApplicationRow } from '../../../storage/loan-types';
import type { ItemAnswer, PartyKey, Source } from '../../shared/cases/check-record';
import { CHECKS, NoAnswer, PARTY_SLOTS, slotOf, type CheckStep } from './checks';
import type { GatewayClient, GraphQLAnswer } from '../../shared/gateway-client';
import type { CheckAnswer } from './machine';

type Row = Record<string, unknown>;
type GraphQLError = GraphQLAnswer['errors'][number];

/** The codes that are an answer about the item (kept), not a failure to get one (retried). */
const REFUSALS = new Set(['FORBIDDEN', 'NOT_A_PARTY', 'CASE_REQUIRED', 'PROXY_NOT_AUTHORIZED']);

const startsWith = (path: ReadonlyArray<string | number> | undefined, prefix: readonly string[]) => prefix.every((part, i) => path?.[i] === part);

function itemFrom(errors: readonly GraphQLError[], answer: unknown, dataItem: string, agency: string, facts: (answer: unknown) => unknown): ItemAnswer<unknown> {
  const error = errors[0];
  if (error) {
    const code = error.extensions?.code ?? 'UNKNOWN';
    if (code === 'CONSENT_REQUIRED') return { status: 'NEEDS_CONSENT', dataItem };
    if (code === 'NOT_FOUND') return { status: 'NOT_FOUND' };
    if (REFUSALS.has(code)) return { status: 'FORBIDDEN', code };
    return { status: 'UNAVAILABLE', agency: error.extensions?.agency ?? error.extensions?.serviceName ?? agency, code };
  }
  let found: unknown;
  try {
    found = answer === null || answer === undefined ? null : facts(answer);
  } catch (error) {
    if (error instanceof NoAnswer) return { status: 'UNAVAILABLE', agency, code: 'NO_ANSWER' };
    throw error;
  }
  return found === null ? { status: 'NOT_FOUND' } : { status: 'FOUND', facts: found };
}

function sourcesIn(value: unknown, into: Source[]): void {
  if (Array.isArray(value)) value.forEach((item) => sourcesIn(item, into));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'source' && inner && typeof inner === 'object') into.push(inner as Source);
      else sourcesIn(inner, into);
    }
  }
}

/** When the gateway cannot be reached at all, every item asked is unavailable (the platform's, not an agency's). */
export function platformUnavailable(parties: readonly PartyKey[], property: boolean, code: string): CheckAnswer {
  const item = { status: 'UNAVAILABLE' as const, agency: 'platform', code };
  return { persons: Object.fromEntries(parties.map((party) => [party, item])), property: property ? item : null, evidence: [] };
}

export async function readCheck(step: CheckStep, application: LoanApplicationRow, open: { parties: readonly PartyKey[]; property: boolean }, gateway: GatewayClient): Promise<CheckAnswer> {
  const check = CHECKS[step];
  const { request } = application;
  const variables: Record<string, unknown> = {};
  if (check.persons) {
    variables.application = application.id;
    const asked = new Set(open.parties.map(slotOf));
    for (let slot = 0; slot < PARTY_SLOTS; slot += 1) variables[`with${slot}`] = asked.has(slot);
    if (check.withNames) {
      const names = [request.applicant.name, request.spouse?.name ?? null, ...request.coBorrowers.map((person) => person.name)];
      for (let slot = 0; slot < PARTY_SLOTS; slot += 1) variables[`name${slot}`] = names[slot] ?? null;
    }
  }
  const byContract = request.contractNumber !== null && (check.property?.namesPropertyBy === 'CONTRACT' || request.unitNumber === null);
  if (check.property) {
    if (check.persons) variables.withProperty = open.property;
    // By unit, the home is the application's own sealed reference; by contract, the filing names it.
    if (byContract) variables.contract = request.contractNumber;
    else variables.application = application.id;
  }
  const document = byContract ? check.documents.byContract : check.documents.byUnit;
  const answer = await gateway.query(request.centre, application.id, document, variables);
  const data = answer.data ?? {};
  const answered: CheckAnswer = { persons: {}, property: null, evidence: [] };

  // An error above every item (the request itself, or the application) leaves every item unanswered.
  const whole = answer.errors.filter((error) => !error.path || error.path.length === 0 || (error.path.length === 1 && error.path[0] === 'loanApplication'));
  if (check.persons) {
    const reading = check.persons;
    const applicationData = data.loanApplication as Row | null | undefined;
    for (const party of open.parties) {
      const alias = `p${slotOf(party)}`;
      const errors = [...whole, ...answer.errors.filter((error) => startsWith(error.path, ['loanApplication', alias]))];
      const partyAnswer = applicationData?.[alias] as Row | null | undefined;
      if (errors.length === 0 && (partyAnswer === null || partyAnswer === undefined)) {
        // The application's own reference came back empty: the platform's fault, never "not on file".
        answered.persons[party] = { status: 'UNAVAILABLE', agency: 'platform', code: 'NO_ANSWER' };
        continue;
      }
      answered.persons[party] = itemFrom(errors, partyAnswer, reading.dataItem, check.agency, (answer) => reading.facts(answer));
    }
  }
  if (check.property && open.property) {
    const reading = check.property;
    const at = byContract ? ['property'] : ['loanApplication', 'property'];
    const property = (byContract ? data.property : (data.loanApplication as Row | null | undefined)?.property) as Row | null | undefined;
    const errors = [...(byContract ? answer.errors.filter((error) => !error.path || error.path.length === 0) : whole), ...answer.errors.filter((error) => startsWith(error.path, at))];
    // A unit named by the application stands in for one the answer does not name.
    const withUnit = property && typeof property.unitNumber !== 'string' ? { ...property, unitNumber: request.unitNumber } : property;
    const item = itemFrom(errors, withUnit, reading.dataItem, check.agency, (answer) => reading.facts(answer));
    // A buyer or owner shown masked has not consented yet: wait for them rather than keep a masked ID as a person.
    const people = item.status === 'FOUND' ? (reading.peopleIn?.(item.facts as never) ?? []) : [];
    if (people.some((idNumber) => idNumber === '' || idNumber.includes('*'))) {
      // Whom: the named parties not shown clear (the applicant, who gives it for anyone else, when all are).
      const named: Array<[PartyKey, string]> = [['APPLICANT', request.applicant.idNumber], ...(request.spouse ? [['SPOUSE', request.spouse.idNumber] as [PartyKey, string]] : []), ...request.coBorrowers.map((person, i): [PartyKey, string] => [`CO_BORROWER:${i + 1}`, person.idNumber])];
      const notShown = named.filter(([, idNumber]) => !people.includes(idNumber)).map(([party]) => party);
      answered.property = { status: 'NEEDS_CONSENT', dataItem: reading.dataItem, waitsFor: notShown.length > 0 ? notShown : ['APPLICANT'] };
    } else answered.property = item;
  }
  const evidence: Source[] = [];
  sourcesIn(data, evidence);
  return { ...answered, evidence };
}
