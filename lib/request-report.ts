/**
 * One line and a few counts per request, once its reply is sent (lib/apollo-http.ts): request id,
 * trace id, operation name, caller role, status and duration. Nothing personal: the operation's
 * name (a registered one, else "other": lib/operation-names.ts) and the caller's role, never
 * variables, subjects or ID numbers.
 */
import type { BaseContext } from '@apollo/server';
import type { Logger } from './logger';
import { requestMetrics, secondsSince, type RequestOutcome } from './metrics';
import type { OperationFacts } from './operation-facts';
import type { OperationLabel } from './operation-names';

/** How a server names itself and its callers in the reports. */
export interface RequestReporting<Context extends BaseContext> {
  /** The service label: `gateway`, or the subgraph's name. */
  service: string;
  operationLabel: OperationLabel;
  /** The verified caller's role (an ACTOR_ROLES value), never who they are. */
  callerRoleOf(context: Context): string;
}

/** What the HTTP layer gathers about one request while it is served. */
export interface RequestFacts<Context extends BaseContext> {
  requestId: string;
  traceId: string | null;
  /** performance.now() at arrival. */
  startedAt: number;
  /** Whether this was a GraphQL request (plain routes, health probes, are logged at debug only). */
  graphql: boolean;
  /** The body's operationName, for a request refused before Apollo resolves the document's. */
  givenOperationName: string | null;
  /** What Apollo found (lib/operation-facts.ts), once it ran. */
  operation: OperationFacts | null;
  /** Set once the context is built (the caller is verified). */
  context: Context | null;
}

function outcomeOf(status: number, errors: boolean): RequestOutcome {
  if (status >= 500) return 'failed';
  if (status >= 400) return 'refused';
  return errors ? 'errors' : 'ok';
}

/** Logs the request's line and counts it; called once, when its connection is done with the reply. */
export function reportRequest<Context extends BaseContext>(
  logger: Logger,
  reporting: RequestReporting<Context>,
  facts: RequestFacts<Context>,
  reply: { status: number; method: string; path: string; completed: boolean },
): void {
  const seconds = secondsSince(facts.startedAt);
  const line = {
    requestId: facts.requestId,
    traceId: facts.traceId ?? undefined,
    method: reply.method,
    path: reply.path,
    status: reply.status,
    // A client that went away before the reply was complete.
    ...(reply.completed ? {} : { aborted: true }),
    ms: Math.round(seconds * 1000),
  };
  if (!facts.graphql) {
    logger.debug('request', line);
    return;
  }
  const apollo = facts.operation;
  const operation = reporting.operationLabel(apollo?.operationName ?? facts.givenOperationName);
  const outcome = outcomeOf(reply.status, apollo?.errors ?? false);
  logger.info('request', { ...line, operation, outcome, callerRole: facts.context ? reporting.callerRoleOf(facts.context) : undefined });
  requestMetrics.total.inc({ service: reporting.service, operation, outcome });
  requestMetrics.duration.observe({ service: reporting.service, operation }, seconds);
}
