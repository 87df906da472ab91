/**
 * Cases and consents as the loan flow makes them, written straight to the store for specs that are
 * about something else: an application naming these people, and each person's own consents for it
 * (data sharing of every item, and the credit query).
 */
import { randomUUID } from 'node:crypto';
import type { AgencyName } from '../../lib/agency-contracts';
import { DATA_ITEMS } from '../../lib/data-items';
import { maskIdNumberForRecord, subjectKeyOf } from '../../storage';
import type { ConsentRecord, Storage } from '../../storage/types';
import { initialSteps } from '../../subgraphs/loan/workflow/machine';

export function grantEveryConsent(storage: Storage, entityRefKey: string, idNumber: string, applicationId: string, centre = '350100'): Promise<ConsentRecord[]> {
  const now = Date.now();
  const common = {
    subjectKey: subjectKeyOf(entityRefKey, idNumber),
    subjectMasked: maskIdNumberForRecord(idNumber),
    subjectRole: 'APPLICANT' as const,
    purpose: 'HPF_LOAN_REVIEW' as const,
    grantedToCentre: centre,
    applicationId,
    validFrom: new Date(now - 60_000),
    validUntil: new Date(now + 30 * 24 * 3600 * 1000),
    recordedBy: 'test-support',
  };
  // Data sharing never covers the credit query or face verification: those are separate consents by law.
  const sharing = (Object.entries(DATA_ITEMS) as Array<[AgencyName, readonly string[]]>)
    .filter(([agency]) => agency !== 'pboc-credit')
    .map(([agency, items]) => ({ agency, dataItems: items.filter((item) => item !== 'face') }));
  return Promise.all([
    storage.consents.grant({ ...common, kind: 'DATA_SHARING', scopes: sharing, authorizationRef: null }),
    storage.consents.grant({ ...common, kind: 'CREDIT_QUERY', scopes: [{ agency: 'pboc-credit', dataItems: ['creditReport'] }], authorizationRef: `ZXSQ-${idNumber.slice(-6)}` }),
  ]);
}

export interface CasePeople {
  applicant: string;
  spouse?: string | null;
  coBorrowers?: readonly string[];
  contractNumber?: string;
  centre?: string;
}

/**
 * An accepted application naming these people, stored as submission stores it, with the consents of
 * `consenting` (everyone named, unless told) for it. Its checks run only where a loan worker runs.
 */
export async function openCase(storage: Storage, entityRefKey: string, people: CasePeople, consenting?: readonly string[]): Promise<string> {
  const centre = people.centre ?? '350100';
  const person = (idNumber: string) => ({ idNumber, name: '测试' });
  const named = [people.applicant, ...(people.spouse ? [people.spouse] : []), ...(people.coBorrowers ?? [])];
  const now = new Date();
  const request = {
    applicant: person(people.applicant),
    spouse: people.spouse ? person(people.spouse) : null,
    coBorrowers: (people.coBorrowers ?? []).map(person),
    contractNumber: people.contractNumber ?? null,
    unitNumber: people.contractNumber ? null : '350102004012GB00318F00060802',
    amountFen: 60_000_000,
    termMonths: 240,
    repaymentMethod: 'EQUAL_INSTALMENT' as const,
    centre,
    applicationDate: now.toISOString().slice(0, 10),
  };
  const outcome = await storage.loans.submit({
    idempotencyKey: randomUUID(),
    submittedBy: 'FUND_OFFICER:test-support',
    submittedByRole: 'FUND_OFFICER',
    centre,
    applicantKey: subjectKeyOf(entityRefKey, people.applicant),
    partyKeys: named.map((idNumber) => subjectKeyOf(entityRefKey, idNumber)),
    request,
    requestHash: randomUUID(),
    isTestCase: true,
    now,
    decisionDueAt: new Date(now.getTime() + 15 * 24 * 3600 * 1000),
    openKey: randomUUID(),
    steps: initialSteps(new Date(now.getTime() + 3600 * 1000)),
    acceptedEvent: { kind: 'ACCEPTED', detail: {} },
  });
  for (const idNumber of consenting ?? named) await grantEveryConsent(storage, entityRefKey, idNumber, outcome.application.id, centre);
  // As the consent mutation does: a check that read before these consents were stored is due again.
  await storage.loans.resumeAwaitingConsent(outcome.application.id, new Date());
  return outcome.application.id;
}
