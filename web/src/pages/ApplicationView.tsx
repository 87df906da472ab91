/**
 * 一网查看: one application in one place, for each of its borrowers — status, the 15-day and the
 * promised deadlines, each check with what it means and what to do (your consent → give it here;
 * an agency unavailable → when it is asked again), the decision, signing, the mortgage, the
 * disbursement and the timeline. Read again every few seconds until nothing more can change.
 * A service-hall agent sees the applicant's page as the policy shows it to a proxy, does what their
 * authorization's scopes allow, and checks the applicant's identity in person for the signing.
 */
import { useId, useState } from 'react';
import type { PageProps } from '../App';
import { request, required } from '../api';
import { readConfig } from '../config';
import { instant, money, useAction, useOperation } from '../data';
import type { ApplicationPageQuery } from '../generated/graphql';
import { AGENCY_NAMES, DATA_ITEM_NAMES, STEP_NAMES, pick, useLanguage, type TextKey } from '../i18n';
import { ApplicationPage, AttestInPerson, ContractToSign, GiveConsent, MyConsents, ReviewApplication, SignContract, VerifyMyFace } from '../operations';
import { signContract, simulatedCaptureDigest } from '../signing';
import { Problems } from './Problems';
import { Timeline } from './Timeline';

type Application = NonNullable<ApplicationPageQuery['loanApplication']>;
type Party = { role: 'APPLICANT' | 'SPOUSE' | 'CO_BORROWER'; ordinal: number | null };

const SETTLED = new Set(['REJECTED', 'WITHDRAWN', 'DISBURSED']);
/** What the applicant may review (好差评): a finished application, as reviewLoanApplication says. */
const REVIEWABLE = new Set(['READY_FOR_DISBURSEMENT', 'DISBURSED', 'REJECTED']);
const SCORES = [1, 2, 3, 4, 5] as const;
/**
 * Every few seconds: the page's operation is one of the dearer ones under the caller limits (the
 * per-minute cost budget of RATE_LIMIT_PER_MINUTE), so a person watching it spends a third of it.
 * Unless the page's config names another (the browser specs', AppConfig.pollMs).
 */
const served = readConfig().pollMs;
const POLL_MS = typeof served === 'number' && served > 0 ? served : 4000;
const DAY_MS = 24 * 3600 * 1000;

/** What each borrower consents to for the application: every item a check reads of them (README's list). */
const DATA_SHARING_SCOPES = [
  { agency: 'PUBLIC_SECURITY', dataItems: ['identity'] },
  { agency: 'CIVIL_AFFAIRS', dataItems: ['marriage'] },
  { agency: 'HOUSING', dataItems: ['contractFiling'] },
  { agency: 'TAX', dataItems: ['transferTax'] },
  { agency: 'NATURAL_RESOURCES', dataItems: ['registration', 'holdings'] },
  { agency: 'PROVIDENT_FUND', dataItems: ['account', 'loans'] },
] as const;

function myPartyOf(application: Application, idNumber: string): Party | null {
  if (application.applicant?.idNumber === idNumber) return { role: 'APPLICANT', ordinal: null };
  if (application.spouse?.idNumber === idNumber) return { role: 'SPOUSE', ordinal: null };
  const index = (application.coBorrowers ?? []).findIndex((person) => person.idNumber === idNumber);
  return index >= 0 ? { role: 'CO_BORROWER', ordinal: index + 1 } : null;
}

const sameParty = (a: Party | null, b: { role: string; ordinal?: number | null }) => !!a && a.role === b.role && (a.ordinal ?? null) === (b.ordinal ?? null);

