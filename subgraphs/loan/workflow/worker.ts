/**
 * The loan worker: claims due steps under a lease, runs each (one agency read, the mortgage
 * registration, or the disbursement instruction to the bank), and applies the state machine's
 * transitions in one transaction. Stateless between steps, so any number of instances can run and a restart simply continues: the application and its
 * steps were stored before any agency was called, and a step whose worker died is taken over when
 * its lease runs out. Woken by the store when work becomes due (a submission, a consent, a retry
 * that is due now), and by its poll for retries that come due later. It runs the notice
 * dispatcher beside it (../notices/dispatcher.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../../../lib/config';
import type { Logger } from '../../../lib/logger';
import { loanWorkerMetrics, secondsSince } from '../../../lib/metrics';
import type { LoanStepRow } from '../../../storage/loan-types';
import type { Storage } from '../../../storage/types';
import { checkRecordOf } from '../../shared/cases/check-record';
import { isConnectionLoss } from '../../../storage/reachability';
import { isCheckStep, type CheckStep } from './checks';
import { platformUnavailable, readCheck } from './gather';
import { DECIDE_STEP, DISBURSE_STEP, MORTGAGE_STEP, openItemsOf, transition, type WorkflowEvent, type WorkflowSettings } from './machine';
import { MortgageUnavailable, registerMortgage } from './mortgage';
import { createPartnerClient } from '../../../lib/partner-client';
import { disburse, DisbursementUnavailable } from './disbursement';
import { startNoticeDispatcher } from '../notices/dispatcher';
import type { GatewayClient } from '../../shared/gateway-client';
import { startRounds } from './rounds';

export interface LoanWorker {
  /** Stops taking steps and waits for the ones in hand. */
  stop(): Promise<void>;
}

/** Steps taken per round; each runs its own agency call in parallel with the others. */
const STEPS_PER_ROUND = 32;

/** How often a result is offered again while the database is away, and how long before the lease ends it stops. */
const REPORT_RETRY_MS = 250;
const REPORT_MARGIN_MS = 1000;
/** The queue depth gauge is read from the store at most this often (one aggregate query). */
const QUEUE_MEASURE_MS = 2000;

const errorName = (error: unknown) => (error instanceof Error ? error.name : 'unknown');

