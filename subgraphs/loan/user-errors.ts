/**
 * The words of the loan mutations' userErrors, in Chinese and English: the form shows them to the
 * person filling it in, in the language their browser asks for (Accept-Language, Chinese unless
 * English is preferred). The `code` is what a client branches on and never changes with the language.
 */
import type { Language } from '../../lib/errors';

export interface UserError {
  field: string[];
  message: string;
  code: string;
  /** With OPEN_APPLICATION_EXISTS: the open application, when the caller may see it. */
  openApplicationId?: string;
}

type Words = { readonly code: string; readonly zh: string; readonly en: string };

/** Each message once, with its code; `{name}` is filled in from the figures given. */
export const USER_ERROR_WORDS = {
  IDEMPOTENCY_KEY_FORMAT: { code: 'INVALID', zh: '请使用8至128位字母、数字、-或_（建议使用UUID）', en: 'use 8–128 letters, digits, - or _ (a UUID is ideal)' },
  NAME_REQUIRED: { code: 'INVALID', zh: '请填写与身份证一致的姓名', en: 'give the name as on the ID card' },
  DUPLICATE_PERSON: { code: 'DUPLICATE_PERSON', zh: '同一人在申请中出现了不止一次', en: 'a person appears more than once on the application' },
  TOO_MANY_CO_BORROWERS: { code: 'INVALID', zh: '共同借款人最多{max}人', en: 'at most {max} co-borrowers' },
  PROPERTY_REQUIRED: { code: 'REQUIRED', zh: '请填写购房合同备案号或不动产单元号', en: 'give the purchase contract number or the unit number' },
  AMOUNT_RANGE: { code: 'INVALID', zh: '贷款金额应大于0且不超过10,000,000.00元', en: 'the amount must be above 0 and at most 10,000,000.00 yuan' },
  TERM_RANGE: { code: 'INVALID', zh: '贷款期限应为不少于12个月的整月数', en: 'the term is a whole number of months from 12' },
  FORBIDDEN_CENTRE: { code: 'FORBIDDEN_CENTRE', zh: '公积金中心只能为本中心受理申请', en: 'a fund centre files applications for its own centre only' },
  NOT_YOUR_APPLICATION_PROXY: { code: 'NOT_YOUR_APPLICATION', zh: '代办人只能为授权其办理的申请人提交申请', en: 'a proxy agent files only for the applicant who authorized them' },
  NOT_YOUR_APPLICATION: { code: 'NOT_YOUR_APPLICATION', zh: '申请人只能提交本人的申请', en: 'an applicant files only their own application' },
  CENTRE_REQUIRED: { code: 'REQUIRED', zh: '请选择受理申请的公积金中心', en: 'name the fund centre the application goes to' },
  CENTRE_FORMAT: { code: 'INVALID', zh: '公积金中心代码为6位数字', en: 'a fund centre code is 6 digits' },
  CENTRE_UNKNOWN: { code: 'CENTRE_UNKNOWN', zh: '该代码不是本平台受理的福建省公积金中心', en: 'no Fujian HPF centre served here has this code' },
  COMBINATION_NOT_OFFERED: { code: 'COMBINATION_NOT_OFFERED', zh: '{centre}暂不办理组合贷款', en: '{centre} does not offer combination loans' },
  TALENT_CERTIFICATE_FORMAT: { code: 'TALENT_CERTIFICATE_FORMAT', zh: '人才证书编号应为6至40位字母、数字或连字符', en: 'a talent certificate number is 6–40 letters, digits or hyphens' },
  TALENT_NOT_OFFERED: { code: 'TALENT_NOT_OFFERED', zh: '{centre}暂无人才额度上浮', en: '{centre} has no talent increase' },
  TERM_EXCEEDS_POLICY: { code: 'TERM_EXCEEDS_POLICY', zh: '{centre}贷款期限最长{months}个月', en: '{centre} lends for at most {months} months' },
  AMOUNT_EXCEEDS_POLICY: { code: 'AMOUNT_EXCEEDS_POLICY', zh: '{centre}对每户的贷款最高{yuan}元', en: '{centre} lends at most {yuan} yuan to any household' },
  CONTRACT_NOT_FILED: {
    code: 'CONTRACT_NOT_FILED',
    zh: '住建部门未查到该购房合同的网签备案，请核对合同备案号',
    en: 'the housing authority has no filing of this purchase contract; check the contract number',
  },
  UNIT_NOT_OF_CONTRACT: {
    code: 'UNIT_NOT_OF_CONTRACT',
    zh: '该购房合同备案的不是此不动产单元，请核对单元号',
    en: 'this purchase contract is filed for a different unit; check the unit number',
  },
  IDEMPOTENCY_KEY_REUSED: { code: 'IDEMPOTENCY_KEY_REUSED', zh: '该幂等键已用于另一笔申请，新申请请使用新的键', en: 'this key was used for a different application; use a new key for a new application' },
  OPEN_APPLICATION_EXISTS: {
    code: 'OPEN_APPLICATION_EXISTS',
    zh: '申请人对该房屋已有一笔办理中的申请（{id}），请继续办理该申请，或待其办结后再申请',
    en: 'the applicant already has an open application for this property ({id}); follow that one, or wait until it is finished',
  },
  OPEN_APPLICATION_ELSEWHERE: {
    code: 'OPEN_APPLICATION_EXISTS',
    zh: '申请人对该房屋已在其他中心有一笔办理中的申请',
    en: 'the applicant already has an open application for this property at another centre',
  },
} as const satisfies Record<string, Words>;

export type UserErrorKind = keyof typeof USER_ERROR_WORDS;

/** An identifier rule broken (lib/identifiers.ts), in the reader's language. */
export function ruleBroken(field: string[], rule: { rule: string; ruleZh: string }, language: Language): UserError {
  return { field: ['input', ...field], code: 'INVALID', message: language === 'en' ? rule.rule : rule.ruleZh };
}

export function userError(field: string[], kind: UserErrorKind, language: Language, figures: Readonly<Record<string, string | number>> = {}): UserError {
  const words = USER_ERROR_WORDS[kind];
  const template = language === 'en' ? words.en : words.zh;
  return { field: ['input', ...field], code: words.code, message: template.replace(/\{(\w+)\}/g, (_, name: string) => String(figures[name] ?? '')) };
}
