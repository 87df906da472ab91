/**
 * 住建 housing — who may read what. Anything not named is denied.
 *
 * - Finding a property by contract number gives an opaque reference only: any signed-in caller.
 * - The contract filing is the buyers' personal data: a buyer, a buyer's proxy, or a fund centre
 *   holding a buyer's consent for housing / contractFiling. The buyers are known only from the
 *   filing, so the filing is fetched first and released only under that rule.
 * - Inside a filing, the address keeps only its district and a party's name its first character,
 *   except for the parties themselves and the centre that was let in.
 */
import { allow, or } from 'graphql-shield';
import type { ContractFilingRecord } from '../../lib/agency-contracts';
import type { PropertyParent } from '../shared/references';
import type { PolicyContext } from '../shared/policy/context';
import { FEDERATION_QUERY_FIELDS, FEDERATION_TYPES } from '../shared/policy/federation';
import { maskAddress, maskName } from '../shared/policy/masks';
import { masked, personalData, type Policy } from '../shared/policy/policy';
import { isAuthenticated, isDataSubjectOrProxy, isFundCentre, mayReadPersonalData, partySubject, type Subjects } from '../shared/policy/rules';
import type { SubgraphContext } from '../shared/subgraph';
import type { HousingLoaders } from './loaders';

const AGENCY = 'housing' as const;

const buyersOfProperty: Subjects<PropertyParent> = async (parent, context: PolicyContext) => {
  const filing = await (context as SubgraphContext<HousingLoaders>).loaders.filingByUnit.load(parent.unitNumber);
  return filing ? filing.buyers.map((buyer) => buyer.idNumber) : [];
};
const buyersOfFiling: Subjects<ContractFilingRecord> = (filing) => filing.buyers.map((buyer) => buyer.idNumber);

export const housingPolicy: Policy = {
  Query: { ...FEDERATION_QUERY_FIELDS, propertyByContract: isAuthenticated },
  ...FEDERATION_TYPES,
  Property: {
    ref: allow,
    contractFiling: personalData(mayReadPersonalData(AGENCY, 'contractFiling', buyersOfProperty), {
      agency: AGENCY,
      dataItem: 'contractFiling',
      subjects: buyersOfProperty,
    }),
  },
  Applicant: { ref: allow },
  ContractFiling: {
    '*': allow,
    address: masked(allow, maskAddress, or(isDataSubjectOrProxy(buyersOfFiling), isFundCentre)),
  },
  PropertyParty: {
    '*': allow,
    name: masked(allow, maskName, or(isDataSubjectOrProxy(partySubject), isFundCentre)),
  },
};
