/**
 * 办事指南: the public service guide of the one thing, in the fields "一件事" guides publish —
 * conditions, materials (each with its source, form, whether required, and how shared data replaces
 * it), steps, time limits, fees, FAQ, channels, linked items with their limits and sample results,
 * and where results are delivered — and each Fujian centre's promised limit (承诺时限).
 *
 * What is confirmed and what is not: the statutory figures quote the regulations they name. Every
 * centre's promise is an UNCONFIRMED PLACEHOLDER (`confirmed: false`): no centre's published guide
 * could be read here. Replace a centre's figure with the one its own guide publishes, cite that guide
 * in `sourceNote`, and set `confirmed: true`. A changed promise is a new entry with its own
 * `effectiveFrom`, never an edit, so an application keeps the promise in force when it was accepted.
 * Texts are Chinese first with English alongside, as the rest of the schema.
 */
import type { AgencyName } from '../../lib/agency-contracts';
import { DATA_ITEMS } from '../../lib/data-items';
import { assertIsoDate, type IsoDate } from './domain/dates';
import { CENTRES } from './domain/centre-policy';

/** 自然日 or 工作日: which days a limit counts. */
export type DayKind = 'CALENDAR' | 'WORKING';

export interface GuideTimeLimit {
  /** What the limit is for. */
  readonly name: string;
  /** How many days; 0: done at once (即时办结). */
  readonly days: number;
  readonly dayKind: DayKind;
  /** When the days start (起算). */
  readonly from: string;
  /** The rule or source the figure rests on. */
  readonly basis: string;
  /** True only when the figure is checked against the published source `basis` names. */
  readonly confirmed: boolean;
}

export interface GuideCondition {
  readonly text: string;
  readonly basis: string;
}

export interface GuideMaterial {
  readonly name: string;
  /** 来源: who issues it. */
  readonly source: string;
  /** 纸质 or 电子, as the material exists. */
  readonly form: 'PAPER' | 'ELECTRONIC';
  readonly required: boolean;
  /** The agency whose shared data replaces it (数据代替材料), or null when the applicant still brings it. */
  readonly replacedBy: AgencyName | null;
  /** The agency's data item the platform reads instead (lib/data-items.ts), with the party's consent. */
  readonly sharedDataItem: string | null;
  /** 提交方式: how it is given, or how the shared data stands in for it. */
  readonly howSubmitted: string;
}

export interface GuideStep {
  readonly name: string;
  /** 办理主体: who does it. */
  readonly by: string;
  readonly description: string;
}

export interface LinkedItem {
  readonly name: string;
  /** 事项: one of the three items the one thing joins; 核验: a verification of shared data within it. */
  readonly kind: 'ITEM' | 'VERIFICATION';
  readonly agency: AgencyName;
  readonly timeLimit: GuideTimeLimit;
  /** 结果样例: what its result looks like (synthetic; masked as a screen shows it). */
  readonly sampleResult: string;
}

export interface GuideChannel {
  readonly kind: 'ONLINE' | 'MOBILE_APP' | 'SERVICE_HALL' | 'SELF_SERVICE_TERMINAL' | 'HOTLINE';
  readonly name: string;
  readonly description: string;
  /** 帮代办: staff act for the applicant under the applicant's stored proxy authorization. */
  readonly assisted: boolean;
}

/** A centre's promised limit for the loan decision (承诺时限), from acceptance, in force from a date. */
export interface CentrePromise {
  readonly centreCode: string;
  readonly centreName: string;
  readonly effectiveFrom: IsoDate;
  /** Calendar days from acceptance to the decision: shorter than the statutory 15. */
  readonly decisionDays: number;
  readonly confirmed: boolean;
  readonly sourceNote: string;
}

/** 住房公积金管理条例 art. 26: decided within 15 days of acceptance. */
export const STATUTORY_DECISION_DAYS = 15;

const DAY_MS = 24 * 3600 * 1000;

/** The statutory limit: the regulation says “15日”, not working days; counted as calendar days, the stricter reading. */
export const STATUTORY_LIMIT: GuideTimeLimit = {
  name: '法定办结时限：贷款审批 (statutory limit: the loan decision)',
  days: STATUTORY_DECISION_DAYS,
  dayKind: 'CALENDAR',
  from: '受理之日起 (from acceptance)',
  basis:
    '《住房公积金管理条例》第二十六条：自受理申请之日起15日内作出准予贷款或者不准贷款的决定；条例未写“工作日”，本平台按自然日计 ' +
    '(HPF regulation art. 26: a decision within 15 days of acceptance; it does not say working days, so the platform counts calendar days)',
  confirmed: true,
};

