/** The seven subgraph definitions, by name, in the order of the one subgraph list. */
import type { AgencyName } from '../lib/agency-contracts';
import type { SubgraphName } from '../schema/subgraphs';
import { civilAffairsSubgraph } from './civil-affairs/server';
import { consentSubgraph } from './consent/server';
import { loanSubgraph } from './loan/server';
import { creditSubgraph } from './credit/server';
import { housingSubgraph } from './housing/server';
import { identitySubgraph } from './identity/server';
import { providentFundSubgraph } from './provident-fund/server';
import { realEstateSubgraph } from './real-estate/server';
import type { ResolverMap, SubgraphDefinition } from './shared/subgraph';
import { taxSubgraph } from './tax/server';

export const SUBGRAPH_DEFINITIONS: Readonly<Record<SubgraphName, SubgraphDefinition<AgencyName | null, unknown, ResolverMap>>> = {
  identity: identitySubgraph,
  'civil-affairs': civilAffairsSubgraph,
  housing: housingSubgraph,
  tax: taxSubgraph,
  'real-estate': realEstateSubgraph,
  credit: creditSubgraph,
  'provident-fund': providentFundSubgraph,
  consent: consentSubgraph,
  loan: loanSubgraph,
} as Record<SubgraphName, SubgraphDefinition<AgencyName | null, unknown, ResolverMap>>;
