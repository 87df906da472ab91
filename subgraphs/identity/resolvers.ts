import type { GraphQLResolveInfo } from 'graphql';
import type { PersonRecord } from '../../lib/agency-contracts';
import { badUserInput, notFound } from '../../lib/errors';
import { sealIdentityProof } from '../../lib/identity-proof';
import { requireBatch, requireIdNumber } from '../shared/arguments';
import type { Sourced } from '../shared/loaders';
import { applicantRef, type ApplicantParent } from '../shared/references';
import { recordAccess, verdictOf } from '../shared/policy/policy';
import type { Context, Resolvers } from './generated/resolvers-types';
import { identityBasis } from './policy';

/** What one case needs at most in one look-up: borrowers and co-owners. Never a sweep. */
const MAX_PEOPLE_PER_LOOKUP = 10;

/**
 * The entry point. With a ground to read the person (themself, their verified proxy, a centre
 * with their consent for the case named), it confirms they exist — the register asked once per
 * request for all — and records that answer. Without one it answers with the opaque reference,
 * whether or not the number exists, and calls nobody: an existence answer is personal data too.
 */
async function applicantNamed(idNumber: string, context: Context, info: GraphQLResolveInfo): Promise<ApplicantParent> {
  const parent = applicantRef(context.refs, idNumber);
  if (!(await verdictOf(identityBasis, parent, {}, context, info))) return parent;
  if (!(await context.loaders.person.load(idNumber))) throw notFound('person with this ID number in the population register');
  await recordAccess(context, parent, `Query.${info.fieldName}`, { agency: 'public-security', dataItem: 'identity', subjects: (p: ApplicantParent) => [p.idNumber] });
  return parent;
}

/**
 * The register's record, fetched only when a field that the policy allowed needs it: entity
 * resolution itself calls no agency, so a denied field never causes an agency call.
 */
async function personOf(parent: ApplicantParent, context: Context): Promise<Sourced<PersonRecord> | null> {
  return context.loaders.person.load(parent.idNumber);
}

const fromRecord =
  <K extends keyof PersonRecord>(key: K) =>
  async (parent: ApplicantParent, _: unknown, context: Context) =>
    (await personOf(parent, context))?.[key] ?? null;

export const identityResolvers: Resolvers = {
  Mutation: {
    verifyFace: async (_, args, context) => {
      const idNumber = context.actor.personIdNumber!;
      const { data } = await context.loaders.compareFace({ idNumber, livePhotoSha256: args.livePhotoSha256.toLowerCase() });
      context.ledger.push({ subjectIdNumber: idNumber, agency: 'public-security', field: 'Mutation.verifyFace', legalBasis: 'DATA_SUBJECT_REQUEST', consentId: null });
      const reference = data.matched
        ? sealIdentityProof({ idNumber, method: 'FACE_COMPARISON', evidenceRef: data.comparisonRef, verifiedAt: Date.now() }, context.config.internalTrustSecret)
        : null;
      return { matched: data.matched, score: data.score, reference };
    },
    // The alternative to face recognition: the agent has checked the applicant's ID card in person.
    attestInPersonIdentity: (_, args, context) => {
      const reference = args.checkReference.trim();
      if (!/^[A-Za-z0-9-]{6,64}$/.test(reference)) throw badUserInput('checkReference', 'the hall check reference is 6–64 letters, digits or hyphens');
      const { personIdNumber, subject } = context.actor;
      return sealIdentityProof(
        { idNumber: personIdNumber!, method: 'IN_PERSON_ID_CHECK', evidenceRef: `${subject}:${reference}`, verifiedAt: Date.now() },
        context.config.internalTrustSecret,
      );
    },
  },
  Query: {
    applicant: (_, args, context, info) => applicantNamed(requireIdNumber(args.idNumber), context, info),
    // The person the token (or the verified proxy authorization) names; nobody else's reference.
    me: (_, __, context, info) => (context.actor.personIdNumber ? applicantNamed(context.actor.personIdNumber, context, info) : null),
    applicants: (_, args, context, info) => {
      const idNumbers = requireBatch(args.idNumbers, 'idNumbers', MAX_PEOPLE_PER_LOOKUP).map((id, i) => requireIdNumber(id, `idNumbers[${i}]`));
      // Each position settles on its own: an unknown number is null plus an error at that index.
      return idNumbers.map((idNumber) => applicantNamed(idNumber, context, info));
    },
  },
  Applicant: {
    __resolveReference: async (representation, context) =>
      applicantRef(context.refs, context.refs.open('applicant', representation.ref)),
    idNumber: (parent) => parent.idNumber,
    name: fromRecord('name'),
    gender: fromRecord('gender'),
    birthDate: fromRecord('birthDate'),
    mobile: fromRecord('mobile'),
    minorChildIdNumbers: fromRecord('minorChildIdNumbers'),
    identityVerification: async (parent, args, context) => {
      // The register and the name check asked together: one round trip to the agency, not two.
      const claimedName = args.claimedName;
      const [person, verification] = await Promise.all([
        personOf(parent, context),
        claimedName ? context.loaders.verification.load({ idNumber: parent.idNumber, name: claimedName }) : Promise.resolve(null),
      ]);
      if (!person) return null;
      const registration = { householdRegion: person.householdRegion, minorChildren: person.minorChildIdNumbers.length };
      if (!claimedName) {
        const verified = person.householdStatus === 'ACTIVE';
        return { ...registration, nameMatches: null, householdStatus: person.householdStatus, verified, source: person.source };
      }
      if (!verification) return null;
      const verified = verification.nameMatches && verification.householdStatus === 'ACTIVE';
      return { ...registration, ...verification, verified };
    },
  },
};
