/**
 * How a subgraph's policy is written, and how it is applied to the schema.
 *
 * A policy maps every type (or each of its fields) to a shield rule, optionally with a mask (who
 * sees the clear value) and an access record (which agency's personal data the field is). Deny is
 * the default: a field the policy does not name is denied, and a test fails until it is named.
 *
 * Applying it: graphql-shield's own middleware wraps every field of every type in an async step
 * (STACK.md measured 0.51× throughput). The rules here are shield rules, evaluated by shield's own
 * `rule.resolve`; only the wrapping is ours: fields whose rule is `allow` with nothing to mask or
 * record keep their resolver untouched, so value types (CreditReport.totalBalance, …) cost nothing.
 */
import { allow, deny } from 'graphql-shield';
import { GraphQLError, defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import type { AgencyName } from '../../../lib/agency-contracts';
import type { LegalBasis } from '../../../storage/types';
import type { PolicyContext } from './context';
import { consentKey, consentsNow, pathKey, type Rule, type Subjects } from './rules';
import { andThen, isPromise, type MaybeAsync } from './maybe-async';

export interface FieldPolicy<Parent = never> {
  /** Who may read the field at all. */
  rule: Rule;
  /** Replaces the value with a masked form unless `clearFor` holds. */
  mask?: { apply: (value: never, context: PolicyContext) => unknown; clearFor: Rule };
  /**
   * The field is personal data: each release is written to the access record (a masked value is
   * no release). The ground is the subject's own request, their proxy's authorization, else the
   * caller's consent for the case — or, with `basis: 'CASE_PROCESSING'`, handling the case itself
   * (the application file, seen by its parties and its centre).
   */
  record?: {
    agency: AgencyName;
    dataItem: string;
    subjects: Subjects<Parent>;
    basis?: 'CASE_PROCESSING';
    /** The case the release serves when the parent itself is it (the application file); else the request's verified case. */
    caseOf?: (parent: Parent) => string;
    /**
     * Minors whose data the field releases too, on the ground their guardian (监护人, the subject)
     * has: each is recorded with the basis GUARDIAN and the id of the guardian's own ground.
     */
    minorsOf?: Subjects<Parent>;
  };
}

/** `never` as the parent accepts every entry whatever parent its subjects function declares. */
export type PolicyEntry = Rule | FieldPolicy<never>;
export type Policy = Record<string, PolicyEntry | Record<string, PolicyEntry>>;

/** Personal data of an agency: readable under `rule`, recorded in the access record. */
export function personalData<Parent>(rule: Rule, record: FieldPolicy<Parent>['record'], mask?: FieldPolicy<Parent>['mask']): FieldPolicy<Parent> {
  return { rule, record, ...(mask ? { mask } : {}) };
}

/** Readable under `rule`, shown clear only under `clearFor`, masked otherwise. */
export function masked<Value>(rule: Rule, apply: (value: Value, context: PolicyContext) => unknown, clearFor: Rule): FieldPolicy {
  return { rule, mask: { apply: apply as (value: never, context: PolicyContext) => unknown, clearFor } };
}

const isRule = (entry: unknown): entry is Rule => typeof entry === 'object' && entry !== null && typeof (entry as { resolve?: unknown }).resolve === 'function';

function asFieldPolicy(entry: PolicyEntry): FieldPolicy<never> {
  return isRule(entry) ? { rule: entry } : entry;
}

/** The policy entry that governs a field: its own, else its type's, else deny. */
export function policyEntryOf(policy: Policy, typeName: string, fieldName: string): { entry: FieldPolicy<never>; explicit: boolean } {
  const typeEntry = policy[typeName];
  if (typeEntry === undefined) return { entry: { rule: deny }, explicit: false };
  if (isRule(typeEntry)) return { entry: { rule: typeEntry }, explicit: true };
  const fields = typeEntry as Record<string, PolicyEntry>;
  // '*' is the rule of every field of the type that is not named on its own.
  const fieldEntry = fields[fieldName] ?? fields['*'];
  if (fieldEntry === undefined) return { entry: { rule: deny }, explicit: false };
  return { entry: asFieldPolicy(fieldEntry), explicit: true };
}

/**
 * Evaluating shield rules. The rules are shield's own objects (`rule`, `and`, `or`, `not`, `allow`,
 * `deny`), walked here rather than through shield's async `resolve`: a verdict that needs no I/O
 * (the caller's role, whose record it is) is reached synchronously, and only a rule that must wait
 * (a consent look-up) makes the field wait. This is what keeps the policy from costing throughput.
 * Each rule is turned once into a function of the field's arguments (decisionOf), so deciding a
 * field of a 50-person list walks no rule tree and allocates nothing it does not need.
 * A rule's own failure (say, the consent store is down) is an error, never a quiet "no": an outage
 * must not look like a denial, nor a denial like an outage.
 */
type Verdict = MaybeAsync<boolean>;
type Decision = (parent: unknown, args: unknown, context: PolicyContext, info: unknown) => Verdict;

interface LeafRule {
  name: string;
  cache: unknown;
  func: (parent: unknown, args: unknown, context: unknown, info: unknown) => unknown;
}
interface LogicRule {
  getRules(): Rule[];
}

const ignore = () => undefined;

function leafDecision(rule: LeafRule): Decision {
  const judge: Decision = (parent, args, context, info) => {
    const result = rule.func(parent, args, context, info);
    return isPromise(result) ? result.then((value) => value === true) : result === true;
  };
  if (rule.cache !== 'contextual') return judge;
  // 'contextual' rules read the context alone: one answer per request (shield's own semantics).
  const cacheKey = `contextual:${rule.name}`;
  return (parent, args, context, info) => {
    const cache = context._shield.cache;
    if (cacheKey in cache) return cache[cacheKey] as Verdict;
    return (cache[cacheKey] = judge(parent, args, context, info));
  };
}

/**
 * Every part is asked (each may note why it refused: the denial names the most specific reason),
 * then the verdicts combine; one that is already decisive decides at once. A look-up still
 * running then no longer matters: its failure is caught here rather than left unhandled (which
 * would end the process), and the verdict stands on the part that decided.
 */
function combined(parts: readonly Decision[], decisive: boolean): Decision {
  return (parent, args, context, info) => {
    let pending: Array<Promise<boolean>> | null = null;
    let decided = false;
    for (const part of parts) {
      const verdict = part(parent, args, context, info);
      if (verdict === decisive) decided = true;
      else if (verdict !== !decisive) (pending ??= []).push(verdict as Promise<boolean>);
    }
    if (decided || pending === null) {
      for (const running of pending ?? []) running.catch(ignore);
      return decided ? decisive : !decisive;
    }
    return Promise.all(pending).then((values) => (decisive ? values.some(Boolean) : values.every(Boolean)));
  };
}

const ALWAYS: Decision = () => true;
const NEVER: Decision = () => false;
const decisions = new WeakMap<object, Decision>();

/** The rule as a function of a field's parent, arguments, context and info: built once per rule. */
export function decisionOf(rule: Rule): Decision {
  let decision = decisions.get(rule);
  if (decision === undefined) {
    decision = compile(rule);
    decisions.set(rule, decision);
  }
  return decision;
}

function compile(rule: Rule): Decision {
  if (rule === allow) return ALWAYS;
  if (rule === deny) return NEVER;
  const parts = () => (rule as unknown as LogicRule).getRules().map(decisionOf);
  switch (rule.constructor.name) {
    case 'RuleAnd':
    case 'RuleChain':
      return combined(parts(), false);
    case 'RuleOr':
    case 'RuleRace':
      return combined(parts(), true);
    case 'RuleNot': {
      const [inner] = parts();
      return (parent, args, context, info) => {
        const verdict = inner!(parent, args, context, info);
        return isPromise(verdict) ? verdict.then((value) => !value) : !verdict;
      };
    }
    case 'RuleTrue':
      return ALWAYS;
    case 'RuleFalse':
      return NEVER;
    default:
      return leafDecision(rule as unknown as LeafRule);
  }
}

export function verdictOf(rule: Rule, parent: unknown, args: unknown, context: PolicyContext, info: unknown): Verdict {
  return decisionOf(rule)(parent, args, context, info);
}

export async function evaluate(rule: Rule, parent: unknown, args: unknown, context: PolicyContext, info: unknown): Promise<boolean> {
  return verdictOf(rule, parent, args, context, info);
}

const DENIAL_MESSAGES = {
  CASE_REQUIRED: 'name, in x-application-id, an application of your centre that is open to you',
  NOT_A_PARTY: 'this person is not a party to the application named',
  CONSENT_REQUIRED: 'this person has not consented to this read for the application named',
  PROXY_NOT_AUTHORIZED: 'no authorization of this person, in force, lets this agent do this',
} as const;

export function denial(context: PolicyContext, typeName: string, fieldName: string, info?: GraphQLResolveInfo): GraphQLError {
  if (context.actor.role === 'ANONYMOUS') return new GraphQLError(`Sign in to read ${typeName}.${fieldName}.`, { extensions: { code: 'UNAUTHENTICATED' } });
  const noted = info ? context.denials.get(pathKey(info.path)) : undefined;
  if (noted) return new GraphQLError(`Not permitted to read ${typeName}.${fieldName}: ${DENIAL_MESSAGES[noted]}.`, { extensions: { code: noted } });
  return new GraphQLError(`Not permitted to read ${typeName}.${fieldName} for this person under purpose ${context.purpose}.`, { extensions: { code: 'FORBIDDEN' } });
}

type Ground = { legalBasis: LegalBasis; consentId: string | null };

/** The ground that needs no consent: the subject themself, or their authorized proxy. */
function directBasisOf(context: PolicyContext, subject: string): Ground | null {
  const { role, personIdNumber } = context.actor;
  if (role === 'APPLICANT' && personIdNumber === subject) return { legalBasis: 'DATA_SUBJECT_REQUEST', consentId: null };
  if (role === 'PROXY_AGENT' && personIdNumber === subject && context.proxy) return { legalBasis: 'PROXY_AUTHORIZATION', consentId: context.proxy.id };
  return null;
}

/**
 * Writes a release of personal data to the request's ledger, on the ground the caller has for each
 * subject: at once when the subjects and the case's consents are at hand, else once they are.
 */
export function recordAccess(context: PolicyContext, parent: unknown, field: string, record: NonNullable<FieldPolicy<never>['record']>): MaybeAsync<void> {
  const applicationId = record.caseOf ? { applicationId: record.caseOf(parent as never) } : {};
  return andThen(record.subjects(parent as never, context), (subjects) =>
    andThen(groundsOf(context, subjects, record), (grounds) => {
      subjects.forEach((subject, index) => {
        const ground = grounds[index]!;
        // A consent's read serves the request's verified case; `caseOf` names the case of the others.
        context.ledger.push({ subjectIdNumber: subject, agency: record.agency, field, ...ground, ...(ground.legalBasis === 'CONSENT' ? {} : applicationId) });
      });
      // Minors released with their guardian's data (the first subject): each on the guardian's own ground.
      if (!record.minorsOf || grounds.length === 0) return;
      return andThen(record.minorsOf(parent as never, context), (minors) => {
        for (const minor of minors) context.ledger.push({ subjectIdNumber: minor, agency: record.agency, field, legalBasis: 'GUARDIAN', consentId: grounds[0]!.consentId });
      });
    }),
  );
}

/** The ground of each subject's release: their own request or their proxy's, the case itself, else the consent for it. */
function groundsOf(context: PolicyContext, subjects: readonly string[], record: NonNullable<FieldPolicy<never>['record']>): MaybeAsync<Ground[]> {
  const grounds: Array<Ground | null> = subjects.map((subject) => directBasisOf(context, subject) ?? (record.basis ? { legalBasis: record.basis, consentId: null } : null));
  const kind = record.agency === 'pboc-credit' ? 'CREDIT_QUERY' : 'DATA_SHARING';
  const asked = subjects.filter((_, index) => grounds[index] === null);
  if (asked.length === 0) return grounds as Ground[];
  return andThen(consentsNow(context, asked.map((subject) => consentKey(subject, kind, record.agency, record.dataItem))), (consents) => {
    let next = 0;
    // A co-buyer whose data came along with a consenting buyer's record is recorded too: they can see it.
    return grounds.map((ground) => ground ?? { legalBasis: 'CONSENT', consentId: consents[next++]?.id ?? null });
  });
}

/** Wraps the schema's resolvers with the policy. Returns the schema it was given, changed in place. */
export function applyPolicy(schema: GraphQLSchema, policy: Policy): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const { entry } = policyEntryOf(policy, type.name, field.name);
      // The fast path: nothing to decide, hide or record, so nothing is wrapped.
      if (entry.rule === allow && !entry.mask && !entry.record) continue;
      const resolve: GraphQLFieldResolver<unknown, PolicyContext> = field.resolve ?? defaultFieldResolver;
      const fieldName = `${type.name}.${field.name}`;
      const decide = decisionOf(entry.rule);
      const clearFor = entry.mask ? decisionOf(entry.mask.clearFor) : null;
      const plain = !entry.mask && !entry.record;
      // What leaves: the value, masked unless its clear form is allowed, recorded when it is personal data shown.
      const release = (value: unknown, parent: unknown, args: Record<string, unknown>, context: PolicyContext, info: GraphQLResolveInfo): MaybeAsync<unknown> => {
        if (value === null || value === undefined) return value;
        return andThen(clearFor === null ? true : clearFor(parent, args, context, info), (clear) => {
          if (!clear) return Array.isArray(value) ? value.map((item) => entry.mask!.apply(item as never, context)) : entry.mask!.apply(value as never, context);
          return entry.record ? andThen(recordAccess(context, parent, fieldName, entry.record), () => value) : value;
        });
      };
      field.resolve = (parent, args, context, info) => {
        const allowed = decide(parent, args, context, info);
        // Decided without waiting, and nothing to mask or record: the resolver runs as if unwrapped.
        if (allowed === true && plain) return resolve(parent, args, context, info);
        return andThen(allowed, (ok) => {
          if (!ok) throw denial(context, type.name, field.name, info);
          return andThen(resolve(parent, args, context, info), (value) => release(value, parent, args, context, info));
        });
      };
    }
  }
  return schema;
}
