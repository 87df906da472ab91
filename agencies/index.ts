/**
 * The agency simulators: one per agency of the one-thing flow, all on the shared framework and
 * all serving one synthetic data set. This module builds them; it never listens (the entry point
 * and the tests do that with `listen` from lib/http).
 */
import type { AgencyName, SimulatorFaults } from '../lib/agency-contracts';
import type { Logger } from '../lib/logger';
import { civilAffairsHandlers } from './civil-affairs';
import { generateDataset, type Dataset } from './data';
import { housingHandlers } from './housing';
import { naturalResourcesHandlers } from './natural-resources';
import { pbocCreditHandlers } from './pboc-credit';
import { providentFundHandlers } from './provident-fund';
import { publicSecurityHandlers } from './public-security';
import { createSimulator, type AgencyHandlers, type Simulator } from './shared/simulator';
import { taxHandlers } from './tax';

export interface AgencySimulatorOptions {
  dataset: Dataset;
  /** appId → HMAC secret of each admitted caller. */
  appSecrets: ReadonlyMap<string, string>;
  /** Faults at start and after each reset; unset ones are off. */
  faults?: Partial<SimulatorFaults>;
  logger?: Logger;
  /** Injectable clock (epoch ms) for signature freshness and timestamps in answers. */
  clock?: () => number;
  /** Seed of fault decisions; by default derived from the agency name so agencies fail independently. */
  faultSeed?: number;
}

/** A built simulator: `server` to listen on, plus counters, faults and reset in-process. */
export type AgencySimulator = Simulator<AgencyName>;

const HANDLERS: { readonly [A in AgencyName]: (dataset: Dataset) => AgencyHandlers<A> } = {
  'public-security': publicSecurityHandlers,
  'civil-affairs': civilAffairsHandlers,
  housing: housingHandlers,
  tax: taxHandlers,
  'natural-resources': naturalResourcesHandlers,
  'pboc-credit': pbocCreditHandlers,
  'provident-fund': providentFundHandlers,
};

export function buildAgencySimulator<A extends AgencyName>(agency: A, options: AgencySimulatorOptions): Simulator<A> {
  const handlers: AgencyHandlers<A> = HANDLERS[agency](options.dataset);
  return createSimulator({
    agency,
    handlers,
    options: {
      appSecrets: options.appSecrets,
      faults: options.faults,
      faultSeed: options.faultSeed ?? seedOf(agency),
      logger: options.logger,
      clock: options.clock,
    },
  });
}

const datasets = new Map<string, Dataset>();

/** One data set per (seed, size) per process, so seven simulators in one process share it. */
export function loadDataset(seed: number, size: number): Dataset {
  const key = `${seed}:${size}`;
  const cached = datasets.get(key);
  if (cached) return cached;
  const dataset = generateDataset({ seed, size });
  datasets.set(key, dataset);
  return dataset;
}

/** FNV-1a of the agency name: a stable, distinct fault seed per agency. */
function seedOf(agency: AgencyName): number {
  let hash = 0x811c9dc5;
  for (const character of agency) hash = Math.imul(hash ^ character.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}

export { createSimulator } from './shared/simulator';
export type { AgencyHandlers, CallContext, EndpointHandler, EndpointHandlers, Simulator, SimulatorOptions, Untrusted } from './shared/simulator';
export { AgencyError } from './shared/errors';
export {
  generateDataset,
  DATASET_DEFAULTS,
  SCENARIOS,
  allScenarios,
  ordinaryApplicantIds,
  datasetDocuments,
  datasetCounts,
} from './data';
export type { Dataset, DatasetOptions, ApplicantProfile, ApplicantTrait, CreditHistory, Scenario, ScenarioKey, CheckKey } from './data';
