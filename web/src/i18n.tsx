/**
 * Chinese first, English switchable: every text of the app in both, chosen once per browser
 * (localStorage) and sent to the gateway as Accept-Language, so its messages follow too.
 */
import { createContext, useContext } from 'react';

export type Language = 'zh' | 'en';

const TEXT = {
  appTitle: ['住房公积金贷款购房“一件事”', 'HPF loan home purchase — one thing'],
  language: ['English', '中文'],
  languageLabel: ['Switch to English', '切换到中文'],
  signIn: ['登录', 'Sign in'],
  signOut: ['退出', 'Sign out'],
  signInIntro: ['用身份证号登录，一次申请，公积金、不动产、婚姻、征信等信息由平台向各部门核验。', 'Sign in with your ID number: apply once, and the platform checks with each agency.'],
  signingIn: ['正在登录…', 'Signing you in…'],
  signInFailed: ['登录未完成：', 'The sign-in did not finish: '],
  loading: ['加载中…', 'Loading…'],
  hello: ['您好，', 'Hello, '],
  myApplications: ['我的申请', 'My applications'],
  noApplications: ['还没有申请。', 'No applications yet.'],
  newApplication: ['开始新的申请', 'Start a new application'],
  open: ['查看', 'Open'],
  back: ['返回', 'Back'],
  applicationNo: ['申请编号', 'Application'],
  // the form
  step1: ['第一步：读取已有信息', 'Step 1: what the platform already knows'],
  contractNumber: ['网签备案合同号', 'Purchase contract filing number'],
  contractHint: ['例如 WQ3501022026900001', 'e.g. WQ3501022026900001'],
  readPrefill: ['读取', 'Read'],
  source: ['来源', 'Source'],
  unavailable: ['暂时无法读取，请手工填写', 'unavailable for now: fill it in by hand'],
  name: ['姓名', 'Name'],
  household: ['户籍', 'Household registration'],
  minorChildren: ['未成年子女', 'Minor children'],
  marriage: ['婚姻', 'Marriage'],
  spouse: ['配偶', 'Spouse'],
  fundAccount: ['公积金账户', 'Provident fund account'],
  balance: ['余额', 'Balance'],
  monthlyDeposit: ['月缴存额', 'Monthly deposit'],
  continuousMonths: ['连续缴存月数', 'Months deposited in a row'],
  home: ['所购房屋', 'The home'],
  price: ['合同价', 'Price'],
  area: ['面积（平方米）', 'Area (m²)'],
  address: ['地址', 'Address'],
  step2: ['第二步：额度试算', 'Step 2: quota estimate'],
  termYears: ['贷款年限（年）', 'Term (years)'],
  method: ['还款方式', 'Repayment method'],
  EQUAL_INSTALMENT: ['等额本息', 'Equal instalments'],
  EQUAL_PRINCIPAL: ['等额本金', 'Equal principal'],
  estimate: ['试算', 'Estimate'],
  maximumAmount: ['可贷最高额度', 'Maximum loan'],
  binding: ['起决定作用的限额', 'Binding limit'],
  rate: ['年利率', 'Annual rate'],
  firstPayment: ['首月还款', 'First monthly payment'],
  homeOrder: ['套数认定', 'Home order'],
  placeholderPolicy: ['注：各中心政策数据尚待其公告确认，结果仅供参考。', 'Note: the centres’ figures await their notices; the result is indicative.'],
  spouseNotCounted: ['配偶的缴存尚未计入试算：提交后由平台在征得其授权后核验。', 'Your spouse’s deposits are not in the estimate: the platform checks them once they consent.'],
  step3: ['第三步：填写申请', 'Step 3: the application'],
  centre: ['受理中心', 'Fund centre'],
  amount: ['申请金额（元）', 'Amount (yuan)'],
  spouseName: ['配偶姓名', 'Spouse’s name'],
  spouseId: ['配偶身份证号', 'Spouse’s ID number'],
  noSpouse: ['（无配偶则留空）', '(leave empty if none)'],
  promise: ['本人承诺所填信息真实，并知悉配偶须本人登录授权后方可核验其信息。', 'I declare this is true, and know my spouse must sign in and consent before their data is checked.'],
  submit: ['提交申请', 'Submit the application'],
  submitting: ['提交中…', 'Submitting…'],
  // the application page
  status: ['状态', 'Status'],
  ACCEPTED: ['已受理，核验中', 'Accepted, being checked'],
  APPROVED: ['已批准，待签约', 'Approved: to be signed'],
  REFERRED: ['已转人工审核', 'Referred to an officer'],
  REJECTED: ['未获批准', 'Rejected'],
  WITHDRAWN: ['已撤回', 'Withdrawn'],
  READY_FOR_DISBURSEMENT: ['抵押已登记，待放款', 'Mortgage registered: to be disbursed'],
  DISBURSED: ['已放款', 'Disbursed'],
  deadlines: ['办理时限', 'Time limits'],
  statutory: ['法定时限（15日）', 'Statutory limit (15 days)'],
  promised: ['承诺时限', 'Promised limit'],
  daysLeft: ['剩余 {n} 天', '{n} days left'],
  dueBy: ['截至', 'by'],
  yourConsent: ['您的授权', 'Your consent'],
  consentIntro: ['为核验本申请，请授权平台向以下部门查询您的信息（仅用于本申请）：', 'To check this application, allow the platform to ask these agencies about you (for this application only):'],
  creditIntro: ['以及向中国人民银行征信中心查询您的信用报告（书面授权）。', 'and the PBoC credit reference centre for your credit report (written authorization).'],
  agreeConsent: ['我同意上述授权', 'I give this consent'],
  giveConsent: ['授权', 'Consent'],
  consentGiven: ['您已为本申请授权。', 'You have consented for this application.'],
  checks: ['各部门核验', 'Checks'],
  waitingForYou: ['需要您的授权：请在上方授权。', 'Needs your consent: give it above.'],
  waitingFor: ['等待{who}登录并授权。', 'Waiting for {who} to sign in and consent.'],
  nextAttempt: ['部门暂时无法响应，将于 {at} 再次查询。', 'The agency did not answer; next attempt at {at}.'],
  PENDING: ['查询中', 'Checking'],
  BLOCKED: ['等待前一步', 'Waiting for another step'],
  UNAVAILABLE: ['部门暂时无法响应', 'Agency unavailable'],
  AWAITING_CONSENT: ['等待授权', 'Awaiting consent'],
  DONE: ['已完成', 'Done'],
  GAVE_UP: ['已转人工', 'Handed to an officer'],
  CANCELLED: ['已取消', 'Cancelled'],
  PASSED: ['通过', 'Passed'],
  FAILED: ['未通过', 'Failed'],
  attempts: ['查询次数', 'Attempts'],
  decision: ['审批结果', 'Decision'],
  OUTCOME_APPROVED: ['批准', 'Approved'],
  OUTCOME_REFERRED: ['转人工审核', 'Referred to an officer'],
  OUTCOME_REJECTED: ['不予批准', 'Rejected'],
  workingDays: ['个工作日', ' working days'],
  calendarDays: ['日', ' days'],
  signing: ['面签', 'Signing'],
  signers: ['签约人', 'Signers'],
  signed: ['已签', 'signed'],
  notSigned: ['未签', 'not signed'],
  faceStep: ['刷脸核验身份（开发环境为模拟采集）', 'Prove who you are by face (a simulated capture in development)'],
  faceConsent: ['我同意为本次签约进行人脸比对', 'I consent to a face comparison for this signing'],
  verifyFace: ['刷脸', 'Verify my face'],
  faceMatched: ['人脸比对通过。', 'Face matched.'],
  faceNotMatched: ['人脸比对未通过，可到服务大厅现场核验身份。', 'The face did not match: you can prove your identity at a service hall.'],
  contractText: ['合同文本', 'Contract text'],
  signContract: ['签署合同', 'Sign the contract'],
  youSigned: ['您已签署。', 'You have signed.'],
  hallProofStep: ['或：凭服务大厅的当面核验凭证', 'Or: with the service hall’s in-person proof'],
  hallProofIntro: ['在服务大厅由工作人员核验身份证原件后，填写工作人员出示的核验凭证（10分钟内有效）。', 'After a hall agent checked your ID card in person, enter the proof they showed you (it counts for 10 minutes).'],
  hallProof: ['核验凭证', 'The in-person proof'],
  useHallProof: ['使用核验凭证', 'Use this proof'],
  mortgage: ['抵押登记', 'Mortgage'],
  certificate: ['不动产登记证明号', 'Certificate number'],
  disbursement: ['放款', 'Disbursement'],
  loanAccount: ['贷款账号', 'Loan account'],
  disbursedOn: ['放款日', 'Disbursed on'],
  firstDue: ['首期还款', 'First instalment'],
  timeline: ['办理进度', 'Timeline'],
  citizenReview: ['评价（好差评）', 'Your review'],
  citizenReviewIntro: ['请为本次办理评价：1 分为非常不满意，5 分为非常满意。每笔申请评价一次。', 'How was it? 1 is very dissatisfied, 5 very satisfied. One review per application.'],
  score: ['评分', 'Score'],
  SCORE_1: ['非常不满意', 'very dissatisfied'],
  SCORE_2: ['不满意', 'dissatisfied'],
  SCORE_3: ['基本满意', 'fair'],
  SCORE_4: ['满意', 'satisfied'],
  SCORE_5: ['非常满意', 'very satisfied'],
  reviewComment: ['意见建议（选填）', 'Comment (optional)'],
  sendReview: ['提交评价', 'Send the review'],
  reviewGiven: ['您的评价：{score} 分', 'Your review: {score} of 5'],
  reviewedOn: ['您已于 {at} 评价，感谢。', 'You reviewed it on {at}. Thank you.'],
  APPLICANT: ['申请人', 'the applicant'],
  SPOUSE: ['配偶', 'the spouse'],
  CO_BORROWER: ['共同借款人', 'the co-borrower'],
  you: ['您', 'you'],
  withSpouse: ['夫妻共同申请', 'with the spouse'],
  BORROWER: ['借款人', 'a borrower'],
  CO_OWNER: ['共有人', 'a co-owner'],
  error: ['出错了：', 'Something went wrong: '],
  // the service hall (帮代办)
  hallSignIn: ['服务大厅代办登录', 'Service hall sign-in (for an applicant)'],
  hallSignInIntro: ['服务大厅工作人员：凭委托人给您的委托书编号登录，为其代办。', 'Service hall staff: sign in with the proxy authorization number the applicant gave you, to act for them.'],
  actingFor: ['代办：委托人', 'Acting for the applicant'],
  proxyNotVerified: ['未找到有效的代办委托：该委托书不存在、已撤回或已过期，或并非委托给您。请委托人重新授权后再登录。', 'No proxy authorization in force: it does not exist, was withdrawn or expired, or was not given to you. Ask the applicant to authorize you, then sign in again.'],
  theirApplications: ['委托人的申请', 'The applicant’s applications'],
  theApplicant: ['委托人', 'The applicant'],
  idNumber: ['公民身份号码', 'ID number'],
  mobile: ['手机号码', 'Mobile number'],
  inPersonStep: ['当面核验身份', 'Identity checked in person'],
  inPersonIntro: ['核对委托人的居民身份证原件后，填写本次核验的登记号。核验凭证10分钟内有效，委托人签署合同时使用。', 'Check the applicant’s ID card in person, then enter the hall’s reference of the check. The proof counts for 10 minutes, for the applicant to sign with.'],
  checkReference: ['核验登记号', 'Reference of the check'],
  attest: ['确认已当面核验', 'Attest the in-person check'],
  attested: ['已当面核验，核验凭证：', 'Checked in person; the proof: '],
  // the officer's workbench
  workbench: ['审批工作台', 'Officer’s workbench'],
  officerOf: ['公积金中心 {centre} 经办人员', 'Officer of fund centre {centre}'],
  centreApplications: ['本中心的申请', 'The centre’s applications'],
  filterStatus: ['申请状态', 'Application status'],
  filterCheck: ['核验状态', 'Check state'],
  anyValue: ['全部', 'Any'],
  previousPage: ['上一页', 'Previous page'],
  nextPage: ['下一页', 'Next page'],
  pageNo: ['第 {n} 页', 'Page {n}'],
  noneFound: ['没有符合条件的申请。', 'No application matches.'],
  failedChecks: ['{n} 项核验未通过', '{n} checks failed'],
  overdue: ['已超期 {n} 天', '{n} days overdue'],
  review: ['人工审核', 'Officer’s review'],
  reviewIntro: ['本申请已转人工审核：请核对上方未通过的核验及原因，填写审核意见后作出决定。', 'This application was referred: read the failed checks and their reasons above, give your reason, then decide.'],
  reason: ['审核意见', 'Reason'],
  approve: ['批准', 'Approve'],
  maximumWithTalent: ['人才额度上浮后最高额度', 'Maximum with the talent increase'],
  talentConfirmed: ['已核实申请所附人才证书（计入人才额度上浮）', 'I have checked the talent certificate the application names (the talent increase counts)'],
  reject: ['不予批准', 'Reject'],
  decidedBy: ['审核人', 'Decided by'],
  decided: ['已作出决定。', 'Decided.'],
} as const satisfies Record<string, readonly [string, string]>;

