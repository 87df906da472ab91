/**
 * The permission matrix for reviewers: every field of every subgraph × every actor → allow, mask,
 * deny or a condition, found by evaluating the real policy rules (the same shield rules and masks
 * the subgraphs run) against each actor in each situation that can change the answer. Not parsed
 * from source: what this prints is what runs.
 *
 * `npm run permissions` writes docs/permissions.md; a test fails when it is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { isObjectType, parse } from 'graphql';
import { ANONYMOUS, type Actor, type ActorRole } from '../lib/actor';
import { LOAN_ENGINE } from '../lib/services';
import { PROXY_SCOPES, type ConsentRecord, type ConsentStore, type Purpose } from '../storage/types';
import type { CaseFile } from '../subgraphs/shared/cases/case-file';
import { PROJECT_ROOT, SUBGRAPHS } from '../schema/subgraphs';
import { SUBGRAPH_DEFINITIONS } from '../subgraphs';
import type { PolicyContext } from '../subgraphs/shared/policy/context';
import { evaluate, policyEntryOf, type Policy } from '../subgraphs/shared/policy/policy';
import { createConsentLookup } from '../subgraphs/shared/policy/rules';
import { subgraphTypeDefs } from '../subgraphs/shared/type-defs';

export const PERMISSIONS_PATH = path.join(PROJECT_ROOT, 'docs', 'permissions.md');

/** The person whose data every evaluated field holds; a second person stands for "someone else". */
const SUBJECT = '350102199003140316';
const SOMEONE_ELSE = '350104199108220462';
const CENTRE = '350100';

interface Situation {
  label: string;
  actor: Actor;
  /** The subject's consent, for the case named, covering the agency and item. */
  consent: boolean;
  /** The request names an application of the caller's centre, open to them, with SUBJECT a party. */
  case?: boolean;
  /** A PROXY_AGENT's stored authorization holds (this agent, this person, in force, every scope). */
  proxy?: boolean;
  purpose: Purpose;
}

const actor = (role: ActorRole, extra: Partial<Actor> = {}): Actor => ({ ...ANONYMOUS, role, subject: `${role.toLowerCase()}-1`, ...extra });

/** For each role, the situations whose answers may differ; one situation means the answer never depends. */
const SITUATIONS: ReadonlyArray<{ role: ActorRole; situations: Situation[] }> = [
  {
    role: 'APPLICANT',
    situations: [
      // Own data, having given the consents the flow asks of an applicant (face verification among them).
      { label: 'own data', actor: actor('APPLICANT', { personIdNumber: SUBJECT }), consent: true, purpose: 'HPF_LOAN_APPLICATION' },
      { label: "another person's", actor: actor('APPLICANT', { personIdNumber: SOMEONE_ELSE }), consent: false, purpose: 'HPF_LOAN_APPLICATION' },
    ],
  },
  {
    role: 'PROXY_AGENT',
    situations: [
      {
        label: 'stored authorization of the person, in force',
        actor: actor('PROXY_AGENT', { personIdNumber: SUBJECT, proxyAuthorizationRef: 'WT-1' }),
        consent: false,
        case: true,
        proxy: true,
        purpose: 'HPF_LOAN_APPLICATION',
      },
      // The subgraph drops the person of a proxy whose authorization does not hold (cases/verification.ts).
      { label: 'made-up, revoked or expired authorization', actor: actor('PROXY_AGENT', { personIdNumber: null, proxyAuthorizationRef: 'WT-X' }), consent: false, purpose: 'HPF_LOAN_APPLICATION' },
    ],
  },
  {
    role: 'FUND_OFFICER',
    situations: [
      { label: 'case naming the person, with their consent for it', actor: actor('FUND_OFFICER', { centre: CENTRE }), consent: true, case: true, purpose: 'HPF_LOAN_REVIEW' },
      { label: 'case naming them, no consent', actor: actor('FUND_OFFICER', { centre: CENTRE }), consent: false, case: true, purpose: 'HPF_LOAN_REVIEW' },
      { label: 'no case, or not a party to it', actor: actor('FUND_OFFICER', { centre: CENTRE }), consent: true, case: false, purpose: 'HPF_LOAN_REVIEW' },
    ],
  },
  {
    role: 'SERVICE',
    situations: [
      { label: 'loan engine, case naming the person, consent', actor: actor('SERVICE', { subject: LOAN_ENGINE, centre: CENTRE }), consent: true, case: true, purpose: 'HPF_LOAN_REVIEW' },
      { label: 'loan engine, no consent', actor: actor('SERVICE', { subject: LOAN_ENGINE, centre: CENTRE }), consent: false, case: true, purpose: 'HPF_LOAN_REVIEW' },
      // A couple's quota estimate reading the spouse: no case, her consent to the estimate for this centre.
      { label: "loan engine, couple's estimate, the spouse's consent to it", actor: actor('SERVICE', { subject: LOAN_ENGINE, centre: CENTRE }), consent: true, case: false, purpose: 'HPF_QUOTA_ESTIMATE' },
      { label: 'any other service', actor: actor('SERVICE', { subject: 'some-centre-system', centre: CENTRE }), consent: true, case: false, purpose: 'HPF_LOAN_REVIEW' },
    ],
  },
  { role: 'AUDITOR', situations: [{ label: 'any', actor: actor('AUDITOR'), consent: false, purpose: 'HPF_LOAN_REVIEW' }] },
  { role: 'ANONYMOUS', situations: [{ label: 'any', actor: ANONYMOUS, consent: false, purpose: 'HPF_LOAN_APPLICATION' }] },
];

