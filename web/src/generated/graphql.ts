/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** The seven agencies of the one thing, as the graph names them. */
export type Agency =
  /** Civil Affairs, marriage registration (民政 婚姻登记). */
  | 'CIVIL_AFFAIRS'
  /** Housing and Urban-Rural Development, purchase-contract filing (住建 网签备案). */
  | 'HOUSING'
  /** Natural Resources, real-estate registration (自然资源 不动产登记). */
  | 'NATURAL_RESOURCES'
  /** The People's Bank of China credit reference centre (人民银行 征信中心). */
  | 'PBOC_CREDIT'
  /** The housing provident fund centre (住房公积金管理中心). */
  | 'PROVIDENT_FUND'
  /** Public Security, the population register (公安 人口信息). */
  | 'PUBLIC_SECURITY'
  /** The Tax Bureau, transfer-tax declarations (税务 房产税费申报). */
  | 'TAX';

/** What one check found. */
export type CheckOutcome =
  /** The rule found a problem (the reasons say which). */
  | 'FAILED'
  /** Waiting for a party's own consent (needsConsent says whose and for what); the agency has not been called for them. Give it with Mutation.grantConsent for this application and the check resumes. */
  | 'NEEDS_CONSENT'
  /** The rule that used this check's data is satisfied. */
  | 'PASSED'
  /** The agency did not answer (yet, or before the check gave up): the next attempt is at nextAttemptAt; after giving up an officer verifies by hand. */
  | 'UNAVAILABLE';

/** Where one check of an application stands. */
export type CheckStatus =
  /** A party has not consented for this application yet (the reasons say who); resumes as soon as they do. */
  | 'AWAITING_CONSENT'
  /** Waiting for other steps. */
  | 'BLOCKED'
  /** Will not run: the application was withdrawn. */
  | 'CANCELLED'
  /** Ran to its outcome. */
  | 'DONE'
  /** Still unavailable after its attempts or at its deadline: in the officers' queue (LoanApplicationFilter.checkStatus) to verify by hand. */
  | 'GAVE_UP'
  /** Due to run. */
  | 'PENDING'
  /** The agency was unavailable; retried with backoff until the step's deadline. */
  | 'UNAVAILABLE';

/** The kind of a consent; each is given separately, as the law requires. */
export type ConsentKind =
  /** The written credit-query authorization (征信查询授权书), separate by law. */
  | 'CREDIT_QUERY'
  /** Sharing agency data with the fund centre (PIPL art. 23). */
  | 'DATA_SHARING'
  /** Face verification (biometrics: separate consent, PIPL art. 28–29). */
  | 'FACE_VERIFICATION';

/** One agency and the data items consented to from it. */
export type ConsentScopeInput = {
  /** The agency whose data may be shared. */
  agency: Agency;
  /** Data items of that agency, e.g. marriage (CIVIL_AFFAIRS), account and loans (PROVIDENT_FUND). */
  dataItems: Array<string>;
};

/** Whether a consent or proxy authorization is in force. */
export type ConsentStatus =
  /** In force (有效). */
  | 'ACTIVE'
  /** Past its end of validity (已过期). */
  | 'EXPIRED'
  /** Revoked by the person (已撤回). */
  | 'REVOKED';

/** One signer's signature over the loan contract (面签), with their identity proof. */
export type ContractSignatureInput = {
  /** From Mutation.verifyFace or Mutation.attestInPersonIdentity. */
  identityProofReference: string;
  /** Compact JWS (ES256) over {"applicationId", "contractSha256"}. */
  jws: string;
  /** The signer's public key, a JWK (JSON). */
  publicKeyJwk: string;
};

/** The figures of a couple's quota estimate that no shared record holds. */
export type CoupleQuotaEstimateInput = {
  /** The amount to show the monthly payment for; the maximum when omitted. */
  amount?: string | null | undefined;
  /** A resale home's tax-assessed value (计税价格), when known. */
  assessedValue?: string | null | undefined;
  /** The centre (350000 福建省直, 350100 福州 … 350900 宁德); the spouse's consent must be given to this centre. */
  centreCode: string;
  /** What the couple's other loans and cards take a month together (月还款额), as declared (none when not given): no credit report is queried for an estimate. */
  existingMonthlyRepayment?: string | null | undefined;
  /** The home's green building rating (绿色建筑星级), 0–3. */
  greenBuildingStars?: number | null | undefined;
  /** Children under 18 in the household (多子女 increase). */
  minorChildren?: number | null | undefined;
  /** The contract price (合同总价), in yuan. */
  price: string;
  /** How it is repaid. */
  repaymentMethod: RepaymentMethod;
  /** Whether a borrower holds a talent certification (人才证书) the centre would confirm: the talent increase, where the centre has one. */
  talentCertified?: boolean | null | undefined;
  /** The term asked, in months. */
  termMonths: number;
  /** The home being bought, when it is already pre-registered to one of them: not counted as another home. */
  unitNumber?: string | null | undefined;
};

/** Which days a time limit counts. */
export type DayKind =
  /** 自然日: every day. */
  | 'CALENDAR'
  /** 工作日: working days, without weekends and public holidays. */
  | 'WORKING';

/** An application's decision. */
export type DecisionOutcome =
  /** 批准: approved, automatically or by an officer. */
  | 'APPROVED'
  /** 转人工: referred to an officer, with the reasons. */
  | 'REFERRED'
  /** 不予批准: rejected by an officer, with the reason. */
  | 'REJECTED';

