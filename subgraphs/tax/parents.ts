/**
 * What tax's resolvers hand on as the parent of each type, where it is not the schema's own shape:
 * `npm run codegen` maps the type of the same name to it (subgraphs/shared covers Property).
 */
import type { TransferTaxRecord } from '../../lib/agency-contracts';
import type { Sourced } from '../shared/loaders';

export type TransferTaxDeclaration = Sourced<TransferTaxRecord>;
