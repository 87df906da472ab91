/**
 * 人行 PBoC credit reference: credit reports by ID number. Credit reporting regulation art. 18
 * needs the data subject's written authorization for every query, so one item without an
 * authorization reference refuses the whole call. Each query is recorded on the person's report,
 * as the real system does, and counts as a hard query afterwards.
 */
import { AGENCY_CODES, type CreditQueryRequest, type CreditReportRecord } from '../lib/agency-contracts';
import type { Dataset } from './data';
import { answerBatch, requireItems, requireString } from './shared/batch';
import { AgencyError, badRequest } from './shared/errors';
import type { AgencyHandlers } from './shared/simulator';

type QueryRecord = CreditReportRecord['queryRecords'][number];

const QUERY_REASONS: ReadonlyArray<CreditQueryRequest['queryReason']> = ['LOAN_APPROVAL', 'POST_LOAN_MANAGEMENT'];

/** Queries that count as hard enquiries (硬查询); post-loan management does not. */
const HARD_QUERY_REASONS: ReadonlySet<string> = new Set(['LOAN_APPROVAL', 'CREDIT_CARD_APPROVAL']);

export function pbocCreditHandlers(dataset: Dataset): AgencyHandlers<'pboc-credit'> {
  const queriesSinceStart = new Map<string, QueryRecord[]>();
  let reportSequence = 0;

  return {
    reset: () => {
      queriesSinceStart.clear();
      reportSequence = 0;
    },
    readsBySubject: () => Object.fromEntries([...queriesSinceStart].map(([idNumber, queries]) => [idNumber, queries.length])),
    endpoints: {
      '/api/v1/credit-reports/batch-query': (request, context) => {
        const items = requireItems(request.items, 'items', (raw, path) => ({
          idNumber: requireString(raw.idNumber, `${path}.idNumber`),
          authorized: typeof raw.authorizationRef === 'string' && raw.authorizationRef.trim() !== '',
        }));
        if (items.some((item) => !item.authorized)) {
          throw new AgencyError(AGENCY_CODES.AUTHORIZATION_REQUIRED, 'every item needs the data subject’s written authorization (authorizationRef)');
        }
        const queryReason = QUERY_REASONS.find((reason) => reason === request.queryReason);
        if (!queryReason) throw badRequest(`queryReason must be one of ${QUERY_REASONS.join(', ')}`);
        const institution = requireString(request.institution, 'institution');
        const queriedAt = context.now.toISOString();

        return answerBatch(
          items,
          (item) => item.idNumber,
          (item): CreditReportRecord | undefined => {
            const history = dataset.creditHistories.get(item.idNumber);
            if (!history) return undefined;
            const recorded = queriesSinceStart.get(item.idNumber) ?? [];
            recorded.push({ queriedAt, institution, reason: queryReason });
            queriesSinceStart.set(item.idNumber, recorded);
            const queryRecords = [...history.queryRecords, ...recorded];
            reportSequence += 1;
            return {
              ...history,
              reportNumber: `${queriedAt.replace(/\D/g, '').slice(0, 14)}${String(reportSequence).padStart(8, '0')}`,
              generatedAt: queriedAt,
              hardQueries: {
                last1Month: hardQueriesSince(queryRecords, context.now, 1),
                last3Months: hardQueriesSince(queryRecords, context.now, 3),
                last6Months: hardQueriesSince(queryRecords, context.now, 6),
              },
              queryRecords,
            };
          },
        );
      },
    },
  };
}

function hardQueriesSince(records: readonly QueryRecord[], now: Date, months: number): number {
  const since = new Date(now);
  since.setUTCMonth(since.getUTCMonth() - months);
  return records.filter((r) => HARD_QUERY_REASONS.has(r.reason) && new Date(r.queriedAt) >= since && new Date(r.queriedAt) <= now).length;
}
