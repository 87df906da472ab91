/**
 * The one list of subgraphs: name → agency → ports → SDL. The gateway, the compose script, the
 * start-up script, the tests and the docker-compose check all read this list and nothing else.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AgencyName } from '../lib/agency-contracts';

export interface SubgraphEntry {
  /** Subgraph (and docker-compose service) name. */
  name: AgencySubgraphName;
  /** The agency whose data-sharing endpoint this subgraph wraps. */
  agency: AgencyName;
  /** Default port of the subgraph; the agency simulator listens on port + 100. */
  port: number;
  agencyPort: number;
  /** 中文 name of the agency, for docs and logs. */
  agencyLabel: string;
}

/** The platform's own subgraphs, backed by storage, no agency: consents and the access record; loan applications. */
export interface PlatformSubgraphEntry {
  name: 'consent' | 'loan';
  port: number;
}

export type SubgraphName =
  | 'identity'
  | 'civil-affairs'
  | 'housing'
  | 'tax'
  | 'real-estate'
  | 'credit'
  | 'provident-fund'
  | 'consent'
  | 'loan';

export type AgencySubgraphName = Exclude<SubgraphName, 'consent' | 'loan'>;

export const GATEWAY_PORT = 4000;

/** The agency subgraphs, each wrapping one agency's endpoint (simulated locally). */
export const AGENCY_SUBGRAPHS: readonly SubgraphEntry[] = Object.freeze([
  { name: 'identity', agency: 'public-security', port: 4001, agencyPort: 4101, agencyLabel: '公安 人口信息' },
  { name: 'civil-affairs', agency: 'civil-affairs', port: 4002, agencyPort: 4102, agencyLabel: '民政 婚姻登记' },
  { name: 'housing', agency: 'housing', port: 4003, agencyPort: 4103, agencyLabel: '住建 网签备案' },
  { name: 'tax', agency: 'tax', port: 4004, agencyPort: 4104, agencyLabel: '税务 房产税费申报' },
  { name: 'real-estate', agency: 'natural-resources', port: 4005, agencyPort: 4105, agencyLabel: '自然资源 不动产登记' },
  { name: 'credit', agency: 'pboc-credit', port: 4006, agencyPort: 4106, agencyLabel: '人民银行 征信' },
  { name: 'provident-fund', agency: 'provident-fund', port: 4007, agencyPort: 4107, agencyLabel: '住房公积金中心' },
] satisfies SubgraphEntry[]);

export const PLATFORM_SUBGRAPHS: readonly PlatformSubgraphEntry[] = Object.freeze([
  { name: 'consent', port: 4008 },
  { name: 'loan', port: 4009 },
] satisfies PlatformSubgraphEntry[]);

/** Every subgraph the gateway federates: the agencies' and the platform's own. */
export const SUBGRAPHS: ReadonlyArray<{ name: SubgraphName; port: number }> = Object.freeze([...AGENCY_SUBGRAPHS, ...PLATFORM_SUBGRAPHS]);

/**
 * The tree the running code is in, and the one rule by which it finds every file it reads at run
 * time (SDL, supergraph, trusted-document manifests, the embedded store's worker): by its path from
 * here. That is the source tree under tsx, or the compiled tree (dist/) under plain node, where
 * `npm run build` (scripts/build.ts) puts a copy of each such file at the same relative path.
 */
export const REPO_ROOT = path.resolve(__dirname, '..');
/**
 * The project the running tree belongs to — the nearest directory from REPO_ROOT up holding
 * package.json: the source tree itself, or the one dist/ was built in (/app in the image). What
 * the code writes by default (.data/, .secrets/) and the docs are here, never inside dist/, which
 * a build replaces.
 */
export const PROJECT_ROOT = projectRoot(REPO_ROOT);

function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return from;
  }
}
export const SUPERGRAPH_PATH = path.join(REPO_ROOT, 'schema', 'supergraph.graphql');
/**
 * The client-facing API schema: the supergraph without its federation machinery (join__, link__),
 * as the gateway serves it. Generated with the supergraph, for frontends' codegen from a file.
 */
export const API_SCHEMA_PATH = path.join(REPO_ROOT, 'schema', 'api.graphql');

export function subgraphSchemaPath(name: SubgraphName): string {
  return path.join(REPO_ROOT, 'subgraphs', name, 'schema.graphql');
}

/** Environment variable that overrides where a subgraph or an agency is reached, e.g. SUBGRAPH_URL_REAL_ESTATE. */
export function subgraphUrlVariable(name: SubgraphName): string {
  return `SUBGRAPH_URL_${name.toUpperCase().replace(/-/g, '_')}`;
}
export function agencyUrlVariable(agency: AgencyName): string {
  return `AGENCY_URL_${agency.toUpperCase().replace(/-/g, '_')}`;
}

export function subgraphByName(name: string): { name: SubgraphName; port: number } {
  const entry = SUBGRAPHS.find((s) => s.name === name);
  if (!entry) throw new Error(`unknown subgraph "${name}"; known: ${SUBGRAPHS.map((s) => s.name).join(', ')}`);
  return entry;
}
export function subgraphByAgency(agency: string): SubgraphEntry {
  const entry = AGENCY_SUBGRAPHS.find((s) => s.agency === agency);
  if (!entry) throw new Error(`unknown agency "${agency}"; known: ${AGENCY_SUBGRAPHS.map((s) => s.agency).join(', ')}`);
  return entry;
}