const PROMISE_PLACEHOLDER_NOTE =
  'UNCONFIRMED PLACEHOLDER (未核实): no published promised limit of this centre could be read here. Replace with the figure of ' +
  'the centre’s own service guide (福建省网上办事大厅), cite that guide here, and set confirmed: true.';

/**
 * The placeholder's date is the province's plan's deadline for publishing the guides (2024-10-31),
 * not a date any centre published.
 */
const PLACEHOLDER_FROM = '2024-10-31';
const PLACEHOLDER_DAYS = 10;

const placeholder = (centreCode: string, centreName: string): CentrePromise => ({
  centreCode,
  centreName,
  effectiveFrom: assertIsoDate(PLACEHOLDER_FROM, 'effectiveFrom'),
  decisionDays: PLACEHOLDER_DAYS,
  confirmed: false,
  sourceNote: PROMISE_PLACEHOLDER_NOTE,
});

/** Every version of every Fujian centre's promise: each centre the loan policy serves (domain/policies), one placeholder each. */
export const CENTRE_PROMISES: readonly CentrePromise[] = validated(CENTRES.map((centre) => placeholder(centre.code, centre.name)));

/** Refuses, at load, a promise the per-application tracking could not honour or a reader could not trust. */
function validated(promises: CentrePromise[]): readonly CentrePromise[] {
  const seen = new Set<string>();
  for (const promise of promises) {
    const at = `${promise.centreCode} from ${promise.effectiveFrom}`;
    if (!/^\d{6}$/.test(promise.centreCode)) throw new Error(`service guide: centre code ${promise.centreCode} is not 6 digits`);
    assertIsoDate(promise.effectiveFrom, `service guide ${at}`);
    if (!Number.isInteger(promise.decisionDays) || promise.decisionDays < 1 || promise.decisionDays >= STATUTORY_DECISION_DAYS) {
      throw new Error(`service guide ${at}: the promise must be 1 to ${STATUTORY_DECISION_DAYS - 1} days, shorter than the statutory limit`);
    }
    if (!promise.centreName.trim() || !promise.sourceNote.trim()) throw new Error(`service guide ${at}: a promise names its centre and its source`);
    if (seen.has(at)) throw new Error(`service guide ${at}: two promises`);
    seen.add(at);
  }
  return Object.freeze(promises.map((promise) => Object.freeze({ ...promise })));
}

const chinaDate = (at: Date) => new Date(at.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);

/** The centre's promise in force on the (China) date of `at`; null when the centre has none then. */
export function promiseFor(centreCode: string, at: Date, promises: readonly CentrePromise[] = CENTRE_PROMISES): CentrePromise | null {
  const date = chinaDate(at);
  let found: CentrePromise | null = null;
  for (const promise of promises) {
    if (promise.centreCode === centreCode && promise.effectiveFrom <= date && (!found || promise.effectiveFrom > found.effectiveFrom)) found = promise;
  }
  return found;
}

/** When the centre promised to decide an application accepted at `acceptedAt`: derived, never stored. */
export function promisedDecisionBy(centreCode: string, acceptedAt: Date, promises: readonly CentrePromise[] = CENTRE_PROMISES): Date | null {
  const promise = promiseFor(centreCode, acceptedAt, promises);
  return promise ? new Date(acceptedAt.getTime() + promise.decisionDays * DAY_MS) : null;
}

export function promisedLimitOf(promise: CentrePromise): GuideTimeLimit {
  return {
    name: `承诺办结时限：贷款审批，${promise.centreName} (promised limit: the loan decision)`,
    days: promise.decisionDays,
    dayKind: 'CALENDAR',
    from: '受理之日起 (from acceptance)',
    basis: promise.sourceNote,
    confirmed: promise.confirmed,
  };
}

const SHARED = '免提交：平台经福建省公共数据汇聚共享平台核验 (not submitted: the platform checks the shared data)';

