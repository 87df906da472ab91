/**
 * The rule library every subgraph's policy is written in: named predicates built with
 * graphql-shield's `rule`, composed with its `and` / `or` / `not`. A policy file reads top to
 * bottom as "who may read what"; these are the words it uses.
 */
import DataLoader from 'dataloader';
import { and, or, rule, type IRule } from 'graphql-shield';
import type { ActorRole } from '../../../lib/actor';
import type { AgencyName } from '../../../lib/agency-contracts';
import type { ConsentKind, ConsentRecord } from '../../../storage/types';
import type { PolicyContext } from './context';

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

/** Whether the caller, in this role, is one of the parent's subjects; synchronous when the subjects are at hand. */
function isAmongSubjects<Parent>(role: string, subjects: Subjects<Parent>) {
  return (parent: Parent, _args: unknown, context: PolicyContext): boolean | Promise<boolean> => {
    const { personIdNumber } = context.actor;
    if (context.actor.role !== role || personIdNumber === null) return false;
    const found = subjects(parent, context);
    return Array.isArray(found) ? found.includes(personIdNumber) : Promise.resolve(found).then((list) => list.includes(personIdNumber));
  };
}

/** The applicant reading their own data. */
export function isDataSubject<Parent>(subjects: Subjects<Parent>): Rule {
  return rule({ cache: 'no_cache' })(isAmongSubjects('APPLICANT', subjects));
}

/** A service-hall agent (帮代办) acting for the applicant who authorized them. */
export function actsForDataSubject<Parent>(subjects: Subjects<Parent>): Rule {
  return rule({ cache: 'no_cache' })(isAmongSubjects('PROXY_AGENT', subjects));
}

export function consentKey(subject: string, kind: ConsentKind, agency: AgencyName, dataItem: string): string {
  return `${subject}|${kind}|${agency}|${dataItem}`;
}

/** The consent a subject gave the caller's centre for this purpose and item, looked up once per request. */
export function findConsent(context: PolicyContext, subject: string, kind: ConsentKind, agency: AgencyName, dataItem: string): Promise<ConsentRecord | null> {
  return context.consentLookup.load(consentKey(subject, kind, agency, dataItem));
}

/** The per-request consent loader: keys are consentKey(...) strings; the caller's centre and purpose are fixed. */
export function createConsentLookup(context: Pick<PolicyContext, 'actor' | 'purpose' | 'consents' | 'subjectKeyOf'>): DataLoader<string, ConsentRecord | null> {
  return new DataLoader<string, ConsentRecord | null>(async (keys) => {
    const centre = context.actor.centre;
    if (!centre) return keys.map(() => null);
    const at = new Date();
    // One store query per kind/agency/item of this tick, for all the subjects asked about.
    const groups = new Map<string, string[]>();
    for (const key of keys) {
      const [subject, ...rest] = key.split('|');
      const group = rest.join('|');
      groups.set(group, [...(groups.get(group) ?? []), subject!]);
    }
    const found = new Map<string, ConsentRecord>();
    await Promise.all(
      [...groups].map(async ([group, subjects]) => {
        const [kind, agency, dataItem] = group.split('|') as [ConsentKind, AgencyName, string];
        const byKey = await context.consents.findActiveForSubjects({
          subjectKeys: subjects.map((subject) => context.subjectKeyOf(subject)),
          kind,
          purpose: context.purpose,
          agency,
          dataItem,
          centre,
          at,
        });
        for (const subject of subjects) {
          const consent = byKey.get(context.subjectKeyOf(subject));
          if (consent) found.set(`${subject}|${group}`, consent);
        }
      }),
    );
    return keys.map((key) => found.get(key) ?? null);
  });
}

/**
 * A fund centre (officer or system) holding the data subject's active consent of this kind, for
 * the request's purpose, covering this agency and item. Any one subject's consent suffices for
 * records several people share (a contract's buyers).
 */
export function hasConsent<Parent>(kind: ConsentKind, agency: AgencyName, dataItem: string, subjects: Subjects<Parent>): Rule {
  const check = async (parent: Parent, context: PolicyContext): Promise<boolean> => {
    for (const subject of await subjects(parent, context)) {
      if (await findConsent(context, subject, kind, agency, dataItem)) return true;
    }
    return false;
  };
  // Other roles never read under consent: answered at once, with no look-up.
  return rule({ cache: 'no_cache' })((parent: Parent, _args, context: PolicyContext) =>
    context.actor.role === 'FUND_OFFICER' || context.actor.role === 'SERVICE' ? check(parent, context) : false,
  );
}

/** The usual ground for personal data: the subject themself, their proxy, or a centre with consent. */
export function mayReadPersonalData<Parent>(agency: AgencyName, dataItem: string, subjects: Subjects<Parent>): Rule {
  return and(isAuthenticated, or(isDataSubject(subjects), actsForDataSubject(subjects), hasConsent('DATA_SHARING', agency, dataItem, subjects)));
}

/** A person's own record, or their proxy's view of it: where masks come off. */
export function isDataSubjectOrProxy<Parent>(subjects: Subjects<Parent>): Rule {
  return or(isDataSubject(subjects), actsForDataSubject(subjects));
}

/** Whose data an Applicant object is: the person it stands for. */
export const applicantSubject: Subjects<{ idNumber: string }> = (parent) => [parent.idNumber];

/** A party to a contract or a register entry: that party. */
export const partySubject: Subjects<{ applicant: { idNumber: string } }> = (parent) => [parent.applicant.idNumber];

/** Roles that read other people's data only under their consent (fund centres). */
export const isFundCentre = hasRole('FUND_OFFICER', 'SERVICE');
