import { mortgageesOf } from '../shared/cases/mortgagees';
import { GraphQLError } from 'graphql';
import { agencyUnavailable, notFound } from '../../lib/errors';
import { requireIdNumber, requireUnitNumber } from '../shared/arguments';
import { propertyParty, propertyRef, resolveApplicantReference, resolvePropertyReference } from '../shared/references';
import { registeredUnitOf, requiredSignersOf } from '../shared/cases/case-file';
import { recordAccess } from '../shared/policy/policy';
import { selectsBelow } from '../shared/selection';
import type { Context, RegisterMortgageInput, Resolvers } from './generated/resolvers-types';

const caseRefused = (why: string) => new GraphQLError(`No mortgage can be registered: ${why}.`, { extensions: { code: 'CASE_REQUIRED' } });
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item) => b.includes(item));

/**
 * A mortgage executes a signed loan contract. It is registered only for the application named in
 * x-application-id: of the caller's centre, APPROVED, signed by every borrower and owner, and only
 * on that application's registered unit, with its owners as mortgagors and its contract number.
 * Returns the owners, whose personal data the certificate is.
 */
async function mortgageCase(input: RegisterMortgageInput, context: Context): Promise<{ applicationId: string; owners: string[] }> {
  const application = context.applicationId ? await context.storage.loans.get(context.applicationId) : null;
  if (!application || application.centre !== context.actor.centre) throw caseRefused('name an application of your centre');
  if (application.status !== 'APPROVED') throw caseRefused('the application is not approved and awaiting its mortgage');
  const steps = await context.storage.loans.steps(application.id);
  const signed = new Set((await context.storage.loans.signatures(application.id)).map((signature) => signature.signerKey));
  if (!requiredSignersOf(application, steps).every((idNumber) => signed.has(context.subjectKeyOf(idNumber)))) throw caseRefused('not every borrower and owner has signed the contract');
  const { unitNumber, owners } = registeredUnitOf(steps);
  if (input.unitNumber !== unitNumber || !sameSet(input.mortgagorIdNumbers, owners) || input.loanContractNumber !== `HPF-${application.id}`) {
    throw caseRefused("the unit, mortgagors and contract number must be the application's own");
  }
  // The lenders and the debts secured are the application's own, exactly: no other lender, no other amount.
  const expected = mortgageesOf(application);
  const given = input.mortgagees;
  if (given.length !== expected.length || given.some((mortgagee, i) => mortgagee.name !== expected[i]!.name || mortgagee.amount !== expected[i]!.amountFen)) {
    throw caseRefused("the mortgagees and the amounts they secure must be the application's own");
  }
  return { applicationId: application.id, owners };
}

export const realEstateResolvers: Resolvers = {
  Mutation: {
    registerMortgage: async (_, { input }, context) => {
      requireUnitNumber(input.unitNumber, 'input.unitNumber');
      input.mortgagorIdNumbers.forEach((id, i) => requireIdNumber(id, `input.mortgagorIdNumbers[${i}]`));
      const { applicationId, owners } = await mortgageCase(input, context);
      const { data } = await context.loaders.registerMortgage({
        unitNumber: input.unitNumber,
        mortgagorIdNumbers: input.mortgagorIdNumbers,
        mortgagees: input.mortgagees.map((mortgagee) => ({ name: mortgagee.name, amountFen: mortgagee.amount })),
        loanContractNumber: input.loanContractNumber,
      });
      // The certificate names the owners and the home: a release of their data, recorded.
      await recordAccess(context, owners, 'Mutation.registerMortgage', { agency: 'natural-resources', dataItem: 'registration', subjects: (list: string[]) => list, basis: 'CASE_PROCESSING', caseOf: () => applicationId });
      return {
        certificateNumber: data.certificateNumber,
        registeredAt: data.registeredAt,
        eCertificateSha256: data.eCertificate.sha256,
        eCertificateDocument: data.eCertificate.documentBase64,
      };
    },
  },
  Query: {
    property: async (_, args, context) => {
      const unitNumber = requireUnitNumber(args.unitNumber);
      if (!(await context.loaders.registration.load(unitNumber))) throw notFound('real-estate unit with this unit number in the register');
      return propertyRef(context.refs, unitNumber);
    },
  },
  Property: {
    __resolveReference: resolvePropertyReference,
    registration: (parent, _, context) => context.loaders.registration.load(parent.unitNumber),
  },
  Applicant: {
    // The household's minor children come with the representation (@requires), from the population register through the gateway.
    __resolveReference: async (representation, context) => ({ ...(await resolveApplicantReference(representation, context)), minorChildIdNumbers: representation.minorChildIdNumbers }),
    minorChildrenHoldings: (parent, _, context) => {
      // No household record at hand (the register was not read): never "no children", which would hide their homes.
      if (!Array.isArray(parent.minorChildIdNumbers)) throw agencyUnavailable('public-security', 'FAILING');
      return Promise.all(parent.minorChildIdNumbers.map((idNumber) => context.loaders.holdings.load(requireIdNumber(idNumber, 'minorChildIdNumbers'))));
    },
    // Asked for the registrations of the homes too (a case's people and their homes), the holdings
    // bring them in the same agency call: one call to the register per request, not one by owner and one by unit.
    realEstateHoldings: (parent, _, context, info) =>
      (selectsBelow(info, ['properties', 'registration']) ? context.loaders.holdingsWithRegistrations : context.loaders.holdings).load(parent.idNumber),
  },
  PropertyRegistration: {
    owners: (parent, _, context) =>
      parent.owners.map((owner) => propertyParty(context.refs, owner)),
  },
  Encumbrance: {
    amount: (parent) => parent.amountFen,
  },
  RealEstateHoldings: {
    count: (parent) => parent.unitNumbers.length,
    properties: (parent, _, context) =>
      parent.unitNumbers.map((unitNumber) => propertyRef(context.refs, unitNumber)),
  },
};
