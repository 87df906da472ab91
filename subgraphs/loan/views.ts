/**
 * The application as each reader sees it. The centre (its officers, the loan engine) sees every
 * finding with its reasons. A party sees the findings about themself and about the application as
 * a whole; of every other party only that the officer will look at them — never the other's
 * facts, nor a reason that would reveal them (a name that does not match, an overdue credit file).
 */
import type { Actor } from '../../lib/actor';
import type { LoanApplicationRow, LoanEvent, LoanStepRow } from '../../storage/loan-types';
import { partyKeyOfPerson, referredNotice, type PartyKey } from './parties';
import type { GatherOutcome } from './workflow/gather';

export interface StoredDecision {
  outcome: string;
  reasons: string[];
  /** Whom each reason is about (PartyKey), or null when it is about the application as a whole. */
  reasonParties?: Array<PartyKey | null>;
  /** Per gather step: the outcome of the check that used its data, with reasons and whom each is about. */
  checks: Record<string, { outcome: 'PASSED' | 'FAILED' | 'UNAVAILABLE'; reasons: string[]; parties?: Array<PartyKey | null> }>;
}

/** Whose view this is: the whole file (the centre), or one party's. */
export type Viewer = { kind: 'CENTRE' } | { kind: 'PARTY'; key: PartyKey | null };

export function viewerOf(actor: Actor, application: LoanApplicationRow): Viewer {
  if (actor.role === 'FUND_OFFICER' || actor.role === 'SERVICE') return { kind: 'CENTRE' };
  return { kind: 'PARTY', key: actor.personIdNumber ? partyKeyOfPerson(application.request, actor.personIdNumber) : null };
}

/** The reasons this viewer may read: their own and the application's; each other party once, as referred. */
export function reasonsFor(viewer: Viewer, reasons: readonly string[], parties: ReadonlyArray<PartyKey | null> | undefined): string[] {
  if (viewer.kind === 'CENTRE') return [...reasons];
  // A decision stored without its parties cannot be told apart: a party sees none of its reasons.
  if (!parties || parties.length !== reasons.length) return [];
  const shown: string[] = [];
  const others = new Set<PartyKey>();
  reasons.forEach((reason, i) => {
    const about = parties[i] ?? null;
    if (about === null || about === viewer.key) shown.push(reason);
    else others.add(about);
  });
  return [...shown, ...[...others].map(referredNotice)];
}

export function checksOf(application: LoanApplicationRow, steps: readonly LoanStepRow[], viewer: Viewer) {
  const decision = application.decision as StoredDecision | null;
  return steps
    .filter((step) => step.step.startsWith('GATHER_'))
    .map((step) => {
      const judged = decision?.checks?.[step.step];
      const outcome = step.outcome as (Partial<GatherOutcome> & { awaitingConsent?: string[] }) | null;
      const waitingFor = step.status === 'AWAITING_CONSENT' ? (outcome?.awaitingConsent ?? []).map((party) => `${party}：待本人授权 (waiting for their own consent)`) : [];
      return {
        step: step.step,
        status: step.status,
        attempts: step.attempts,
        outcome: judged?.outcome ?? (step.status === 'UNAVAILABLE' || step.status === 'GAVE_UP' ? 'UNAVAILABLE' : null),
        reasons: judged ? reasonsFor(viewer, judged.reasons, judged.parties) : waitingFor,
        evidence: outcome?.evidence ?? [],
        updatedAt: step.updatedAt.toISOString(),
      };
    });
}

/** The timeline: a party sees a decision's outcome and their own reasons, not the whole decision record. */
export function timelineOf(events: readonly LoanEvent[], viewer: Viewer) {
  return events.map((event) => {
    let detail: Record<string, unknown> = event.detail;
    const decision = event.detail.decision as StoredDecision | undefined;
    if (viewer.kind === 'PARTY' && decision) detail = { outcome: decision.outcome, reasons: reasonsFor(viewer, decision.reasons, decision.reasonParties) };
    return { at: event.at.toISOString(), step: event.step, kind: event.kind, detail: JSON.stringify(detail) };
  });
}
