import type { MarriageRegistration } from '../../lib/agency-contracts';
import { applicantRef, resolveApplicantReference } from '../shared/references';
import type { Resolvers } from './generated/resolvers-types';

/** The latest registration decides the status: a divorce after a marriage means divorced. */
function maritalStatus(registrations: readonly MarriageRegistration[]): 'UNREGISTERED' | 'MARRIED' | 'DIVORCED' {
  const latest = registrations.at(-1);
  if (!latest) return 'UNREGISTERED';
  return latest.type === 'DIVORCE' ? 'DIVORCED' : 'MARRIED';
}

export const civilAffairsResolvers: Resolvers = {
  Applicant: {
    __resolveReference: resolveApplicantReference,
    // A person the register does not know at all is null; one it knows without registrations is UNREGISTERED.
    marriage: (parent, _, context) => context.loaders.marriage.load(parent.idNumber),
  },
  Marriage: {
    status: (parent) => maritalStatus(parent.registrations),
    registrationDate: (parent) => parent.registrations.at(-1)?.registrationDate ?? null,
    spouse: (parent, _, context) => {
      const latest = parent.registrations.at(-1);
      if (!latest || latest.type === 'DIVORCE') return null;
      return applicantRef(context.refs, latest.spouseIdNumber);
    },
  },
  MarriageRegistration: {
    spouse: (parent, _, context) => applicantRef(context.refs, parent.spouseIdNumber),
  },
};
