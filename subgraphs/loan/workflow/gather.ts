/**
 * One gather step: one query through the gateway for one agency's data on every person (and the
 * property) of an application. An unavailable agency makes the step retry; a denial (no consent)
 * or a missing record is a fact in itself, kept as such for the decision to weigh.
 */
import type { GatherStep, LoanPerson, LoanRequest } from '../../../storage/loan-types';
import type { GatewayClient, GraphQLAnswer } from './gateway-client';
import { GATHER_DOCUMENTS, personSlotVariables } from './operations';

export interface Source {
  agency: string;
  traceId: string;
  retrievedAt: string;
}

/**
 * What one query said of one item: its value, that the record does not exist, that it may not be
 * read, or that the person it concerns has not consented for this application yet.
 */
export type Gathered<T> = { status: 'FOUND'; value: T } | { status: 'NOT_FOUND' } | { status: 'FORBIDDEN' } | { status: 'NEEDS_CONSENT' };

export interface GatherOutcome {
  /** By ID number: the person's item as this agency answered. */
  persons: Record<string, Gathered<Record<string, unknown>>>;
  property: Gathered<Record<string, unknown>> | null;
  evidence: Source[];
}

export class AgencyUnavailable extends Error {
  constructor(
    readonly agencies: string[],
    /** The error codes the gateway answered with, for the timeline (no messages: they may quote input). */
    readonly codes: string[] = [],
  ) {
    super(`unavailable: ${agencies.join(', ')}`);
  }
}

/**
 * Per step: the field each person's item answers under, and the property's (the documents
 * themselves are fixed and registered: ./operations.ts). Identity asks each person's claimed name.
 */
const PERSON_FIELDS: Partial<Record<GatherStep, { field: string; withNames: boolean }>> = {
  GATHER_IDENTITY: { field: 'identityVerification', withNames: true },
  GATHER_MARRIAGE: { field: 'marriage', withNames: false },
  GATHER_REGISTRATION: { field: 'realEstateHoldings', withNames: false },
  GATHER_CREDIT: { field: 'creditReport', withNames: false },
  GATHER_PROVIDENT_FUND: { field: 'providentFund', withNames: false },
};

const PROPERTY_FIELDS: Partial<Record<GatherStep, { field: string }>> = {
  GATHER_CONTRACT: { field: 'contractFiling' },
  GATHER_TAX: { field: 'transferTax' },
  GATHER_REGISTRATION: { field: 'registration' },
};

export function personsOf(request: LoanRequest): LoanPerson[] {
  return [request.applicant, ...(request.spouse ? [request.spouse] : []), ...request.coBorrowers];
}

/** The people (by ID number) whose consent for this application the step still waits for; the property's buyers count as one. */
export function awaitingConsent(outcome: GatherOutcome): { persons: string[]; property: boolean } {
  return {
    persons: Object.entries(outcome.persons).filter(([, item]) => item.status === 'NEEDS_CONSENT').map(([idNumber]) => idNumber),
    property: outcome.property?.status === 'NEEDS_CONSENT',
  };
}

/** Answers that are facts: the record is not there, may not be read, or waits for a consent. Anything else is a failure to retry. */
const FACT_CODES = new Set(['NOT_FOUND', 'FORBIDDEN', 'CONSENT_REQUIRED', 'NOT_A_PARTY', 'CASE_REQUIRED']);

function unavailableAgencies(answer: GraphQLAnswer): string[] {
  return answer.errors
    .filter((error) => !FACT_CODES.has(error.extensions?.code ?? ''))
    .map((error) => error.extensions?.agency ?? error.extensions?.serviceName ?? 'platform');
}

function gathered(answer: GraphQLAnswer, path: Array<string | number>, value: unknown): Gathered<Record<string, unknown>> {
  const error = answer.errors.find((e) => e.path && path.every((part, i) => e.path![i] === part));
  if (error?.extensions?.code === 'CONSENT_REQUIRED') return { status: 'NEEDS_CONSENT' };
  if (error && FACT_CODES.has(error.extensions?.code ?? '') && error.extensions?.code !== 'NOT_FOUND') return { status: 'FORBIDDEN' };
  if (value === null || value === undefined) return { status: 'NOT_FOUND' };
  return { status: 'FOUND', value: value as Record<string, unknown> };
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

export async function gather(step: GatherStep, request: LoanRequest, applicationId: string, gateway: GatewayClient): Promise<GatherOutcome> {
  const persons = personsOf(request);
  const personSelection = PERSON_FIELDS[step];
  const propertySelection = PROPERTY_FIELDS[step];
  const variables: Record<string, unknown> = personSelection ? personSlotVariables(persons, personSelection.withNames) : {};
  if (propertySelection) {
    if (request.contractNumber) variables.contract = request.contractNumber;
    else variables.unit = request.unitNumber;
  }
  const documents = GATHER_DOCUMENTS[step];
  const query = request.contractNumber ? documents.byContract : documents.byUnit;
  const answer = await gateway.query(request.centre, applicationId, query, variables);
  const unavailable = unavailableAgencies(answer);
  if (unavailable.length > 0) {
    const codes = answer.errors.map((error) => error.extensions?.code ?? 'UNKNOWN').filter((code) => !FACT_CODES.has(code));
    throw new AgencyUnavailable([...new Set(unavailable)], [...new Set(codes)]);
  }

  const data = answer.data ?? {};
  const outcome: GatherOutcome = { persons: {}, property: null, evidence: [] };
  if (personSelection) {
    persons.forEach((person, i) => {
      const found = data[`p${i}`] as Record<string, unknown> | null | undefined;
      const value = step === 'GATHER_PROVIDENT_FUND' ? (found ? { accounts: found.providentFundAccounts, loans: found.providentFundLoans } : null) : found?.[personSelection.field];
      const path = step === 'GATHER_PROVIDENT_FUND' ? [`p${i}`, 'providentFundAccounts'] : [`p${i}`, personSelection.field];
      outcome.persons[person.idNumber] = found === null ? gathered(answer, [`p${i}`], null) : gathered(answer, path, value);
    });
  }
  if (propertySelection) {
    const property = data.property as Record<string, unknown> | null | undefined;
    const item = property?.[propertySelection.field] as Record<string, unknown> | null | undefined;
    const value = item && typeof property?.unitNumber === 'string' ? { ...item, unitNumber: property.unitNumber } : item;
    outcome.property = property === null ? gathered(answer, ['property'], null) : gathered(answer, ['property', propertySelection.field], value);
  }
  sourcesIn(data, outcome.evidence);
  return outcome;
}