/** The materials; the order is the guide's. `materialsCollected` counts the required ones shared data did not replace. */
export const MATERIALS: readonly GuideMaterial[] = [
  { name: '居民身份证 (ID card)', source: '公安机关 (public security)', form: 'ELECTRONIC', required: true, replacedBy: 'public-security', sharedDataItem: 'identity', howSubmitted: `${SHARED}：姓名、公民身份号码、户籍注销状态 (name, ID number, household status)` },
  { name: '户口簿 (household register)', source: '公安机关 (public security)', form: 'PAPER', required: true, replacedBy: 'public-security', sharedDataItem: 'identity', howSubmitted: `${SHARED}：户籍信息 (household registration)` },
  { name: '婚姻状况证明：结婚证、离婚证或单身声明 (proof of marital status)', source: '民政部门 (civil affairs)', form: 'PAPER', required: true, replacedBy: 'civil-affairs', sharedDataItem: 'marriage', howSubmitted: `${SHARED}：婚姻登记类型、登记时间、配偶 (registration type, date, spouse)` },
  { name: '商品房买卖合同及网签备案证明或预告登记证明 (purchase contract and its filing or pre-registration)', source: '住房和城乡建设部门 (housing)', form: 'ELECTRONIC', required: true, replacedBy: 'housing', sharedDataItem: 'contractFiling', howSubmitted: `${SHARED}：备案状态、买受人、价格、面积 (filing status, buyers, price, area)` },
  { name: '契税等税费完税凭证 (transfer tax receipts)', source: '税务部门 (tax)', form: 'ELECTRONIC', required: true, replacedBy: 'tax', sharedDataItem: 'transferTax', howSubmitted: `${SHARED}：房产税费申报与缴纳 (declared and paid)` },
  { name: '不动产权证书或不动产登记证明 (title or registration certificate)', source: '不动产登记机构 (natural resources)', form: 'ELECTRONIC', required: true, replacedBy: 'natural-resources', sharedDataItem: 'registration', howSubmitted: `${SHARED}：过户或预告登记、权利人、查封抵押 (transfer or pre-registration, owners, encumbrances)` },
  { name: '个人信用报告 (credit report)', source: '中国人民银行征信中心 (PBoC credit reference centre)', form: 'ELECTRONIC', required: true, replacedBy: 'pboc-credit', sharedDataItem: 'creditReport', howSubmitted: '免提交：本人在线书面授权后由公积金中心查询，每次申请每人一次 (not submitted: the centre queries it once per person per application, under each person’s written authorization given online)' },
  { name: '住房公积金缴存证明 (HPF deposit record)', source: '住房公积金中心 (HPF centre)', form: 'ELECTRONIC', required: true, replacedBy: 'provident-fund', sharedDataItem: 'account', howSubmitted: '免提交：中心系统直接读取账户、缴存与贷款记录 (not submitted: the centre’s system reads the account, deposits and loans)' },
  { name: '首付款缴款凭证 (down payment receipt)', source: '售房单位或售房人 (the seller)', form: 'PAPER', required: true, replacedBy: null, sharedDataItem: null, howSubmitted: '线上上传扫描件，或在服务大厅出示原件 (upload a scan online, or show the original at a service hall)' },
  { name: '借款人还款银行卡 (borrower’s bank card for repayment)', source: '受托银行 (the entrusted bank)', form: 'PAPER', required: true, replacedBy: null, sharedDataItem: null, howSubmitted: '线上填写卡号，面签时核对 (give the number online; checked at signing)' },
  { name: '人才证书 (talent certificate)', source: '人才工作主管部门 (the talent office)', form: 'PAPER', required: false, replacedBy: null, sharedDataItem: null, howSubmitted: '仅申请人才额度上浮时提供：填写证书编号，经办人员核实后计入额度 (only for the talent increase, where the centre has one: give its number; it counts once an officer has checked it)' },
  { name: '收入证明 (proof of income)', source: '借款人工作单位 (the employer)', form: 'PAPER', required: false, replacedBy: null, sharedDataItem: null, howSubmitted: '仅在中心要求时提供：缴存基数通常即可反映收入 (only when the centre asks: the deposit base usually stands for income)' },
];

const CENTRE_RULE = '中心贷款政策，各中心不同，数值未核实 (the centre’s loan policy; differs by centre; figures unconfirmed)';

