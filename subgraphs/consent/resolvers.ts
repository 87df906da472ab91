import type { AgencyName } from '../../lib/agency-contracts';
import { DATA_ITEMS } from '../../lib/data-items';
import { ESTIMATE_CONSENT_MAX_DAYS, ESTIMATE_CONSENT_SCOPES, ESTIMATE_PURPOSE, coversExactlyTheEstimate } from '../../lib/estimate-consent';
import { badUserInput } from '../../lib/errors';
import type { AccessRecord, ConsentRecord, Page, SubjectRole } from '../../storage/types';
import { maskIdNumberForRecord } from '../../storage';
import { partiesOf } from '../shared/cases/case-file';
import type { Context, GrantConsentInput, Resolvers } from './generated/resolvers-types';

const MAX_VALIDITY_MS = 366 * 24 * 3600 * 1000;
/** A proxy authorization serves one piece of assisted handling, not a standing power. */
const MAX_PROXY_VALIDITY_MS = 90 * 24 * 3600 * 1000;
const MAX_PAGE = 200;

/** Whose consent this caller speaks for: their own, or the applicant who authorized their proxy. */
function subjectOf(context: Context): string {
  const subject = context.actor.personIdNumber;
  if (!subject) throw badUserInput('actor', 'only a person or their proxy can give or withdraw their consent');
  return subject;
}

/** The scope rules of each kind: credit and face consents stand apart from data sharing, by law. */
function checkScopes(input: GrantConsentInput): void {
  if (input.scopes.length === 0) throw badUserInput('scopes', 'name at least one agency and data item');
  for (const [index, scope] of input.scopes.entries()) {
    const known = DATA_ITEMS[scope.agency];
    const unknown = scope.dataItems.filter((item) => !known.includes(item));
    if (scope.dataItems.length === 0 || unknown.length > 0) {
      throw badUserInput(`scopes[${index}].dataItems`, `${scope.agency} offers ${known.join(', ')}`);
    }
  }
  const only = (agency: AgencyName, item: string) =>
    input.scopes.every((scope) => scope.agency === agency && scope.dataItems.every((dataItem) => dataItem === item));
  if (input.kind === 'CREDIT_QUERY' && !only('pboc-credit', 'creditReport')) {
    throw badUserInput('scopes', 'a credit-query authorization covers PBOC_CREDIT / creditReport only');
  }
  if (input.kind === 'FACE_VERIFICATION' && !only('public-security', 'face')) {
    throw badUserInput('scopes', 'a face-verification consent covers PUBLIC_SECURITY / face only');
  }
  if (input.kind === 'DATA_SHARING' && input.scopes.some((scope) => scope.agency === 'pboc-credit' || scope.dataItems.includes('face'))) {
    throw badUserInput('scopes', 'the credit query and face verification need their own separate consent');
  }
  // Minimum necessary (PIPL art. 6): the estimate reads exactly these of the spouse, all of them or none.
  if (input.purpose === ESTIMATE_PURPOSE && !coversExactlyTheEstimate(input.scopes)) {
    throw badUserInput('scopes', `the quota estimate consent covers exactly ${ESTIMATE_CONSENT_SCOPES.map((scope) => `${scope.agency} / ${scope.dataItems.join(', ')}`).join('; ')}`);
  }
}

function futureInstant(value: string, maxMs: number, what: string): Date {
  const now = Date.now();
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime()) || instant.getTime() <= now) throw badUserInput('validUntil', 'must be a future instant');
  if (instant.getTime() - now > maxMs) throw badUserInput('validUntil', `${what} lasts at most ${Math.round(maxMs / (24 * 3600 * 1000))} days`);
  return instant;
}

/**
 * The case a consent is for: an application the consenting person is a party to, and their part
 * in it, read from the platform's record. Data sharing and the credit query need one; a face
 * verification consent may stand alone (it is asked for at signing).
 */
