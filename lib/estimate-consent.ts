/**
 * A spouse's consent to the couple's quota estimate (额度试算授权): before any application exists,
 * she lets the platform use her HPF account and loan figures and the homes registered to her in
 * her spouse's estimate at one fund centre. It is a DATA_SHARING consent for the purpose
 * HPF_QUOTA_ESTIMATE, tied to no application; it covers exactly these items (what the estimate
 * reads of her, and nothing more), and it lasts a short while, as an estimate is a step before
 * applying, not a standing permission.
 */
import type { AgencyName } from './agency-contracts';

export const ESTIMATE_PURPOSE = 'HPF_QUOTA_ESTIMATE' as const;

/** What the couple estimate reads of the spouse: her accounts and HPF loans (公积金), her registered homes (不动产). */
export const ESTIMATE_CONSENT_SCOPES: ReadonlyArray<{ readonly agency: AgencyName; readonly dataItems: readonly string[] }> = Object.freeze([
  Object.freeze({ agency: 'provident-fund' as const, dataItems: Object.freeze(['account', 'loans']) }),
  Object.freeze({ agency: 'natural-resources' as const, dataItems: Object.freeze(['holdings']) }),
]);

/** An estimate consent lasts at most this long (it is given for an estimate soon to be asked for). */
export const ESTIMATE_CONSENT_MAX_DAYS = 90;

/** Whether scopes name exactly the estimate's items: every one of them, and nothing else. */
export function coversExactlyTheEstimate(scopes: ReadonlyArray<{ agency: AgencyName; dataItems: readonly string[] }>): boolean {
  const given = new Set(scopes.flatMap((scope) => scope.dataItems.map((item) => `${scope.agency}/${item}`)));
  const wanted = new Set(ESTIMATE_CONSENT_SCOPES.flatMap((scope) => scope.dataItems.map((item) => `${scope.agency}/${item}`)));
  return given.size === wanted.size && [...wanted].every((item) => given.has(item));
}
