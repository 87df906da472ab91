/**
 * The partner systems' simulators (lib/partner-contracts.ts): the entrusted bank and the 12329 SMS
 * platform, on the agencies' framework, each with what it was told, for demos and specs.
 */
import type { SimulatorFaults } from '../../lib/agency-contracts';
import type { PartnerName } from '../../lib/partner-contracts';
import type { Logger } from '../../lib/logger';
import type { Dataset } from '../data';
import { createSimulator, type Simulator } from '../shared/simulator';
import { entrustedBankHandlers, type EntrustedBankState } from './entrusted-bank';
import { smsGatewayHandlers, type SmsGatewayState } from './sms-gateway';

export interface PartnerSimulatorOptions {
  dataset: Dataset;
  appSecrets: ReadonlyMap<string, string>;
  faults?: Partial<SimulatorFaults>;
  logger?: Logger;
  clock?: () => number;
  /** The bank's settlement delay (entrusted-bank only). */
  settleAfterMs?: number;
}

export interface PartnerSimulators {
  'entrusted-bank': Simulator<'entrusted-bank'> & { state: EntrustedBankState };
  'sms-gateway': Simulator<'sms-gateway'> & { state: SmsGatewayState };
}
export type PartnerSimulator = PartnerSimulators[PartnerName];

/** Both partner simulators, built (not listening); a process that serves one listens on that one alone. */
export function buildPartnerSimulators(options: PartnerSimulatorOptions): PartnerSimulators {
  const base = { appSecrets: options.appSecrets, faults: options.faults, logger: options.logger, clock: options.clock };
  const bank = entrustedBankHandlers({ settleAfterMs: options.settleAfterMs });
  const sms = smsGatewayHandlers(options.dataset);
  return {
    'entrusted-bank': { ...createSimulator({ agency: 'entrusted-bank', handlers: bank, options: { ...base, faultSeed: 0x0b_a7_c1 } }), state: bank },
    'sms-gateway': { ...createSimulator({ agency: 'sms-gateway', handlers: sms, options: { ...base, faultSeed: 0x12_32_90 } }), state: sms },
  };
}

export type { EntrustedBankState } from './entrusted-bank';
export type { SentSms, SmsGatewayState } from './sms-gateway';
