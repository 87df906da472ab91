/**
 * The defaults and choices of the gateway's configurable features, declared here because the
 * configuration (lib/config.ts) reads them and lib/ depends on nothing above it: the features
 * (gateway/plugins/limits.ts, trusted-documents.ts) take them from here, never the other way.
 */

/** Our deepest legitimate query is about 8 fields deep (applicant → marriage → spouse → providentFundAccount → spouseOnFile → name). */
export const DEFAULT_MAX_DEPTH = 12;
/**
 * `applicants` takes up to 100 ID numbers, and the batching view of test/graph/batching.spec.ts
 * costs 72 per applicant (its property list is assumed 10 long): 7,201 for 100 applicants.
 * Lists of lists climb past this fast: loanApplications → borrowers nested three times costs over a million.
 */
export const DEFAULT_MAX_COST = 10_000;
/** Aliases let one request ask for many ID numbers one root field at a time: enumeration by another name. */
export const DEFAULT_MAX_ALIASES = 30;

/** AUTH_MAX_TOKEN_LIFETIME_S: the longest token lifetime accepted, an hour, as identity providers issue access tokens. */
export const DEFAULT_MAX_TOKEN_LIFETIME_S = 3600;
/** AUTH_KEYS_DIR: where the local token key pair lives when no AUTH_JWKS_URL is set (development). */
export const DEFAULT_AUTH_KEYS_DIR = '.data/keys';

/** TRUSTED_DOCUMENTS: run any operation, registered ones and ad-hoc ones, or registered ones only. */
export const TRUSTED_DOCUMENTS_MODES = ['off', 'allow-registered-and-ad-hoc', 'registered-only'] as const;
export type TrustedDocumentsMode = (typeof TRUSTED_DOCUMENTS_MODES)[number];
