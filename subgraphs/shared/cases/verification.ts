/**
 * What a subgraph verifies of a request before any rule runs, from the platform's own records:
 * a proxy agent's authorization (exists, in force, this agent, this person), and the case the
 * request names (exists, and is open to this caller). The gateway's assertion says who is calling;
 * it cannot say what they are entitled to.
 */
import DataLoader from 'dataloader';
import type { Actor } from '../../../lib/actor';
import type { ConsentRecord, Purpose, Storage } from '../../../storage/types';
import type { VerifiedProxy } from '../policy/context';
import { consentItemsOf, findConsentsOfKeys, isAnyPartyKey, isCaselessEstimate } from '../policy/rules';
import { centreOpenStatuses, isCaseOpenTo, partiesOf, type CaseFile } from './case-file';

/** A proxy agent keeps their person only while a stored authorization backs the claim. */
export async function verifiedActor(
  actor: Actor,
  storage: Pick<Storage, 'proxyAuthorizations'>,
  subjectKeyOf: (idNumber: string) => string,
): Promise<{ actor: Actor; proxy: VerifiedProxy | null }> {
  if (actor.role !== 'PROXY_AGENT') return { actor, proxy: null };
  const authorization = actor.proxyAuthorizationRef ? await storage.proxyAuthorizations.get(actor.proxyAuthorizationRef, new Date()) : null;
  const holds =
    authorization !== null &&
    authorization.status === 'ACTIVE' &&
    authorization.validFrom.getTime() <= Date.now() &&
    authorization.agentSubject === actor.subject &&
    actor.personIdNumber !== null &&
    authorization.subjectKey === subjectKeyOf(actor.personIdNumber);
  if (!holds) return { actor: { ...actor, personIdNumber: null }, proxy: null };
  return { actor, proxy: { id: authorization.id, scopes: authorization.scopes } };
}

const APPLICATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The key of the case among the request's reads; a consent key (subject|kind|agency|item) is never it. */
const CASE = '\u0000case';

export interface CaseReads {
  /** The named case, read once per request on first need; null when absent or not open to the caller. */
  caseFile(): Promise<CaseFile | null>;
  /**
   * The request's consent look-ups, by consentKey(...): each once, and all of one tick in one
   * statement; anyPartyKey(...) asks, with the case, for every party's consents to an item (its
   * own answer is always null).
   */
  consentLookup: DataLoader<string, ConsentRecord | null>;
}

export interface CaseReadsOptions {
  actor: Actor;
  /** The application the request names (the caller's claim, verified here). */
  applicationId: string | null;
  purpose: Purpose;
  storage: Pick<Storage, 'loans' | 'consents'>;
  subjectKeyOf(idNumber: string): string;
}

/**
 * The request's reads of its case and of consents for it. The first tick that asks for the case
 * reads it together with the consents asked in that tick (LoanStore.readCase: one statement where
 * there were three in a row), and with every party's consents to the items asked of ANY_PARTY in
 * it (fields whose subjects only an agency's record names, asked before the agency is called):
 * later look-ups of those items are answered from what the case read brought, and other consents
 * come in one statement per tick. A consent counts only once the case is verified here — it
 * exists, and is open to this caller (isCaseOpenTo) — and only for the caller's centre, the
 * request's purpose and that application: the store is asked under those, and gates the case's
 * consents on the application's centre and status itself.
 */
export function caseReads({ actor, applicationId, purpose, storage, subjectKeyOf }: CaseReadsOptions): CaseReads {
  const verify = (read: { application: CaseFile['application']; steps: CaseFile['steps'] } | null): CaseFile | null => {
    if (!read) return null;
    const parties = partiesOf(read.application, read.steps);
    return isCaseOpenTo(actor, read.application, parties) ? { application: read.application, steps: read.steps, parties } : null;
  };
  const centre = actor.centre;
  let file: Promise<CaseFile | null> | undefined;
  /** Every party's consents to an item (`kind|agency|item`), by subject key, as the case read brought them. */
  const ofAnyParty = new Map<string, Map<string, ConsentRecord>>();
  const itemOf = (key: string) => key.slice(key.indexOf('|') + 1);

  const reads = new DataLoader<string, CaseFile | ConsentRecord | null>(async (keys) => {
    const anyParty = keys.filter(isAnyPartyKey);
    const asked = keys.filter((key) => key !== CASE && !isAnyPartyKey(key) && !ofAnyParty.has(itemOf(key)));
    const items = consentItemsOf(asked, subjectKeyOf);
    const at = new Date();
    let verified: CaseFile | null;
    let found = new Map<number, ConsentRecord>();
    if (keys.includes(CASE)) {
      const wanted = items.length > 0 || anyParty.length > 0;
      const anyPartyItems = consentItemsOf(anyParty, () => '').map(({ kind, agency, dataItem }) => ({ kind, agency, dataItem }));
      // What an application id looks like (a UUID); anything else names no application, and is not looked up.
      const read = applicationId && APPLICATION_ID.test(applicationId)
        ? await storage.loans.readCase(applicationId, centre && wanted ? { items, anyParty: anyPartyItems, purpose, centre, at, openStatuses: centreOpenStatuses(actor) } : null)
        : null;
      verified = verify(read);
      if (read) found = read.consents;
      if (read && verified && centre && wanted) {
        anyParty.forEach((key, index) => ofAnyParty.set(itemOf(key), new Map((read.anyPartyConsents[index] ?? []).map((consent) => [consent.subjectKey, consent]))));
      }
    } else {
      verified = await caseFile();
      if (verified && centre && items.length > 0) found = await storage.consents.findActiveForItems({ items, purpose, centre, at, applicationId: verified.application.id });
    }
    const byKey = new Map(asked.map((key, index) => [key, index]));
    return keys.map((key) => {
      if (key === CASE) return verified;
      if (!verified || !centre || isAnyPartyKey(key)) return null;
      const brought = byKey.has(key) ? undefined : ofAnyParty.get(itemOf(key));
      return brought ? (brought.get(subjectKeyOf(key.slice(0, key.indexOf('|')))) ?? null) : (found.get(byKey.get(key)!) ?? null);
    });
  });

  // A couple's estimate names no case (isCaselessEstimate): its consents are the spouse's estimate
  // consents to the caller's centre, which name no application; the store is asked under that
  // purpose, so no case's consent counts here, and none of these counts for a case.
  const estimateConsents = new DataLoader<string, ConsentRecord | null>(async (keys) =>
    centre ? findConsentsOfKeys(storage.consents, keys, subjectKeyOf, { purpose, centre }) : keys.map(() => null),
  );

  if (isCaselessEstimate({ purpose, applicationId })) return { caseFile: async () => null, consentLookup: estimateConsents };
  const caseFile = (): Promise<CaseFile | null> => (file ??= reads.load(CASE) as Promise<CaseFile | null>);
  return { caseFile, consentLookup: reads as DataLoader<string, ConsentRecord | null> };
}