export type TextKey = keyof typeof TEXT;

export const STEP_NAMES: Record<string, readonly [string, string]> = {
  GATHER_IDENTITY: ['身份与户籍（公安）', 'Identity and household (public security)'],
  GATHER_MARRIAGE: ['婚姻登记（民政）', 'Marriage (civil affairs)'],
  GATHER_CONTRACT: ['购房合同备案（住建）', 'Contract filing (housing)'],
  GATHER_TAX: ['契税（税务）', 'Transfer tax (tax)'],
  GATHER_REGISTRATION: ['不动产登记（自然资源）', 'Property register (natural resources)'],
  GATHER_CREDIT: ['个人征信（人民银行）', 'Credit report (PBoC)'],
  GATHER_PROVIDENT_FUND: ['公积金缴存与贷款（公积金中心）', 'Fund deposits and loans (fund centre)'],
  DECIDE: ['审批', 'Decision'],
  REGISTER_MORTGAGE: ['抵押登记', 'Mortgage registration'],
  DISBURSE: ['放款', 'Disbursement'],
};

export const TIMELINE_KINDS: Record<string, readonly [string, string]> = {
  ACCEPTED: ['受理', 'Accepted'],
  CHECKED: ['核验完成', 'Checked'],
  NEEDS_CONSENT: ['等待授权', 'Awaiting a consent'],
  UNAVAILABLE: ['部门暂时无法响应', 'Agency unavailable'],
  GAVE_UP: ['转人工', 'Handed to an officer'],
  APPROVED_AUTOMATICALLY: ['自动审批通过', 'Approved automatically'],
  REFERRED_TO_OFFICER: ['转人工审核', 'Referred to an officer'],
  APPROVED_BY_OFFICER: ['审核通过', 'Approved by an officer'],
  REJECTED_BY_OFFICER: ['审核未通过', 'Rejected by an officer'],
  WITHDRAWN: ['撤回', 'Withdrawn'],
  SIGNED: ['签约', 'Signed'],
  ALL_SIGNED: ['全部签约完成', 'Everyone signed'],
  MORTGAGE_REGISTERED: ['抵押登记完成', 'Mortgage registered'],
  REVIEWED: ['评价', 'Reviewed'],
  DISBURSEMENT_INSTRUCTED: ['已通知受托银行放款', 'Bank instructed'],
  DISBURSED: ['已放款', 'Disbursed'],
  DISBURSEMENT_REFUSED: ['银行拒绝放款', 'Disbursement refused'],
  NOTICE_DELIVERED: ['通知已送达', 'Notice delivered'],
  NOTICE_DEAD_LETTERED: ['通知未能送达', 'Notice not delivered'],
};

