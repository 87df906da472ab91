/**
 * The application as each reader sees it. The centre (its officers, the loan engine) sees every
 * finding with its reasons. A party sees the findings about themself and about the application as
 * a whole; of every other party only that the officer will look at them — never the other's
 * facts, nor a reason that would reveal them (a name that does not match, an overdue credit file).
 */
import type { Actor } from '../../lib/actor';
import type { LoanApplicationRow, LoanEvent, LoanStepRow } from '../../storage/loan-types';
import { checkRecordOf, type PartyKey, type Source } from '../shared/cases/check-record';
import { partyKeyOfPerson, partyLabelOf, type PartyKeyOrNone } from './parties';
import { CHECKS, isCheckStep } from './workflow/checks';
import { REASON_MESSAGES, type ReasonCode } from './domain/reasons';

/** A reason as stored: a code from the catalogue (domain/reasons.ts), whom it is about, its words in both languages. */
export interface StoredReason {
  code: ReasonCode;
  party: PartyKey | null;
  message: { zh: string; en: string };
}

export interface StoredDecision {
  version: 1;
  outcome: 'APPROVED' | 'REFERRED';
  reasons: StoredReason[];
  notices: StoredReason[];
  /** Per check step: the outcome of the rule that used its data, with its reasons. */
  checks: Record<string, { outcome: 'PASSED' | 'FAILED' | 'UNAVAILABLE'; reasons: StoredReason[] }>;
  homeOrder: string | null;
  rate: string | null;
  maximumAmountFen: number | null;
  bindingLimit: string | null;
  policy: unknown;
  /** A combination loan's parts and the commercial part's rate (absent for an HPF loan). */
  combination?: StoredCombination;
  /** The price bound (price basis × (1 − down payment)), which binds a combination's total. */
  priceBoundFen?: number | null;
  /** The maximum with the talent increase, when the application names a certificate and the centre has one (absent before it existed). */
  maximumWithTalentFen?: number | null;
}

export interface StoredCombination {
  hpfPartFen: number;
  commercialPartFen: number;
  commercialRate: string;
  /** The entrusted bank that lends the commercial part. */
  bank: string;
}

/** Whose view this is: the whole file (the centre), or one party's. */
export type Viewer = { kind: 'CENTRE' } | { kind: 'PARTY'; key: PartyKeyOrNone };

export function viewerOf(actor: Actor, application: LoanApplicationRow): Viewer {
  if (actor.role === 'FUND_OFFICER' || actor.role === 'SERVICE') return { kind: 'CENTRE' };
  return { kind: 'PARTY', key: actor.personIdNumber ? partyKeyOfPerson(application.request, actor.personIdNumber) : null };
}

/** What another party sees in place of findings about this party. */
export function referredReason(party: PartyKey): StoredReason {
  const label = partyLabelOf(party);
  const words = REASON_MESSAGES.REFERRED_TO_OFFICER;
  return { code: 'REFERRED_TO_OFFICER', party, message: { zh: `${label.zh}：${words.zh}`, en: `${label.en}: ${words.en}` } };
}

/** The reasons this viewer may read: their own and the application's; each other party once, as referred. */
export function reasonsFor(viewer: Viewer, reasons: readonly StoredReason[]): StoredReason[] {
  if (viewer.kind === 'CENTRE') return [...reasons];
  const shown: StoredReason[] = [];
  const others = new Set<PartyKey>();
  for (const reason of reasons) {
    if (reason.party === null || reason.party === viewer.key) shown.push(reason);
    else others.add(reason.party);
  }
  return [...shown, ...[...others].map(referredReason)];
}

/** One line per reason, as the plain `reasons` lists show them: Chinese first, English after. */
export const sentence = (reason: StoredReason) => `${reason.message.zh} (${reason.message.en})`;

export type CheckOutcomeView = 'PASSED' | 'FAILED' | 'UNAVAILABLE' | 'NEEDS_CONSENT';

export interface ConsentNeeded {
  party: PartyKey;
  dataItem: string;
  agency: string;
}