/** The catalogue of findings a check or the decision can give (the words are in LoanFinding.message). */
export type FindingCode =
  /** HPF account not in normal status (住房公积金账户非正常缴存状态). */
  | 'ACCOUNT_NOT_NORMAL'
  /** Data unavailable; verify by hand (数据暂不可用，需人工核实). */
  | 'AGENCY_UNAVAILABLE'
  /** Too old at the end of the term (贷款到期时年龄超过上限). */
  | 'AGE_AT_END_EXCEEDS_MAXIMUM'
  /** Amount exceeds the maximum (申请金额超过可贷最高额度). */
  | 'AMOUNT_EXCEEDS_MAXIMUM'
  /** Not a buyer on the contract (申请人不是合同买受人). */
  | 'APPLICANT_NOT_BUYER'
  /** Not a registered owner (申请人不是登记权利人). */
  | 'APPLICANT_NOT_OWNER'
  /** 房龄与贷款期限之和超过上限 (a resale home's building age at the end of the term). */
  | 'BUILDING_AGE_EXCEEDS_MAXIMUM'
  /** Waiting for their own consent (待本人授权). */
  | 'CONSENT_NEEDED'
  /** Contract filing cancelled (购房合同备案已注销). */
  | 'CONTRACT_CANCELLED'
  /** No contract filing found (未查到购房合同网签备案). */
  | 'CONTRACT_NOT_FOUND'
  /** The filed contract is for another unit (备案合同的不动产单元与申请不一致). */
  | 'CONTRACT_UNIT_MISMATCH'
  /** Currently overdue in the credit report (征信存在当前逾期). */
  | 'CURRENT_OVERDUE'
  /** First or second home undetermined (无法确定首套或二套). */
  | 'HOME_ORDER_UNDETERMINED'
  /** Household registration cancelled (户籍已注销). */
  | 'HOUSEHOLD_CANCELLED'
  /** 家庭已使用公积金贷款达到次数上限 (settled loans count). */
  | 'HPF_LOANS_EXHAUSTED'
  /** Too few months of continuous deposits (连续足额缴存月数不足). */
  | 'INSUFFICIENT_CONTINUOUS_DEPOSITS'
  /** Maximum amount undetermined (可贷最高额度无法确定). */
  | 'MAXIMUM_UNDETERMINED'
  /** Name does not match the ID number (姓名与身份证号不符). */
  | 'NAME_MISMATCH'
  /** A spouse is named but civil affairs has no marriage (列有配偶，但民政无结婚登记). */
  | 'NOT_MARRIED'
  /** No credit file (无征信记录). */
  | 'NO_CREDIT_FILE'
  /** No HPF account (未查到住房公积金账户). */
  | 'NO_HPF_ACCOUNT'
  /** An HPF loan is still outstanding (有未结清的住房公积金贷款). */
  | 'OUTSTANDING_HPF_LOAN'
  /** Not in the household register (公安户籍系统查无此人). */
  | 'PERSON_NOT_FOUND'
  /** The property is under seizure (不动产已被查封). */
  | 'PROPERTY_SEIZED'
  /** Referred to the officer (已转人工审核). */
  | 'REFERRED_TO_OFFICER'
  /** No registration or pre-registration (未查到不动产登记或预告登记). */
  | 'REGISTRATION_NOT_FOUND'
  /** 3 months overdue in a row or 6 in all within 24 months (近24个月逾期“连三累六”). */
  | 'SERIOUS_OVERDUE_HISTORY'
  /** Civil affairs names a different spouse (民政登记的配偶与所列配偶不一致). */
  | 'SPOUSE_MISMATCH'
  /** Married, but no spouse is named (已婚，但申请未列配偶). */
  | 'SPOUSE_NOT_NAMED'
  /** HPF spouse on file disagrees with civil affairs; correct it (公积金中心登记的配偶与民政婚姻登记不一致，应予更正). */
  | 'STALE_SPOUSE_ON_HPF_FILE'
  /** The named spouse is divorced per civil affairs (所列配偶已离婚（以民政婚姻登记为准）). */
  | 'STALE_SPOUSE_RECORD'
  /** Amount within the maximum only with the talent increase (人才额度上浮): an officer confirms the talent certificate, then may approve. */
  | 'TALENT_CERTIFICATE_TO_CONFIRM'
  /** Transfer tax not declared (房产交易税费未申报). */
  | 'TAX_NOT_DECLARED'
  /** Transfer tax not paid (房产交易税费未缴纳). */
  | 'TAX_NOT_PAID'
  /** Term longer than the maximum (贷款期限超过上限). */
  | 'TERM_EXCEEDS_MAXIMUM'
  /** Transfer registration still pending (不动产转移登记尚未办结). */
  | 'TRANSFER_PENDING';

/** A consent (个人授权) as the person gives it. */
export type GrantConsentInput = {
  /** The application the consent is for; required for DATA_SHARING and CREDIT_QUERY, except for HPF_QUOTA_ESTIMATE, which names none. The person must be a party to it. */
  applicationId?: string | number | null | undefined;
  /** Reference of the signed written authorization; required for CREDIT_QUERY. */
  authorizationReference?: string | null | undefined;
  /** The fund centre (6-digit code) the consent is given to; the application's centre when omitted, and it must be that centre. Required when no application is named. */
  grantedToCentre?: string | null | undefined;
  /** Data sharing, the credit-query authorization, or face verification. */
  kind: ConsentKind;
  /** What the data may be used for. */
  purpose: Purpose;
  /** The agencies and data items consented to; at least one. */
  scopes: Array<ConsentScopeInput>;
  /** End of validity; at most one year ahead (90 days for HPF_QUOTA_ESTIMATE). */
  validUntil: string;
};

/** What a proxy authorization (帮代办委托) grants. */
export type GrantProxyAuthorizationInput = {
  /** The agent's account (the subject of their sign-in token), exactly. */
  agent: string;
  /** What the agent may do for the applicant; at least one. */
  scopes: Array<ProxyScope>;
  /** End of validity; at most 90 days ahead. */
  validUntil: string;
};

/** Status of the household registration (户籍状态). */
export type HouseholdStatus =
  /** Household registration in force. */
  | 'ACTIVE'
  /** Household registration cancelled (户籍注销), e.g. on death or emigration. */
  | 'CANCELLED';

/** Narrows a centre's applications; every condition given must hold. */
export type LoanApplicationFilter = {
  /** Only applications with a check in this state; GAVE_UP is the queue of checks an officer must finish by hand. */
  checkStatus?: CheckStatus | null | undefined;
  /** Include test cases (测试件); left out by default. */
  includeTestCases?: boolean | null | undefined;
  /** Only applications in this status. */
  status?: LoanApplicationStatus | null | undefined;
};