/** Every shape of parent a subjects function reads, all naming SUBJECT. */
const PARENT = {
  ref: 'ref',
  idNumber: SUBJECT,
  unitNumber: '350102004012GB00318F00060802',
  holderIdNumber: SUBJECT,
  borrowerIdNumbers: [SUBJECT],
  buyers: [{ idNumber: SUBJECT }],
  owners: [{ idNumber: SUBJECT }],
  applicant: { idNumber: SUBJECT },
  // A loan application of the evaluated centre, whose applicant is SUBJECT.
  id: '00000000-0000-4000-8000-000000000001',
  centre: CENTRE,
  status: 'ACCEPTED',
  request: { applicant: { idNumber: SUBJECT }, spouse: null, coBorrowers: [] },
};
const RECORD = { buyers: [{ idNumber: SUBJECT }], owners: [{ idNumber: SUBJECT }], taxpayerIdNumbers: [SUBJECT] };
/** Loaders as the rules use them: whatever is asked, a record whose parties are SUBJECT; an application's steps, none yet. */
const LOADERS = new Proxy({}, { get: (_target, name) => ({ load: async () => (name === 'steps' ? [] : RECORD) }) });

function contextFor(situation: Situation): PolicyContext {
  const consents: ConsentStore = {
    findActive: async () => (situation.consent ? ({ id: 'consent-1', authorizationRef: 'ZXSQ-1' } as ConsentRecord) : null),
    findActiveForSubjects: async (query) =>
      new Map(situation.consent ? query.subjectKeys.map((key) => [key, { id: 'consent-1', authorizationRef: 'ZXSQ-1' } as ConsentRecord]) : []),
    findActiveForItems: async (query) =>
      new Map(situation.consent ? query.items.map((_, index) => [index, { id: 'consent-1', authorizationRef: 'ZXSQ-1' } as ConsentRecord]) : []),
    grant: async () => {
      throw new Error('not used');
    },
    revoke: async () => null,
    listForSubject: async () => [],
  };
  const caseFile = async () =>
    situation.case ? ({ application: PARENT, steps: [], parties: [{ idNumber: SUBJECT, role: 'APPLICANT', ordinal: 1 }] } as unknown as CaseFile) : null;
  const base = { actor: situation.actor, purpose: situation.purpose, applicationId: situation.case ? PARENT.id : null, consents, subjectKeyOf: (id: string) => id, caseFile };
  const context: PolicyContext & { loaders: unknown } = {
    ...base,
    requestId: 'permission-matrix',
    proxy: situation.proxy ? { id: 'proxy-1', scopes: PROXY_SCOPES } : null,
    denials: new Map(),
    consentLookup: createConsentLookup(base),
    ledger: [],
    idNumberMask: 'strict',
    _shield: { cache: {} },
    loaders: LOADERS,
  };
  return context;
}

type Answer = 'allow' | 'mask' | 'deny';

