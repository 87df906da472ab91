/**
 * What a subgraph verifies of a request before any rule runs, from the platform's own records:
 * a proxy agent's authorization (exists, in force, this agent, this person), and the case the
 * request names (exists, and is open to this caller). The gateway's assertion says who is calling;
 * it cannot say what they are entitled to.
 */
import type { Actor } from '../../../lib/actor';
import type { Storage } from '../../../storage/types';
import type { VerifiedProxy } from '../policy/context';
import { isCaseOpenTo, partiesOf, type CaseFile } from './case-file';

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

/** What an application id looks like (a UUID); anything else names no application, and is not looked up. */
const APPLICATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The named case, read once per request on first need; null when absent or not open to the caller. */
export function caseFileLookup(actor: Actor, applicationId: string | null, storage: Pick<Storage, 'loans'>): () => Promise<CaseFile | null> {
  let found: Promise<CaseFile | null> | undefined;
  return () => {
    found ??= (async () => {
      if (!applicationId) return null;
      // The application and its steps asked together: one wait for the store, not two in a row.
      const [application, steps] = await Promise.all([storage.loans.get(applicationId), APPLICATION_ID.test(applicationId) ? storage.loans.steps(applicationId) : []]);
      if (!application) return null;
      const parties = partiesOf(application, steps);
      return isCaseOpenTo(actor, application, parties) ? { application, steps, parties } : null;
    })();
    return found;
  };
}
