/**
 * 办事指南: the public service guide of the one thing — conditions, materials (and which ones the
 * platform's shared data replaces), steps and time limits. Conditions quote the centre policy's
 * figures, which are unconfirmed placeholders (see domain/centre-policy.ts) until a centre publishes its own.
 */
import type { AgencyName } from '../../lib/agency-contracts';

export interface GuideMaterial {
  name: string;
  /** The agency whose shared data replaces this material (数据代替材料), or null when the applicant still brings it. */
  replacedBy: AgencyName | null;
}

export const SERVICE_GUIDE = {
  title: '住房公积金个人住房贷款购房“一件事” (HPF loan home purchase — one thing)',
  conditions: [
    '连续足额缴存住房公积金 6 个月以上 (6+ months of continuous deposits; centre policy, unconfirmed)',
    '无未结清的住房公积金贷款 (no outstanding HPF loan)',
    '个人征信无当前逾期，近两年无“连三累六” (no current overdue; no 3 consecutive / 6 cumulative overdue months in 2 years)',
    '已签订购房合同并网签备案，契税等已申报缴纳 (contract filed; transfer taxes declared and paid)',
    '贷款期限不超过 30 年，借款人年龄与期限之和符合中心规定 (term ≤ 30 years; age + term within the centre limit)',
  ],
  materials: [
    { name: '居民身份证 (ID card)', replacedBy: 'public-security' },
    { name: '户口簿 (household register)', replacedBy: 'public-security' },
    { name: '婚姻状况证明 (marriage certificate or proof of single status)', replacedBy: 'civil-affairs' },
    { name: '购房合同及网签备案证明 (purchase contract and filing)', replacedBy: 'housing' },
    { name: '契税完税凭证 (transfer tax receipt)', replacedBy: 'tax' },
    { name: '不动产权证书或预告登记证明 (title or pre-registration)', replacedBy: 'natural-resources' },
    { name: '个人征信报告 (credit report; with written authorization)', replacedBy: 'pboc-credit' },
    { name: '住房公积金缴存证明 (HPF deposit record)', replacedBy: 'provident-fund' },
    { name: '首付款缴款凭证 (down payment receipt)', replacedBy: null },
    { name: '借款人银行卡 (borrower bank card for repayment)', replacedBy: null },
  ] satisfies GuideMaterial[],
  steps: [
    '线上一次提交申请，授权数据共享与征信查询 (apply once online; give consents and the credit authorization)',
    '平台并联核验七部门数据 (the platform checks seven agencies in parallel)',
    '公积金中心审批 (the centre decides; automatic when every check passes)',
    '全体借款人、共有人人脸核验后电子签约 (every borrower and co-owner signs after face verification)',
    '不动产抵押登记，电子证明回传 (mortgage registration; e-certificate returned)',
    '受托银行放款 (the entrusted bank disburses)',
  ],
  timeLimits: [
    '审批时限：受理之日起 15 日内 (decision within 15 days of acceptance; 住房公积金管理条例 art. 26)',
    '抵押登记：签约完成后即时办理 (mortgage registration as soon as everyone has signed)',
  ],
} as const;