async function answer(policy: Policy, typeName: string, fieldName: string, situation: Situation): Promise<Answer> {
  const { entry } = policyEntryOf(policy, typeName, fieldName);
  const args = { idNumber: SUBJECT, idNumbers: [SUBJECT], centreCode: CENTRE };
  const context = contextFor(situation);
  if (!(await evaluate(entry.rule, PARENT, args, context, null))) return 'deny';
  if (entry.mask && !(await evaluate(entry.mask.clearFor, PARENT, args, context, null))) return 'mask';
  return 'allow';
}

function cell(results: Array<{ label: string; answer: Answer }>): string {
  if (results.every((result) => result.answer === results[0]!.answer)) return results[0]!.answer;
  return results.map((result) => `${result.answer} (${result.label})`).join(' · ');
}

export interface MatrixRow {
  subgraph: string;
  field: string;
  recorded: string;
  cells: string[];
  explicit: boolean;
}

export async function permissionMatrix(): Promise<MatrixRow[]> {
  const rows: MatrixRow[] = [];
  for (const { name } of SUBGRAPHS) {
    const policy = SUBGRAPH_DEFINITIONS[name].policy;
    const schema = buildSubgraphSchema(parse(subgraphTypeDefs(name)));
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.keys(type.getFields())) {
        const { entry, explicit } = policyEntryOf(policy, type.name, field);
        const cells: string[] = [];
        for (const { situations } of SITUATIONS) {
          const results = [];
          for (const situation of situations) results.push({ label: situation.label, answer: await answer(policy, type.name, field, situation) });
          cells.push(cell(results));
        }
        rows.push({ subgraph: name, field: `${type.name}.${field}`, recorded: entry.record ? `${entry.record.agency} / ${entry.record.dataItem}` : '', cells, explicit });
      }
    }
  }
  return rows;
}

export async function permissionMatrixMarkdown(): Promise<string> {
  const rows = await permissionMatrix();
  const roles = SITUATIONS.map((s) => s.role);
  const lines = [
    '# Permission matrix',
    '',
    '<!-- Generated by `npm run permissions` from the policies the subgraphs run (scripts/permission-matrix.ts). Do not edit. -->',
    '',
    'Every field of every subgraph, for every actor: **allow** (clear value), **mask** (the masked form the',
    'README describes), **deny** (null with FORBIDDEN, or UNAUTHENTICATED when anonymous), or a condition when the',
    'answer depends on whose data it is or on consent. Found by evaluating the real shield rules and masks',
    'for each actor in each situation below; "recorded" names the agency and data item written to the',
    'access record when the field is read. A **case** is the application named in `x-application-id`, as the',
    "platform's record has it: of the caller's centre, in a state that needs the data (for the loan engine:",
    'its checks running), with the data subject a party to it (applicant, spouse, co-borrower, co-owner).',
    'Consent means an ACTIVE consent the data subject gave themself (or through their proxy) for that very',
    "application, for the request's purpose, to the centre, covering that agency and item (for the credit",
    'report: the written credit-query authorization). A fund centre without a case gets CASE_REQUIRED, for a',
    'non-party NOT_A_PARTY, without consent CONSENT_REQUIRED. A proxy agent is only as good as the stored',
    'authorization its token names (PROXY_NOT_AUTHORIZED otherwise). A couple\'s quota estimate names no case:',
    "the loan engine reads the spouse for it (purpose HPF_QUOTA_ESTIMATE) only under her own consent to that estimate, to that centre.",
    'Only the services listed in',
    '`lib/services.ts` have powers; any other SERVICE gets nothing. Fields of value types (e.g.',
    '`Marriage.status`) are `allow`: they are reachable only through the gated field above them (`Applicant.marriage`).',
    '',
    '| actor | situations evaluated |',
    '|---|---|',
    ...SITUATIONS.map((s) => `| ${s.role} | ${s.situations.map((x) => x.label).join('; ')} |`),
    '',
  ];
  for (const { name } of SUBGRAPHS) {
    lines.push(`## ${name}`, '', `| field | ${roles.join(' | ')} | recorded |`, `|---|${roles.map(() => '---').join('|')}|---|`);
    for (const row of rows.filter((r) => r.subgraph === name)) lines.push(`| \`${row.field}\` | ${row.cells.join(' | ')} | ${row.recorded} |`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

if (require.main === module) {
  permissionMatrixMarkdown().then((markdown) => {
    fs.writeFileSync(PERMISSIONS_PATH, markdown);
    process.stdout.write(`wrote ${PERMISSIONS_PATH}\n`);
  });
}
