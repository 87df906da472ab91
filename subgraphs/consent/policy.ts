/**
 * 平台 consents and the access record — who may read and do what. Anything not named is denied.
 *
 * - A person gives, lists and withdraws their own consents; a proxy agent only within the stored
 *   authorization the person gave them (MANAGE_CONSENTS to give or withdraw, VIEW_DATA to list).
 * - Only the person themself authorizes a proxy agent, and withdraws that authorization.
 * - A person sees who read their data; an auditor sees the whole record, with subjects masked
 *   (the store holds no clear personal data), and checks its hash chain.
 */
import { allow } from 'graphql-shield';
import { FEDERATION_QUERY_FIELDS, FEDERATION_TYPES } from '../shared/policy/federation';
import type { Policy } from '../shared/policy/policy';
import { hasRole, isPersonOrProxyMay } from '../shared/policy/rules';

const applicantThemself = hasRole('APPLICANT');
const auditor = hasRole('AUDITOR');

export const consentPolicy: Policy = {
  Query: {
    ...FEDERATION_QUERY_FIELDS,
    myConsents: isPersonOrProxyMay('VIEW_DATA'),
    myProxyAuthorizations: applicantThemself,
    myDataAccessRecords: hasRole('APPLICANT'),
    accessRecords: auditor,
    accessRecordChain: auditor,
  },
  Mutation: {
    grantConsent: isPersonOrProxyMay('MANAGE_CONSENTS'),
    revokeConsent: isPersonOrProxyMay('MANAGE_CONSENTS'),
    grantProxyAuthorization: applicantThemself,
    revokeProxyAuthorization: applicantThemself,
  },
  ...FEDERATION_TYPES,
  Consent: allow,
  ProxyAuthorization: allow,
  ConsentScope: allow,
  AccessRecord: allow,
  AccessRecordSubject: allow,
  AccessRecordPage: allow,
  AccessRecordChainStatus: allow,
};
