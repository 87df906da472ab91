/**
 * The catalogue of reasons a loan check can give: every code, with a short message in Chinese and
 * English. A reason names the party by role, never by name or ID number, so a reason can be shown,
 * logged or sent to an officer without carrying personal data.
 */
import type { AgencyName } from '../../../lib/agency-contracts';

export const REASON_MESSAGES = {
  // identity
  PERSON_NOT_FOUND: { zh: '公安户籍系统查无此人', en: 'not in the household register' },
  NAME_MISMATCH: { zh: '姓名与身份证号不符', en: 'name does not match the ID number' },
  HOUSEHOLD_CANCELLED: { zh: '户籍已注销', en: 'household registration cancelled' },
  // marriage
  STALE_SPOUSE_RECORD: { zh: '所列配偶已离婚（以民政婚姻登记为准）', en: 'the named spouse is divorced per civil affairs' },
  SPOUSE_MISMATCH: { zh: '民政登记的配偶与所列配偶不一致', en: 'civil affairs names a different spouse' },
  NOT_MARRIED: { zh: '列有配偶，但民政无结婚登记', en: 'a spouse is named but civil affairs has no marriage' },
  SPOUSE_NOT_NAMED: { zh: '已婚，但申请未列配偶', en: 'married, but no spouse is named' },
  STALE_SPOUSE_ON_HPF_FILE: { zh: '公积金中心登记的配偶与民政婚姻登记不一致，应予更正', en: 'HPF spouse on file disagrees with civil affairs; correct it' },
  // contract filing
  CONTRACT_NOT_FOUND: { zh: '未查到购房合同网签备案', en: 'no contract filing found' },
  CONTRACT_CANCELLED: { zh: '购房合同备案已注销', en: 'contract filing cancelled' },
  CONTRACT_UNIT_MISMATCH: { zh: '备案合同的不动产单元与申请不一致', en: 'the filed contract is for another unit' },
  APPLICANT_NOT_BUYER: { zh: '申请人不是合同买受人', en: 'not a buyer on the contract' },
  // transfer tax
  TAX_NOT_DECLARED: { zh: '房产交易税费未申报', en: 'transfer tax not declared' },
  TAX_NOT_PAID: { zh: '房产交易税费未缴纳', en: 'transfer tax not paid' },
  // registration
  REGISTRATION_NOT_FOUND: { zh: '未查到不动产登记或预告登记', en: 'no registration or pre-registration' },
  TRANSFER_PENDING: { zh: '不动产转移登记尚未办结', en: 'transfer registration still pending' },
  APPLICANT_NOT_OWNER: { zh: '申请人不是登记权利人', en: 'not a registered owner' },
  PROPERTY_SEIZED: { zh: '不动产已被查封', en: 'the property is under seizure' },
  // credit
  CURRENT_OVERDUE: { zh: '征信存在当前逾期', en: 'currently overdue in the credit report' },
  SERIOUS_OVERDUE_HISTORY: { zh: '近24个月逾期“连三累六”', en: '3 months overdue in a row or 6 in all within 24 months' },
  NO_CREDIT_FILE: { zh: '无征信记录', en: 'no credit file' },
  // provident fund
  NO_HPF_ACCOUNT: { zh: '未查到住房公积金账户', en: 'no HPF account' },
  ACCOUNT_NOT_NORMAL: { zh: '住房公积金账户非正常缴存状态', en: 'HPF account not in normal status' },
  INSUFFICIENT_CONTINUOUS_DEPOSITS: { zh: '连续足额缴存月数不足', en: 'too few months of continuous deposits' },
  OUTSTANDING_HPF_LOAN: { zh: '有未结清的住房公积金贷款', en: 'an HPF loan is still outstanding' },
  HPF_LOANS_EXHAUSTED: { zh: '家庭已使用住房公积金贷款达到次数上限', en: 'the household has used HPF loans as often as the policy allows' },
  // term and age
  TERM_EXCEEDS_MAXIMUM: { zh: '贷款期限超过上限', en: 'term longer than the maximum' },
  BUILDING_AGE_EXCEEDS_MAXIMUM: { zh: '房龄与贷款期限之和超过上限', en: 'the building would be too old at the end of the term' },
  AGE_AT_END_EXCEEDS_MAXIMUM: { zh: '贷款到期时超过法定退休年龄加可延长年限', en: 'the term ends too long after statutory retirement' },
  // any check
  AGENCY_UNAVAILABLE: { zh: '数据暂不可用，需人工核实', en: 'data unavailable; verify by hand' },
  // beyond the checks
  HOME_ORDER_UNDETERMINED: { zh: '无法确定首套或二套', en: 'first or second home undetermined' },
  AMOUNT_EXCEEDS_MAXIMUM: { zh: '申请金额超过可贷最高额度', en: 'amount exceeds the maximum' },
  TALENT_CERTIFICATE_TO_CONFIRM: { zh: '申请金额仅在人才额度上浮后可贷，需经办人员核实人才证书', en: 'amount within the maximum only with the talent increase: an officer confirms the talent certificate' },
  MAXIMUM_UNDETERMINED: { zh: '可贷最高额度无法确定', en: 'maximum amount undetermined' },
  // what a party sees of the workflow
  CONSENT_NEEDED: { zh: '待本人授权', en: 'waiting for their own consent' },
  REFERRED_TO_OFFICER: { zh: '已转人工审核', en: 'referred to the officer' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ReasonCode = keyof typeof REASON_MESSAGES;

export type Party = { readonly role: 'APPLICANT' } | { readonly role: 'SPOUSE' } | { readonly role: 'CO_BORROWER'; readonly ordinal: number };

export const AGENCY_LABELS: { readonly [A in AgencyName]: { zh: string; en: string } } = {
  'public-security': { zh: '公安', en: 'Public Security' },
  'civil-affairs': { zh: '民政', en: 'Civil Affairs' },
  housing: { zh: '住建', en: 'Housing' },
  tax: { zh: '税务', en: 'Tax' },
  'natural-resources': { zh: '自然资源', en: 'Natural Resources' },
  'pboc-credit': { zh: '人行征信', en: 'PBoC credit' },
  'provident-fund': { zh: '公积金中心', en: 'HPF centre' },
};

/** Where a reason arose: one of the checks, or the home order, or the amount. */
export type ReasonTopic =
  | 'identity'
  | 'marriage'
  | 'contractFiling'
  | 'transferTax'
  | 'registration'
  | 'credit'
  | 'providentFund'
  | 'term'
  | 'age'
  | 'homeOrder'
  | 'amount';

export interface Reason {
  readonly code: ReasonCode;
  readonly topic: ReasonTopic;
  readonly party: Party | null;
  /** Set when the reason is an agency's silence. */
  readonly agency: AgencyName | null;
  readonly message: { readonly zh: string; readonly en: string };
  /** Figures behind the reason (months, fen, limits) — never personal identifiers. */
  readonly detail: Readonly<Record<string, number | string>>;
}

function partyLabel(party: Party): { zh: string; en: string } {
  switch (party.role) {
    case 'APPLICANT':
      return { zh: '申请人', en: 'Applicant' };
    case 'SPOUSE':
      return { zh: '配偶', en: 'Spouse' };
    case 'CO_BORROWER':
      return { zh: `共同借款人${party.ordinal}`, en: `Co-borrower ${party.ordinal}` };
  }
}

export function reason(
  topic: ReasonTopic,
  code: ReasonCode,
  options: { party?: Party | null; agency?: AgencyName | null; detail?: Record<string, number | string> } = {},
): Reason {
  const party = options.party ?? null;
  const agency = options.agency ?? null;
  const base = REASON_MESSAGES[code];
  const prefixes = [party && partyLabel(party), agency && AGENCY_LABELS[agency]].filter((p): p is { zh: string; en: string } => Boolean(p));
  const message = {
    zh: `${prefixes.map((p) => `${p.zh}：`).join('')}${base.zh}`,
    en: `${prefixes.map((p) => `${p.en}: `).join('')}${base.en}`,
  };
  return Object.freeze({ code, topic, party, agency, message: Object.freeze(message), detail: Object.freeze({ ...options.detail }) });
}
