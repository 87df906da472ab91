/**
 * The last step before an error leaves a process: catalogued codes pass with their message and
 * safe extensions; anything else (a bug, a library fault) is replaced by INTERNAL_SERVER_ERROR and
 * logged by name only, because messages of unexpected errors may quote input.
 */
import type { GraphQLFormattedError } from 'graphql';
import { isCataloguedCode } from './errors';
import type { Logger } from './logger';
import { isStorageUnavailable, storageUnavailable } from './storage-unavailable';

/** Extensions a client may see; everything else (stack traces, exceptions, raw responses) is dropped. */
export const SAFE_EXTENSIONS: ReadonlySet<string> = new Set(['code', 'argument', 'rule', 'agency', 'reason', 'serviceName']);

export function createErrorFormatter(logger: Logger): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const code = formatted.extensions?.code;
    if (isCataloguedCode(code) && code !== 'INTERNAL_SERVER_ERROR') {
      const extensions = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([key]) => SAFE_EXTENSIONS.has(key)));
      return { message: formatted.message, ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}), extensions };
    }
    // A lost database is an outage, not a bug: said by its code (the storage message is not passed on).
    if (isStorageUnavailable(error)) {
      logger.warn('storage unavailable', { path: formatted.path?.join('.') ?? '' });
      const { message, extensions } = storageUnavailable();
      return { message, ...(formatted.path ? { path: formatted.path } : {}), extensions };
    }
    const original = error instanceof Error ? ((error as { originalError?: unknown }).originalError ?? error) : error;
    logger.error('unexpected error masked', {
      errorName: original instanceof Error ? original.name : typeof original,
      code: typeof code === 'string' ? code : 'none',
      path: formatted.path?.join('.') ?? '',
    });
    return { message: 'Internal server error.', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