async function caseOfConsent(input: GrantConsentInput, subject: string, context: Context): Promise<{ applicationId: string | null; centre: string; subjectRole: SubjectRole }> {
  const requested = input.grantedToCentre ?? null;
  if (requested !== null && !/^\d{6}$/.test(requested)) throw badUserInput('grantedToCentre', 'a fund centre code is 6 digits');
  if (input.purpose === ESTIMATE_PURPOSE) {
    // A spouse lends her figures to her spouse's estimate, before any application: there is no
    // case to name, so the centre is named instead, and she consents as the spouse.
    if (input.kind !== 'DATA_SHARING') throw badUserInput('kind', 'the quota estimate consent is a DATA_SHARING consent');
    if (input.applicationId) throw badUserInput('applicationId', 'the quota estimate consent comes before any application: name none');
    if (requested === null) throw badUserInput('grantedToCentre', 'name the fund centre whose estimate may use your figures');
    return { applicationId: null, centre: requested, subjectRole: 'SPOUSE' };
  }
  if (!input.applicationId) {
    if (input.kind !== 'FACE_VERIFICATION') throw badUserInput('applicationId', 'data sharing and the credit query are given for one application: name it');
    if (requested === null) throw badUserInput('grantedToCentre', 'name the fund centre');
    return { applicationId: null, centre: requested, subjectRole: 'APPLICANT' };
  }
  const application = await context.storage.loans.get(input.applicationId);
  const party = application ? partiesOf(application, await context.storage.loans.steps(application.id)).find((p) => p.idNumber === subject) : undefined;
  // Someone else's application and no application at all read the same: nothing to learn here.
  if (!application || !party) throw badUserInput('applicationId', 'you are not a party to an application with this id');
  if (requested !== null && requested !== application.centre) throw badUserInput('grantedToCentre', "a consent for an application goes to that application's centre");
  return { applicationId: application.id, centre: application.centre, subjectRole: party.role };
}

function page(first: number | null | undefined, after: string | null | undefined): Page {
  const limit = first ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw badUserInput('first', `give 1 to ${MAX_PAGE}`);
  if (after !== null && after !== undefined && !/^\d+$/.test(after)) throw badUserInput('after', 'use the nextCursor of the previous page');
  return { after: after ? Number(after) : null, limit };
}

/** A record lists at least one person (the store refuses one that lists none). */
const firstSubject = (record: AccessRecord) => record.subjects[0]!;

function pageOf(records: AccessRecord[], limit: number) {
  return { records, nextCursor: records.length === limit ? String(records.at(-1)!.sequence) : null };
}