/** Where an application stands (申请状态). */
export type LoanApplicationStatus =
  /** 受理: accepted; checks running. */
  | 'ACCEPTED'
  /** Approved, automatically or by an officer. */
  | 'APPROVED'
  /** 放款: the entrusted bank has disbursed the loan; the repayment schedule runs from the disbursement date. */
  | 'DISBURSED'
  /** Contract signed by everyone and the mortgage registered: the entrusted bank may disburse. */
  | 'READY_FOR_DISBURSEMENT'
  /** Referred to an officer, with the reasons. */
  | 'REFERRED'
  /** Rejected by an officer, with the reason. */
  | 'REJECTED'
  /** 撤回: withdrawn by the applicant before the mortgage was registered. */
  | 'WITHDRAWN';

/** A check of the application: one agency's data on its parties or its property. */
export type LoanCheckStep =
  /** 住建: the purchase contract filing (网签备案). */
  | 'GATHER_CONTRACT'
  /** 人行征信: every borrower's credit report (once per person per application). */
  | 'GATHER_CREDIT'
  /** 公安: identity and household of every borrower. */
  | 'GATHER_IDENTITY'
  /** 民政: the marriage registrations. */
  | 'GATHER_MARRIAGE'
  /** 公积金中心: every borrower's HPF accounts and loans. */
  | 'GATHER_PROVIDENT_FUND'
  /** 自然资源: the home's registration and every borrower's holdings. */
  | 'GATHER_REGISTRATION'
  /** 税务: the transfer tax of the purchase. */
  | 'GATHER_TAX';

/** A person named on the application, as they give themself. */
export type LoanPersonInput = {
  /** Their citizen ID number. */
  idNumber: string;
  /** Their name as on their ID card; checked against the population register. */
  name: string;
};

/** A step of the workflow, as the timeline names it: a check, the decision, or the mortgage registration. */
export type LoanStep =
  /** The automatic decision, made with the last check. */
  | 'DECIDE'
  /** 放款 by the entrusted bank, once the mortgage is registered. */
  | 'DISBURSE'
  /** The contract filing check (住建). */
  | 'GATHER_CONTRACT'
  /** The credit report check (人行征信). */
  | 'GATHER_CREDIT'
  /** The identity check (公安). */
  | 'GATHER_IDENTITY'
  /** The marriage check (民政). */
  | 'GATHER_MARRIAGE'
  /** The HPF accounts and loans check (公积金中心). */
  | 'GATHER_PROVIDENT_FUND'
  /** The registration and holdings check (自然资源). */
  | 'GATHER_REGISTRATION'
  /** The transfer tax check (税务). */
  | 'GATHER_TAX'
  /** 不动产抵押登记, once everyone has signed. */
  | 'REGISTER_MORTGAGE';

/** Marital status (婚姻状况) as the latest registration gives it. */
export type MaritalStatus =
  /** Divorced (离婚): the latest registration is a divorce. */
  | 'DIVORCED'
  /** Married (已婚): the latest registration is a marriage or remarriage. */
  | 'MARRIED'
  /** No marriage registration on file (未登记). */
  | 'UNREGISTERED';

/** The figures of a signed-in person's own quota estimate that no shared record holds. */
export type OwnQuotaEstimateInput = {
  /** The amount to show the monthly payment for; the maximum when omitted. */
  amount?: string | null | undefined;
  /** A resale home's tax-assessed value (计税价格), when known. */
  assessedValue?: string | null | undefined;
  /** The centre (350000 福建省直, 350100 福州 … 350900 宁德). */
  centreCode: string;
  /** What the person's other loans and cards take a month (月还款额), as they declare it (none when not given): no credit report is queried for an estimate. */
  existingMonthlyRepayment?: string | null | undefined;
  /** The home's green building rating (绿色建筑星级), 0–3. */
  greenBuildingStars?: number | null | undefined;
  /** Children under 18 in the household (多子女 increase). */
  minorChildren?: number | null | undefined;
  /** The contract price (合同总价), in yuan. */
  price: string;
  /** How it is repaid. */
  repaymentMethod: RepaymentMethod;
  /** The spouse's figures, when married and the spouse's account counts (given by hand: no case yet, so no one else's record is read). */
  spouse?: QuotaEstimatePersonInput | null | undefined;
  /** Whether a borrower holds a talent certification (人才证书) the centre would confirm: the talent increase, where the centre has one. */
  talentCertified?: boolean | null | undefined;
  /** The term asked, in months. */
  termMonths: number;
  /** The home being bought, when it is already pre-registered to the person: not counted as another home. */
  unitNumber?: string | null | undefined;
};

/** A borrower's role on the application. */
export type PartyRole =
  /** 主借款人: the applicant. */
  | 'APPLICANT'
  /** 共同借款人: a co-borrower. */
  | 'CO_BORROWER'
  /** 配偶: the applicant's spouse. */
  | 'SPOUSE';

/** What a proxy agent may do for the applicant who authorized them. */
export type ProxyScope =
  /** Attest, after checking the ID card in person, the applicant's identity for signing. */
  | 'ATTEST_IDENTITY'
  /** Give and withdraw consents in the applicant's name. */
  | 'MANAGE_CONSENTS'
  /** File a loan application for the applicant. */
  | 'SUBMIT_APPLICATION'
  /** See the applicant's data (masked as the policy says), consents and applications. */
  | 'VIEW_DATA';

/** Why data is read (使用目的); every consent and every read names one. */
export type Purpose =
  /** Applying for an HPF home loan. */
  | 'HPF_LOAN_APPLICATION'
  /** A fund centre reviewing an HPF loan application. */
  | 'HPF_LOAN_REVIEW'
  /**
   * A couple's quota estimate (额度试算) before applying: the spouse lends her HPF account and loan
   * figures and her registered homes to her spouse's estimate at one centre (DATA_SHARING, no application).
   */
  | 'HPF_QUOTA_ESTIMATE';

