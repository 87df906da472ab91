import type { AgencyName } from '../../lib/agency-contracts';
import { DATA_ITEMS } from '../../lib/data-items';
import { badUserInput } from '../../lib/errors';
import type { AccessRecord, ConsentKind, ConsentRecord, Page, Purpose, SubjectRole } from '../../storage/types';
import { maskIdNumberForRecord } from '../../storage';
import type { Resolvers, SubgraphContext } from '../shared/subgraph';

type Context = SubgraphContext<Record<string, never>>;

const MAX_VALIDITY_MS = 366 * 24 * 3600 * 1000;
const MAX_PAGE = 200;

interface GrantConsentInput {
  kind: ConsentKind;
  purpose: Purpose;
  subjectRole: SubjectRole;
  scopes: Array<{ agency: AgencyName; dataItems: string[] }>;
  grantedToCentre: string;
  authorizationReference?: string | null;
  applicationId?: string | null;
  validUntil: string;
}

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
}

function page(first: number | null | undefined, after: string | null | undefined): Page {
  const limit = first ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw badUserInput('first', `give 1 to ${MAX_PAGE}`);
  if (after !== null && after !== undefined && !/^\d+$/.test(after)) throw badUserInput('after', 'use the nextCursor of the previous page');
  return { after: after ? Number(after) : null, limit };
}

function pageOf(records: AccessRecord[], limit: number) {
  return { records, nextCursor: records.length === limit ? String(records.at(-1)!.sequence) : null };
}

export const consentResolvers: Resolvers<Record<string, never>> = {
  Query: {
    myConsents: (_: unknown, __: unknown, context: Context) => context.storage.consents.listForSubject(context.subjectKeyOf(subjectOf(context)), new Date()),
    myDataAccessRecords: async (_: unknown, args: { first?: number; after?: string }, context: Context) => {
      const requested = page(args.first, args.after);
      return pageOf(await context.storage.accessRecords.listForSubject(context.subjectKeyOf(subjectOf(context)), requested), requested.limit);
    },
    accessRecords: async (_: unknown, args: { filter?: { agency?: AgencyName; actorSubject?: string; from?: string; to?: string }; first?: number; after?: string }, context: Context) => {
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
    accessRecordChain: async (_: unknown, __: unknown, context: Context) => {
      const verdict = await context.storage.accessRecords.verifyChain();
      return verdict.ok
        ? { intact: true, records: verdict.records, firstBrokenSequence: null, reason: null }
        : { intact: false, records: verdict.records, firstBrokenSequence: verdict.firstBrokenSequence, reason: verdict.reason };
    },
  },
  Mutation: {
    grantConsent: async (_: unknown, { input }: { input: GrantConsentInput }, context: Context): Promise<ConsentRecord> => {
      const subject = subjectOf(context);
      checkScopes(input);
      if (!/^\d{6}$/.test(input.grantedToCentre)) throw badUserInput('grantedToCentre', 'a fund centre code is 6 digits');
      const authorizationRef = input.authorizationReference?.trim() || null;
      if (input.kind === 'CREDIT_QUERY' && !authorizationRef) throw badUserInput('authorizationReference', 'a credit query needs the written authorization’s reference');
      const now = new Date();
      const validUntil = new Date(input.validUntil);
      if (Number.isNaN(validUntil.getTime()) || validUntil <= now) throw badUserInput('validUntil', 'must be a future instant');
      if (validUntil.getTime() - now.getTime() > MAX_VALIDITY_MS) throw badUserInput('validUntil', 'a consent lasts at most one year');
      return context.storage.consents.grant({
        subjectKey: context.subjectKeyOf(subject),
        subjectMasked: maskIdNumberForRecord(subject),
        subjectRole: input.subjectRole,
        kind: input.kind,
        purpose: input.purpose,
        scopes: input.scopes.map((scope) => ({ agency: scope.agency, dataItems: [...new Set(scope.dataItems)] })),
        grantedToCentre: input.grantedToCentre,
        authorizationRef,
        applicationId: input.applicationId ?? null,
        validFrom: now,
        validUntil,
        recordedBy: context.actor.subject,
      });
    },
    revokeConsent: (_: unknown, args: { id: string }, context: Context) =>
      context.storage.consents.revoke(args.id, context.subjectKeyOf(subjectOf(context)), new Date()),
  },
  Consent: {
    authorizationReference: (consent: ConsentRecord) => consent.authorizationRef,
    validFrom: (consent: ConsentRecord) => consent.validFrom.toISOString(),
    validUntil: (consent: ConsentRecord) => consent.validUntil.toISOString(),
    grantedAt: (consent: ConsentRecord) => consent.grantedAt.toISOString(),
    revokedAt: (consent: ConsentRecord) => consent.revokedAt?.toISOString() ?? null,
  },
  AccessRecord: {
    accessedAt: (record: AccessRecord) => record.accessedAt.toISOString(),
  },
};