export const consentResolvers: Resolvers = {
  Query: {
    myConsents: (_, __, context) => context.storage.consents.listForSubject(context.subjectKeyOf(subjectOf(context)), new Date()),
    myProxyAuthorizations: (_, __, context) =>
      context.storage.proxyAuthorizations.listForSubject(context.subjectKeyOf(subjectOf(context)), new Date()),
    myDataAccessRecords: async (_, args, context) => {
      const requested = page(args.first, args.after);
      const subjectKey = context.subjectKeyOf(subjectOf(context));
      const records = await context.storage.accessRecords.listForSubject(subjectKey, requested);
      // A person sees their own part of each record: who else a request read is not theirs to know.
      return pageOf(
        records.map((record) => ({ ...record, subjects: record.subjects.filter((subject) => subject.subjectKey === subjectKey) })),
        requested.limit,
      );
    },
    accessRecords: async (_, args, context) => {
      const requested = page(args.first, args.after);
      const filter = args.filter ?? {};
      const records = await context.storage.accessRecords.list(
        {
          ...(filter.agency ? { agency: filter.agency } : {}),
          ...(filter.actorSubject ? { actorSubject: filter.actorSubject } : {}),
          ...(filter.from ? { from: new Date(filter.from) } : {}),
          ...(filter.to ? { to: new Date(filter.to) } : {}),
        },
        requested,
      );
      return pageOf(records, requested.limit);
    },
    accessRecordChain: async (_, __, context) => {
      const verdict = await context.storage.accessRecords.verifyChain();
      return verdict.ok
        ? { intact: true, records: verdict.records, firstBrokenSequence: null, reason: null }
        : { intact: false, records: verdict.records, firstBrokenSequence: verdict.firstBrokenSequence, reason: verdict.reason };
    },
  },
  Mutation: {
    grantConsent: async (_, { input }, context): Promise<ConsentRecord> => {
      const subject = subjectOf(context);
      checkScopes(input);
      const authorizationRef = input.authorizationReference?.trim() || null;
      if (input.kind === 'CREDIT_QUERY' && !authorizationRef) throw badUserInput('authorizationReference', 'a credit query needs the written authorization’s reference');
      const validUntil =
        input.purpose === ESTIMATE_PURPOSE
          ? futureInstant(input.validUntil, ESTIMATE_CONSENT_MAX_DAYS * 24 * 3600 * 1000, 'a quota estimate consent')
          : futureInstant(input.validUntil, MAX_VALIDITY_MS, 'a consent');
      const { applicationId, centre, subjectRole } = await caseOfConsent(input, subject, context);
      const now = new Date();
      const consent = await context.storage.consents.grant({
        subjectKey: context.subjectKeyOf(subject),
        subjectMasked: maskIdNumberForRecord(subject),
        subjectRole,
        kind: input.kind,
        purpose: input.purpose,
        scopes: input.scopes.map((scope) => ({ agency: scope.agency, dataItems: [...new Set(scope.dataItems)] })),
        grantedToCentre: centre,
        authorizationRef,
        applicationId,
        validFrom: now,
        validUntil,
        recordedBy: `${context.actor.role}:${context.actor.subject}`,
      });
      // The checks that waited for this person's word are due now, not at some later poll.
      if (applicationId) await context.storage.loans.resumeAwaitingConsent(applicationId, now);
      return consent;
    },
    grantProxyAuthorization: async (_, { input }, context) => {
      const subject = subjectOf(context);
      const agent = input.agent.trim();
      if (!/^[A-Za-z0-9._:@-]{3,128}$/.test(agent)) throw badUserInput('agent', "the agent's account: 3–128 letters, digits or . _ : @ -");
      if (input.scopes.length === 0) throw badUserInput('scopes', 'name at least one thing the agent may do');
      const validUntil = futureInstant(input.validUntil, MAX_PROXY_VALIDITY_MS, 'a proxy authorization');
      return context.storage.proxyAuthorizations.grant({
        subjectKey: context.subjectKeyOf(subject),
        subjectMasked: maskIdNumberForRecord(subject),
        agentSubject: agent,
        scopes: [...new Set(input.scopes)],
        validFrom: new Date(),
        validUntil,
      });
    },
    revokeProxyAuthorization: (_, args, context) =>
      context.storage.proxyAuthorizations.revoke(args.id, context.subjectKeyOf(subjectOf(context)), new Date()),
    revokeConsent: (_, args, context) =>
      context.storage.consents.revoke(args.id, context.subjectKeyOf(subjectOf(context)), new Date()),
  },
  Consent: {
    authorizationReference: (consent) => consent.authorizationRef,
    validFrom: (consent) => consent.validFrom.toISOString(),
    validUntil: (consent) => consent.validUntil.toISOString(),
    grantedAt: (consent) => consent.grantedAt.toISOString(),
    revokedAt: (consent) => consent.revokedAt?.toISOString() ?? null,
  },
  ProxyAuthorization: {
    agent: (authorization) => authorization.agentSubject,
    validFrom: (authorization) => authorization.validFrom.toISOString(),
    validUntil: (authorization) => authorization.validUntil.toISOString(),
    grantedAt: (authorization) => authorization.grantedAt.toISOString(),
    revokedAt: (authorization) => authorization.revokedAt?.toISOString() ?? null,
  },
  AccessRecord: {
    accessedAt: (record) => record.accessedAt.toISOString(),
    fields: (record) => [...new Set(record.subjects.flatMap((subject) => subject.fields))].sort(),
    // The fields of one person, kept for the clients written before a record listed several.
    subjectMasked: (record) => firstSubject(record).subjectMasked,
    legalBasis: (record) => firstSubject(record).legalBasis,
    consentId: (record) => firstSubject(record).consentId,
    applicationId: (record) => firstSubject(record).applicationId,
  },
};
