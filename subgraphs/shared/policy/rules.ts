/**
 * The rule library every subgraph's policy is written in: named predicates built with
 * graphql-shield's `rule`, composed with its `and` / `or` / `not`. A policy file reads top to
 * bottom as "who may read what"; these are the words it uses.
 */
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { and, or, rule, type IRule } from 'graphql-shield';
import type { ActorRole } from '../../../lib/actor';
import type { AgencyName } from '../../../lib/agency-contracts';
import { ESTIMATE_CONSENT_SCOPES, ESTIMATE_PURPOSE } from '../../../lib/estimate-consent';
import { serviceHasPower, type ServicePower } from '../../../lib/services';
import type { ConsentGround, ConsentItem, ConsentKind, ConsentRecord, ConsentStore, ProxyScope, Purpose } from '../../../storage/types';
import type { DenialCode, PolicyContext } from './context';
import type { CaseFile } from '../cases/case-file';
import { andThen, type MaybeAsync } from './maybe-async';

export { allow, deny } from 'graphql-shield';
/** A shield rule: a named predicate, or a logic rule composed of them. */
export type Rule = IRule | ReturnType<typeof and>;

/** Whose personal data a parent object holds: ID numbers, found from the parent (and maybe its records). */
export type Subjects<Parent> = (parent: Parent, context: PolicyContext) => readonly string[] | Promise<readonly string[]>;

export const isAuthenticated = rule('isAuthenticated', { cache: 'contextual' })(
  (_parent, _args, context: PolicyContext) => context.actor.role !== 'ANONYMOUS',
);

export function hasRole(...roles: ActorRole[]): Rule {
  return rule(`hasRole(${roles.join(',')})`, { cache: 'contextual' })((_parent, _args, context: PolicyContext) => roles.includes(context.actor.role));
}

/** Most specific last: when several rules note a reason for one field, the most specific one stands. */
const DENIAL_ORDER: readonly DenialCode[] = ['CASE_REQUIRED', 'PROXY_NOT_AUTHORIZED', 'NOT_A_PARTY', 'CONSENT_REQUIRED'];

export function pathKey(path: GraphQLResolveInfo['path'] | undefined): string {
  const parts: Array<string | number> = [];
  for (let at = path; at; at = at.prev) parts.unshift(at.key);
  return parts.join('.');
}

/** Notes why a rule refused, for the field being decided (read by `denial`). */
export function noteDenial(context: PolicyContext, info: unknown, code: DenialCode): void {
  const key = pathKey((info as GraphQLResolveInfo | undefined)?.path);
  const noted = context.denials.get(key);
  if (noted === undefined || DENIAL_ORDER.indexOf(code) > DENIAL_ORDER.indexOf(noted)) context.denials.set(key, code);
}

/** A verified proxy whose authorization covers this action; a token's claim alone is nothing. */
export function proxyMay(context: PolicyContext, scope: ProxyScope, info?: unknown): boolean {
  if (context.actor.role !== 'PROXY_AGENT') return false;
  if (context.proxy?.scopes.includes(scope)) return true;
  noteDenial(context, info, 'PROXY_NOT_AUTHORIZED');
  return false;
}

/** A verified proxy agent whose authorization covers `scope`. */
export function isProxyWith(scope: ProxyScope): Rule {
  return rule(`isProxyWith(${scope})`, { cache: 'contextual' })((_parent, _args, context: PolicyContext, info) => proxyMay(context, scope, info));
}

/** The signed-in applicant for themself, or a verified proxy whose authorization covers `scope`. */
export function isPersonOrProxyMay(scope: ProxyScope): Rule {
  return or(hasRole('APPLICANT'), isProxyWith(scope));
}

/** Whether the caller, in this role, is one of the parent's subjects; synchronous when the subjects are at hand. */
function isAmongSubjects<Parent>(role: 'APPLICANT' | 'PROXY_AGENT', subjects: Subjects<Parent>) {
  return (parent: Parent, _args: unknown, context: PolicyContext, info?: unknown): boolean | Promise<boolean> => {
    const { personIdNumber } = context.actor;
    if (context.actor.role !== role) return false;
    if (role === 'PROXY_AGENT' && !proxyMay(context, 'VIEW_DATA', info)) return false;
    if (personIdNumber === null) return false;
    return andThen(subjects(parent, context), (list) => list.includes(personIdNumber));
  };
}

/** The applicant reading their own data. */
export function isDataSubject<Parent>(subjects: Subjects<Parent>): Rule {
  return rule({ cache: 'no_cache' })(isAmongSubjects('APPLICANT', subjects));
}

