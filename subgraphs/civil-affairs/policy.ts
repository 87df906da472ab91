/**
 * 民政 civil affairs — who may read what. Anything not named is denied.
 *
 * - The marriage record: the person, their proxy, or a fund centre holding their consent for
 *   civil-affairs / marriage under the request's purpose. Every read is in the access record.
 * - The spouse it names is another applicant: their own data is governed by their own rules.
 */
import { allow } from 'graphql-shield';
import { FEDERATION_QUERY_FIELDS, FEDERATION_TYPES } from '../shared/policy/federation';
import { personalData, type Policy } from '../shared/policy/policy';
import { applicantSubject, mayReadPersonalData } from '../shared/policy/rules';

const AGENCY = 'civil-affairs' as const;

export const civilAffairsPolicy: Policy = {
  Query: FEDERATION_QUERY_FIELDS,
  ...FEDERATION_TYPES,
  Applicant: {
    ref: allow,
    marriage: personalData(mayReadPersonalData(AGENCY, 'marriage', applicantSubject), { agency: AGENCY, dataItem: 'marriage', subjects: applicantSubject }),
  },
  Marriage: allow,
  MarriageRegistration: allow,
};