/** One of the four bounds of the maximum amount. */
export type QuotaBoundName =
  /** The centre's deposit formula (balance, average balance, monthly deposit or years of deposit × its factor). */
  | 'DEPOSIT_FORMULA'
  /** 最高贷款额度: the centre's cap, by depositors and home order, with its increases. */
  | 'LOAN_CAP'
  /** 首付比例: the price basis less the minimum down payment. */
  | 'LOAN_TO_PRICE'
  /** 还款能力: the payment a share of the borrowers' deposit bases allows, less existing monthly debt. */
  | 'REPAYMENT_CAPACITY';

/** One person's figures for a quota estimate, as a centre's calculator asks them. */
export type QuotaEstimatePersonInput = {
  /** Average month-end balance over the last 12 months (月均余额); the current balance when not given. */
  averageBalance?: string | null | undefined;
  /** Current HPF balance (账户余额), in yuan. */
  balance: string;
  /** The deposit base (缴存基数). */
  depositBase: string;
  /** Whether the account is in normal deposit (正常缴存) today. */
  depositing?: boolean | null | undefined;
  /** What the person's other loans and cards take a month (月还款额); none when not given. */
  existingMonthlyRepayment?: string | null | undefined;
  /** When deposits began (首次缴存日期). */
  firstDepositDate: string;
  /** Monthly deposit, employer and employee together (月缴存额). */
  monthlyDeposit: string;
};

/** How the loan is repaid (还款方式). */
export type RepaymentMethod =
  /** 等额本息: equal instalments. */
  | 'EQUAL_INSTALMENT'
  /** 等额本金: equal principal, decreasing instalments. */
  | 'EQUAL_PRINCIPAL';

/** Why a person signs the loan contract. */
export type SignerRole =
  /** A borrower (applicant, spouse, co-borrower). */
  | 'BORROWER'
  /** A registered owner of the home who does not borrow (the mortgage is over their share too). */
  | 'CO_OWNER';

/** Whether the spouse's figures are in a couple's quota estimate. */
export type SpouseInEstimate =
  /** Her figures, read under her consent to this estimate, are in it. */
  | 'INCLUDED'
  /** She has not consented to this estimate at this centre (none given, withdrawn, expired, or for another centre): nothing of hers was read. */
  | 'NOT_CONSENTED'
  /** The person's marriage record names no spouse (not married): there is no one to include. */
  | 'NO_SPOUSE_ON_RECORD';

/** An HPF loan application (公积金贷款申请) as submitted, once, by the applicant or an officer. */
export type SubmitLoanApplicationInput = {
  /** The amount asked for (申请金额) in yuan; for a combination loan, the total of both parts. */
  amount: string;
  /** The main applicant (主借款人). */
  applicant: LoanPersonInput;
  /** Fund centre code; a fund officer's or system's own centre when omitted. */
  centreCode?: string | null | undefined;
  /** Co-borrowers (共同借款人) other than the spouse, if any. */
  coBorrowers?: Array<LoanPersonInput> | null | undefined;
  /** 组合贷款: the HPF part up to the HPF maximum, the entrusted bank's commercial part the rest (centres that run them only). */
  combinationLoan?: boolean | null | undefined;
  /** The purchase contract (网签备案合同号); or give the unit number. */
  contractNumber?: string | null | undefined;
  /** Chosen by the client, unique per submission it means (e.g. a UUID kept with the form). */
  idempotencyKey: string;
  /** Equal instalments or equal principal. */
  repaymentMethod: RepaymentMethod;
  /** The applicant's spouse, when married; named, not read, until they consent. */
  spouse?: LoanPersonInput | null | undefined;
  /**
   * The applicant's talent certification (人才证书编号), 6–40 letters, digits or hyphens, where the
   * centre raises the cap for certified talents (人才). No connected agency shares it: the decision
   * counts it only once an officer of the centre has confirmed the certificate.
   */
  talentCertificateNumber?: string | null | undefined;
  /** The term in months (贷款期限), within the centre's policy. */
  termMonths: number;
  /** A test case (测试件): processed like any other, left out of statistics. */
  testCase?: boolean | null | undefined;
  /** The real-estate unit number (不动产单元号) of the home; or give the contract number. */
  unitNumber?: string | null | undefined;
};

/** What happened, in a timeline entry. */
export type TimelineKind =
  /** 受理: stored, with the 15-day deadline. */
  | 'ACCEPTED'
  /** Everyone has signed: the mortgage registration is due. */
  | 'ALL_SIGNED'
  /** Every check passed and the amount is within the maximum. */
  | 'APPROVED_AUTOMATICALLY'
  /** An officer approved a referred application, with the reason. */
  | 'APPROVED_BY_OFFICER'
  /** A check finished with its evidence. */
  | 'CHECKED'
  /** 放款: the bank disbursed the loan (its instruction id and the disbursement date). */
  | 'DISBURSED'
  /** The entrusted bank holds the disbursement instruction and is processing it. */
  | 'DISBURSEMENT_INSTRUCTED'
  /** The bank refused the disbursement instruction; an officer takes it up with the bank. */
  | 'DISBURSEMENT_REFUSED'
  /** A check stopped trying; an officer verifies by hand. */
  | 'GAVE_UP'
  /** 不动产抵押登记 done: the certificate number and its hash are kept. */
  | 'MORTGAGE_REGISTERED'
  /** A check waits for a party's own consent (parties, dataItems). */
  | 'NEEDS_CONSENT'
  /** A notice could not be delivered within its attempts and was dead-lettered for an operator. */
  | 'NOTICE_DEAD_LETTERED'
  /** A notice reached its receiver (notice, channel; an SMS names its party). */
  | 'NOTICE_DELIVERED'
  /** Referred to an officer, with the reasons. */
  | 'REFERRED_TO_OFFICER'
  /** An officer rejected it, with the reason. */
  | 'REJECTED_BY_OFFICER'
  /** The applicant's review (好差评). */
  | 'REVIEWED'
  /** One signer signed the contract. */
  | 'SIGNED'
  /** An agency did not answer; tried again at nextAttemptAt. */
  | 'UNAVAILABLE'
  /** 撤回 by the applicant. */
  | 'WITHDRAWN';

export type HomePageQueryVariables = Exact<{ [key: string]: never; }>;


