/**
 * The pure domain of the HPF loan decision: money, rates, schedules, centre policies, facts,
 * eligibility. Nothing here does I/O or imports an agency; the loan subgraph gathers the facts.
 */
export * from './money';
export * from './dates';
export * from './rates';
export * from './schedule';
export * from './centre-policy';
export * from './facts';
export * from './reasons';
export * from './eligibility';
