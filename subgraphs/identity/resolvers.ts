import type { PersonRecord } from '../../lib/agency-contracts';
import { notFound } from '../../lib/errors';
import { requireBatch, requireIdNumber } from '../shared/arguments';
import type { Sourced } from '../shared/loaders';
import type { EntityRepresentation, Resolvers, SubgraphContext } from '../shared/subgraph';
import type { IdentityLoaders } from './loaders';

type Context = SubgraphContext<IdentityLoaders>;

/** An applicant as this subgraph holds it: the register's record under its opaque reference. */
type ApplicantParent = Sourced<PersonRecord> & { ref: string };

async function applicantByIdNumber(idNumber: string, context: Context): Promise<ApplicantParent> {
  const person = await context.loaders.person.load(idNumber);
  if (!person) throw notFound('person with this ID number in the population register');
  return { ...person, ref: context.refs.seal('applicant', idNumber) };
}

export const identityResolvers: Resolvers<IdentityLoaders> = {
  Query: {
    applicant: (_: unknown, args: { idNumber: string }, context: Context) =>
      applicantByIdNumber(requireIdNumber(args.idNumber), context),
    applicants: (_: unknown, args: { idNumbers: string[] }, context: Context) => {
      const idNumbers = requireBatch(args.idNumbers, 'idNumbers').map((id, i) => requireIdNumber(id, `idNumbers[${i}]`));
      // Each position settles on its own: an unknown number is null plus an error at that index.
      return idNumbers.map((idNumber) => applicantByIdNumber(idNumber, context));
    },
  },
  Applicant: {
    __resolveReference: (representation: EntityRepresentation, context: Context) =>
      applicantByIdNumber(context.refs.open('applicant', representation.ref), context),
    identityVerification: async (person: ApplicantParent, args: { claimedName?: string | null }, context: Context) => {
      const registration = { householdRegion: person.householdRegion };
      if (!args.claimedName) {
        const verified = person.householdStatus === 'ACTIVE';
        return { ...registration, nameMatches: null, householdStatus: person.householdStatus, verified, source: person.source };
      }
      const verification = await context.loaders.verification.load({ idNumber: person.idNumber, name: args.claimedName });
      if (!verification) throw notFound('person with this ID number in the population register');
      const verified = verification.nameMatches && verification.householdStatus === 'ACTIVE';
      return { ...registration, ...verification, verified };
    },
  },
};