/** A service-hall agent (帮代办) acting for the applicant who authorized them, within the authorization's VIEW_DATA scope. */
export function actsForDataSubject<Parent>(subjects: Subjects<Parent>): Rule {
  return rule({ cache: 'no_cache' })(isAmongSubjects('PROXY_AGENT', subjects));
}

/** A listed platform service with this power (lib/services.ts); any other service has none. */
export function isServiceWith(power: ServicePower): Rule {
  return rule(`isServiceWith(${power})`, { cache: 'contextual' })(
    (_parent, _args, context: PolicyContext) => context.actor.role === 'SERVICE' && serviceHasPower(context.actor.subject, power),
  );
}

export function consentKey(subject: string, kind: ConsentKind, agency: AgencyName, dataItem: string): string {
  return `${subject}|${kind}|${agency}|${dataItem}`;
}

/** The consent a subject gave the caller's centre for this purpose and item, looked up once per request. */
export function findConsent(context: PolicyContext, subject: string, kind: ConsentKind, agency: AgencyName, dataItem: string): Promise<ConsentGround | null> {
  return context.consentLookup.load(consentKey(subject, kind, agency, dataItem));
}

/** The consent questions of loader keys (consentKey strings), as the store asks them. */
export function consentItemsOf(keys: readonly string[], subjectKeyOf: (idNumber: string) => string): ConsentItem[] {
  return keys.map((key) => {
    const [subject, kind, agency, dataItem] = key.split('|') as [string, ConsentKind, AgencyName, string];
    return { subjectKey: subjectKeyOf(subject), kind, agency, dataItem };
  });
}

/**
 * A consent loader over a case already at hand (specs, the permission matrix): keys are
 * consentKey(...) strings; the caller's centre, the purpose and the verified case are fixed. A
 * consent opens reads for the application it names only. A request's own loader reads the case
 * and its first consents together (cases/verification.ts caseReads).
 */
export function createConsentLookup(context: Pick<PolicyContext, 'actor' | 'purpose' | 'consents' | 'subjectKeyOf' | 'caseFile'> & Partial<Pick<PolicyContext, 'applicationId'>>): DataLoader<string, ConsentRecord | null> {
  return new DataLoader<string, ConsentRecord | null>(async (keys) => {
    const centre = context.actor.centre;
    // A couple's estimate has no case: its consents name none (isCaselessEstimate).
    const file = isCaselessEstimate(context) ? null : await context.caseFile();
    if (!centre || (!file && !isCaselessEstimate(context))) return keys.map(() => null);
    return findConsentsOfKeys(context.consents, keys, context.subjectKeyOf, { purpose: context.purpose, centre, applicationId: file?.application.id });
  });
}

/**
 * The consents of loader keys (consentKey strings), in their order: one store query for every
 * consent a tick asks about, whatever their kind, agency and item.
 */
export async function findConsentsOfKeys(
  consents: Pick<ConsentStore, 'findActiveForItems'>,
  keys: readonly string[],
  subjectKeyOf: (idNumber: string) => string,
  query: { purpose: Purpose; centre: string; applicationId?: string },
): Promise<Array<ConsentRecord | null>> {
  const found = await consents.findActiveForItems({ items: consentItemsOf(keys, subjectKeyOf), at: new Date(), ...query });
  return keys.map((_, index) => found.get(index) ?? null);
}

/** The verified case (null when none is open to the caller): at once when the case is read, else once it is. */
export function caseFileNow(context: PolicyContext): MaybeAsync<CaseFile | null> {
  const read = context.settledCase?.();
  return read ? read.file : context.caseFile();
}

/** The consents of loader keys (consentKey strings), in their order: at once from a settled case read, else from the request's look-up. */
export function consentsNow(context: PolicyContext, keys: readonly string[]): MaybeAsync<Array<ConsentGround | null>> {
  const read = context.settledCase?.();
  return read ? keys.map((key) => read.consentOf(key)) : Promise.all(keys.map((key) => context.consentLookup.load(key)));
}

/**
 * A fund centre (officer, or the loan engine) working on a case: the request names an application
 * of the caller's centre that is open to them (isCaseOpenTo), the data subject is a party to it,
 * and that party consented — for this application, this purpose, this agency and item. Any one
 * party's consent suffices for records several people share (a contract's buyers). Each refusal
 * notes its reason: no case, not a party, no consent.
 */
