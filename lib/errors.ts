/**
 * The error catalogue: every code the API returns, what it means, and the HTTP status a plain
 * HTTP reply would carry. docs/errors.md is checked against this table by a test. Anything not
 * in the catalogue is masked as INTERNAL_SERVER_ERROR before it leaves a process.
 */
import { GraphQLError } from 'graphql';

export const ERROR_CATALOGUE = {
  BAD_USER_INPUT: { httpStatus: 200, meaning: 'An argument broke a stated rule; `extensions.rule` says which, `extensions.argument` where.' },
  NOT_FOUND: { httpStatus: 200, meaning: 'The agency that keeps this record has no applicant or property under that identifier.' },
  AGENCY_UNAVAILABLE: {
    httpStatus: 200,
    meaning: 'An agency endpoint was down, failing or slower than the timeout; only the fields it supplies are null. `extensions.agency` names it.',
  },
  SUBGRAPH_UNAVAILABLE: {
    httpStatus: 200,
    meaning: 'A subgraph (one agency service of this platform) did not answer; only the fields it serves are null. `extensions.serviceName` names it.',
  },
  AGENCY_AUTHORIZATION_REQUIRED: {
    httpStatus: 200,
    meaning: "The agency refused because the data subject's authorization was missing or not accepted (e.g. PBoC credit).",
  },
  QUERY_TOO_DEEP: { httpStatus: 400, meaning: 'The operation nests fields deeper than QUERY_MAX_DEPTH; nothing ran.' },
  QUERY_TOO_COSTLY: {
    httpStatus: 400,
    meaning: "The operation's estimated cost (each field 1, lists multiplied by their length) is above QUERY_MAX_COST; nothing ran.",
  },
  TOO_MANY_ALIASES: { httpStatus: 400, meaning: 'The operation uses more aliased fields than QUERY_MAX_ALIASES; nothing ran.' },
  TOO_MANY_ROOT_FIELDS: { httpStatus: 400, meaning: 'The operation selects more than 10 root fields; nothing ran.' },
  INTROSPECTION_DISABLED: {
    httpStatus: 400,
    meaning: 'The operation queries `__schema` or `__type` and introspection is off (INTROSPECTION=off, the production default); `__typename` stays available.',
  },
  OPERATION_NOT_TRUSTED: { httpStatus: 400, meaning: 'The operation, or the documentId / persisted-query hash sent, is not in any registered manifest; nothing ran.' },
  TRUSTED_DOCUMENT_REQUIRED: { httpStatus: 400, meaning: 'The request names no operation and the gateway runs registered operations only (TRUSTED_DOCUMENTS=registered-only).' },
  UNAUTHENTICATED: { httpStatus: 401, meaning: 'No valid credentials came with the request.' },
  FORBIDDEN: { httpStatus: 200, meaning: 'The caller may not see this field; the field is null.' },
  CASE_REQUIRED: {
    httpStatus: 200,
    meaning:
      "A fund centre's read of a person's data, or a mortgage registration, needs the case it serves: `x-application-id` naming an application of the caller's centre, in a state that needs this (the field is null).",
  },
  NOT_A_PARTY: { httpStatus: 200, meaning: 'The person whose data this is is not a party to the application named; naming someone on an application gives no access to them.' },
  CONSENT_REQUIRED: {
    httpStatus: 200,
    meaning: 'The person has not consented, for the application named, to this read (their own consent, given signed in as themself or through their proxy); the field is null.',
  },
  PROXY_NOT_AUTHORIZED: {
    httpStatus: 200,
    meaning: "The proxy agent's token names no authorization of the person that is in force, for this agent, covering this action.",
  },
  PAYLOAD_TOO_LARGE: { httpStatus: 413, meaning: 'The request body is larger than MAX_REQUEST_BYTES.' },
  REQUEST_TIMEOUT: { httpStatus: 408, meaning: 'The request body did not arrive within HTTP_BODY_TIMEOUT_MS; nothing ran and the connection is closed.' },
  RATE_LIMITED: {
    httpStatus: 429,
    meaning:
      'The caller (its token subject, or its address) has too many requests in flight (RATE_LIMIT_CONCURRENCY) or has spent its query-cost budget for the minute (RATE_LIMIT_PER_MINUTE); `Retry-After` says how many seconds to wait. Nothing ran.',
  },
  BAD_REQUEST: { httpStatus: 400, meaning: 'The HTTP request is not a GraphQL request (wrong method, content type or JSON).' },
  GRAPHQL_PARSE_FAILED: { httpStatus: 400, meaning: 'The query is not valid GraphQL syntax.' },
  GRAPHQL_VALIDATION_FAILED: { httpStatus: 400, meaning: 'The query asks for fields or arguments the schema does not have.' },
  PERSISTED_QUERY_NOT_FOUND: { httpStatus: 200, meaning: 'An automatic persisted query hash is not known yet.' },
  PERSISTED_QUERY_NOT_SUPPORTED: { httpStatus: 200, meaning: 'Persisted queries are not accepted here.' },
  OPERATION_RESOLUTION_FAILURE: { httpStatus: 400, meaning: 'The document has several operations and none was named.' },
  STORAGE_UNAVAILABLE: {
    httpStatus: 503,
    meaning:
      "The platform's own database did not answer (a restart, a failover, a network fault): the operation did not happen. Retryable: `Retry-After` says when to try again. `extensions.serviceName` names the service, through the gateway.",
  },
  INTERNAL_SERVER_ERROR: { httpStatus: 500, meaning: 'A fault of ours; details are in the logs under the request id, never in the response.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export function isCataloguedCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CATALOGUE, code);
}

export function badUserInput(argument: string, rule: string): GraphQLError {
  return new GraphQLError(`Invalid ${argument}: ${rule}.`, { extensions: { code: 'BAD_USER_INPUT', argument, rule } });
}

export function notFound(what: string): GraphQLError {
  return new GraphQLError(`No ${what} is on record.`, { extensions: { code: 'NOT_FOUND' } });
}

export type UnavailabilityReason = 'DOWN' | 'TIMEOUT' | 'FAILING';

export function agencyUnavailable(agency: string, reason: UnavailabilityReason): GraphQLError {
  const why = { DOWN: 'is not reachable', TIMEOUT: 'did not answer in time', FAILING: 'answered with a fault' }[reason];
  return new GraphQLError(`The ${agency} data-sharing endpoint ${why}; its data is unavailable for now.`, {
    extensions: { code: 'AGENCY_UNAVAILABLE', agency, reason },
  });
}

export function agencyAuthorizationRequired(agency: string): GraphQLError {
  return new GraphQLError(`The ${agency} endpoint requires the data subject's authorization for this query.`, {
    extensions: { code: 'AGENCY_AUTHORIZATION_REQUIRED', agency },
  });
}

/** The masked form of an unexpected fault: no message, no stack, nothing of the input. */
export function internalError(): GraphQLError {
  return new GraphQLError('Internal server error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
