/**
 * What the consent subgraph's resolvers hand on as the parent of each type, where it is not the
 * schema's own shape: `npm run codegen` maps the type of the same name to it. The platform's own
 * stored records (instants as Date, the authorization's reference under its stored name).
 */
export type { AccessRecord, ConsentRecord as Consent, ProxyAuthorization } from '../../storage/types';
