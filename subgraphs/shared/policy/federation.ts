/**
 * The federation plumbing every subgraph exposes to the gateway. `_entities` and `_service` carry
 * no personal data themselves (each entity field has its own rule), so they are allowed; shield's
 * deny-by-default would otherwise break every cross-subgraph join.
 */
import { allow } from 'graphql-shield';

export const FEDERATION_QUERY_FIELDS = { _entities: allow, _service: allow } as const;
export const FEDERATION_TYPES = { _Service: allow, AgencySource: allow } as const;
