/**
 * The wire contract of each agency's data-sharing endpoint, as the provincial sharing platform
 * publishes it: JSON over HTTP POST, one response envelope, batch look-ups of up to
 * MAX_BATCH_SIZE keys. Both the agency clients (subgraphs) and the simulators (agencies) import
 * these types, so the two sides of the wire are checked by the compiler.
 *
 * Money on the wire is integer fen (分); dates are YYYY-MM-DD; instants are ISO 8601 UTC.
 */

/** The platform's batch ceiling: one call carries at most this many keys. */
export const MAX_BATCH_SIZE = 100;

/** Codes of the response envelope. Agencies answer HTTP 200 with a code, except where noted. */
export const AGENCY_CODES = {
  OK: '0000',
  BAD_REQUEST: '4001',
  SIGNATURE_MISSING: '4010',
  SIGNATURE_INVALID: '4011',
  SIGNATURE_STALE: '4012',
  AUTHORIZATION_REQUIRED: '4031',
  NOT_FOUND: '4041',
  BATCH_TOO_LARGE: '4131',
  INTERNAL: '5001',
  UNAVAILABLE: '5031',
} as const;
export type AgencyCode = (typeof AGENCY_CODES)[keyof typeof AGENCY_CODES];

export interface AgencyEnvelope<T> {
  code: AgencyCode;
  message: string;
  /** The agency's own trace id for this call (业务流水号), quoted in evidence and support tickets. */
  traceId: string;
  data?: T;
}

/** A batch answer lists every asked key once, found or not, in the order asked. */
export interface BatchResult<K, R> {
  results: Array<{ key: K; found: boolean; record?: R }>;
}

/** Integer amount of fen (1 yuan = 100 fen). */
export type Fen = number;
export type IsoDate = string;
export type IsoInstant = string;

// ── 公安 Public Security: population (household registration) ────────────────────────────────

export type HouseholdStatus = 'ACTIVE' | 'CANCELLED';

export interface PersonRecord {
  idNumber: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: IsoDate;
  householdStatus: HouseholdStatus;
  /** 6-digit region code of the household registration (户籍地). */
  householdRegion: string;
  householdAddress: string;
  mobile: string;
  /**
   * The children under 18 registered in the person's household (户内未成年子女), by ID number: part
   * of the household record, as the 户口簿 shows them.
   */
  minorChildIdNumbers: string[];
}

export interface IdentityVerificationItem {
  idNumber: string;
  name: string;
}
export interface IdentityVerificationRecord {
  idNumber: string;
  nameMatches: boolean;
  householdStatus: HouseholdStatus;
  /** Children under 18 registered in the person's household (户). */
  minorChildren: number;
}

/**
 * Face comparison (人脸比对) against the ID photo on file. The caller sends only a digest of the
 * live capture; no image and no face template is kept on either side (face recognition rules,
 * 2025). In the simulator a capture "matches" when its digest is sha256("live:" + idNumber).
 */
export interface FaceComparisonRequest {
  idNumber: string;
  livePhotoSha256: string;
}
export interface FaceComparisonResult {
  idNumber: string;
  matched: boolean;
  /** Similarity 0..100. */
  score: number;
  /** The agency's reference for this comparison (比对流水号). */
  comparisonRef: string;
}

// ── 民政 Civil Affairs: marriage registration ────────────────────────────────────────────────

export type MarriageRegistrationType = 'MARRIAGE' | 'DIVORCE' | 'REMARRIAGE';

export interface MarriageRegistration {
  type: MarriageRegistrationType;
  registrationDate: IsoDate;
  spouseIdNumber: string;
  spouseName: string;
  registrationOffice: string;
}
export interface MarriageRecord {
  idNumber: string;
  /** Oldest first. An empty list means no registration on file (未登记). */
  registrations: MarriageRegistration[];
}

// ── 住建 Housing: purchase-contract filing / pre-registration ────────────────────────────────

export type FilingType = 'NET_SIGNED_FILING' | 'PRE_REGISTRATION';
export type FilingStatus = 'FILED' | 'CANCELLED';
/** A new home from a developer (商品房买卖) or a resale between owners (存量房买卖, 二手房). */
export type SaleType = 'NEW' | 'RESALE';

export interface ContractParty {
  idNumber: string;
  name: string;
  /** Share in percent, integer. */
  sharePercent: number;
}
export interface ContractFilingRecord {
  contractNumber: string;
  unitNumber: string;
  filingType: FilingType;
  status: FilingStatus;
  buyers: ContractParty[];
  sellerName: string;
  sellerCreditCode: string;
  priceFen: Fen;
  /** Floor area in square metres, as a decimal string with two places (e.g. "89.35"). */
  areaSquareMetres: string;
  address: string;
  district: string;
  filedAt: IsoDate;
  homeUsage: 'RESIDENTIAL';
  saleType: SaleType;
  /** The year the building was completed (竣工年份); for a home sold off-plan, the year it is due. */
  buildingCompletedYear: number;
  /** Green building rating (绿色建筑星级, GB/T 50378): 1–3 stars, 0 when not rated. */
  greenBuildingStars: number;
}

