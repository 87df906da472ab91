/**
 * A lost database, as the API reports it: STORAGE_UNAVAILABLE, HTTP 503 with Retry-After, so a
 * client (or a load balancer) retries later instead of reading an outage of ours as a bug
 * (INTERNAL_SERVER_ERROR) or as an answer (HTTP 200). The storage layer raises the same code on
 * its own errors (storage/errors.ts); it is recognised here by that code alone, since lib/
 * depends on no other part of the platform.
 */
import type { ApolloServerPlugin, BaseContext, GraphQLResponse } from '@apollo/server';
import { GraphQLError } from 'graphql';

export const STORAGE_UNAVAILABLE = 'STORAGE_UNAVAILABLE';
/** What Retry-After says: long enough for a restart or a failover to finish, short enough to notice it has. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

/** Whether this error, or the error it wraps (Apollo wraps what a resolver throws), is a lost database. */
export function isStorageUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 3; depth++) {
    const { code, extensions, originalError } = current as { code?: unknown; extensions?: { code?: unknown }; originalError?: unknown };
    if (code === STORAGE_UNAVAILABLE || extensions?.code === STORAGE_UNAVAILABLE) return true;
    current = originalError;
  }
  return false;
}

export function storageUnavailable(serviceName?: string): GraphQLError {
  return new GraphQLError('The platform\'s database is not reachable for now; nothing was changed. Try again shortly.', {
    extensions: { code: STORAGE_UNAVAILABLE, ...(serviceName ? { serviceName } : {}) },
  });
}

/** Sends a response carrying a STORAGE_UNAVAILABLE error as 503 with Retry-After. */
export function markRetryable(response: GraphQLResponse): void {
  if (response.body.kind !== 'single') return;
  if (!(response.body.singleResult.errors ?? []).some((error) => error.extensions?.code === STORAGE_UNAVAILABLE)) return;
  response.http.status = 503;
  response.http.headers.set('retry-after', String(STORAGE_RETRY_AFTER_SECONDS));
}

/**
 * Every server's plugin for it. A plugin that rewrites the errors later in willSendResponse (the
 * access record's, which withholds an answer it could not record) calls markRetryable itself:
 * Apollo runs the plugins' willSendResponse hooks side by side, not in turn.
 */
export function retryableStoragePlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          markRetryable(response);
        },
      };
    },
  };
}