export const CONDITIONS: readonly GuideCondition[] = [
  { text: '缴存住房公积金的职工，购买自住住房 (a worker who deposits HPF, buying a home to live in)', basis: '《住房公积金管理条例》第二十六条 (HPF regulation art. 26)' },
  { text: '连续足额缴存住房公积金满中心规定月数，多为 6 个月 (continuous full deposits for the centre’s number of months, commonly 6)', basis: CENTRE_RULE },
  { text: '无未结清的住房公积金贷款；第三次使用住房公积金贷款不予受理 (no outstanding HPF loan; no third HPF loan)', basis: CENTRE_RULE },
  { text: '个人征信无当前逾期，近两年无“连三累六” (no current overdue; no 3 consecutive or 6 cumulative overdue months in 2 years)', basis: CENTRE_RULE },
  { text: '购房合同已网签备案或预告登记，契税等已申报缴纳 (contract filed or pre-registered; transfer taxes declared and paid)', basis: '本“一件事”的核验事项 (checked by this one thing)' },
  { text: '首付款不低于中心规定比例 (a down payment of at least the centre’s share of the price)', basis: CENTRE_RULE },
  { text: '贷款期限不超过 30 年，最后一期还款时年龄不超过中心规定 (term at most 30 years; age at the last instalment within the centre’s limit)', basis: CENTRE_RULE },
];

export const STEPS: readonly GuideStep[] = [
  { name: '申请与受理 (apply; accepted)', by: '申请人或帮代办人员 (the applicant, or a service-hall agent)', description: '一张表单一次提交，共享数据回填；提交即受理，法定时限与承诺时限同时起算 (one form, submitted once, prefilled from shared data; accepted on submission, when both limits start)' },
  { name: '授权 (consent)', by: '每位借款人本人 (each borrower, for themself)', description: '为本次申请授权数据共享，并书面授权征信查询；未授权者的核验等待 (consent to data sharing for this application and give the written credit-query authorization; a party’s checks wait for their consent)' },
  { name: '并联核验 (checks)', by: '平台 (the platform)', description: '同时核验公安、民政、住建、税务、自然资源、人民银行、公积金中心七部门数据 (checks the seven agencies’ data in parallel)' },
  { name: '审批 (decision)', by: '住房公积金中心 (the HPF centre)', description: '全部核验通过的自动审批，其余转经办人员审核并说明理由 (automatic when every check passes; otherwise an officer decides, with reasons)' },
  { name: '面签 (signing)', by: '全体借款人和房屋共有人 (every borrower and co-owner)', description: '人脸核验或服务大厅现场核验身份后电子签署借款合同 (each signs the contract electronically after face verification or an in-person ID check)' },
  { name: '抵押登记 (mortgage registration)', by: '住房公积金中心、不动产登记机构 (the centre and the registration office)', description: '中心经抵押直连申请抵押登记，登记机构回传不动产登记证明电子证照 (the centre applies through the direct mortgage link; the office returns the e-certificate)' },
  { name: '放款 (disbursement)', by: '受托银行 (the entrusted bank)', description: '受托银行按借款合同发放贷款，开始还款计划 (the bank pays the loan out under the contract; repayments begin)' },
];

const AT_ONCE_PLATFORM = '本平台：提交（或授权）后即时核验，部门接口不可用时自动重试；非公布时限 (this platform: checked at once, retried while an agency is down; not a published limit)';

const atOnce = (name: string): GuideTimeLimit => ({ name, days: 0, dayKind: 'CALENDAR', from: '授权之日起 (from consent)', basis: AT_ONCE_PLATFORM, confirmed: false });

