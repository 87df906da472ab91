/**
 * The application form in three steps: what the agencies already hold (数据回填, each value with
 * its source and date), the quota estimate from the person's own records (额度试算) — or with the
 * spouse (夫妻合并试算), whose figures are read only under the estimate consent she gave herself,
 * on her own page — then the one submission. The spouse is named here but never read for the
 * application: they sign in and consent themself.
 */
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import type { PageProps } from '../App';
import { request } from '../api';
import { instant, money, moneyInput, useOperation } from '../data';
import type { FormPrefillQuery, OwnQuotaEstimateQuery, SpouseInEstimate } from '../generated/graphql';
import { AGENCY_NAMES, VALUE_NAMES, pick, useLanguage } from '../i18n';
import { Centres, CoupleEstimate, FormPrefill, OwnQuotaEstimate, SubmitApplication } from '../operations';
import { Problems } from './Problems';

type Method = 'EQUAL_INSTALMENT' | 'EQUAL_PRINCIPAL';
/** One estimate as both operations answer it (the couple's has the same fields as the person's own). */
type Estimate = NonNullable<NonNullable<OwnQuotaEstimateQuery['applicant']>['loanQuotaEstimate']>;

function Source({ source }: { source: { agency: string; retrievedAt: string } | null | undefined }) {
  const { t, language } = useLanguage();
  if (!source) return null;
  return (
    <span className="source">
      {t('source')}: {pick(language, AGENCY_NAMES[source.agency], source.agency)} · {instant(source.retrievedAt, language)}
    </span>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function NewApplication({ session, caller, graphqlPath, go }: PageProps) {
  const { t, language } = useLanguage();
  const ids = useId();
  const [contractNumber, setContractNumber] = useState('');
  const [prefill, setPrefill] = useState<FormPrefillQuery | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [years, setYears] = useState('20');
  const [method, setMethod] = useState<Method>('EQUAL_INSTALMENT');
  const [children, setChildren] = useState('0');
  const [estimate, setEstimate] = useState<Estimate | null>(null);
  const [withSpouse, setWithSpouse] = useState(false);
  // The couple's answer about the spouse, for the estimate shown (null: the person's own was asked).
  const [spouseInEstimate, setSpouseInEstimate] = useState<{ spouse: SpouseInEstimate; centre: string } | null>(null);
  const [centre, setCentre] = useState('350100');
  const [amount, setAmount] = useState('');
  const [spouseName, setSpouseName] = useState('');
  const [spouseId, setSpouseId] = useState('');
  const [promised, setPromised] = useState(false);
  const [busy, setBusy] = useState(false);
  const centres = useOperation(graphqlPath, caller, Centres, {});

  const applicant = prefill?.applicant;
  const filing = prefill?.propertyByContract?.contractFiling;
  useEffect(() => {
    if (!applicant) return;
    if (applicant.providentFundAccount?.centreCode) setCentre(applicant.providentFundAccount.centreCode);
    if (applicant.identityVerification) setChildren(String(applicant.identityVerification.minorChildren));
  }, [applicant]);

  const readPrefill = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const answer = await request(graphqlPath, caller, FormPrefill, { idNumber: session.idNumber, contractNumber: contractNumber.trim().toUpperCase() });
      setPrefill(answer.data);
      setProblems(answer.errors.map((e) => e.message));
    } catch (error) {
      setProblems([String(error)]);
    } finally {
      setBusy(false);
    }
  };

  const runEstimate = async (event: FormEvent) => {
    event.preventDefault();
    if (!filing) return;
    setBusy(true);
    try {
      // The home bought, by its unit: when it is pre-registered to them already, it is not counted as another home.
      const unitNumber = prefill?.propertyByContract?.unitNumber ?? null;
      const input = { centreCode: centre, unitNumber, price: filing.price, termMonths: Number(years) * 12, repaymentMethod: method, minorChildren: Number(children) || 0, greenBuildingStars: filing.greenBuildingStars };
      const errors: string[] = [];
      let result: Estimate | null = null;
      let couple: { spouse: SpouseInEstimate; centre: string } | null = null;
      if (withSpouse) {
        const answer = await request(graphqlPath, caller, CoupleEstimate, { idNumber: session.idNumber, input });
        errors.push(...answer.errors.map((e) => e.message));
        const joint = answer.data?.applicant?.coupleLoanQuotaEstimate;
        if (joint) couple = { spouse: joint.spouse, centre };
        result = joint?.estimate ?? null;
      }
      // Not a couple's (not asked, or the spouse is not in it: said so above the result): the person's own.
      if (!result && (!withSpouse || couple)) {
        const answer = await request(graphqlPath, caller, OwnQuotaEstimate, { idNumber: session.idNumber, input });
        errors.push(...answer.errors.map((e) => e.message));
        result = answer.data?.applicant?.loanQuotaEstimate ?? null;
      }
      setEstimate(result);
      setSpouseInEstimate(couple);
      if (result && !amount) setAmount(result.maximumAmount);
      setProblems(errors);
    } catch (error) {
      setProblems([String(error)]);
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const asMoney = moneyInput(amount);
    if (!asMoney || !applicant?.name) return setProblems([t('amount')]);
    setBusy(true);
    try {
      const answer = await request(graphqlPath, caller, SubmitApplication, {
        input: {
          idempotencyKey: crypto.randomUUID(),
          centreCode: centre,
          applicant: { idNumber: session.idNumber, name: applicant.name },
          spouse: spouseId.trim() ? { idNumber: spouseId.trim().toUpperCase(), name: spouseName.trim() } : null,
          contractNumber: contractNumber.trim().toUpperCase(),
          amount: asMoney,
          termMonths: Number(years) * 12,
          repaymentMethod: method,
        },
      });
      const payload = answer.data?.submitLoanApplication;
      const errors = [...answer.errors.map((e) => e.message), ...(payload?.userErrors ?? []).map((e) => `${e.field.join('.')}: ${e.message}`)];
      setProblems(errors);
      const open = payload?.userErrors.find((e) => e.openApplicationId)?.openApplicationId;
      if (payload?.loanApplication) go(`/applications/${encodeURIComponent(payload.loanApplication.id)}`);
      else if (open) go(`/applications/${encodeURIComponent(open)}`);
    } catch (error) {
      setProblems([String(error)]);
    } finally {
      setBusy(false);
    }
  };

  const guide = centres.answer?.data?.serviceGuide;
  return (
    <>
      <p>
        <a href="#/">← {t('back')}</a>
      </p>
      <Problems messages={problems} />
      <section className="card" aria-labelledby={`${ids}-1`}>
        <h2 id={`${ids}-1`}>{t('step1')}</h2>
        <form onSubmit={readPrefill} className="row">
          <label>
            {t('contractNumber')}
            <input name="contractNumber" value={contractNumber} onChange={(e) => setContractNumber(e.target.value)} placeholder={t('contractHint')} required autoComplete="off" pattern="[A-Za-z0-9]{6,32}" />
          </label>
          <button type="submit" disabled={busy}>
            {t('readPrefill')}
          </button>
        </form>
        {prefill && (
          <dl className="facts" aria-live="polite">
            <Field label={t('name')}>{applicant?.name ?? t('unavailable')}</Field>
            <Field label={t('household')}>
              {applicant?.identityVerification ? `${pick(language, VALUE_NAMES[applicant.identityVerification.householdStatus], applicant.identityVerification.householdStatus)} · ${t('minorChildren')} ${applicant.identityVerification.minorChildren}` : t('unavailable')}{' '}
              <Source source={applicant?.identityVerification?.source} />
            </Field>
            <Field label={t('marriage')}>
              {applicant?.marriage ? `${pick(language, VALUE_NAMES[applicant.marriage.status], applicant.marriage.status)}${applicant.marriage.registrationDate ? ` · ${applicant.marriage.registrationDate}` : ''}` : t('unavailable')}{' '}
              <Source source={applicant?.marriage?.source} />
            </Field>
            <Field label={t('fundAccount')}>
              {applicant?.providentFundAccount
                ? `${applicant.providentFundAccount.centreName} · ${t('balance')} ${money(applicant.providentFundAccount.balance)} · ${t('monthlyDeposit')} ${money(applicant.providentFundAccount.monthlyDeposit)} · ${t('continuousMonths')} ${applicant.providentFundAccount.continuousDepositMonths}`
                : t('unavailable')}{' '}
              <Source source={applicant?.providentFundAccount?.source} />
            </Field>
            <Field label={t('home')}>
              {filing ? `${filing.address ?? filing.district} · ${t('area')} ${filing.areaSquareMetres} · ${t('price')} ${money(filing.price)}` : t('unavailable')} <Source source={filing?.source} />
            </Field>
          </dl>
        )}
      </section>

      {filing && (
        <section className="card" aria-labelledby={`${ids}-2`}>
          <h2 id={`${ids}-2`}>{t('step2')}</h2>
          <form onSubmit={runEstimate} className="grid">
            <label>
              {t('termYears')}
              <input name="termYears" type="number" inputMode="numeric" min={1} max={30} value={years} onChange={(e) => setYears(e.target.value)} required />
            </label>
            <label>
              {t('method')}
              <select name="method" value={method} onChange={(e) => setMethod(e.target.value as Method)}>
                <option value="EQUAL_INSTALMENT">{t('EQUAL_INSTALMENT')}</option>
                <option value="EQUAL_PRINCIPAL">{t('EQUAL_PRINCIPAL')}</option>
              </select>
            </label>
            <label>
              {t('minorChildren')}
              <input name="minorChildren" type="number" inputMode="numeric" min={0} max={10} value={children} onChange={(e) => setChildren(e.target.value)} />
            </label>
            <label className="check">
              <input type="checkbox" name="withSpouse" checked={withSpouse} onChange={(e) => setWithSpouse(e.target.checked)} aria-describedby={`${ids}-with-spouse`} />
              {t('withSpouseEstimate')}
            </label>
            <p id={`${ids}-with-spouse`} className="muted hint">
              {t('withSpouseEstimateHint', { centre })}
            </p>
            <button type="submit" disabled={busy}>
              {t('estimate')}
            </button>
          </form>
          {spouseInEstimate && (
            <p role="status" className="notice" data-testid="couple-estimate" data-spouse={spouseInEstimate.spouse}>
              {spouseInEstimate.spouse === 'INCLUDED' ? t('coupleIncluded') : spouseInEstimate.spouse === 'NOT_CONSENTED' ? t('coupleNotConsented', { centre: spouseInEstimate.centre }) : t('coupleNoSpouse')}
            </p>
          )}
          {estimate && (
            <div aria-live="polite" className="estimate">
              <dl className="facts">
                <Field label={t('maximumAmount')}>
                  <strong data-testid="maximum-amount">{money(estimate.maximumAmount)}</strong>
                </Field>
                <Field label={t('binding')}>{estimate.binding.join(', ')}</Field>
                <Field label={t('rate')}>{estimate.rate}</Field>
                <Field label={t('homeOrder')}>{estimate.homeOrder}</Field>
                <Field label={t('firstPayment')}>{money(estimate.firstMonthlyPayment)}</Field>
              </dl>
              <ul className="bounds">
                {estimate.bounds.map((bound) => (
                  <li key={bound.name}>
                    <strong>{bound.name}</strong> {money(bound.amount)} — {bound.explanation}
                  </li>
                ))}
              </ul>
              {!estimate.policyConfirmed && <p className="muted">{t('placeholderPolicy')}</p>}
              {spouseName && spouseInEstimate?.spouse !== 'INCLUDED' && <p className="muted">{t('spouseNotCounted')}</p>}
            </div>
          )}
        </section>
      )}

      {estimate && (
        <section className="card" aria-labelledby={`${ids}-3`}>
          <h2 id={`${ids}-3`}>{t('step3')}</h2>
          <form onSubmit={submit} className="grid">
            <label>
              {t('centre')}
              <select name="centre" value={centre} onChange={(e) => setCentre(e.target.value)}>
                {(guide?.centres ?? [{ code: centre, name: centre, promisedLimit: null }]).map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.code} {c.name}
                    {c.promisedLimit ? ` (${c.promisedLimit.days}${c.promisedLimit.dayKind === 'WORKING' ? t('workingDays') : t('calendarDays')})` : ''}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('amount')}
              <input name="amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
            </label>
            <label>
              {t('spouseName')} <span className="muted">{t('noSpouse')}</span>
              <input name="spouseName" value={spouseName} onChange={(e) => setSpouseName(e.target.value)} autoComplete="off" />
            </label>
            <label>
              {t('spouseId')}
              <input name="spouseId" value={spouseId} onChange={(e) => setSpouseId(e.target.value)} autoComplete="off" pattern="[0-9]{17}[0-9Xx]" />
            </label>
            <label className="check">
              <input type="checkbox" name="promise" checked={promised} onChange={(e) => setPromised(e.target.checked)} required />
              {t('promise')}
            </label>
            <button type="submit" className="primary" disabled={busy || !promised}>
              {busy ? t('submitting') : t('submit')}
            </button>
          </form>
          <p className="muted">{language === 'zh' ? `贷款期限 ${years} 年 · ${t(method)}` : `Term ${years} years · ${t(method)}`}</p>
        </section>
      )}
    </>
  );
}
