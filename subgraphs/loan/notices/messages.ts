/**
 * What a notice says. An SMS carries no identifier: the recipient's name masked (张*), the
 * application id and what changed — nothing the phone's screen would leak beyond that. A webhook
 * payload carries the application id, the centre, the kind and the new status, and is signed
 * (lib/webhook-signing.ts); the centre's system reads the rest through the graph, on its case.
 */
import type { LoanPerson, LoanRequest, NoticeDelivery } from '../../../storage/loan-types';
import type { PartyKey } from '../../shared/cases/check-record';
import { maskName } from '../../shared/policy/masks';
import type { NoticeKind } from '../workflow/machine';

/** The sender the centres' 12329 platform sends under (DOMAIN.md: Fujian's centres' SMS). */
export const SMS_SENDER = '福建12329';

/** What changed, in the words of a 12329 text. */
const WHAT_CHANGED: { readonly [K in NoticeKind]: (detail: Record<string, unknown>) => string } = {
  ACCEPTED: () => '已受理，中心将在15日内作出审批决定',
  NEEDS_CONSENT: () => '需要您本人授权数据查询后才能继续审核，请登录办理',
  REFERRED: () => '已转人工审核，审核结果将另行通知',
  APPROVED: () => '已审批通过，请登录查看并签订借款合同',
  REJECTED: () => '未获批准，原因请登录查看',
  MORTGAGE_REGISTERED: () => '抵押登记已办结，等待受托银行放款',
  DISBURSED: (detail) => `贷款已发放${typeof detail.disbursedOn === 'string' ? `（放款日期${detail.disbursedOn}）` : ''}，还款计划自放款日起计`,
  WITHDRAWN: () => '已撤回',
};

const isNoticeKind = (kind: string): kind is NoticeKind => Object.prototype.hasOwnProperty.call(WHAT_CHANGED, kind);

export function personOf(request: LoanRequest, party: string): LoanPerson | null {
  if (party === 'APPLICANT') return request.applicant;
  if (party === 'SPOUSE') return request.spouse;
  const match = /^CO_BORROWER:(\d+)$/.exec(party as PartyKey);
  return match ? (request.coBorrowers[Number(match[1]) - 1] ?? null) : null;
}

/** The text of one SMS: `林*，您好：您的住房公积金贷款申请（编号…）已受理…【福建12329】`. */
export function smsText(delivery: Pick<NoticeDelivery, 'kind' | 'detail' | 'applicationId'>, recipient: LoanPerson): string | null {
  if (!isNoticeKind(delivery.kind)) return null;
  return `${maskName(recipient.name)}，您好：您的住房公积金贷款申请（编号${delivery.applicationId}）${WHAT_CHANGED[delivery.kind](delivery.detail)}。【${SMS_SENDER}】`;
}

/** The JSON a centre's webhook receives. */
export function webhookPayload(delivery: NoticeDelivery, status: string): string {
  return JSON.stringify({
    id: delivery.noticeId,
    applicationId: delivery.applicationId,
    centreCode: delivery.centre,
    kind: delivery.kind,
    status,
    occurredAt: delivery.createdAt.toISOString(),
    detail: delivery.detail,
  });
}
