/**
 * Who is asking: the verified caller as the gateway saw it, carried to every subgraph in a signed
 * assertion. Roles are the actors of the one-thing service.
 */
export const ACTOR_ROLES = ['APPLICANT', 'FUND_OFFICER', 'PROXY_AGENT', 'SERVICE', 'AUDITOR', 'ANONYMOUS'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export interface Actor {
  role: ActorRole;
  /** The token subject: a citizen account, an officer's staff id, a service name. '' when anonymous. */
  subject: string;
  /**
   * The person whose data this actor may read as of right: the applicant themself (APPLICANT), or
   * the applicant who authorized assisted handling (帮代办) for a PROXY_AGENT. Null otherwise.
   */
  personIdNumber: string | null;
  /** Fund centre code (e.g. 350100) of a FUND_OFFICER or SERVICE; null otherwise. */
  centre: string | null;
  /** Reference of the applicant's authorization of a PROXY_AGENT (委托书). */
  proxyAuthorizationRef: string | null;
}

export const ANONYMOUS: Actor = Object.freeze({ role: 'ANONYMOUS', subject: '', personIdNumber: null, centre: null, proxyAuthorizationRef: null });

/** What a request is for, as X-Road asks of every message: the purpose and the case it serves. */
export interface RequestPurpose {
  purpose: Purpose;
  applicationId: string | null;
}

/**
 * Why data is processed (PIPL art. 6, 14): a consent is valid only for its purpose, and every request names one.
 * HPF_QUOTA_ESTIMATE is a couple's quota estimate (额度试算) before any application exists: a spouse's
 * consent for it lends her figures to her spouse's estimate, and to nothing else.
 */
export const PURPOSES = ['HPF_LOAN_APPLICATION', 'HPF_LOAN_REVIEW', 'HPF_QUOTA_ESTIMATE'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** The purpose a role works under when the request does not name one. */
export function defaultPurposeOf(role: ActorRole): Purpose {
  return role === 'FUND_OFFICER' || role === 'SERVICE' ? 'HPF_LOAN_REVIEW' : 'HPF_LOAN_APPLICATION';
}