export function hasConsent<Parent>(kind: ConsentKind, agency: AgencyName, dataItem: string, subjects: Subjects<Parent>): Rule {
  // The case first: its read brings every consent given for it (cases/verification.ts caseReads),
  // and none counts unless it is verified. Subjects that call an agency to be known: only after that.
  const check = (parent: Parent, context: PolicyContext, info: unknown): MaybeAsync<boolean> =>
    andThen(caseFileNow(context), (file) => {
      if (!file) {
        noteDenial(context, info, 'CASE_REQUIRED');
        return false;
      }
      return andThen(subjects(parent, context), (people) => {
        const parties = people.filter((subject) => file.parties.some((party) => party.idNumber === subject));
        if (parties.length === 0) {
          noteDenial(context, info, 'NOT_A_PARTY');
          return false;
        }
        return andThen(consentsNow(context, parties.map((subject) => consentKey(subject, kind, agency, dataItem))), (consents) => {
          if (consents.some((consent) => consent !== null)) return true;
          noteDenial(context, info, 'CONSENT_REQUIRED');
          return false;
        });
      });
    });
  // Other roles never read under consent: answered at once, with no look-up.
  return rule({ cache: 'no_cache' })((parent: Parent, _args, context: PolicyContext, info) =>
    context.actor.role === 'FUND_OFFICER' || context.actor.role === 'SERVICE' ? check(parent, context, info) : false,
  );
}

/**
 * A request for a couple's quota estimate (额度试算), which serves no case: the purpose
 * HPF_QUOTA_ESTIMATE with no application named. Its consents are looked up without one, because a
 * spouse's estimate consent names none (the store refuses one that does).
 */
export function isCaselessEstimate(context: Pick<PolicyContext, 'purpose'> & Partial<Pick<PolicyContext, 'applicationId'>>): boolean {
  return context.purpose === ESTIMATE_PURPOSE && (context.applicationId ?? null) === null;
}

/**
 * The platform's couple estimate reading the spouse: the loan subgraph, as a service with the
 * READ_FOR_COUPLE_ESTIMATE power, for the purpose HPF_QUOTA_ESTIMATE and no case, reads a person's
 * item — one of the estimate's own (lib/estimate-consent.ts: HPF account and loans, registered
 * homes) — only when that person consented to lend it to the estimate, at the caller's centre. Who the
 * spouse is the loan subgraph took from the applicant's own marriage record; this rule asks the
 * consent of the person read, never of the person asking. Every other caller is refused at once,
 * with no look-up.
 */
export function hasEstimateConsent<Parent>(agency: AgencyName, dataItem: string, subjects: Subjects<Parent>): Rule {
  const check = async (parent: Parent, context: PolicyContext, info: unknown): Promise<boolean> => {
    for (const subject of await subjects(parent, context)) if (await findConsent(context, subject, 'DATA_SHARING', agency, dataItem)) return true;
    noteDenial(context, info, 'CONSENT_REQUIRED');
    return false;
  };
  // Only what the estimate reads of a spouse can ever be lent to it, whatever a stored consent says.
  const lendable = ESTIMATE_CONSENT_SCOPES.some((scope) => scope.agency === agency && scope.dataItems.includes(dataItem));
  return rule({ cache: 'no_cache' })((parent: Parent, _args, context: PolicyContext, info) => {
    const { role, subject, centre } = context.actor;
    const estimating = lendable && role === 'SERVICE' && serviceHasPower(subject, 'READ_FOR_COUPLE_ESTIMATE') && centre !== null && isCaselessEstimate(context);
    return estimating ? check(parent, context, info) : false;
  });
}

/** The usual ground for personal data: the subject themself, their proxy, a centre with consent for its case, or the couple estimate under the spouse's consent for it. */
export function mayReadPersonalData<Parent>(agency: AgencyName, dataItem: string, subjects: Subjects<Parent>): Rule {
  return and(
    isAuthenticated,
    or(isDataSubject(subjects), actsForDataSubject(subjects), hasConsent('DATA_SHARING', agency, dataItem, subjects), hasEstimateConsent(agency, dataItem, subjects)),
  );
}

/** A person's own record, or their proxy's view of it: where masks come off. */
export function isDataSubjectOrProxy<Parent>(subjects: Subjects<Parent>): Rule {
  return or(isDataSubject(subjects), actsForDataSubject(subjects));
}

/** Whose data an Applicant object is: the person it stands for. */
export const applicantSubject: Subjects<{ idNumber: string }> = (parent) => [parent.idNumber];

/** A party to a contract or a register entry: that party. */
export const partySubject: Subjects<{ applicant: { idNumber: string } }> = (parent) => [parent.applicant.idNumber];

/** Roles that read other people's data only under their consent for a case (fund centres). */
export const isFundCentre = hasRole('FUND_OFFICER', 'SERVICE');

