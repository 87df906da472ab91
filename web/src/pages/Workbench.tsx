/**
 * 审批工作台: the officer's centre's applications, newest first, a page at a time (the cursor the
 * graph hands back: older pages by `after`, earlier ones by the cursors already walked), narrowed
 * by the application's status or by a check's state (GAVE_UP: the checks left to an officer). Each
 * shows what is left of both deadlines until it is decided.
 */
import { useId, useState } from 'react';
import type { PageProps } from '../App';
import { instant, money, useOperation } from '../data';
import type { CheckStatus, LoanApplicationStatus } from '../generated/graphql';
import { useLanguage, type TextKey } from '../i18n';
import { Workbench as WorkbenchQuery } from '../operations';
import { Problems } from './Problems';

const PAGE_SIZE = 10;
const STATUSES: readonly LoanApplicationStatus[] = ['REFERRED', 'ACCEPTED', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'READY_FOR_DISBURSEMENT', 'DISBURSED'];
const CHECK_STATUSES: readonly CheckStatus[] = ['GAVE_UP', 'UNAVAILABLE', 'AWAITING_CONSENT', 'PENDING', 'DONE'];

/** "剩余 n 天", or how far past it is. */
export function daysText(t: (key: TextKey, values?: Record<string, number>) => string, days: number | null | undefined): string {
  if (days == null) return '';
  return days < 0 ? t('overdue', { n: -days }) : t('daysLeft', { n: days });
}

export function Workbench({ session, caller, graphqlPath }: PageProps) {
  const { t, language } = useLanguage();
  const ids = useId();
  const [status, setStatus] = useState<LoanApplicationStatus | ''>('REFERRED');
  const [checkStatus, setCheckStatus] = useState<CheckStatus | ''>('');
  // The cursors of the pages walked so far: the last is this page's (null: the newest).
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const filter = { ...(status ? { status } : {}), ...(checkStatus ? { checkStatus } : {}) };
  const { answer, failure } = useOperation(graphqlPath, caller, WorkbenchQuery, { filter, first: PAGE_SIZE, after: cursors.at(-1) ?? null });
  const narrow = (apply: () => void) => {
    apply();
    setCursors([null]);
  };
  const page = answer?.data?.loanApplications;

  return (
    <>
      <Problems messages={failure ? [failure] : (answer?.errors ?? []).map((e) => e.message)} />
      <section className="card" aria-labelledby={`${ids}-title`}>
        <p className="greeting">{t('officerOf', { centre: session.centre })}</p>
        <h2 id={`${ids}-title`}>{t('centreApplications')}</h2>
        <div className="filters">
          <label>
            {t('filterStatus')}
            <select value={status} onChange={(e) => narrow(() => setStatus(e.target.value as LoanApplicationStatus | ''))}>
              <option value="">{t('anyValue')}</option>
              {STATUSES.map((value) => (
                <option key={value} value={value}>
                  {t(value)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('filterCheck')}
            <select value={checkStatus} onChange={(e) => narrow(() => setCheckStatus(e.target.value as CheckStatus | ''))}>
              <option value="">{t('anyValue')}</option>
              {CHECK_STATUSES.map((value) => (
                <option key={value} value={value}>
                  {t(value)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {!answer && <p role="status">{t('loading')}</p>}
        {page && page.applications.length === 0 && <p>{t('noneFound')}</p>}
        {page && page.applications.length > 0 && (
          <ul className="applications">
            {page.applications.map((application) => {
              const failed = application.checks?.filter((check) => check.outcome === 'FAILED').length ?? 0;
              return (
                <li key={application.id} data-application={application.id}>
                  <a href={`#/applications/${encodeURIComponent(application.id)}`}>
                    <span className="status" data-status={application.status ?? ''}>
                      {application.status ? t(application.status) : '—'}
                    </span>{' '}
                    {money(application.amount)} · {instant(application.acceptedAt, language)}
                    {failed > 0 ? ` · ${t('failedChecks', { n: failed })}` : ''}
                    <span className="muted"> · {t('applicationNo')} {application.id}</span>
                  </a>
                  {!application.decidedAt && (
                    <p className="muted">
                      {t('statutory')}: {daysText(t, application.daysLeftToDecide)} · {t('promised')}: {daysText(t, application.daysLeftToPromisedDecision)}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        <nav className="pages" aria-label={t('pageNo', { n: cursors.length })}>
          <button type="button" disabled={cursors.length === 1} onClick={() => setCursors((walked) => walked.slice(0, -1))}>
            {t('previousPage')}
          </button>
          <span>{t('pageNo', { n: cursors.length })}</span>
          <button type="button" disabled={!page?.nextCursor} onClick={() => page?.nextCursor && setCursors((walked) => [...walked, page.nextCursor!])}>
            {t('nextPage')}
          </button>
        </nav>
      </section>
    </>
  );
}
