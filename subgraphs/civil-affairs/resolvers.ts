import type { MarriageRecord, MarriageRegistration } from '../../lib/agency-contracts';
import type { Sourced } from '../shared/loaders';
import { applicantRef, resolveApplicantReference, type ApplicantParent } from '../shared/references';
import type { Resolvers, SubgraphContext } from '../shared/subgraph';
import type { CivilAffairsLoaders } from './loaders';

type Context = SubgraphContext<CivilAffairsLoaders>;


/** The latest registration decides the status: a divorce after a marriage means divorced. */
function maritalStatus(registrations: readonly MarriageRegistration[]): 'UNREGISTERED' | 'MARRIED' | 'DIVORCED' {
  const latest = registrations.at(-1);
  if (!latest) return 'UNREGISTERED';
  return latest.type === 'DIVORCE' ? 'DIVORCED' : 'MARRIED';
}

export const civilAffairsResolvers: Resolvers<CivilAffairsLoaders> = {
  Applicant: {
    __resolveReference: resolveApplicantReference,
    // A person the register does not know at all is null; one it knows without registrations is UNREGISTERED.
    marriage: (parent: ApplicantParent, _: unknown, context: Context) => context.loaders.marriage.load(parent.idNumber),
  },
  Marriage: {
    status: (parent: Sourced<MarriageRecord>) => maritalStatus(parent.registrations),
    registrationDate: (parent: Sourced<MarriageRecord>) => parent.registrations.at(-1)?.registrationDate ?? null,
    spouse: (parent: Sourced<MarriageRecord>, _: unknown, context: Context) => {
      const latest = parent.registrations.at(-1);
      if (!latest || latest.type === 'DIVORCE') return null;
      return applicantRef(context.refs, latest.spouseIdNumber);
    },
  },
  MarriageRegistration: {
    spouse: (parent: MarriageRegistration, _: unknown, context: Context) => applicantRef(context.refs, parent.spouseIdNumber),
  },
};
