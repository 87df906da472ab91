/** What the gateway knows about one incoming request, and passes on to the subgraphs. */
import type { Actor, RequestPurpose } from '../lib/actor';
import type { ClientOrigin } from './plugins/client-address';

export interface GatewayContext extends RequestPurpose {
  requestId: string;
  /** The verified caller (or ANONYMOUS): gateway/plugins/authentication.ts. */
  actor: Actor;
  /** Incoming headers on the propagation allowlist, lower-cased: gateway/plugins/upstream.ts. */
  propagatedHeaders: Record<string, string>;
  /** Where the request came from, as far as the gateway can know it: gateway/plugins/client-address.ts. */
  client: ClientOrigin;
}

/**
 * Every key of the context, once: the compiler refuses this object when a key is added to
 * GatewayContext and not here, so the start-up check below cannot fall behind the type.
 */
const CONTEXT_KEYS = { requestId: true, actor: true, purpose: true, applicationId: true, propagatedHeaders: true, client: true } satisfies Record<keyof GatewayContext, true>;

/** The context keys that no feature (nor the HTTP layer, for `seeded`) fills in; empty when the context is complete. */
export function unfilledContextKeys(provided: ReadonlyMap<string, string>, seeded: ReadonlyArray<keyof GatewayContext>): string[] {
  return Object.keys(CONTEXT_KEYS).filter((key) => !provided.has(key) && !seeded.includes(key as keyof GatewayContext));
}
