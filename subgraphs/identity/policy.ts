/**
 * 公安 identity — who may read what. Read top to bottom; anything not named is denied.
 *
 * - An applicant may look themself up, a verified proxy the person who authorized them; a fund
 *   officer, and the loan engine, may name anyone, but learn whether the person exists only for a
 *   party of the case they name who consented to it: without that ground, an existing and an
 *   unknown ID number get the same answer, and no agency is called.
 * - The ID number is shown clear to the person, their proxy, and a centre holding their consent;
 *   masked to everyone else signed in (it is the key a caller already holds, never a secret).
 * - Name, gender, birth date and identity verification: the person, their proxy, or a centre with
 *   consent. The mobile number is clear to the person only; masked for their proxy and centre.
 * - The minor children in the person's household record (户内未成年子女): on the same ground, the
 *   parent being their guardian; the access record names each child, on the guardian's ground.
 */
import { allow, and, or, rule } from 'graphql-shield';
import { FEDERATION_QUERY_FIELDS, FEDERATION_TYPES } from '../shared/policy/federation';
import { maskIdNumber, maskMobile, maskName } from '../shared/policy/masks';
import { personalData, type Policy } from '../shared/policy/policy';
import {
  applicantSubject,
  hasConsent,
  hasRole,
  isAuthenticated,
  isDataSubject,
  isDataSubjectOrProxy,
  isPersonOrProxyMay,
  isProxyWith,
  isServiceWith,
  mayReadPersonalData,
  proxyMay,
} from '../shared/policy/rules';
import type { PolicyContext } from '../shared/policy/context';
import type { Subjects } from '../shared/policy/rules';
import type { ApplicantParent } from '../shared/references';
import type { SubgraphContext } from '../shared/subgraph';
import type { IdentityLoaders } from './loaders';

const AGENCY = 'public-security' as const;

/** An applicant may name only their own ID number at the entry point; knowing a number grants nothing. */
const asksForOwnIdNumber = rule({ cache: 'no_cache' })((_parent, args: { idNumber?: string }, context: PolicyContext, info) => {
  const { role, personIdNumber } = context.actor;
  if (role === 'PROXY_AGENT' && !proxyMay(context, 'VIEW_DATA', info)) return false;
  return (role === 'APPLICANT' || role === 'PROXY_AGENT') && args.idNumber === personIdNumber;
});

/** The ground to learn anything of a person from the register, their existence included. */
export const identityBasis = mayReadPersonalData(AGENCY, 'identity', applicantSubject);

/** The children under 18 in the person's household record, from the register (the loader's answer, asked once). */
const minorChildrenOf: Subjects<ApplicantParent> = async (parent, context) =>
  (await (context as SubgraphContext<IdentityLoaders>).loaders.person.load(parent.idNumber))?.minorChildIdNumbers ?? [];

const clearIdentityFor = or(isDataSubjectOrProxy(applicantSubject), hasConsent('DATA_SHARING', AGENCY, 'identity', applicantSubject));
const identityRecord = (dataItem: string) => ({ agency: AGENCY, dataItem, subjects: applicantSubject });

/** Face verification: separate consent (PIPL art. 28–29), given to the centre the signing is for. */
const hasFaceConsent = rule({ cache: 'no_cache' })(async (_parent, args: { centreCode?: string }, context: PolicyContext) => {
  const { role, personIdNumber } = context.actor;
  if (role !== 'APPLICANT' || !personIdNumber || !args.centreCode) return false;
  const consent = await context.consents.findActive({
    subjectKey: context.subjectKeyOf(personIdNumber),
    kind: 'FACE_VERIFICATION',
    purpose: context.purpose,
    agency: AGENCY,
    dataItem: 'face',
    centre: args.centreCode,
    at: new Date(),
  });
  return consent !== null;
});

export const identityPolicy: Policy = {
  Mutation: { verifyFace: hasFaceConsent, attestInPersonIdentity: isProxyWith('ATTEST_IDENTITY') },
  FaceVerification: allow,
  Query: {
    ...FEDERATION_QUERY_FIELDS,
    applicant: and(isAuthenticated, or(asksForOwnIdNumber, hasRole('FUND_OFFICER'), isServiceWith('GATHER_CASE_DATA'))),
    applicants: or(hasRole('FUND_OFFICER'), isServiceWith('GATHER_CASE_DATA')),
    me: isPersonOrProxyMay('VIEW_DATA'),
  },
  ...FEDERATION_TYPES,
  Applicant: {
    ref: allow,
    // The clear number is a release (recorded); the masked one is the key the caller already holds.
    idNumber: {
      rule: isAuthenticated,
      mask: { apply: (id: string, context) => maskIdNumber(id, context.idNumberMask), clearFor: clearIdentityFor },
      record: identityRecord('identity'),
    },
    name: personalData(identityBasis, identityRecord('identity'), { apply: maskName, clearFor: clearIdentityFor }),
    gender: personalData(identityBasis, identityRecord('identity')),
    birthDate: personalData(identityBasis, identityRecord('identity')),
    mobile: personalData(identityBasis, identityRecord('identity'), { apply: maskMobile, clearFor: isDataSubject(applicantSubject) }),
    identityVerification: personalData(identityBasis, identityRecord('identity')),
    // The household record's minor children: the parent's data, and the children's on the parent's ground as guardian.
    minorChildIdNumbers: personalData(identityBasis, { ...identityRecord('identity'), minorsOf: minorChildrenOf }),
  },
  IdentityVerification: allow,
};