export interface CheckView {
  step: string;
  agency: string | null;
  status: LoanStepRow['status'];
  attempts: number;
  outcome: CheckOutcomeView | null;
  reasons: StoredReason[];
  needsConsent: ConsentNeeded[];
  nextAttemptAt: string | null;
  evidence: readonly Source[];
  updatedAt: string;
}

/** A waiting check names whose consent it waits for and for what; another party's own wait shows as theirs to give. */
function consentsNeeded(step: LoanStepRow): ConsentNeeded[] {
  if (!isCheckStep(step.step)) return [];
  const record = checkRecordOf(step.outcome);
  if (!record) return [];
  const agency = CHECKS[step.step].agency;
  const needs: ConsentNeeded[] = [];
  for (const [party, item] of Object.entries(record.persons) as Array<[PartyKey, (typeof record.persons)[PartyKey]]>) {
    if (item?.status === 'NEEDS_CONSENT') needs.push({ party, dataItem: item.dataItem, agency });
  }
  // The property's data is the buyers': the applicant gives it for them, or it waits for a buyer or owner not shown yet.
  if (record.property?.status === 'NEEDS_CONSENT') {
    const { dataItem, waitsFor } = record.property;
    for (const party of waitsFor ?? ['APPLICANT']) if (!needs.some((need) => need.party === party && need.dataItem === dataItem)) needs.push({ party, dataItem, agency });
  }
  return needs;
}

export function checksOf(application: LoanApplicationRow, steps: readonly LoanStepRow[], viewer: Viewer): CheckView[] {
  const decision = application.decision as StoredDecision | null;
  return steps
    .filter((step) => isCheckStep(step.step))
    .map((step): CheckView => {
      const judged = decision?.checks?.[step.step];
      const record = checkRecordOf(step.outcome);
      const needsConsent = step.status === 'AWAITING_CONSENT' ? consentsNeeded(step) : [];
      const waiting = needsConsent.map((need): StoredReason => {
        const label = partyLabelOf(need.party);
        const words = REASON_MESSAGES.CONSENT_NEEDED;
        return { code: 'CONSENT_NEEDED', party: need.party, message: { zh: `${label.zh}：${words.zh}（${need.dataItem}）`, en: `${label.en}: ${words.en} (${need.dataItem})` } };
      });
      const outcome: CheckOutcomeView | null = judged
        ? judged.outcome
        : step.status === 'AWAITING_CONSENT'
          ? 'NEEDS_CONSENT'
          : step.status === 'UNAVAILABLE' || step.status === 'GAVE_UP'
            ? 'UNAVAILABLE'
            : null;
      return {
        step: step.step,
        agency: isCheckStep(step.step) ? CHECKS[step.step].agency : null,
        status: step.status,
        attempts: step.attempts,
        outcome,
        // A party reads whose consent is awaited (never anyone's data): the waiting is shown to all.
        reasons: judged ? reasonsFor(viewer, judged.reasons) : waiting,
        needsConsent,
        nextAttemptAt: step.status === 'UNAVAILABLE' ? step.nextAttemptAt.toISOString() : null,
        evidence: record?.evidence ?? [],
        updatedAt: step.updatedAt.toISOString(),
      };
    });
}

export interface TimelineView {
  at: string;
  step: string | null;
  kind: string;
  detail: Record<string, unknown>;
}

/** The timeline: a party sees a decision's outcome and their own reasons, not the whole decision record. */
export function timelineOf(events: readonly LoanEvent[], viewer: Viewer): TimelineView[] {
  return events.map((event) => {
    let detail: Record<string, unknown> = event.detail;
    const decision = event.detail.decision as StoredDecision | undefined;
    if (decision) detail = viewer.kind === 'PARTY' ? { outcome: decision.outcome, reasons: reasonsFor(viewer, decision.reasons) } : { outcome: decision.outcome, reasons: decision.reasons, decision };
    return { at: event.at.toISOString(), step: event.step, kind: event.kind, detail };
  });
}