export function ApplicationView({ session, caller, graphqlPath, id }: PageProps & { id: string }) {
  const { t, language } = useLanguage();
  const ids = useId();
  // Read again after every action: the application, and the person's consents.
  const { busy, problems, act } = useAction(() => {
    page.reload();
    consents.reload();
  });
  const [agreed, setAgreed] = useState(false);
  const [faceAgreed, setFaceAgreed] = useState(false);
  const [face, setFace] = useState<{ matched: boolean; reference: string | null } | null>(null);
  const [contract, setContract] = useState<{ text: string; sha256: string } | null>(null);
  // The identity proof this signer signs with: the face check's, or the one a hall agent attested in person and showed them.
  const [proof, setProof] = useState<{ reference: string; via: 'face' | 'hall' } | null>(null);
  const [hallProof, setHallProof] = useState('');
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [reviewed, setReviewed] = useState<{ score: number; comment: string } | null>(null);
  const [checkReference, setCheckReference] = useState('');
  const [attested, setAttested] = useState<string | null>(null);
  const agent = session.role === 'PROXY_AGENT';
  const page = useOperation(graphqlPath, caller, ApplicationPage, { id }, { pollMs: POLL_MS, poll: (data) => !SETTLED.has(data?.loanApplication?.status ?? 'ACCEPTED') });
  const consents = useOperation(graphqlPath, caller, MyConsents, {});

  const application = page.answer?.data?.loanApplication;
  if (page.failure) return <Problems messages={[page.failure]} />;
  if (!page.answer) return <p role="status">{t('loading')}</p>;
  if (!application) return <Problems messages={page.answer.errors.map((e) => e.message)} />;

  const me = myPartyOf(application, session.idNumber);
  const mine = (consents.answer?.data?.myConsents ?? []).filter((c) => c.applicationId === id && c.status === 'ACTIVE');
  const consented = mine.some((c) => c.kind === 'DATA_SHARING') && mine.some((c) => c.kind === 'CREDIT_QUERY');
  // Another party is named by their role only: their identifiers are theirs (the policy withholds them).
  const partyName = (party: { role: string; ordinal?: number | null }) => {
    if (sameParty(me, party)) return t(agent ? 'theApplicant' : 'you');
    if (party.role === 'CO_BORROWER') return `${t('CO_BORROWER')} ${party.ordinal ?? ''}`.trim();
    return t(party.role === 'SPOUSE' ? 'SPOUSE' : 'APPLICANT');
  };

  const giveConsent = () =>
    act(async () => {
      const validUntil = new Date(Date.now() + 180 * DAY_MS).toISOString();
      const base = { purpose: 'HPF_LOAN_REVIEW' as const, applicationId: id, validUntil };
      await required(graphqlPath, caller, GiveConsent, { input: { ...base, kind: 'DATA_SHARING', scopes: DATA_SHARING_SCOPES.map((s) => ({ agency: s.agency, dataItems: [...s.dataItems] })) } });
      // The written credit-query authorization (征信查询授权书) this consent stands for: its reference goes to the PBoC.
      const authorizationReference = `ZXSQ-WEB-${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
      await required(graphqlPath, caller, GiveConsent, { input: { ...base, kind: 'CREDIT_QUERY', authorizationReference, scopes: [{ agency: 'PBOC_CREDIT', dataItems: ['creditReport'] }] } });
    });

  const centreCode = application.centreCode ?? '350100';
  const verifyFace = () =>
    act(async () => {
      const validUntil = new Date(Date.now() + 30 * DAY_MS).toISOString();
      await required(graphqlPath, caller, GiveConsent, { input: { kind: 'FACE_VERIFICATION', purpose: 'HPF_LOAN_APPLICATION', scopes: [{ agency: 'PUBLIC_SECURITY', dataItems: ['face'] }], grantedToCentre: centreCode, validUntil } });
      const result = (await required(graphqlPath, caller, VerifyMyFace, { livePhotoSha256: await simulatedCaptureDigest(session.idNumber), centreCode })).verifyFace;
      setFace(result ? { matched: result.matched, reference: result.reference ?? null } : null);
      if (!result?.matched || !result.reference) return;
      await showContract();
      setProof({ reference: result.reference, via: 'face' });
    });
  // 当面核验: the platform checks the proof when the contract is signed with it (it is the signer's, and fresh).
  const takeHallProof = () =>
    act(async () => {
      await showContract();
      setProof({ reference: hallProof.trim(), via: 'hall' });
    });
  const showContract = async () => {
    const shown = (await required(graphqlPath, caller, ContractToSign, { id })).loanApplication?.contract;
    setContract(shown ? { text: shown.text, sha256: shown.sha256 } : null);
  };
  const sign = () =>
    act(async () => {
      if (!contract || !proof) return;
      const signature = await signContract(id, contract.sha256);
      const answer = await request(graphqlPath, caller, SignContract, { id, signature: { ...signature, identityProofReference: proof.reference } });
      if (answer.errors.length === 0) return;
      // A mistyped or expired hall proof: let them enter it again (a face proof is simply taken again).
      if (proof.via === 'hall') setProof(null);
      throw new Error(answer.errors.map((e) => e.message).join('; '));
    });
  const review = () =>
    act(async () => {
      if (score === null) return;
      await required(graphqlPath, caller, ReviewApplication, { id, score, comment: comment.trim() || null });
      setReviewed({ score, comment: comment.trim() });
    });

  const attest = () =>
    act(async () => {
      setAttested((await required(graphqlPath, caller, AttestInPerson, { checkReference: checkReference.trim() })).attestInPersonIdentity ?? null);
    });

  const signers = application.contract?.signers ?? [];
  const mySigner = signers.find((s) => s.applicant.idNumber === session.idNumber);
  const statusKey = (application.status ?? 'ACCEPTED') as TextKey;
  const schedule = application.repaymentSchedule;
  // The graph keeps one review per application and shows it on the timeline (when, not the score).
  const reviewedAt = application.timeline?.find((entry) => entry.kind === 'REVIEWED')?.at ?? null;
  const mayReview = !agent && me?.role === 'APPLICANT' && REVIEWABLE.has(application.status ?? '');
  return (
    <>
      <p>
        <a href="#/">← {t('back')}</a>
      </p>
      <Problems messages={[...problems, ...page.answer.errors.filter((e) => e.path && e.extensions?.code !== 'FORBIDDEN').map((e) => e.message)]} />
      <section className="card" aria-labelledby={`${ids}-title`}>
        <h2 id={`${ids}-title`}>
          {t('applicationNo')} <span className="mono">{application.id}</span>
        </h2>
        <p>
          {t('status')}:{' '}
          <strong className="status" data-status={application.status ?? ''} data-testid="status" aria-live="polite">
            {t(statusKey)}
          </strong>
        </p>
        <p>
          {me ? partyName(me) : ''}
          {application.spouse ? ` · ${t('withSpouse')}` : ''} · {money(application.amount)} · {(application.termMonths ?? 0) / 12}
          {language === 'zh' ? ' 年' : ' years'}
          {application.repaymentMethod ? ` · ${t(application.repaymentMethod)}` : ''}
        </p>
        <h3>{t('deadlines')}</h3>
        <ul className="deadlines">
          <li>
            {t('statutory')}: {t('dueBy')} {instant(application.decisionDueAt, language)}
            {application.daysLeftToDecide != null && !application.decidedAt ? ` · ${t('daysLeft', { n: application.daysLeftToDecide })}` : ''}
          </li>
          <li>
            {t('promised')}: {t('dueBy')} {instant(application.promisedDecisionBy, language)}
            {application.daysLeftToPromisedDecision != null && !application.decidedAt ? ` · ${t('daysLeft', { n: application.daysLeftToPromisedDecision })}` : ''}
          </li>
        </ul>
      </section>

      {me && application.status === 'ACCEPTED' && (
        <section className="card" aria-labelledby={`${ids}-consent`}>
          <h2 id={`${ids}-consent`}>{t('yourConsent')}</h2>
          {consented ? (
            <p role="status">{t('consentGiven')}</p>
          ) : (
            <>
              <p>{t('consentIntro')}</p>
              <ul>
                {DATA_SHARING_SCOPES.map((scope) => (
                  <li key={scope.agency}>
                    {pick(language, AGENCY_NAMES[scope.agency], scope.agency)}: {scope.dataItems.map((item) => pick(language, DATA_ITEM_NAMES[item], item)).join(language === 'zh' ? '、' : ', ')}
                  </li>
                ))}
              </ul>
              <p>{t('creditIntro')}</p>
              <label className="check">
                <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} />
                {t('agreeConsent')}
              </label>
              <button type="button" className="primary" disabled={!agreed || busy} onClick={() => void giveConsent()}>
                {t('giveConsent')}
              </button>
            </>
          )}
        </section>
      )}

      <section className="card" aria-labelledby={`${ids}-checks`}>
        <h2 id={`${ids}-checks`}>{t('checks')}</h2>
        <ul className="checks">
          {(application.checks ?? []).map((check) => (
            <li key={check.step} data-step={check.step} data-check-status={check.status}>
              <strong>{pick(language, STEP_NAMES[check.step], check.step)}</strong>{' '}
              <span className="status" data-status={check.outcome ?? check.status}>
                {check.status === 'DONE' && check.outcome ? t(check.outcome as TextKey) : t(check.status)}
              </span>
              {check.status === 'AWAITING_CONSENT' && (
                <ul>
                  {[...new Map(check.needsConsent.map((need) => [`${need.party.role}:${need.party.ordinal ?? ''}`, need.party])).values()].map((party) => (
                    <li key={`${party.role}:${party.ordinal ?? ''}`}>{sameParty(me, party) ? t('waitingForYou') : t('waitingFor', { who: partyName(party) })}</li>
                  ))}
                </ul>
              )}
              {check.status === 'UNAVAILABLE' && check.nextAttemptAt && <p className="muted">{t('nextAttempt', { at: instant(check.nextAttemptAt, language) })}</p>}
              {check.findings.length > 0 && (
                <ul>
                  {check.findings.map((finding, index) => (
                    <li key={index}>{language === 'zh' ? finding.message : finding.englishMessage}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </section>

      {application.decision && (
        <section className="card" aria-labelledby={`${ids}-decision`}>
          <h2 id={`${ids}-decision`}>{t('decision')}</h2>
          <p data-testid="decision">
            <strong>{t(`OUTCOME_${application.decision.outcome}` as TextKey)}</strong>
            {application.decidedAt ? ` · ${instant(application.decidedAt, language)}` : ''}
          </p>
          <dl className="facts">
            <div className="fact">
              <dt>{t('maximumAmount')}</dt>
              <dd>{money(application.decision.maximumAmount)}</dd>
            </div>
            <div className="fact">
              <dt>{t('rate')}</dt>
              <dd>{application.decision.rate ?? '—'}</dd>
            </div>
            <div className="fact">
              <dt>{t('homeOrder')}</dt>
              <dd>{application.decision.homeOrder ?? '—'}</dd>
            </div>
          </dl>
          {application.decision.officerReason && <p>{application.decision.officerReason}</p>}
          <ul>
            {application.decision.findings.map((finding, index) => (
              <li key={index}>{language === 'zh' ? finding.message : finding.englishMessage}</li>
            ))}
          </ul>
        </section>
      )}

      {application.contract && (
        <section className="card" aria-labelledby={`${ids}-signing`}>
          <h2 id={`${ids}-signing`}>{t('signing')}</h2>
          <h3>{t('signers')}</h3>
          <ul>
            {signers.map((signer, index) => (
              <li key={index}>
                {signer.applicant.idNumber === session.idNumber ? t(agent ? 'theApplicant' : 'you') : t(signer.role)}: {signer.signedAt ? `${t('signed')} ${instant(signer.signedAt, language)}` : t('notSigned')}
              </li>
            ))}
          </ul>
          {agent && mySigner && !mySigner.signedAt && application.status === 'APPROVED' && (
            <div className="signing">
              <h3>{t('inPersonStep')}</h3>
              <p>{t('inPersonIntro')}</p>
              {attested ? (
                <p role="status" data-testid="in-person-proof">
                  {t('attested')}
                  <span className="mono">{attested}</span>
                </p>
              ) : (
                <>
                  <label>
                    {t('checkReference')}
                    <input value={checkReference} onChange={(e) => setCheckReference(e.target.value)} autoComplete="off" />
                  </label>
                  <button type="button" className="primary" disabled={checkReference.trim().length < 6 || busy} onClick={() => void attest()}>
                    {t('attest')}
                  </button>
                </>
              )}
            </div>
          )}
          {!agent && mySigner && !mySigner.signedAt && application.status === 'APPROVED' && (
            <div className="signing">
              <h3>{t('faceStep')}</h3>
              {!face && (
                <>
                  <label className="check">
                    <input type="checkbox" checked={faceAgreed} onChange={(e) => setFaceAgreed(e.target.checked)} />
                    {t('faceConsent')}
                  </label>
                  <button type="button" disabled={!faceAgreed || busy} onClick={() => void verifyFace()}>
                    {t('verifyFace')}
                  </button>
                </>
              )}
              {face && <p role="status">{face.matched ? t('faceMatched') : t('faceNotMatched')}</p>}
              {!proof && (
                <>
                  <h3>{t('hallProofStep')}</h3>
                  <p>{t('hallProofIntro')}</p>
                  <label>
                    {t('hallProof')}
                    <input value={hallProof} onChange={(e) => setHallProof(e.target.value)} autoComplete="off" spellCheck={false} />
                  </label>
                  <button type="button" disabled={hallProof.trim().length < 8 || busy} onClick={() => void takeHallProof()}>
                    {t('useHallProof')}
                  </button>
                </>
              )}
              {proof && contract && (
                <>
                  <h3>{t('contractText')}</h3>
                  <pre className="contract" tabIndex={0} aria-label={t('contractText')}>
                    {contract.text}
                  </pre>
                  <button type="button" className="primary" disabled={busy} onClick={() => void sign()}>
                    {t('signContract')}
                  </button>
                </>
              )}
            </div>
          )}
          {mySigner?.signedAt && <p role="status">{t('youSigned')}</p>}
        </section>
      )}

      {application.mortgage && (
        <section className="card" aria-labelledby={`${ids}-mortgage`}>
          <h2 id={`${ids}-mortgage`}>{t('mortgage')}</h2>
          <p>
            {t('certificate')}: <span className="mono">{application.mortgage.certificateNumber}</span> · {instant(application.mortgage.registeredAt, language)}
          </p>
        </section>
      )}

      {application.disbursement && (
        <section className="card" aria-labelledby={`${ids}-disbursement`}>
          <h2 id={`${ids}-disbursement`}>{t('disbursement')}</h2>
          <p data-testid="disbursement">
            {t('loanAccount')}: <span className="mono">{application.disbursement.loanAccountNumber}</span> · {t('disbursedOn')} {application.disbursement.disbursedOn}
          </p>
          {schedule?.instalments[0] && (
            <p>
              {t('firstDue')}: {money(schedule.instalments[0].payment)} · {schedule.instalments[0].dueDate ?? '—'}
            </p>
          )}
        </section>
      )}

      {mayReview && (
        <section className="card" aria-labelledby={`${ids}-review`}>
          <h2 id={`${ids}-review`}>{t('citizenReview')}</h2>
          {reviewed ? (
            <p role="status" data-testid="review">
              {t('reviewGiven', { score: reviewed.score })} {t(`SCORE_${reviewed.score}` as TextKey)}
              {reviewed.comment ? ` · ${reviewed.comment}` : ''}
            </p>
          ) : reviewedAt ? (
            <p role="status" data-testid="review">
              {t('reviewedOn', { at: instant(reviewedAt, language) })}
            </p>
          ) : (
            <>
              <p>{t('citizenReviewIntro')}</p>
              <fieldset className="scores">
                <legend>{t('score')}</legend>
                {SCORES.map((value) => (
                  <label key={value} className="check">
                    <input type="radio" name={`${ids}-score`} value={value} checked={score === value} onChange={() => setScore(value)} />
                    {value} {t(`SCORE_${value}`)}
                  </label>
                ))}
              </fieldset>
              <label>
                {t('reviewComment')}
                <textarea value={comment} onChange={(e) => setComment(e.target.value)} maxLength={500} rows={3} />
              </label>
              <button type="button" className="primary" disabled={score === null || busy} onClick={() => void review()}>
                {t('sendReview')}
              </button>
            </>
          )}
        </section>
      )}

      <Timeline entries={application.timeline ?? []} partyName={partyName} />
    </>
  );
}
