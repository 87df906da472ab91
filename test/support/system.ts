/**
 * The whole system on ephemeral ports for a spec file, plus a GraphQL client for the gateway.
 * Simulator latency is off unless a spec asks for it, so the suite stays fast.
 */
import { loadConfig, type Config } from '../../lib/config';
import { silentLogger, type Logger } from '../../lib/logger';
import { startLocalSystem, type LocalSystem } from '../../scripts/local-system';

export interface GraphQLReply<Data = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: Data | null;
    errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  };
}

export interface TestSystem extends LocalSystem {
  config: Readonly<Config>;
  query<Data = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLReply<Data>>;
  /** Calls per agency endpoint since the last reset (endpoints never called left out), read from the simulators. */
  counters(): Record<string, Record<string, number>>;
  resetSimulators(): void;
}

export async function startTestSystem(env: Record<string, string> = {}, logger: Logger = silentLogger): Promise<TestSystem> {
  const config = loadConfig({ NODE_ENV: 'test', SIMULATOR_LATENCY_MS: '0', ...env });
  const system = await startLocalSystem({ config, logger, ports: 'ephemeral' });
  return {
    ...system,
    config,
    async query<Data>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
      const response = await fetch(system.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLReply<Data>['body'] };
    },
    counters: () =>
      Object.fromEntries(
        Object.entries(system.simulators).map(([agency, simulator]) => [
          agency,
          Object.fromEntries(Object.entries(simulator.counters()).filter(([, calls]) => calls > 0)),
        ]),
      ),
    resetSimulators: () => Object.values(system.simulators).forEach((simulator) => simulator.reset()),
  };
}

/** The codes of a reply's errors, for assertions that read as the contract. */
export function errorCodes(reply: GraphQLReply<unknown>): unknown[] {
  return (reply.body.errors ?? []).map((error) => error.extensions?.code);
}
