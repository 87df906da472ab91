/**
 * What one check of a case has gathered so far, as stored with its step (loan_steps.outcome):
 * per party and for the property, either settled (found, not on file, or not readable) or still
 * open (waiting for that person's consent, or the agency did not answer). A retry asks only for the
 * open items: an answer once settled is kept, so nobody is read twice for the same check.
 *
 * Versioned: a record written by another version of the platform is refused, never half-read.
 */
export const CHECK_RECORD_VERSION = 3 as const;

/** APPLICANT, SPOUSE or CO_BORROWER:n (1-based, as filed): whom an item is about, never a name or number. */
export type PartyKey = 'APPLICANT' | 'SPOUSE' | `CO_BORROWER:${number}`;

export interface Source {
  agency: string;
  traceId: string;
  retrievedAt: string;
}

export type SettledItem<F> =
  | { readonly status: 'FOUND'; readonly facts: F }
  | { readonly status: 'NOT_FOUND' }
  /** The platform refused the read (not a party, no case): a fact for the officer, not retried. */
  | { readonly status: 'FORBIDDEN'; readonly code: string };

export type OpenItem =
  /** The person this item is about has not consented to this data item for this application. */
  /** `waitsFor`: whose consent the property's answer waits on (a buyer or owner shown masked); the applicant's when absent. */
  | { readonly status: 'NEEDS_CONSENT'; readonly dataItem: string; readonly waitsFor?: readonly PartyKey[] }
  /** The agency (or the platform on the way to it) did not answer; `code` is the error code it gave. */
  | { readonly status: 'UNAVAILABLE'; readonly agency: string; readonly code: string };

export type ItemAnswer<F> = SettledItem<F> | OpenItem;

export interface CheckRecord<PersonFacts = unknown, PropertyFacts = unknown> {
  readonly version: typeof CHECK_RECORD_VERSION;
  readonly persons: Readonly<Partial<Record<PartyKey, ItemAnswer<PersonFacts>>>>;
  /** null when the check reads no property. */
  readonly property: ItemAnswer<PropertyFacts> | null;
  readonly evidence: readonly Source[];
}

export class CheckRecordVersionError extends Error {
  constructor(readonly found: unknown) {
    super(`a check record of version ${String(found)} cannot be read by this version (${CHECK_RECORD_VERSION})`);
    this.name = 'CheckRecordVersionError';
  }
}

/** The stored outcome as a record, or null when nothing was gathered yet; throws on another version. */
export function checkRecordOf(outcome: unknown): CheckRecord | null {
  if (outcome === null || outcome === undefined || typeof outcome !== 'object') return null;
  const version = (outcome as { version?: unknown }).version;
  if (version !== CHECK_RECORD_VERSION) throw new CheckRecordVersionError(version);
  return outcome as CheckRecord;
}

export const isSettled = <F>(item: ItemAnswer<F> | null | undefined): item is SettledItem<F> =>
  item !== null && item !== undefined && (item.status === 'FOUND' || item.status === 'NOT_FOUND' || item.status === 'FORBIDDEN');

/** The property facts a finished check found, or null. */
export function foundProperty(outcome: unknown): unknown {
  const property = checkRecordOf(outcome)?.property;
  return property?.status === 'FOUND' ? property.facts : null;
}