export type HomePageQuery = { me: { name: string | null, idNumber: string | null } | null, myLoanApplications: Array<{ id: string, status: LoanApplicationStatus | null, centreCode: string | null, amount: string | null, termMonths: number | null, acceptedAt: string | null, applicant: { name: string | null } | null }> };

export type HallPageQueryVariables = Exact<{ [key: string]: never; }>;


export type HallPageQuery = { me: { name: string | null, idNumber: string | null, mobile: string | null } | null, myLoanApplications: Array<{ id: string, status: LoanApplicationStatus | null, centreCode: string | null, amount: string | null, termMonths: number | null, acceptedAt: string | null, applicant: { name: string | null } | null }> };

export type GrantProxyMutationVariables = Exact<{
  input: GrantProxyAuthorizationInput;
}>;


export type GrantProxyMutation = { grantProxyAuthorization: { id: string, agent: string, scopes: Array<ProxyScope>, validUntil: string } | null };

export type AttestInPersonMutationVariables = Exact<{
  checkReference: string;
}>;


export type AttestInPersonMutation = { attestInPersonIdentity: string | null };

export type FormPrefillQueryVariables = Exact<{
  idNumber: string;
  contractNumber: string;
}>;


export type FormPrefillQuery = { applicant: { name: string | null, birthDate: string | null, identityVerification: { householdStatus: HouseholdStatus, minorChildren: number, source: { agency: string, retrievedAt: string } } | null, marriage: { status: MaritalStatus, registrationDate: string | null, source: { agency: string, retrievedAt: string } } | null, providentFundAccount: { centreCode: string, centreName: string, balance: string, monthlyDeposit: string, continuousDepositMonths: number, source: { agency: string, retrievedAt: string } } | null } | null, propertyByContract: { unitNumber: string | null, contractFiling: { contractNumber: string, price: string, areaSquareMetres: string, address: string | null, district: string, greenBuildingStars: number, source: { agency: string, retrievedAt: string } } | null } | null };

export type CentresQueryVariables = Exact<{ [key: string]: never; }>;


export type CentresQuery = { serviceGuide: { statutoryLimit: { days: number }, centres: Array<{ code: string, name: string, promisedLimit: { days: number, dayKind: DayKind } }> } };

export type OwnQuotaEstimateQueryVariables = Exact<{
  idNumber: string;
  input: OwnQuotaEstimateInput;
}>;


export type OwnQuotaEstimateQuery = { applicant: { loanQuotaEstimate: { maximumAmount: string, binding: Array<QuotaBoundName>, rate: string, homeOrder: string, firstMonthlyPayment: string, totalInterest: string, amount: string, policyConfirmed: boolean, bounds: Array<{ name: QuotaBoundName, amount: string, explanation: string }> } | null } | null };

export type CoupleEstimateQueryVariables = Exact<{
  idNumber: string;
  input: CoupleQuotaEstimateInput;
}>;


export type CoupleEstimateQuery = { applicant: { coupleLoanQuotaEstimate: { spouse: SpouseInEstimate, estimate: { maximumAmount: string, binding: Array<QuotaBoundName>, rate: string, homeOrder: string, firstMonthlyPayment: string, totalInterest: string, amount: string, policyConfirmed: boolean, bounds: Array<{ name: QuotaBoundName, amount: string, explanation: string }> } | null } | null } | null };

export type SubmitApplicationMutationVariables = Exact<{
  input: SubmitLoanApplicationInput;
}>;


export type SubmitApplicationMutation = { submitLoanApplication: { created: boolean, loanApplication: { id: string, status: LoanApplicationStatus | null } | null, userErrors: Array<{ field: Array<string>, message: string, code: string, openApplicationId: string | null }> } };

export type ApplicationPageQueryVariables = Exact<{
  id: string | number;
}>;


export type ApplicationPageQuery = { loanApplication: { id: string, status: LoanApplicationStatus | null, centreCode: string | null, amount: string | null, termMonths: number | null, repaymentMethod: RepaymentMethod | null, acceptedAt: string | null, decisionDueAt: string | null, daysLeftToDecide: number | null, promisedDecisionBy: string | null, daysLeftToPromisedDecision: number | null, decidedAt: string | null, applicant: { idNumber: string | null } | null, spouse: { idNumber: string | null } | null, coBorrowers: Array<{ idNumber: string | null }> | null, checks: Array<{ step: LoanCheckStep, agency: Agency | null, status: CheckStatus, attempts: number, outcome: CheckOutcome | null, nextAttemptAt: string | null, updatedAt: string, findings: Array<{ code: FindingCode, message: string, englishMessage: string, party: { role: PartyRole, ordinal: number | null } | null }>, needsConsent: Array<{ dataItem: string, agency: Agency, party: { role: PartyRole, ordinal: number | null } }> }> | null, decision: { outcome: DecisionOutcome, homeOrder: string | null, rate: string | null, maximumAmount: string | null, bindingLimit: string | null, officerReason: string | null, findings: Array<{ code: FindingCode, message: string, englishMessage: string }> } | null, contract: { sha256: string, complete: boolean, signers: Array<{ role: SignerRole, signedAt: string | null, applicant: { idNumber: string | null } }> } | null, mortgage: { certificateNumber: string, registeredAt: string } | null, disbursement: { loanAccountNumber: string, disbursedOn: string } | null, repaymentSchedule: { method: RepaymentMethod, rate: string, totalPayment: string, startsOn: string | null, instalments: Array<{ payment: string, dueDate: string | null }> } | null, timeline: Array<{ at: string, step: LoanStep | null, kind: TimelineKind, officerReason: string | null, parties: Array<{ role: PartyRole, ordinal: number | null }> }> | null } | null };

export type MyConsentsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyConsentsQuery = { myConsents: Array<{ id: string, kind: ConsentKind, status: ConsentStatus, applicationId: string | null }> };

export type GiveConsentMutationVariables = Exact<{
  input: GrantConsentInput;
}>;


export type GiveConsentMutation = { grantConsent: { id: string, kind: ConsentKind, status: ConsentStatus, applicationId: string | null } | null };

export type EstimateConsentsQueryVariables = Exact<{ [key: string]: never; }>;


