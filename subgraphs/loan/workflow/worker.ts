/**
 * The loan worker: takes due steps from the store under a lease, runs them, records each result
 * with its evidence. Stateless between steps, so any number of instances can run and a restart
 * simply continues: the application and its steps were stored before any agency was called, and a
 * step whose worker died is taken over when its lease runs out.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../../../lib/config';
import type { Logger } from '../../../lib/logger';
import { GATHER_STEPS, type GatherStep, type LoanStepRow } from '../../../storage/loan-types';
import type { Storage } from '../../../storage/types';
import { decideApplication } from './decide';
import { AgencyUnavailable, awaitingConsent, gather } from './gather';
import { partyLabelsOf } from '../parties';
import { registerMortgage } from './mortgage';
import type { GatewayClient } from './gateway-client';

export interface LoanWorker {
  /** Stops taking steps and waits for the ones in hand. */
  stop(): Promise<void>;
}

/** Steps taken per round; each runs its own agency call in parallel with the others. */
const STEPS_PER_ROUND = 16;

export function startLoanWorker(deps: { storage: Storage; config: Readonly<Config>; logger: Logger; gateway: GatewayClient; owner?: string }): LoanWorker {
  const { storage, config, gateway } = deps;
  const logger = deps.logger.child({ component: 'loan-worker' });
  const owner = deps.owner ?? `worker-${randomUUID()}`;
  const leaseMs = config.loan.leaseMs;
  let running = true;
  let timer: NodeJS.Timeout | null = null;
  let round: Promise<void> = Promise.resolve();

  const backoff = (attempts: number) => Math.min(config.loan.retryBaseMs * 2 ** Math.max(attempts - 1, 0), config.loan.retryMaxMs);

  const runGather = async (step: LoanStepRow & { step: GatherStep }): Promise<void> => {
    const application = await storage.loans.get(step.applicationId);
    if (!application) return;
    const now = () => new Date();
    try {
      const outcome = await gather(step.step, application.request, application.id, gateway);
      const waiting = awaitingConsent(outcome);
      if (waiting.persons.length > 0 || waiting.property) {
        // Nobody is read without their own consent for this application: the step waits, visibly,
        // and grantConsent makes it due again.
        const parties = partyLabelsOf(application.request, waiting.persons, waiting.property);
        await storage.loans.completeStep(owner, step.applicationId, step.step, { status: 'AWAITING_CONSENT', outcome: { awaitingConsent: parties }, event: { kind: 'AWAITING_CONSENT', detail: { parties } } }, now());
        return;
      }
      await storage.loans.completeStep(owner, step.applicationId, step.step, { status: 'DONE', outcome, event: { kind: 'CHECKED', detail: { evidence: outcome.evidence } } }, now());
    } catch (error) {
      const agencies = error instanceof AgencyUnavailable ? error.agencies : ['platform'];
      const codes = error instanceof AgencyUnavailable ? error.codes : [error instanceof Error ? error.name : 'UNKNOWN'];
      const at = now();
      const givingUp = at.getTime() >= step.giveUpAt.getTime();
      const nextAttemptAt = new Date(at.getTime() + backoff(step.attempts));
      logger.warn('loan check unavailable', { applicationId: step.applicationId, step: step.step, attempts: step.attempts, agencies: agencies.join(','), codes: codes.join(','), givingUp });
      await storage.loans.completeStep(
        owner,
        step.applicationId,
        step.step,
        {
          status: givingUp ? 'GAVE_UP' : 'UNAVAILABLE',
          outcome: { unavailable: agencies },
          nextAttemptAt,
          event: { kind: givingUp ? 'GAVE_UP' : 'UNAVAILABLE', detail: { agencies, codes, attempt: step.attempts, ...(givingUp ? {} : { nextAttemptAt: nextAttemptAt.toISOString() }) } },
        },
        at,
      );
    }
  };

  const runDecision = async (step: LoanStepRow): Promise<void> => {
    const application = await storage.loans.get(step.applicationId);
    if (!application) return;
    const steps = await storage.loans.steps(step.applicationId);
    const { status, decision } = decideApplication(application, steps);
    await storage.loans.decide(owner, step.applicationId, status, decision, new Date());
  };

  const runMortgage = async (step: LoanStepRow): Promise<void> => {
    const application = await storage.loans.get(step.applicationId);
    if (!application) return;
    try {
      const outcome = await registerMortgage(application, await storage.loans.steps(application.id), gateway);
      await storage.loans.completeMortgage(owner, application.id, outcome, new Date());
    } catch (error) {
      const at = new Date();
      const nextAttemptAt = new Date(at.getTime() + backoff(step.attempts));
      const agencies = error instanceof AgencyUnavailable ? error.agencies : ['platform'];
      const codes = error instanceof AgencyUnavailable ? error.codes : [error instanceof Error ? error.name : 'UNKNOWN'];
      logger.warn('mortgage registration failed', { applicationId: application.id, attempts: step.attempts, codes: codes.join(',') });
      await storage.loans.completeStep(owner, application.id, 'REGISTER_MORTGAGE', { status: 'UNAVAILABLE', outcome: { unavailable: agencies }, nextAttemptAt, event: { kind: 'UNAVAILABLE', detail: { agencies, codes, attempt: step.attempts } } }, at);
    }
  };

  const tick = async (): Promise<void> => {
    const steps = await storage.loans.claimDueSteps(owner, new Date(), leaseMs, STEPS_PER_ROUND);
    await Promise.all(
      steps.map((step) =>
        (GATHER_STEPS as readonly string[]).includes(step.step)
          ? runGather(step as LoanStepRow & { step: GatherStep })
          : step.step === 'DECIDE'
            ? runDecision(step)
            : runMortgage(step),
      ).map((work) => work.catch((error: unknown) => logger.error('loan step failed', { error: error instanceof Error ? error.name : 'unknown' }))),
    );
    if (running) timer = setTimeout(schedule, steps.length > 0 ? 0 : config.loan.pollMs);
  };
  const schedule = () => {
    round = tick().catch((error: unknown) => {
      logger.error('loan worker round failed', { error: error instanceof Error ? error.name : 'unknown' });
      if (running) timer = setTimeout(schedule, config.loan.pollMs);
    });
  };
  schedule();

  return {
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      await round;
    },
  };
}