// ── 税务 Tax: transfer tax declaration (房产税费申报) ──────────────────────────────────────────

export interface TransferTaxRecord {
  contractNumber: string;
  unitNumber: string;
  taxpayerIdNumbers: string[];
  declared: boolean;
  paid: boolean;
  deedTaxFen: Fen;
  stampDutyFen: Fen;
  totalFen: Fen;
  declaredAt: IsoDate | null;
  paidAt: IsoDate | null;
  /** Tax payment certificate number (完税凭证号), once paid. */
  receiptNumber: string | null;
  /**
   * The tax-assessed value (计税价格) of a resale home, from the bureau's appraisal of the unit;
   * null for a new home, whose tax is assessed on the contract price.
   */
  assessedValueFen: Fen | null;
}

// ── 自然资源 Natural Resources: real-estate registration and mortgage registration ─────────────

export type RegistrationStatus = 'REGISTERED' | 'PRE_REGISTERED' | 'TRANSFER_PENDING';
export type EncumbranceType = 'MORTGAGE' | 'PRE_MORTGAGE' | 'SEIZURE';

export interface Encumbrance {
  type: EncumbranceType;
  holder: string;
  certificateNumber: string;
  registeredAt: IsoDate;
  amountFen: Fen | null;
}
export interface PropertyRegistrationRecord {
  unitNumber: string;
  /** 不动产权证书号, e.g. 闽(2025)福州市不动产权第0012345号; null while pre-registered. */
  certificateNumber: string | null;
  status: RegistrationStatus;
  owners: ContractParty[];
  encumbrances: Encumbrance[];
  address: string;
  areaSquareMetres: string;
  registeredAt: IsoDate;
}
export interface HoldingsRecord {
  idNumber: string;
  unitNumbers: string[];
  /**
   * The register's record of each unit held (按权利人查询登记信息), only when the call asked for
   * them (`withRegistrations`): the owner's homes and their registrations in one call, where the
   * registrations would otherwise be a second call by unit once the holdings are known.
   */
  registrations?: PropertyRegistrationRecord[];
}
export interface HoldingsQuery {
  idNumbers: string[];
  /** Answer each owner's registrations with the holdings; false or absent, the unit numbers alone. */
  withRegistrations?: boolean;
}
export interface MortgageRegistrationRequest {
  unitNumber: string;
  mortgagorIdNumbers: string[];
  /**
   * The mortgagees (抵押权人) and the debt each secures: the centre alone, or for a combination loan
   * (组合贷款) the centre and its entrusted bank, in one registration and one certificate.
   */
  mortgagees: Array<{ name: string; amountFen: Fen }>;
  loanContractNumber: string;
}
export interface MortgageRegistrationResult {
  unitNumber: string;
  /** 不动产登记证明号, e.g. 闽(2026)福州市不动产证明第0004567号. */
  certificateNumber: string;
  registeredAt: IsoInstant;
  eCertificate: {
    mediaType: 'application/pdf';
    documentBase64: string;
    sha256: string;
  };
}

// ── 人行 PBoC credit reference ───────────────────────────────────────────────────────────────

export interface CreditQueryItem {
  idNumber: string;
  /** Reference of the data subject's written authorization (征信查询授权书); required. */
  authorizationRef: string;
}
export interface CreditQueryRequest {
  items: CreditQueryItem[];
  /** 查询原因, e.g. LOAN_APPROVAL (贷款审批). */
  queryReason: 'LOAN_APPROVAL' | 'POST_LOAN_MANAGEMENT';
  institution: string;
}
/** One month of the 24-month repayment grid: 'N' normal, '1'..'7' months overdue, '*' no account. */
export type RepaymentMonthStatus = 'N' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '*';
export interface CreditReportRecord {
  idNumber: string;
  reportNumber: string;
  generatedAt: IsoInstant;
  loanAccounts: number;
  creditCardAccounts: number;
  totalBalanceFen: Fen;
  currentOverdueAmountFen: Fen;
  currentOverdueAccounts: number;
  /** What the open loan accounts and card instalments take each month (月还款额合计); 0 when none. */
  monthlyRepaymentFen: Fen;
  /** Oldest month first, 24 entries ending with last month. */
  repaymentHistory24Months: RepaymentMonthStatus[];
  hardQueries: { last1Month: number; last3Months: number; last6Months: number };
  queryRecords: Array<{ queriedAt: IsoInstant; institution: string; reason: string }>;
}

// ── 公积金中心 HPF centre ─────────────────────────────────────────────────────────────────────