export type EstimateConsentsQuery = { myConsents: Array<{ id: string, kind: ConsentKind, purpose: Purpose, status: ConsentStatus, grantedToCentre: string, validUntil: string }> };

export type WithdrawConsentMutationVariables = Exact<{
  id: string | number;
}>;


export type WithdrawConsentMutation = { revokeConsent: { id: string, status: ConsentStatus } | null };

export type ContractToSignQueryVariables = Exact<{
  id: string | number;
}>;


export type ContractToSignQuery = { loanApplication: { id: string, contract: { text: string, sha256: string } | null } | null };

export type VerifyMyFaceMutationVariables = Exact<{
  livePhotoSha256: string;
  centreCode: string;
}>;


export type VerifyMyFaceMutation = { verifyFace: { matched: boolean, reference: string | null } | null };

export type SignContractMutationVariables = Exact<{
  id: string | number;
  signature: ContractSignatureInput;
}>;


export type SignContractMutation = { signLoanContract: { id: string, status: LoanApplicationStatus | null } | null };

export type ReviewApplicationMutationVariables = Exact<{
  id: string | number;
  score: number;
  comment?: string | null | undefined;
}>;


export type ReviewApplicationMutation = { reviewLoanApplication: { id: string, status: LoanApplicationStatus | null } | null };

