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
import type { ConsentRecord, ConsentStore, Purpose } from '../storage/types';
import { REPO_ROOT, SUBGRAPHS } from '../schema/subgraphs';
import { SUBGRAPH_DEFINITIONS } from '../subgraphs';
import type { PolicyContext } from '../subgraphs/shared/policy/context';
import { evaluate, policyEntryOf, type Policy } from '../subgraphs/shared/policy/policy';
import { createConsentLookup } from '../subgraphs/shared/policy/rules';
import { subgraphTypeDefs } from '../subgraphs/shared/type-defs';

export const PERMISSIONS_PATH = path.join(REPO_ROOT, 'docs', 'permissions.md');

/** The person whose data every evaluated field holds; a second person stands for "someone else". */
const SUBJECT = '350102199003140316';
const SOMEONE_ELSE = '350104199108220462';
const CENTRE = '350100';

interface Situation {
  label: string;
  actor: Actor;
  consent: boolean;
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
      { label: 'for the applicant who authorized them', actor: actor('PROXY_AGENT', { personIdNumber: SUBJECT, proxyAuthorizationRef: 'WT-1' }), consent: false, purpose: 'HPF_LOAN_APPLICATION' },
      { label: 'anyone else', actor: actor('PROXY_AGENT', { personIdNumber: SOMEONE_ELSE, proxyAuthorizationRef: 'WT-1' }), consent: false, purpose: 'HPF_LOAN_APPLICATION' },
    ],
  },
  ...(['FUND_OFFICER', 'SERVICE'] as const).map((role) => ({
    role,
    situations: [
      { label: 'with consent', actor: actor(role, { centre: CENTRE }), consent: true, purpose: 'HPF_LOAN_REVIEW' as const },
      { label: 'without', actor: actor(role, { centre: CENTRE }), consent: false, purpose: 'HPF_LOAN_REVIEW' as const },
    ],
  })),
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
  centre: CENTRE,
  request: { applicant: { idNumber: SUBJECT }, spouse: null, coBorrowers: [] },
};
const RECORD = { buyers: [{ idNumber: SUBJECT }], owners: [{ idNumber: SUBJECT }], taxpayerIdNumbers: [SUBJECT] };
/** Loaders as the property rules use them: whatever is asked, a record whose parties are SUBJECT. */
const LOADERS = new Proxy({}, { get: () => ({ load: async () => RECORD }) });

function contextFor(situation: Situation): PolicyContext {
  const consents: ConsentStore = {
    findActive: async () => (situation.consent ? ({ id: 'consent-1', authorizationRef: 'ZXSQ-1' } as ConsentRecord) : null),
    findActiveForSubjects: async (query) =>
      new Map(situation.consent ? query.subjectKeys.map((key) => [key, { id: 'consent-1', authorizationRef: 'ZXSQ-1' } as ConsentRecord]) : []),
    grant: async () => {
      throw new Error('not used');
    },
    revoke: async () => null,
    listForSubject: async () => [],
  };
  const base = { actor: situation.actor, purpose: situation.purpose, consents, subjectKeyOf: (id: string) => id };
  return {
    ...base,
    requestId: 'permission-matrix',
    applicationId: null,
    consentLookup: createConsentLookup(base),
    ledger: [],
    idNumberMask: 'strict',
    _shield: { cache: {} },
    loaders: LOADERS,
  } as PolicyContext;
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
    const schema = buildSubgraphSchema({ typeDefs: parse(subgraphTypeDefs(name)) });
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
    'Every field of every subgraph, for every actor: **allow** (clear value), **mask** (the masked form of',
    'DOMAIN.md), **deny** (null with FORBIDDEN, or UNAUTHENTICATED when anonymous), or a condition when the',
    'answer depends on whose data it is or on consent. Found by evaluating the real shield rules and masks',
    'for each actor in each situation below; "recorded" names the agency and data item written to the',
    'access record when the field is read. Consent means an ACTIVE consent of the data subject, for the',
    "request's purpose, given to the officer's centre, covering that agency and item (for the credit report:",
    'the written credit-query authorization). Fields of value types (e.g. `Marriage.status`) are `allow`:',
    'they are reachable only through the gated field above them (`Applicant.marriage`).',
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
