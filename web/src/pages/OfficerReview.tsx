/**
 * 人工审核: one application of the officer's centre — both deadlines counting down, every check with
 * its findings, the decision with the reasons it was referred for and the limit that binds — and,
 * while it is referred, the officer's decision with a reason (kept with the decision, shown to the
 * applicant). The graph refuses what an officer may not do (another centre's, past a hard limit);
 * its words are shown as they come.
 */
import { useId, useState } from 'react';
import type { PageProps } from '../App';
import { request } from '../api';
import { instant, money, useAction, useOperation } from '../data';
import { STEP_NAMES, pick, useLanguage, type TextKey } from '../i18n';
import { ApproveApplication, OfficerApplication, RejectApplication } from '../operations';
import { Problems } from './Problems';
import { Timeline } from './Timeline';
import { daysText } from './Workbench';

export function OfficerReview({ caller, graphqlPath, id }: PageProps & { id: string }) {
  const { t, language } = useLanguage();
  const ids = useId();
  const [reason, setReason] = useState('');
  const [talentConfirmed, setTalentConfirmed] = useState(false);
  const page = useOperation(graphqlPath, caller, OfficerApplication, { id });
  const { busy, problems, act } = useAction(() => page.reload());
  const application = page.answer?.data?.loanApplication;
  if (page.failure) return <Problems messages={[page.failure]} />;
  if (!page.answer) return <p role="status">{t('loading')}</p>;
  if (!application) return <Problems messages={page.answer.errors.map((e) => e.message)} />;

  const decide = (approve: boolean) => () =>
    act(async () => {
      // A refusal (past a hard limit, no longer referred) comes as the mutation's error: shown, never dropped.
      const variables = { id, reason: reason.trim() };
      const answer = approve
        ? await request(graphqlPath, caller, ApproveApplication, { ...variables, talentCertificateConfirmed: talentConfirmed })
        : await request(graphqlPath, caller, RejectApplication, variables);
      if (answer.errors.length > 0) throw new Error(answer.errors.map((e) => e.message).join('; '));
    });
  const role = (party: { role: string; ordinal?: number | null }) => `${t(party.role as TextKey)}${party.ordinal ? ` ${party.ordinal}` : ''}`;
  const decision = application.decision;
  return (
    <>
      <p>
        <a href="#/">← {t('workbench')}</a>
      </p>
      <Problems messages={[...problems, ...page.answer.errors.map((e) => e.message)]} />
      <section className="card" aria-labelledby={`${ids}-title`}>
        <h2 id={`${ids}-title`}>
          {t('applicationNo')} <span className="mono">{application.id}</span>
        </h2>
        <p>
          {t('status')}:{' '}
          <strong className="status" data-status={application.status ?? ''} data-testid="status" aria-live="polite">
            {application.status ? t(application.status) : '—'}
          </strong>
        </p>
        <p>
          {money(application.amount)} · {(application.termMonths ?? 0) / 12}
          {language === 'zh' ? ' 年' : ' years'}
          {application.repaymentMethod ? ` · ${t(application.repaymentMethod)}` : ''} · {instant(application.acceptedAt, language)}
        </p>
        <h3>{t('deadlines')}</h3>
        <ul className="deadlines" data-testid="deadlines">
          <li>
            {t('statutory')}: {t('dueBy')} {instant(application.decisionDueAt, language)}
            {!application.decidedAt && application.daysLeftToDecide != null ? ` · ${daysText(t, application.daysLeftToDecide)}` : ''}
          </li>
          <li>
            {t('promised')}: {t('dueBy')} {instant(application.promisedDecisionBy, language)}
            {!application.decidedAt && application.daysLeftToPromisedDecision != null ? ` · ${daysText(t, application.daysLeftToPromisedDecision)}` : ''}
          </li>
        </ul>
      </section>

      <section className="card" aria-labelledby={`${ids}-checks`}>
        <h2 id={`${ids}-checks`}>{t('checks')}</h2>
        <ul className="checks">
          {(application.checks ?? []).map((check) => (
            <li key={check.step} data-step={check.step} data-check-status={check.status}>
              <strong>{pick(language, STEP_NAMES[check.step], check.step)}</strong>{' '}
              <span className="status" data-status={check.outcome ?? check.status}>
                {check.status === 'DONE' && check.outcome ? t(check.outcome as TextKey) : t(check.status)}
              </span>
              <span className="muted">
                {' '}
                · {t('attempts')} {check.attempts}
              </span>
              {check.status === 'UNAVAILABLE' && check.nextAttemptAt && <p className="muted">{t('nextAttempt', { at: instant(check.nextAttemptAt, language) })}</p>}
              {check.findings.length > 0 && (
                <ul>
                  {check.findings.map((finding, index) => (
                    <li key={index}>
                      {finding.party ? `${role(finding.party)}: ` : ''}
                      {language === 'zh' ? finding.message : finding.englishMessage} <span className="mono muted">{finding.code}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </section>

      {decision && (
        <section className="card" aria-labelledby={`${ids}-decision`}>
          <h2 id={`${ids}-decision`}>{t('decision')}</h2>
          <p data-testid="decision">
            <strong>{t(`OUTCOME_${decision.outcome}` as TextKey)}</strong>
            {application.decidedAt ? ` · ${instant(application.decidedAt, language)}` : ''}
          </p>
          <dl className="facts">
            <div className="fact">
              <dt>{t('maximumAmount')}</dt>
              <dd>{money(decision.maximumAmount)}</dd>
            </div>
            {decision.maximumAmountWithTalent && (
              <div className="fact">
                <dt>{t('maximumWithTalent')}</dt>
                <dd data-testid="maximum-with-talent">{money(decision.maximumAmountWithTalent)}</dd>
              </div>
            )}
            <div className="fact">
              <dt>{t('binding')}</dt>
              <dd>{decision.bindingLimit ?? '—'}</dd>
            </div>
            <div className="fact">
              <dt>{t('rate')}</dt>
              <dd>{decision.rate ?? '—'}</dd>
            </div>
            <div className="fact">
              <dt>{t('homeOrder')}</dt>
              <dd>{decision.homeOrder ?? '—'}</dd>
            </div>
          </dl>
          <ul data-testid="reasons">
            {decision.findings.map((finding, index) => (
              <li key={index}>
                {language === 'zh' ? finding.message : finding.englishMessage} <span className="mono muted">{finding.code}</span>
              </li>
            ))}
          </ul>
          {decision.officerReason && (
            <p data-testid="officer-reason">
              {t('decidedBy')} {decision.officer ?? ''}: {decision.officerReason}
            </p>
          )}
        </section>
      )}

      {application.status === 'REFERRED' && (
        <section className="card" aria-labelledby={`${ids}-review`}>
          <h2 id={`${ids}-review`}>{t('review')}</h2>
          <p>{t('reviewIntro')}</p>
          <label>
            {t('reason')}
            <textarea value={reason} required rows={3} onChange={(e) => setReason(e.target.value)} />
          </label>
          {decision?.maximumAmountWithTalent && (
            <label className="check">
              <input type="checkbox" checked={talentConfirmed} onChange={(e) => setTalentConfirmed(e.target.checked)} />
              {t('talentConfirmed')}
            </label>
          )}
          <div className="actions">
            <button type="button" className="primary" disabled={busy || !reason.trim()} onClick={() => void decide(true)()}>
              {t('approve')}
            </button>
            <button type="button" disabled={busy || !reason.trim()} onClick={() => void decide(false)()}>
              {t('reject')}
            </button>
          </div>
        </section>
      )}

      <Timeline entries={application.timeline ?? []} partyName={role} />
    </>
  );
}
