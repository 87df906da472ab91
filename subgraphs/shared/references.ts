/**
 * Entity references as every subgraph resolves them: open the opaque key to the identifier the
 * agency files records under. The identity subgraph alone checks that the person exists; the
 * others answer for their own records (or null) when asked.
 */
import type { EntityRefs } from './entity-ref';
import type { EntityRepresentation } from './subgraph';

export interface ApplicantParent {
  ref: string;
  idNumber: string;
}

export interface PropertyParent {
  ref: string;
  unitNumber: string;
}

// Async on purpose: a refused reference rejects only its own entity, not the whole _entities batch.
export async function resolveApplicantReference(representation: EntityRepresentation, context: { refs: EntityRefs }): Promise<ApplicantParent> {
  return { ref: representation.ref, idNumber: context.refs.open('applicant', representation.ref) };
}

export async function resolvePropertyReference(representation: EntityRepresentation, context: { refs: EntityRefs }): Promise<PropertyParent> {
  return { ref: representation.ref, unitNumber: context.refs.open('property', representation.ref) };
}

/** An applicant by ID number, as a field value another subgraph will resolve. */
export function applicantRef(refs: EntityRefs, idNumber: string): ApplicantParent {
  return { ref: refs.seal('applicant', idNumber), idNumber };
}

export function propertyRef(refs: EntityRefs, unitNumber: string): PropertyParent {
  return { ref: refs.seal('property', unitNumber), unitNumber };
}

/** A party on a contract or register as the shared PropertyParty type. */
export function propertyParty(refs: EntityRefs, party: { idNumber: string; name: string; sharePercent: number }) {
  return { applicant: applicantRef(refs, party.idNumber), name: party.name, sharePercent: party.sharePercent };
}
