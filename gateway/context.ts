/** What the gateway knows about one incoming request, and passes on to the subgraphs. */
import type { Actor, RequestPurpose } from '../lib/actor';

export interface GatewayContext extends RequestPurpose {
  requestId: string;
  /** The verified caller (or ANONYMOUS). */
  actor: Actor;
  /** Incoming headers on the propagation allowlist, lower-cased. */
  propagatedHeaders: Record<string, string>;
}