export const LINKED_ITEMS: readonly LinkedItem[] = [
  {
    name: '申请住房公积金个人住房贷款（含贷款审批、借款合同面签） (HPF loan application, with the decision and contract signing)',
    kind: 'ITEM',
    agency: 'provident-fund',
    timeLimit: STATUTORY_LIMIT,
    sampleResult: '准予贷款：金额 600,000.00 元，期限 240 个月，年利率 2.6%，等额本息；电子借款合同待全体签署 (approved: 600,000.00 yuan, 240 months, 2.6 %, equal instalments; the contract awaits every signature)',
  },
  {
    name: '征信信息查询 (credit report query)',
    kind: 'ITEM',
    agency: 'pboc-credit',
    timeLimit: { ...atOnce('征信查询 (credit query)'), basis: `《征信业管理条例》第十八条：须本人书面同意；${AT_ONCE_PLATFORM}` },
    sampleResult: '信用报告已查询：当前无逾期，近 24 个月无“连三累六” (report queried: no current overdue, no 3-consecutive/6-cumulative in 24 months)',
  },
  {
    name: '不动产抵押登记 (mortgage registration)',
    kind: 'ITEM',
    agency: 'natural-resources',
    timeLimit: {
      name: '抵押登记 (mortgage registration)',
      days: 30,
      dayKind: 'WORKING',
      from: '登记机构受理之日起 (from the registration office’s acceptance)',
      basis: '《不动产登记暂行条例》第二十条：30个工作日内办结；登记机构承诺时限更短，未收录 (Interim Regulation on Real Estate Registration art. 20: within 30 working days; offices promise less, not recorded here)',
      confirmed: true,
    },
    sampleResult: '不动产登记证明（抵押权）电子证照：证明号、抵押权人、债权数额，及电子证照 SHA-256 (e-certificate of the mortgage: its number, the mortgagee, the secured amount, and the e-certificate’s SHA-256)',
  },
  { name: '个人身份信息核验 (identity verification)', kind: 'VERIFICATION', agency: 'public-security', timeLimit: atOnce('身份核验 (identity)'), sampleResult: '姓名与公民身份号码一致；户籍状态：正常 (name and ID number match; household registration not cancelled)' },
  { name: '婚姻信息核验 (marriage verification)', kind: 'VERIFICATION', agency: 'civil-affairs', timeLimit: atOnce('婚姻核验 (marriage)'), sampleResult: '婚姻登记类型：结婚；登记时间：2018-05-20；配偶：陈*娟 (married, registered 2018-05-20; spouse 陈*娟)' },
  { name: '房屋交易合同网签备案或预告登记信息核验 (contract filing verification)', kind: 'VERIFICATION', agency: 'housing', timeLimit: atOnce('网签备案核验 (contract filing)'), sampleResult: '已备案；买受人 2 人；合同价格 1,200,000.00 元；建筑面积 98.50 ㎡ (filed; 2 buyers; price 1,200,000.00 yuan; 98.50 m²)' },
  { name: '不动产交易过户房产税费申报信息核验 (transfer tax verification)', kind: 'VERIFICATION', agency: 'tax', timeLimit: atOnce('税费核验 (transfer tax)'), sampleResult: '契税已申报并缴清：应缴 36,000.00 元，已缴 36,000.00 元 (deed tax declared and paid: 36,000.00 of 36,000.00 yuan)' },
  { name: '不动产交易过户登记信息核验 (transfer registration verification)', kind: 'VERIFICATION', agency: 'natural-resources', timeLimit: atOnce('过户登记核验 (transfer registration)'), sampleResult: '预告登记已办理，权利人与买受人一致，无查封 (pre-registered to the buyers; no seizure)' },
];

export const CHANNELS: readonly GuideChannel[] = [
  { kind: 'ONLINE', name: '福建省网上办事大厅“一件事”专区 (Fujian online service hall)', description: '线上一次提交，结果一网查看 (apply once online and see every result there)', assisted: false },
  { kind: 'MOBILE_APP', name: '闽政通 APP (Minzhengtong app)', description: '手机提交、授权、人脸核验、签约与查看进度 (apply, consent, verify the face, sign and follow the application on a phone)', assisted: false },
  { kind: 'SERVICE_HALL', name: '各住房公积金中心服务大厅（帮代办） (the centres’ service halls, assisted)', description: '经申请人授权（最长 90 日），工作人员代为提交、管理授权并现场核验身份 (under the applicant’s authorization, at most 90 days, staff submit, manage consents and check the ID card in person)', assisted: true },
  { kind: 'SELF_SERVICE_TERMINAL', name: '政务服务自助终端 (self-service terminals)', description: '自助提交与查询 (apply and look up without staff)', assisted: false },
  { kind: 'HOTLINE', name: '12329 住房公积金服务热线 (12329 HPF hotline)', description: '仅咨询，不受理申请 (questions only; no applications)', assisted: false },
];

export const FAQ: ReadonlyArray<{ readonly question: string; readonly answer: string }> = [
  { question: '需要带哪些材料？ (What must I bring?)', answer: '只需首付款缴款凭证和还款银行卡；其余材料由共享数据核验，免提交 (only the down payment receipt and the repayment card; shared data replaces the rest)' },
  { question: '配偶或共同借款人也要授权吗？ (Must my spouse or co-borrower consent too?)', answer: '要。每人为本次申请本人授权，未授权的人的核验等待，不会代为读取 (yes: each consents for themself, for this application; their checks wait until they do)' },
  { question: '征信会被查几次？ (How often is my credit report queried?)', answer: '每次申请每人只查一次，之后使用已查得的报告 (once per person per application; later reads use that report)' },
  { question: '法定时限和承诺时限有什么不同？ (How do the statutory and the promised limits differ?)', answer: '法定时限是条例规定的 15 日，承诺时限是中心承诺的更短期限；两者都从受理起算，每笔申请都显示两者 (the statutory limit is the regulation’s 15 days; the promise is the centre’s shorter one; both start at acceptance and each application shows both)' },
  { question: '无法人脸识别怎么办？ (What if face verification fails?)', answer: '可到服务大厅由帮代办人员现场核验身份证后签约 (an agent at a service hall checks the ID card in person and you sign there)' },
  { question: '提交后可以撤回吗？ (Can I withdraw?)', answer: '抵押登记开始前可以撤回，之后可就同一房屋重新申请 (yes, until the mortgage registration starts; then a new application for the same home may be filed)' },
  { question: '部门系统暂时不可用会怎样？ (What if an agency is down?)', answer: '平台自动重试；仍无法核验的由中心经办人员处理，时限照常计算 (the platform retries; what stays unchecked an officer finishes; the limits keep running)' },
  { question: '要收费吗？ (Is there a fee?)', answer: '不收费 (no)' },
];