export function startLoanWorker(deps: { storage: Storage; config: Readonly<Config>; logger: Logger; gateway: GatewayClient; owner?: string }): LoanWorker {
  const { storage, config, gateway } = deps;
  const logger = deps.logger.child({ component: 'loan-worker' });
  const owner = deps.owner ?? `worker-${randomUUID()}`;
  const settings: WorkflowSettings = config.loan;
  const bank = createPartnerClient('entrusted-bank', { baseUrl: config.partnerUrls['entrusted-bank'], appId: config.agencyAppId, appSecret: config.agencyAppSecret, timeoutMs: config.agencyTimeoutMs });

  /**
   * Applies the event; returns what became of this step (for the metrics), or null when the lease
   * was lost. While the database is away the answer is kept and applied again (within the lease):
   * read once, an agency's answer is never thrown away and asked for again.
   */
  const report = async (step: LoanStepRow, event: WorkflowEvent): Promise<string | null> => {
    const leaseEnds = Date.now() + config.loan.leaseMs - REPORT_MARGIN_MS;
    for (;;) {
      let status: string | null = null;
      try {
        await storage.loans.apply(
          step.applicationId,
          { owner, step: step.step },
          (state) => {
            const transitions = transition(state, event, new Date(), settings);
            status = transitions?.steps?.find((change) => change.step === step.step)?.status ?? null;
            return transitions;
          },
          new Date(),
        );
        return status;
      } catch (error) {
        if (!isConnectionLoss(error) || !rounds.running || Date.now() + REPORT_RETRY_MS > leaseEnds) throw error;
        await new Promise((resolve) => setTimeout(resolve, REPORT_RETRY_MS));
      }
    }
  };

  const runCheck = async (step: LoanStepRow & { step: CheckStep }): Promise<string | null> => {
    const application = await storage.loans.get(step.applicationId);
    if (!application) return null;
    const open = openItemsOf(step.step, application, checkRecordOf(step.outcome));
    const answer = await readCheck(step.step, application, open, gateway).catch((error: unknown) => {
      logger.warn('gateway not reachable for a check', { applicationId: application.id, step: step.step, error: errorName(error) });
      return platformUnavailable(open.parties, open.property, 'GATEWAY_UNREACHABLE');
    });
    return report(step, { kind: 'CHECK_ANSWERED', step: step.step, answer });
  };

  const runMortgage = async (step: LoanStepRow): Promise<string | null> => {
    const application = await storage.loans.get(step.applicationId);
    if (!application) return null;
    try {
      const certificate = await registerMortgage(application, await storage.loans.steps(application.id), gateway);
      return await report(step, { kind: 'MORTGAGE_REGISTERED', certificate });
    } catch (error) {
      const agencies = error instanceof MortgageUnavailable ? error.agencies : ['platform'];
      const codes = error instanceof MortgageUnavailable ? error.codes : [errorName(error)];
      logger.warn('mortgage registration failed', { applicationId: application.id, attempts: step.attempts, codes: codes.join(',') });
      return report(step, { kind: 'MORTGAGE_UNAVAILABLE', agencies, codes });
    }
  };

  const runDisbursement = async (step: LoanStepRow): Promise<string | null> => {
    const application = await storage.loans.get(step.applicationId);
    if (!application) return null;
    try {
      const disbursement = await disburse(application, step, await storage.loans.steps(application.id), bank);
      return await report(step, { kind: 'DISBURSEMENT_ANSWERED', disbursement });
    } catch (error) {
      const codes = error instanceof DisbursementUnavailable ? error.codes : [errorName(error)];
      logger.warn('disbursement not answered', { applicationId: application.id, attempts: step.attempts, codes: codes.join(',') });
      return report(step, { kind: 'DISBURSEMENT_UNAVAILABLE', codes });
    }
  };

  const attempt = (step: LoanStepRow): Promise<string | null> => {
    if (isCheckStep(step.step)) return runCheck(step as LoanStepRow & { step: CheckStep });
    if (step.step === MORTGAGE_STEP) return runMortgage(step);
    if (step.step === DISBURSE_STEP) return runDisbursement(step);
    if (step.step === DECIDE_STEP) return report(step, { kind: 'DECISION_DUE' });
    logger.error('a step no version of the workflow knows', { step: step.step });
    return Promise.resolve(null);
  };

  const OUTCOME_OF_STATUS: Record<string, string> = { DONE: 'done', GAVE_UP: 'gave_up', UNAVAILABLE: 'retry', PENDING: 'retry', AWAITING_CONSENT: 'waiting' };
  const run = async (step: LoanStepRow): Promise<void> => {
    const started = performance.now();
    let outcome = 'failed';
    try {
      const status = await attempt(step);
      outcome = status ? (OUTCOME_OF_STATUS[status] ?? 'other') : 'lease_lost';
      if (status === 'DONE' || status === 'GAVE_UP') loanWorkerMetrics.attemptsToFinish.observe({ step: step.step }, step.attempts);
    } finally {
      loanWorkerMetrics.stepDuration.observe({ step: step.step, outcome }, secondsSince(started));
      loanWorkerMetrics.stepAttempts.inc({ step: step.step, outcome });
    }
  };

  let queueMeasuredAt = 0;
  const measureQueue = async () => {
    if (Date.now() - queueMeasuredAt < QUEUE_MEASURE_MS) return;
    queueMeasuredAt = Date.now();
    for (const [state, count] of Object.entries(await storage.loans.queueDepth(new Date()))) loanWorkerMetrics.queueDepth.set({ state }, count);
  };

  // A claim that failed may still have leased steps on the server (its answer lost with the connection).
  let claimLost = false;

  const tick = async (): Promise<number> => {
    if (claimLost) {
      // Nothing is in hand between rounds: whatever this worker still leases is due again at once.
      const freed = await storage.loans.releaseLeases(owner, []);
      claimLost = false;
      if (freed > 0) logger.info('loan steps a lost claim had leased are due again', { steps: freed });
    }
    await measureQueue();
    const steps = await storage.loans.claimDueSteps(owner, new Date(), config.loan.leaseMs, STEPS_PER_ROUND);
    await Promise.all(steps.map((step) => run(step).catch((error: unknown) => logger.error('loan step failed', { step: step.step, error: errorName(error) }))));
    return steps.length;
  };

  const rounds = startRounds({
    round: tick,
    pollMs: config.loan.pollMs,
    wakeUps: (wake) => storage.loans.onWorkDue(wake),
    onRoundFailed: (error) => {
      // A lost database connection is waited out: the steps are still there when it comes back.
      logger.warn('loan worker round failed', { error: errorName(error) });
      claimLost = true;
    },
  });
  // The notices of the changes this worker (and every other writer) makes, delivered from the outbox.
  const dispatcher = startNoticeDispatcher({ storage, config, logger: deps.logger, owner });

  return {
    async stop() {
      await Promise.all([rounds.stop(), dispatcher.stop()]);
    },
  };
}