export type ProvidentFundAccountStatus = 'NORMAL' | 'SEALED' | 'CLOSED';
export interface ProvidentFundAccountEntry {
  accountNumber: string;
  centreCode: string;
  centreName: string;
  employerName: string;
  status: ProvidentFundAccountStatus;
  /** The deposit base (缴存基数): the monthly wage the deposits are a percentage of. */
  depositBaseFen: Fen;
  /** Employee and employer parts together: the base × each side's rate (5–12 %) × 2. */
  monthlyDepositFen: Fen;
  balanceFen: Fen;
  /** Average month-end balance over the last 12 months (近12个月月均余额). */
  averageBalanceFen: Fen;
  continuousDepositMonths: number;
  openedAt: IsoDate;
  /** The first deposit ever made into the account (首次缴存日期), on or before the current run began. */
  firstDepositDate: IsoDate;
  /** The spouse the centre has on file; may lag the civil-affairs record. */
  spouseIdNumberOnFile: string | null;
}
export type ProvidentFundLoanStatus = 'OUTSTANDING' | 'SETTLED';
export interface ProvidentFundLoanEntry {
  loanNumber: string;
  centreCode: string;
  status: ProvidentFundLoanStatus;
  principalFen: Fen;
  outstandingFen: Fen;
  unitNumber: string;
  startDate: IsoDate;
  termMonths: number;
  /** ID numbers of all borrowers on the loan, the main borrower first. */
  borrowerIdNumbers: string[];
}
export interface ProvidentFundRecord {
  idNumber: string;
  accounts: ProvidentFundAccountEntry[];
  loans: ProvidentFundLoanEntry[];
}

/**
 * Every endpoint, with its request and response. The simulators implement exactly these paths;
 * the agency clients call exactly these paths.
 */
export interface AgencyEndpoints {
  'public-security': {
    '/api/v1/persons/batch-query': { request: { idNumbers: string[] }; response: BatchResult<string, PersonRecord> };
    '/api/v1/persons/batch-verify': {
      request: { items: IdentityVerificationItem[] };
      response: BatchResult<string, IdentityVerificationRecord>;
    };
    '/api/v1/faces/compare': { request: FaceComparisonRequest; response: FaceComparisonResult };
  };
  'civil-affairs': {
    '/api/v1/marriages/batch-query': { request: { idNumbers: string[] }; response: BatchResult<string, MarriageRecord> };
  };
  housing: {
    '/api/v1/contract-filings/batch-query-by-contract': {
      request: { contractNumbers: string[] };
      response: BatchResult<string, ContractFilingRecord>;
    };
    '/api/v1/contract-filings/batch-query-by-unit': {
      request: { unitNumbers: string[] };
      response: BatchResult<string, ContractFilingRecord>;
    };
  };
  tax: {
    '/api/v1/transfer-tax/batch-query-by-unit': {
      request: { unitNumbers: string[] };
      response: BatchResult<string, TransferTaxRecord>;
    };
  };
  'natural-resources': {
    '/api/v1/registrations/batch-query': {
      request: { unitNumbers: string[] };
      response: BatchResult<string, PropertyRegistrationRecord>;
    };
    '/api/v1/registrations/batch-query-by-owner': {
      request: HoldingsQuery;
      response: BatchResult<string, HoldingsRecord>;
    };
    '/api/v1/mortgages/register': { request: MortgageRegistrationRequest; response: MortgageRegistrationResult };
  };
  'pboc-credit': {
    '/api/v1/credit-reports/batch-query': { request: CreditQueryRequest; response: BatchResult<string, CreditReportRecord> };
  };
  'provident-fund': {
    '/api/v1/members/batch-query': { request: { idNumbers: string[] }; response: BatchResult<string, ProvidentFundRecord> };
  };
}

export type AgencyName = keyof AgencyEndpoints;
export type EndpointPath<A extends AgencyName> = keyof AgencyEndpoints[A] & string;
export type EndpointRequest<A extends AgencyName, P extends EndpointPath<A>> = AgencyEndpoints[A][P] extends {
  request: infer Q;
}
  ? Q
  : never;
export type EndpointResponse<A extends AgencyName, P extends EndpointPath<A>> = AgencyEndpoints[A][P] extends {
  response: infer R;
}
  ? R
  : never;

/** Operator endpoints every simulator offers, for tests, benchmarks and demos (not signed). */
export const SIMULATOR_ADMIN_PATHS = {
  counters: '/_sim/counters',
  faults: '/_sim/faults',
  reset: '/_sim/reset',
  health: '/_sim/health',
} as const;

export interface SimulatorFaults {
  /** Added to every response, in ms. */
  latencyMs: number;
  /** Fraction 0..1 of calls answered with code UNAVAILABLE. */
  errorRate: number;
  /** Fraction 0..1 of calls that take slowResponseMs before answering. */
  slowRate: number;
  slowResponseMs: number;
  /** Every call answered HTTP 503 with code UNAVAILABLE. */
  down: boolean;
}

/** Calls per endpoint path since start or the last reset. */
export type SimulatorCounters = Record<string, number>;
