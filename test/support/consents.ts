/** Consents as an applicant gives them for a loan: every agency's data items, and the credit query. */
import type { AgencyName } from '../../lib/agency-contracts';
import { DATA_ITEMS } from '../../lib/data-items';
import { maskIdNumberForRecord, subjectKeyOf } from '../../storage';
import type { ConsentRecord, Purpose, Storage } from '../../storage/types';

export function grantEveryConsent(
  storage: Storage,
  entityRefKey: string,
  idNumber: string,
  { centre = '350100', purpose = 'HPF_LOAN_REVIEW' }: { centre?: string; purpose?: Purpose } = {},
): Promise<ConsentRecord[]> {
  const now = Date.now();
  const common = {
    subjectKey: subjectKeyOf(entityRefKey, idNumber),
    subjectMasked: maskIdNumberForRecord(idNumber),
    subjectRole: 'APPLICANT' as const,
    purpose,
    grantedToCentre: centre,
    applicationId: null,
    validFrom: new Date(now - 60_000),
    validUntil: new Date(now + 30 * 24 * 3600 * 1000),
    recordedBy: 'test-support',
  };
  // Data sharing never covers the credit query or face verification: those are separate consents by law.
  const sharing = (Object.entries(DATA_ITEMS) as Array<[AgencyName, readonly string[]]>)
    .filter(([agency]) => agency !== 'pboc-credit')
    .map(([agency, items]) => ({ agency, dataItems: items.filter((item) => item !== 'face') }));
  return Promise.all([
    storage.consents.grant({ ...common, kind: 'DATA_SHARING', scopes: sharing, authorizationRef: null }),
    storage.consents.grant({ ...common, kind: 'CREDIT_QUERY', scopes: [{ agency: 'pboc-credit', dataItems: ['creditReport'] }], authorizationRef: `ZXSQ-${idNumber.slice(-6)}` }),
  ]);
}