export type WorkbenchQueryVariables = Exact<{
  filter?: LoanApplicationFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WorkbenchQuery = { loanApplications: { nextCursor: string | null, applications: Array<{ id: string, status: LoanApplicationStatus | null, amount: string | null, termMonths: number | null, acceptedAt: string | null, decidedAt: string | null, daysLeftToDecide: number | null, daysLeftToPromisedDecision: number | null, checks: Array<{ step: LoanCheckStep, status: CheckStatus, outcome: CheckOutcome | null }> | null }> } };

export type OfficerApplicationQueryVariables = Exact<{
  id: string | number;
}>;


export type OfficerApplicationQuery = { loanApplication: { id: string, status: LoanApplicationStatus | null, centreCode: string | null, amount: string | null, termMonths: number | null, repaymentMethod: RepaymentMethod | null, acceptedAt: string | null, decisionDueAt: string | null, daysLeftToDecide: number | null, promisedDecisionBy: string | null, daysLeftToPromisedDecision: number | null, decidedAt: string | null, checks: Array<{ step: LoanCheckStep, agency: Agency | null, status: CheckStatus, attempts: number, outcome: CheckOutcome | null, nextAttemptAt: string | null, findings: Array<{ code: FindingCode, message: string, englishMessage: string, party: { role: PartyRole, ordinal: number | null } | null }> }> | null, decision: { outcome: DecisionOutcome, homeOrder: string | null, rate: string | null, maximumAmount: string | null, maximumAmountWithTalent: string | null, talentCertificateConfirmed: boolean, bindingLimit: string | null, officer: string | null, officerReason: string | null, findings: Array<{ code: FindingCode, message: string, englishMessage: string }> } | null, timeline: Array<{ at: string, step: LoanStep | null, kind: TimelineKind, officerReason: string | null, parties: Array<{ role: PartyRole, ordinal: number | null }> }> | null } | null };

export type ApproveApplicationMutationVariables = Exact<{
  id: string | number;
  reason: string;
  talentCertificateConfirmed?: boolean | null | undefined;
}>;


export type ApproveApplicationMutation = { approveLoanApplication: { id: string, status: LoanApplicationStatus | null, decidedAt: string | null, decision: { outcome: DecisionOutcome, officerReason: string | null, talentCertificateConfirmed: boolean } | null } | null };

export type RejectApplicationMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type RejectApplicationMutation = { rejectLoanApplication: { id: string, status: LoanApplicationStatus | null, decidedAt: string | null, decision: { outcome: DecisionOutcome, officerReason: string | null } | null } | null };


export const HomePageDocument = {"__meta__":{"hash":"sha256:ebdc6a25b769456bc6aa83a12052dbb203386ece4271d0ad1d236a8ecb1bbd9e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HomePage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"idNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"myLoanApplications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"centreCode"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"termMonths"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"applicant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<HomePageQuery, HomePageQueryVariables>;
export const HallPageDocument = {"__meta__":{"hash":"sha256:08945b14c6569cf087f73fdc1bda881ab94f66804f7932d60db5d8657fe64f47"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HallPage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"idNumber"}},{"kind":"Field","name":{"kind":"Name","value":"mobile"}}]}},{"kind":"Field","name":{"kind":"Name","value":"myLoanApplications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"centreCode"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"termMonths"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"applicant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<HallPageQuery, HallPageQueryVariables>;
export const GrantProxyDocument = {"__meta__":{"hash":"sha256:17b06d9d3afd3859eb728c086aca98096b42a3afdf2c2468cf0721eefd86b3a7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GrantProxy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"GrantProxyAuthorizationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grantProxyAuthorization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agent"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}}]}}]}}]} as unknown as DocumentNode<GrantProxyMutation, GrantProxyMutationVariables>;
export const AttestInPersonDocument = {"__meta__":{"hash":"sha256:7b762f8f2d3ebd2e8a350a6e1aae527e9e9f5ac8d1d79972c762ae7a2e9b36df"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AttestInPerson"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"checkReference"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attestInPersonIdentity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"checkReference"},"value":{"kind":"Variable","name":{"kind":"Name","value":"checkReference"}}}]}]}}]} as unknown as DocumentNode<AttestInPersonMutation, AttestInPersonMutationVariables>;
export const FormPrefillDocument = {"__meta__":{"hash":"sha256:814ea5f2f19015c46ba20c855e13e54552af1a21658cb8856a43402bacbd84c6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FormPrefill"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IdNumber"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"contractNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ContractNumber"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applicant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"idNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"identityVerification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"householdStatus"}},{"kind":"Field","name":{"kind":"Name","value":"minorChildren"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agency"}},{"kind":"Field","name":{"kind":"Name","value":"retrievedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"marriage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"registrationDate"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agency"}},{"kind":"Field","name":{"kind":"Name","value":"retrievedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"providentFundAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"centreCode"}},{"kind":"Field","name":{"kind":"Name","value":"centreName"}},{"kind":"Field","name":{"kind":"Name","value":"balance"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyDeposit"}},{"kind":"Field","name":{"kind":"Name","value":"continuousDepositMonths"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agency"}},{"kind":"Field","name":{"kind":"Name","value":"retrievedAt"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"propertyByContract"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"contractNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"contractNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unitNumber"}},{"kind":"Field","name":{"kind":"Name","value":"contractFiling"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"contractNumber"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"areaSquareMetres"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"district"}},{"kind":"Field","name":{"kind":"Name","value":"greenBuildingStars"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agency"}},{"kind":"Field","name":{"kind":"Name","value":"retrievedAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FormPrefillQuery, FormPrefillQueryVariables>;
export const CentresDocument = {"__meta__":{"hash":"sha256:384e2b8f1548c1103cc0555ce34a82ebf9a260c1c0768f317b3b49087b04b625"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Centres"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serviceGuide"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"statutoryLimit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"days"}}]}},{"kind":"Field","name":{"kind":"Name","value":"centres"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"promisedLimit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"days"}},{"kind":"Field","name":{"kind":"Name","value":"dayKind"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CentresQuery, CentresQueryVariables>;
export const OwnQuotaEstimateDocument = {"__meta__":{"hash":"sha256:fadf44b424248ce1989d974e50f6202403fdfe72bcc931fb019af40ba9715bb7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OwnQuotaEstimate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IdNumber"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"OwnQuotaEstimateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applicant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"idNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loanQuotaEstimate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"maximumAmount"}},{"kind":"Field","name":{"kind":"Name","value":"binding"}},{"kind":"Field","name":{"kind":"Name","value":"rate"}},{"kind":"Field","name":{"kind":"Name","value":"homeOrder"}},{"kind":"Field","name":{"kind":"Name","value":"firstMonthlyPayment"}},{"kind":"Field","name":{"kind":"Name","value":"totalInterest"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"policyConfirmed"}},{"kind":"Field","name":{"kind":"Name","value":"bounds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"explanation"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OwnQuotaEstimateQuery, OwnQuotaEstimateQueryVariables>;
export const CoupleEstimateDocument = {"__meta__":{"hash":"sha256:c23c645cbbf4867b9a908fd7cbf7f50fc638d0001b7831f98f050a9a1d8fdfd7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CoupleEstimate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IdNumber"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CoupleQuotaEstimateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applicant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"idNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coupleLoanQuotaEstimate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"spouse"}},{"kind":"Field","name":{"kind":"Name","value":"estimate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"maximumAmount"}},{"kind":"Field","name":{"kind":"Name","value":"binding"}},{"kind":"Field","name":{"kind":"Name","value":"rate"}},{"kind":"Field","name":{"kind":"Name","value":"homeOrder"}},{"kind":"Field","name":{"kind":"Name","value":"firstMonthlyPayment"}},{"kind":"Field","name":{"kind":"Name","value":"totalInterest"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"policyConfirmed"}},{"kind":"Field","name":{"kind":"Name","value":"bounds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"explanation"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CoupleEstimateQuery, CoupleEstimateQueryVariables>;
export const SubmitApplicationDocument = {"__meta__":{"hash":"sha256:ba92a7b34cfd3b9f5db2d12ed716c2655158252d683ed245a70a99585a50cfb7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitApplication"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SubmitLoanApplicationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitLoanApplication"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"loanApplication"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"openApplicationId"}}]}}]}}]}}]} as unknown as DocumentNode<SubmitApplicationMutation, SubmitApplicationMutationVariables>;
export const ApplicationPageDocument = {"__meta__":{"hash":"sha256:f0ef794911a83f30b53a2c75e71e8876515375af84f962758f0a973175c09985"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ApplicationPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loanApplication"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"centreCode"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"termMonths"}},{"kind":"Field","name":{"kind":"Name","value":"repaymentMethod"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"decisionDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"daysLeftToDecide"}},{"kind":"Field","name":{"kind":"Name","value":"promisedDecisionBy"}},{"kind":"Field","name":{"kind":"Name","value":"daysLeftToPromisedDecision"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"applicant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"idNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"spouse"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"idNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coBorrowers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"idNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"checks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"agency"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"englishMessage"}},{"kind":"Field","name":{"kind":"Name","value":"party"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"ordinal"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"needsConsent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"party"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"ordinal"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dataItem"}},{"kind":"Field","name":{"kind":"Name","value":"agency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"decision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"homeOrder"}},{"kind":"Field","name":{"kind":"Name","value":"rate"}},{"kind":"Field","name":{"kind":"Name","value":"maximumAmount"}},{"kind":"Field","name":{"kind":"Name","value":"bindingLimit"}},{"kind":"Field","name":{"kind":"Name","value":"officerReason"}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"englishMessage"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"contract"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sha256"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"signers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"signedAt"}},{"kind":"Field","name":{"kind":"Name","value":"applicant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"idNumber"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"mortgage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"certificateNumber"}},{"kind":"Field","name":{"kind":"Name","value":"registeredAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"disbursement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loanAccountNumber"}},{"kind":"Field","name":{"kind":"Name","value":"disbursedOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"repaymentSchedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"rate"}},{"kind":"Field","name":{"kind":"Name","value":"totalPayment"}},{"kind":"Field","name":{"kind":"Name","value":"startsOn"}},{"kind":"Field","name":{"kind":"Name","value":"instalments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"payment"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"timeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"parties"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"ordinal"}}]}},{"kind":"Field","name":{"kind":"Name","value":"officerReason"}}]}}]}}]}}]} as unknown as DocumentNode<ApplicationPageQuery, ApplicationPageQueryVariables>;
export const MyConsentsDocument = {"__meta__":{"hash":"sha256:a8e48d1805f8638c25806a8b8cfff073cacb75734970dfd6facbcd05a6c5ac8e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyConsents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myConsents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"applicationId"}}]}}]}}]} as unknown as DocumentNode<MyConsentsQuery, MyConsentsQueryVariables>;
export const GiveConsentDocument = {"__meta__":{"hash":"sha256:7cbd7ec541ade19df477623c174a48b3173f8cbc9f9151dd6da051994c3fa1fa"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GiveConsent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"GrantConsentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grantConsent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"applicationId"}}]}}]}}]} as unknown as DocumentNode<GiveConsentMutation, GiveConsentMutationVariables>;
export const EstimateConsentsDocument = {"__meta__":{"hash":"sha256:45e43de7b32718ae0ce82efa879211928d3c0eb39a4a287dd22c05767dd9605d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EstimateConsents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myConsents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"grantedToCentre"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}}]}}]}}]} as unknown as DocumentNode<EstimateConsentsQuery, EstimateConsentsQueryVariables>;
export const WithdrawConsentDocument = {"__meta__":{"hash":"sha256:b94be65465779d876587ebd0235f775b300278ecd893f74f0decb7ada3104861"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WithdrawConsent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeConsent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<WithdrawConsentMutation, WithdrawConsentMutationVariables>;
export const ContractToSignDocument = {"__meta__":{"hash":"sha256:fc11f3509239ddc5f54ae036d7e56e1778fe1dccd0c0c6204c2240b505d2fa45"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ContractToSign"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loanApplication"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"contract"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"sha256"}}]}}]}}]}}]} as unknown as DocumentNode<ContractToSignQuery, ContractToSignQueryVariables>;
export const VerifyMyFaceDocument = {"__meta__":{"hash":"sha256:2d768f45be32c4f68cacf8f3d5d0a958e3f991f44c83598d5e2dddec0668661e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"VerifyMyFace"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"livePhotoSha256"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"centreCode"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyFace"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"livePhotoSha256"},"value":{"kind":"Variable","name":{"kind":"Name","value":"livePhotoSha256"}}},{"kind":"Argument","name":{"kind":"Name","value":"centreCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"centreCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matched"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}}]}}]}}]} as unknown as DocumentNode<VerifyMyFaceMutation, VerifyMyFaceMutationVariables>;
export const SignContractDocument = {"__meta__":{"hash":"sha256:253e3f89f8ace2fb996eea010d80fa722f2454fe8ee3e3f1ce6246e6c2005dce"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignContract"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"signature"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ContractSignatureInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signLoanContract"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"signature"},"value":{"kind":"Variable","name":{"kind":"Name","value":"signature"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<SignContractMutation, SignContractMutationVariables>;
export const ReviewApplicationDocument = {"__meta__":{"hash":"sha256:ddd47a60082742740bac842a18d76540e80a47a6db469d0c43f69e121b82e38e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReviewApplication"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"score"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"comment"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reviewLoanApplication"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"score"},"value":{"kind":"Variable","name":{"kind":"Name","value":"score"}}},{"kind":"Argument","name":{"kind":"Name","value":"comment"},"value":{"kind":"Variable","name":{"kind":"Name","value":"comment"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ReviewApplicationMutation, ReviewApplicationMutationVariables>;
export const WorkbenchDocument = {"__meta__":{"hash":"sha256:50d4460a752a801aa8ff8d7d2fded9a45966602f02ae4a00418df7c0441dd8c1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Workbench"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"LoanApplicationFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loanApplications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"termMonths"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"daysLeftToDecide"}},{"kind":"Field","name":{"kind":"Name","value":"daysLeftToPromisedDecision"}},{"kind":"Field","name":{"kind":"Name","value":"checks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"nextCursor"}}]}}]}}]} as unknown as DocumentNode<WorkbenchQuery, WorkbenchQueryVariables>;
export const OfficerApplicationDocument = {"__meta__":{"hash":"sha256:2f74d01c2f380eae9220a3edd2c92e39114dbb95533bce8f5b9ac4597d1fb3c9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OfficerApplication"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loanApplication"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"centreCode"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"termMonths"}},{"kind":"Field","name":{"kind":"Name","value":"repaymentMethod"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"decisionDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"daysLeftToDecide"}},{"kind":"Field","name":{"kind":"Name","value":"promisedDecisionBy"}},{"kind":"Field","name":{"kind":"Name","value":"daysLeftToPromisedDecision"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"checks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"agency"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"englishMessage"}},{"kind":"Field","name":{"kind":"Name","value":"party"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"ordinal"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"decision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"homeOrder"}},{"kind":"Field","name":{"kind":"Name","value":"rate"}},{"kind":"Field","name":{"kind":"Name","value":"maximumAmount"}},{"kind":"Field","name":{"kind":"Name","value":"maximumAmountWithTalent"}},{"kind":"Field","name":{"kind":"Name","value":"talentCertificateConfirmed"}},{"kind":"Field","name":{"kind":"Name","value":"bindingLimit"}},{"kind":"Field","name":{"kind":"Name","value":"officer"}},{"kind":"Field","name":{"kind":"Name","value":"officerReason"}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"englishMessage"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"timeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"parties"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"ordinal"}}]}},{"kind":"Field","name":{"kind":"Name","value":"officerReason"}}]}}]}}]}}]} as unknown as DocumentNode<OfficerApplicationQuery, OfficerApplicationQueryVariables>;
export const ApproveApplicationDocument = {"__meta__":{"hash":"sha256:3ae1d4388587536b90e06396c646ddc0764910fc89e7594b7cf3db0abf7d79dd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApproveApplication"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"talentCertificateConfirmed"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveLoanApplication"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}},{"kind":"Argument","name":{"kind":"Name","value":"talentCertificateConfirmed"},"value":{"kind":"Variable","name":{"kind":"Name","value":"talentCertificateConfirmed"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"decision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"officerReason"}},{"kind":"Field","name":{"kind":"Name","value":"talentCertificateConfirmed"}}]}}]}}]}}]} as unknown as DocumentNode<ApproveApplicationMutation, ApproveApplicationMutationVariables>;
export const RejectApplicationDocument = {"__meta__":{"hash":"sha256:7e9219e3e22bdb905098dd505f63c55685a0e9e5a27bca7097339577ed3ccb8f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RejectApplication"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rejectLoanApplication"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"decision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"officerReason"}}]}}]}}]}}]} as unknown as DocumentNode<RejectApplicationMutation, RejectApplicationMutationVariables>;