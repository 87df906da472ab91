/**
 * What a subgraph verifies of a request before any rule runs, from the platform's own records:
 * a proxy agent's authorization (exists, in force, this agent, this person), and the case the
 * request names (exists, and is open to this caller). The gateway's assertion says who is calling;
 * it cannot say what they are entitled to.
 */
import DataLoader from 'dataloader';
import type { Actor } from '../../../lib/actor';
import type { AgencyName } from '../../../lib/agency-contracts';
import type { ConsentGround, Purpose, Storage } from '../../../storage/types';
import type { VerifiedProxy } from '../policy/context';
import { newestCovering } from '../../../storage/consent-store';
import { consentItemsOf, findConsentsOfKeys, isCaselessEstimate } from '../policy/rules';
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

export interface CaseReads {
  /** The named case, read once per request on first need; null when absent or not open to the caller. */
  caseFile(): Promise<CaseFile | null>;
  /** The request's consent look-ups, by consentKey(...), answered from what the case read brought. */
  consentLookup: DataLoader<string, ConsentGround | null>;
  /** The case read once it is done, answered synchronously; undefined before (and always for a caseless estimate). */
  settledCase(): SettledCase | undefined;
}

/**
 * A finished case read: the file (null when absent or not open to the caller) and the consents it
 * brought, looked up by consentKey(...) without waiting. With it, a rule or a release decides a
 * field of a list in the same turn as the field resolves: no promise per field and person.
 */
export interface SettledCase {
  file: CaseFile | null;
  consentOf(key: string): ConsentGround | null;
}

export interface CaseReadsOptions {
  actor: Actor;
  /** The application the request names (the caller's claim, verified here). */
  applicationId: string | null;
  purpose: Purpose;
  /** The agency of the subgraph reading: its rules ask of no other's consents (null: the platform's own subgraphs, all of them). */
  agency: AgencyName | null;
  storage: Pick<Storage, 'loans' | 'consents'>;
  subjectKeyOf(idNumber: string): string;
}

/**
 * The request's reads of its case and of consents for it: one statement, on first need
 * (LoanStore.readCase), brings the case and every consent given for it under the request's
 * purpose, for the caller's centre, in force at that moment; every consent look-up of the request
 * is then answered from those (newestCovering), so a request judges all its fields by one instant's
 * consents and asks the store once, however many people and items its fields name. A consent
 * counts only once the case is verified here — it exists, and is open to this caller
 * (isCaseOpenTo) — and the store gates the case's consents on the application's centre and status
 * itself.
 */
export function caseReads({ actor, applicationId, purpose, agency, storage, subjectKeyOf }: CaseReadsOptions): CaseReads {
  const centre = actor.centre;
  let read: Promise<{ file: CaseFile | null; consents: readonly ConsentGround[] }> | undefined;
  let settled: SettledCase | undefined;
  const readCase = async () => {
    // What an application id looks like (a UUID); anything else names no application, and is not looked up.
    if (!applicationId || !APPLICATION_ID.test(applicationId)) return { file: null, consents: [] };
    const found = await storage.loans.readCase(applicationId, centre ? { purpose, centre, at: new Date(), openStatuses: centreOpenStatuses(actor), agency } : null);
    if (!found) return { file: null, consents: [] };
    const parties = partiesOf(found.application, found.steps);
    if (!isCaseOpenTo(actor, found.application, parties)) return { file: null, consents: [] };
    // Asked with no centre, the store brought none.
    return { file: { application: found.application, steps: found.steps, parties }, consents: found.consents };
  };
  const settle = ({ file, consents }: { file: CaseFile | null; consents: readonly ConsentGround[] }): SettledCase => {
    // Each person's own consents, newest first as read: a look-up scans two, not a hundred.
    const bySubject = new Map<string, ConsentGround[]>();
    for (const consent of consents) {
      const own = bySubject.get(consent.subjectKey);
      if (own) own.push(consent);
      else bySubject.set(consent.subjectKey, [consent]);
    }
    const answers = new Map<string, ConsentGround | null>();
    return {
      file,
      consentOf: (key) => {
        let answer = answers.get(key);
        if (answer === undefined) {
          const item = consentItemsOf([key], subjectKeyOf)[0]!;
          answer = newestCovering(bySubject.get(item.subjectKey) ?? [], item);
          answers.set(key, answer);
        }
        return answer;
      },
    };
  };
  const theRead = () => (read ??= readCase().then((found) => ((settled = settle(found)), found)));

  const consentLookup = new DataLoader<string, ConsentGround | null>(async (keys) => {
    await theRead();
    return keys.map((key) => settled!.consentOf(key));
  });

  // A couple's estimate names no case (isCaselessEstimate): its consents are the spouse's estimate
  // consents to the caller's centre, which name no application; the store is asked under that
  // purpose, so no case's consent counts here, and none of these counts for a case.
  const estimateConsents = new DataLoader<string, ConsentGround | null>(async (keys) =>
    centre ? findConsentsOfKeys(storage.consents, keys, subjectKeyOf, { purpose, centre }) : keys.map(() => null),
  );

  if (isCaselessEstimate({ purpose, applicationId })) return { caseFile: async () => null, consentLookup: estimateConsents, settledCase: () => undefined };
  // One promise for every rule that asks (hundreds on a list page), not one each.
  let file: Promise<CaseFile | null> | undefined;
  return { caseFile: () => (file ??= theRead().then((read) => read.file)), consentLookup, settledCase: () => settled };
}
