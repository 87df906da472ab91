/**
 * Injected faults: latency on every answer, a fraction of slow answers, a fraction of failures,
 * or the whole agency down. Decisions come from a seeded generator, so a benchmark or a test run
 * sees the same pattern of failures every time.
 */
import type { SimulatorFaults } from '../../lib/agency-contracts';
import { createRandom, type Random } from '../data/prng';
import { badRequest } from './errors';

export const NO_FAULTS: Readonly<SimulatorFaults> = Object.freeze({
  latencyMs: 0,
  errorRate: 0,
  slowRate: 0,
  slowResponseMs: 0,
  down: false,
});

/** What faults do to one call: how long to wait, then whether to answer UNAVAILABLE. */
export interface FaultOutcome {
  delayMs: number;
  unavailable: boolean;
}

export class FaultInjector {
  private current: SimulatorFaults;
  private random: Random;

  constructor(
    private readonly defaults: Readonly<SimulatorFaults>,
    private readonly seed: number,
  ) {
    this.current = { ...defaults };
    this.random = createRandom(seed);
  }

  get faults(): SimulatorFaults {
    return { ...this.current };
  }

  update(change: Partial<SimulatorFaults>): SimulatorFaults {
    this.current = { ...this.current, ...change };
    return this.faults;
  }

  /** Back to the configured defaults and the same failure pattern as at start. */
  reset(): void {
    this.current = { ...this.defaults };
    this.random = createRandom(this.seed);
  }

  decide(): FaultOutcome {
    const { latencyMs, slowRate, slowResponseMs, errorRate, down } = this.current;
    const slow = slowRate > 0 && this.random.next() < slowRate;
    const failing = down || (errorRate > 0 && this.random.next() < errorRate);
    return { delayMs: latencyMs + (slow ? slowResponseMs : 0), unavailable: failing };
  }
}

const FAULT_CHECKS: { [K in keyof SimulatorFaults]: (value: unknown) => value is SimulatorFaults[K] } = {
  latencyMs: isDuration,
  slowResponseMs: isDuration,
  errorRate: isFraction,
  slowRate: isFraction,
  down: (value): value is boolean => typeof value === 'boolean',
};

/** Validates a partial fault setting from an operator; every problem is reported at once. */
export function parseFaults(value: unknown): Partial<SimulatorFaults> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('faults must be a JSON object');
  const problems: string[] = [];
  const parsed: Partial<Record<keyof SimulatorFaults, unknown>> = {};
  for (const [name, setting] of Object.entries(value)) {
    if (!isFaultName(name)) {
      problems.push(`unknown fault "${name}"`);
    } else if (!FAULT_CHECKS[name](setting)) {
      problems.push(`${name} has an invalid value`);
    } else {
      parsed[name] = setting;
    }
  }
  if (problems.length > 0) throw badRequest(problems.join('; '));
  return parsed as Partial<SimulatorFaults>;
}

function isFaultName(name: string): name is keyof SimulatorFaults {
  return Object.prototype.hasOwnProperty.call(FAULT_CHECKS, name);
}

function isDuration(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 600_000;
}

function isFraction(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
}