export const RESULT_DELIVERY: ReadonlyArray<{ readonly result: string; readonly how: string }> = [
  { result: '办理进度与审批结果 (progress and the decision)', how: '平台“一网查看”，状态变化短信通知（发送方“福建12329”） (online in one place; SMS on each change, from 福建12329)' },
  { result: '借款合同 (the loan contract)', how: '电子合同，在线查看与签署 (electronic, read and signed online)' },
  { result: '不动产登记证明（抵押权） (the mortgage certificate)', how: '电子证照由登记机构回传公积金中心，申请人在线查看证明号 (the office returns the e-certificate to the centre; the applicant sees its number online)' },
  { result: '贷款发放与还款计划 (disbursement and the repayment schedule)', how: '受托银行放款后在线查看还款计划 (online once the bank has paid out)' },
];

export const TITLE = '住房公积金个人住房贷款购房“一件事” (HPF loan home purchase — one thing)';
export const SERVES = '申请住房公积金个人住房贷款购买商品住房的职工 (workers buying a commercial home with an HPF personal housing loan)';
export const LEGAL_BASIS: readonly string[] = [
  '《住房公积金管理条例》 (HPF regulation)',
  '《征信业管理条例》 (credit reporting regulation)',
  '《不动产登记暂行条例》 (interim regulation on real estate registration)',
  '《福建省住房公积金个人住房贷款管理办法》 (Fujian HPF personal housing loan rules)',
  '国办函〔2024〕53号、闽政办〔2024〕21号 (the “一件事” list and Fujian’s notice, as the province’s plan cites them)',
];
export const FEE = { charged: false, description: '不收费：办理本“一件事”不收取任何费用 (no fee: nothing is charged for this one thing)' } as const;

/** The centres the guide knows, in code order, each with its promise in force at `at`. */
export function centresAt(at: Date): Array<{ code: string; name: string; promisedLimit: GuideTimeLimit }> {
  const codes = [...new Set(CENTRE_PROMISES.map((promise) => promise.centreCode))].sort();
  return codes.flatMap((code) => {
    const promise = promiseFor(code, at);
    return promise ? [{ code, name: promise.centreName, promisedLimit: promisedLimitOf(promise) }] : [];
  });
}

/** The whole guide for one centre; null when the guide knows no promise of that centre at `at`. */
export function serviceGuideFor(centreCode: string, at: Date) {
  const centres = centresAt(at);
  const centre = centres.find((known) => known.code === centreCode);
  if (!centre) return null;
  return {
    title: TITLE,
    centre,
    serves: SERVES,
    legalBasis: [...LEGAL_BASIS],
    conditions: [...CONDITIONS],
    materials: MATERIALS.map((material) => ({ ...material, replacedBySharedData: material.replacedBy !== null })),
    steps: STEPS.map((step, index) => ({ order: index + 1, ...step })),
    statutoryLimit: STATUTORY_LIMIT,
    fee: FEE,
    faq: [...FAQ],
    channels: [...CHANNELS],
    linkedItems: [...LINKED_ITEMS],
    resultDelivery: [...RESULT_DELIVERY],
    centres,
  };
}

// A material replaced by shared data names a data item its agency's consent can cover.
for (const material of MATERIALS) {
  if ((material.replacedBy === null) !== (material.sharedDataItem === null) || (material.replacedBy && !DATA_ITEMS[material.replacedBy].includes(material.sharedDataItem!))) {
    throw new Error(`service guide: ${material.name} names no data item of the agency that replaces it`);
  }
}