const AGENCIES = {
  PUBLIC_SECURITY: ['公安', 'Public security'],
  CIVIL_AFFAIRS: ['民政', 'Civil affairs'],
  HOUSING: ['住建', 'Housing'],
  TAX: ['税务', 'Tax'],
  NATURAL_RESOURCES: ['自然资源', 'Natural resources'],
  PBOC_CREDIT: ['人民银行征信', 'PBoC credit'],
  PROVIDENT_FUND: ['公积金中心', 'Fund centre'],
} as const;

/** An agency by its enum value (checks, scopes) or by the name its records carry (`source.agency`: provident-fund). */
export const AGENCY_NAMES: Record<string, readonly [string, string]> = Object.fromEntries(
  Object.entries(AGENCIES).flatMap(([code, names]) => [
    [code, names],
    [code.toLowerCase().replace(/_/g, '-'), names],
  ]),
);

/** The data items a consent names, in words: a parent consents for the minor children of their household record too, as their guardian. */
export const DATA_ITEM_NAMES: Record<string, readonly [string, string]> = {
  identity: ['身份与户籍（含户内未成年子女）', 'identity and household record (with the minor children in it)'],
  marriage: ['婚姻登记', 'marriage registration'],
  contractFiling: ['购房合同备案', 'purchase-contract filing'],
  transferTax: ['契税申报与缴纳', 'transfer tax'],
  registration: ['所购房屋的不动产登记', 'registration of the home bought'],
  holdings: ['本人及未成年子女名下房产（您作为监护人同意）', 'homes held by you and your minor children (you consent as their guardian)'],
  account: ['公积金账户', 'HPF account'],
  loans: ['公积金贷款', 'HPF loans'],
  creditReport: ['个人信用报告', 'credit report'],
};

/** The registers' own values, in words. */
export const VALUE_NAMES: Record<string, readonly [string, string]> = {
  ACTIVE: ['正常', 'active'],
  CANCELLED: ['已注销', 'cancelled'],
  MARRIED: ['已婚', 'married'],
  DIVORCED: ['离异', 'divorced'],
  UNREGISTERED: ['未登记', 'not registered'],
};

export type Translate = (key: TextKey, values?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const index = language === 'zh' ? 0 : 1;
  return (key, values = {}) => TEXT[key][index].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

export const pick = (language: Language, pair: readonly [string, string] | undefined, fallback: string) => (pair ? pair[language === 'zh' ? 0 : 1] : fallback);

export interface LanguageContext {
  language: Language;
  t: Translate;
}

export const Language = createContext<LanguageContext>({ language: 'zh', t: translator('zh') });
export const useLanguage = () => useContext(Language);

const STORED = 'hpf.language';
export const storedLanguage = (): Language => (localStorage.getItem(STORED) === 'en' ? 'en' : 'zh');
export const storeLanguage = (language: Language) => localStorage.setItem(STORED, language);
