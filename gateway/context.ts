/** What the gateway knows about one incoming request, and passes on to the subgraphs. */
export interface GatewayContext {
  requestId: string;
  /** Incoming headers on the propagation allowlist, lower-cased. */
  propagatedHeaders: Record<string, string>;
}
