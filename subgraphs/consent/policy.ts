/**
 * 平台 consents and the access record — who may read and do what. Anything not named is denied.
 *
 * - A person (or the proxy agent they authorized) gives, lists and withdraws their own consents.
 * - A person sees who read their data; an auditor sees the whole record, with subjects masked
 *   (the store holds no clear personal data), and checks its hash chain.
 */
import { allow } from 'graphql-shield';
import { FEDERATION_QUERY_FIELDS, FEDERATION_TYPES } from '../shared/policy/federation';
import type { Policy } from '../shared/policy/policy';
import { hasRole } from '../shared/policy/rules';

const person = hasRole('APPLICANT', 'PROXY_AGENT');
const auditor = hasRole('AUDITOR');

export const consentPolicy: Policy = {
  Query: {
    ...FEDERATION_QUERY_FIELDS,
    myConsents: person,
    myDataAccessRecords: hasRole('APPLICANT'),
    accessRecords: auditor,
    accessRecordChain: auditor,
  },
  Mutation: {
    grantConsent: person,
    revokeConsent: person,
  },
  ...FEDERATION_TYPES,
  Consent: allow,
  ConsentScope: allow,
  AccessRecord: allow,
  AccessRecordPage: allow,
  AccessRecordChainStatus: allow,
};
