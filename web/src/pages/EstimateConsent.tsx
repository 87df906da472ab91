/**
 * 额度试算授权: the signed-in person lets their spouse include them in a couple's quota estimate
 * (夫妻合并试算) at one centre, before any application exists. The consent is shown in plain words
 * before it is given — what is shared (HPF account and loans, registered homes), with whom (the
 * platform's estimate for the spouse at that centre), until when, and that it can be withdrawn —
 * and those in force are listed, each withdrawable here. Exactly the items the estimate reads:
 * the graph refuses any other scope for this purpose, and more than 90 days.
 */
import { useId, useState, type FormEvent } from 'react';
import type { PageProps } from '../App';
import { required } from '../api';
import { instant, useAction, useOperation } from '../data';
import { useLanguage } from '../i18n';
import { Centres, EstimateConsents, GiveConsent, WithdrawConsent } from '../operations';
import { Problems } from './Problems';

const DAY_MS = 24 * 3600 * 1000;
const MAX_DAYS = 90;
const DEFAULT_DAYS = 30;
/** What the couple's estimate reads of the spouse, and all this consent may name (lib/estimate-consent.ts). */
const ESTIMATE_SCOPES = [
  { agency: 'PROVIDENT_FUND', dataItems: ['account', 'loans'] },
  { agency: 'NATURAL_RESOURCES', dataItems: ['holdings'] },
] as const;

/** The end of validity for `days` from now, a minute short of the 90-day bound (a clock a little ahead is not refused). */
const validUntilFor = (days: number, now = Date.now()) => new Date(Math.min(now + days * DAY_MS, now + MAX_DAYS * DAY_MS - 60_000)).toISOString();

export function EstimateConsent({ caller, graphqlPath }: Pick<PageProps, 'caller' | 'graphqlPath'>) {
  const { t, language } = useLanguage();
  const ids = useId();
  const [centre, setCentre] = useState('350100');
  const [days, setDays] = useState(String(DEFAULT_DAYS));
  const [agreed, setAgreed] = useState(false);
  const consents = useOperation(graphqlPath, caller, EstimateConsents, {});
  const { busy, problems, act } = useAction(() => consents.reload());
  const centres = useOperation(graphqlPath, caller, Centres, {});

  const centreList = centres.answer?.data?.serviceGuide?.centres ?? [{ code: centre, name: '' }];
  const centreName = (code: string) => {
    const found = centreList.find((c) => c.code === code);
    return found?.name ? `${code} ${found.name}` : code;
  };
  const inForce = (consents.answer?.data?.myConsents ?? []).filter((c) => c.purpose === 'HPF_QUOTA_ESTIMATE' && c.status === 'ACTIVE');
  const dayCount = Math.min(MAX_DAYS, Math.max(1, Math.floor(Number(days)) || DEFAULT_DAYS));
  const until = instant(new Date(Date.now() + dayCount * DAY_MS).toISOString(), language);

  const give = (event: FormEvent) => {
    event.preventDefault();
    if (!agreed) return;
    void act(async () => {
      await required(graphqlPath, caller, GiveConsent, {
        input: {
          kind: 'DATA_SHARING',
          purpose: 'HPF_QUOTA_ESTIMATE',
          grantedToCentre: centre,
          validUntil: validUntilFor(dayCount),
          scopes: ESTIMATE_SCOPES.map((scope) => ({ agency: scope.agency, dataItems: [...scope.dataItems] })),
        },
      });
      setAgreed(false);
    });
  };
  const withdraw = (id: string) =>
    act(async () => {
      await required(graphqlPath, caller, WithdrawConsent, { id });
    });

  return (
    <section className="card" aria-labelledby={`${ids}-title`} data-testid="estimate-consent">
      <h2 id={`${ids}-title`}>{t('estimateConsent')}</h2>
      <Problems messages={problems} />
      <h3 id={`${ids}-in-force`}>{t('estimateInForce')}</h3>
      <div aria-live="polite" aria-labelledby={`${ids}-in-force`}>
        {!consents.answer ? (
          <p role="status">{t('loading')}</p>
        ) : inForce.length === 0 ? (
          <p data-testid="estimate-consent-none">{t('estimateNone')}</p>
        ) : (
          <ul className="applications" data-testid="estimate-consents">
            {inForce.map((consent) => (
              <li key={consent.id}>
                {t('estimateGiven', { centre: centreName(consent.grantedToCentre), until: instant(consent.validUntil, language) })}{' '}
                <button type="button" disabled={busy} onClick={() => void withdraw(consent.id)} aria-label={t('withdrawThis', { centre: centreName(consent.grantedToCentre) })}>
                  {t('withdraw')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <p>{t('estimateConsentIntro')}</p>
      <form onSubmit={give} className="grid">
        <label>
          {t('estimateCentre')}
          <select name="estimateCentre" value={centre} onChange={(e) => setCentre(e.target.value)}>
            {centreList.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code} {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('estimateDays')}
          <input name="estimateDays" type="number" inputMode="numeric" min={1} max={MAX_DAYS} value={days} onChange={(e) => setDays(e.target.value)} required />
        </label>
        <dl className="facts">
          <div className="fact">
            <dt>{t('estimateWhat')}</dt>
            <dd>{t('estimateWhatText')}</dd>
          </div>
          <div className="fact">
            <dt>{t('estimateWho')}</dt>
            <dd>{t('estimateWhoText', { centre: centreName(centre) })}</dd>
          </div>
          <div className="fact">
            <dt>{t('estimateUntil')}</dt>
            <dd>{t('estimateUntilText', { until, days: dayCount })}</dd>
          </div>
          <div className="fact">
            <dt>{t('estimateWithdraw')}</dt>
            <dd>{t('estimateWithdrawText')}</dd>
          </div>
        </dl>
        <label className="check">
          <input type="checkbox" name="estimateAgree" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} required />
          {t('estimateAgree')}
        </label>
        <button type="submit" className="primary" disabled={busy || !agreed}>
          {t('giveConsent')}
        </button>
      </form>
    </section>
  );
}
