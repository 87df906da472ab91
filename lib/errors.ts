/**
 * The error catalogue: every code the API returns, what it means, the HTTP status a plain
 * HTTP reply would carry, and what the gateway says for it in Chinese and English
 * (lib/localize-error.ts). docs/errors.md is checked against this table by a test. Anything not
 * in the catalogue is masked as INTERNAL_SERVER_ERROR before it leaves a process.
 */
import { GraphQLError } from 'graphql';

/** The languages replies are given in (lib/language.ts chooses one per request). */
export type Language = 'zh-CN' | 'en';

/**
 * A code's sentence in each language. `{name}` is filled from the error's extension of that name,
 * so a template names only extensions its code always carries. The English sentence is what the
 * Chinese one says; an English reply keeps the error's own, more specific message.
 */
export type CodeMessages = Readonly<Record<Language, string>>;

interface CatalogueEntry {
  httpStatus: number;
  meaning: string;
  /** null: the message is never replaced, because client libraries match it (see PERSISTED_QUERY_NOT_FOUND). */
  messages: CodeMessages | null;
}

export const ERROR_CATALOGUE = {
  BAD_USER_INPUT: { httpStatus: 200, meaning: 'An argument broke a stated rule; `extensions.rule` says which, `extensions.argument` where.', messages: { 'zh-CN': '输入有误：有一项参数不符合规则，请检查后重试。', en: 'An argument is not valid; check it and try again.' } },
  NOT_FOUND: { httpStatus: 200, meaning: 'The agency that keeps this record has no applicant or property under that identifier.', messages: { 'zh-CN': '未查到相关记录。', en: 'No such record is on file.' } },
  AGENCY_UNAVAILABLE: {
    httpStatus: 200,
    meaning: 'An agency endpoint was down, failing or slower than the timeout; only the fields it supplies are null. `extensions.agency` names it.',
    messages: { 'zh-CN': '{agency} 的数据共享接口暂时不可用，相关数据稍后再查。', en: 'The {agency} data-sharing endpoint is unavailable for now; its data is left out.' },
  },
  SUBGRAPH_UNAVAILABLE: {
    httpStatus: 200,
    meaning: 'A subgraph (one agency service of this platform) did not answer; only the fields it serves are null. `extensions.serviceName` names it.',
    messages: { 'zh-CN': '{serviceName} 服务暂时不可用，由它提供的数据暂为空。', en: 'The {serviceName} service is unavailable; the fields it serves are null for now.' },
  },
  AGENCY_AUTHORIZATION_REQUIRED: {
    httpStatus: 200,
    meaning: "The agency refused because the data subject's authorization was missing or not accepted (e.g. PBoC credit).",
    messages: { 'zh-CN': '{agency} 要求数据所属本人授权后才能查询。', en: 'The {agency} endpoint needs the data subject\'s authorization for this query.' },
  },
  QUERY_TOO_DEEP: { httpStatus: 400, meaning: 'The operation nests fields deeper than QUERY_MAX_DEPTH; nothing ran.', messages: { 'zh-CN': '查询嵌套层级过深，未予执行。', en: 'The operation nests fields too deeply; nothing ran.' } },
  QUERY_TOO_COSTLY: {
    httpStatus: 400,
    meaning: "The operation's estimated cost (each field 1, lists multiplied by their length) is above QUERY_MAX_COST; nothing ran.",
    messages: { 'zh-CN': '查询开销超过上限，未予执行。', en: 'The operation costs more than the limit; nothing ran.' },
  },
  TOO_MANY_ALIASES: { httpStatus: 400, meaning: 'The operation uses more aliased fields than QUERY_MAX_ALIASES; nothing ran.', messages: { 'zh-CN': '查询使用的别名过多，未予执行。', en: 'The operation uses too many aliases; nothing ran.' } },
  TOO_MANY_ROOT_FIELDS: { httpStatus: 400, meaning: 'The operation selects more than 10 root fields; nothing ran.', messages: { 'zh-CN': '查询的根字段过多，未予执行。', en: 'The operation selects too many root fields; nothing ran.' } },
  INTROSPECTION_DISABLED: {
    httpStatus: 400,
    meaning: 'The operation queries `__schema` or `__type` and introspection is off (INTROSPECTION=off, the production default); `__typename` stays available.',
    messages: { 'zh-CN': '此环境未开放内省查询（__schema、__type）。', en: 'Introspection (__schema, __type) is off here.' },
  },
  OPERATION_NOT_TRUSTED: { httpStatus: 400, meaning: 'The operation, or the documentId / persisted-query hash sent, is not in any registered manifest; nothing ran.', messages: { 'zh-CN': '该操作不在已登记的操作清单中，未予执行。', en: 'The operation is not registered; nothing ran.' } },
  TRUSTED_DOCUMENT_REQUIRED: { httpStatus: 400, meaning: 'The request names no operation and the gateway runs registered operations only (TRUSTED_DOCUMENTS=registered-only).', messages: { 'zh-CN': '此处只执行已登记的操作，请指明要执行的操作。', en: 'Only registered operations run here; name the operation.' } },
  UNAUTHENTICATED: { httpStatus: 401, meaning: 'No valid credentials came with the request.', messages: { 'zh-CN': '未登录或登录凭证无效，请重新登录。', en: 'Not signed in, or the credentials are not valid; sign in again.' } },
  FORBIDDEN: { httpStatus: 200, meaning: 'The caller may not see this field; the field is null.', messages: { 'zh-CN': '无权查看此项内容。', en: 'You may not see this.' } },
  CASE_REQUIRED: {
    httpStatus: 200,
    meaning:
      "A fund centre's read of a person's data, or a mortgage registration, needs the case it serves: `x-application-id` naming an application of the caller's centre, in a state that needs this (the field is null).",
    messages: { 'zh-CN': '此项操作须注明所办理的申请（x-application-id），且该申请处于需要此项操作的环节。', en: 'This needs the application it serves (x-application-id), at a stage that needs it.' },
  },
  NOT_A_PARTY: { httpStatus: 200, meaning: 'The person whose data this is is not a party to the application named; naming someone on an application gives no access to them.', messages: { 'zh-CN': '此人不是所注明申请的当事人。', en: 'This person is not a party to the application named.' } },
  CONSENT_REQUIRED: {
    httpStatus: 200,
    meaning: 'The person has not consented, for the application named, to this read (their own consent, given signed in as themself or through their proxy); the field is null.',
    messages: { 'zh-CN': '本人尚未就此申请授权查询这项数据。', en: 'The person has not consented to this read for this application.' },
  },
  PROXY_NOT_AUTHORIZED: {
    httpStatus: 200,
    meaning: "The proxy agent's token names no authorization of the person that is in force, for this agent, covering this action.",
    messages: { 'zh-CN': '代办人没有本人有效且涵盖此项操作的授权。', en: 'The proxy agent holds no authorization in force for this.' },
  },
  PAYLOAD_TOO_LARGE: { httpStatus: 413, meaning: 'The request body is larger than MAX_REQUEST_BYTES.', messages: { 'zh-CN': '请求内容过大。', en: 'The request is too large.' } },
  REQUEST_TIMEOUT: { httpStatus: 408, meaning: 'The request body did not arrive within HTTP_BODY_TIMEOUT_MS; nothing ran and the connection is closed.', messages: { 'zh-CN': '请求内容未能按时送达，连接已关闭。', en: 'The request did not arrive in time; the connection is closed.' } },
  RATE_LIMITED: {
    httpStatus: 429,
    meaning:
      'The caller (its token subject, or its address) has too many requests in flight (RATE_LIMIT_CONCURRENCY) or has spent its query-cost budget for the minute (RATE_LIMIT_PER_MINUTE); `Retry-After` says how many seconds to wait. Nothing ran.',
    messages: { 'zh-CN': '请求过于频繁，请按 Retry-After 所示的秒数稍后再试。', en: 'Too many requests; retry after the seconds Retry-After gives.' },
  },
  BAD_REQUEST: { httpStatus: 400, meaning: 'The HTTP request is not a GraphQL request (wrong method, content type or JSON).', messages: { 'zh-CN': '请求格式不正确，不是有效的 GraphQL 请求。', en: 'The request is not a valid GraphQL request.' } },
  GRAPHQL_PARSE_FAILED: { httpStatus: 400, meaning: 'The query is not valid GraphQL syntax.', messages: { 'zh-CN': '查询语句有语法错误。', en: 'The query has a syntax error.' } },
  GRAPHQL_VALIDATION_FAILED: { httpStatus: 400, meaning: 'The query asks for fields or arguments the schema does not have.', messages: { 'zh-CN': '查询中有接口不存在的字段、参数或值。', en: 'The query asks for fields, arguments or values the schema does not have.' } },
  // Sent as `PersistedQueryNotFound` / `PersistedQueryNotSupported` in every language: APQ links
  // (older Apollo and urql ones) compare the message itself, not the code, before they resend the text.
  PERSISTED_QUERY_NOT_FOUND: { httpStatus: 200, meaning: 'An automatic persisted query hash is not known yet.', messages: null },
  PERSISTED_QUERY_NOT_SUPPORTED: { httpStatus: 200, meaning: 'Persisted queries are not accepted here.', messages: null },
  OPERATION_RESOLUTION_FAILURE: { httpStatus: 400, meaning: 'The document has several operations and none was named.', messages: { 'zh-CN': '文档中有多个操作，请指明要执行哪一个（operationName）。', en: 'The document has several operations; name one (operationName).' } },
  STORAGE_UNAVAILABLE: {
    httpStatus: 503,
    meaning:
      "The platform's own database did not answer (a restart, a failover, a network fault): the operation did not happen. Retryable: `Retry-After` says when to try again. `extensions.serviceName` names the service, through the gateway.",
    messages: { 'zh-CN': '平台数据库暂时无法访问，本次操作未执行，请稍后重试。', en: 'The platform\'s database is not reachable; nothing was changed. Try again shortly.' },
  },
  INTERNAL_SERVER_ERROR: { httpStatus: 500, meaning: 'A fault of ours; details are in the logs under the request id, never in the response.', messages: { 'zh-CN': '服务内部出错，请稍后重试；如需协助，请提供请求编号（x-request-id）。', en: 'Internal server error; quote the x-request-id when asking for help.' } },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export function isCataloguedCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CATALOGUE, code);
}

/** The code's sentences, or null for a code whose message is kept as sent. */
export function messagesFor(code: ErrorCode): CodeMessages | null {
  const entry: CatalogueEntry = ERROR_CATALOGUE[code];
  return entry.messages;
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
