/**
 * 帮代办: a service-hall agent's start — the applicant they act for, as the policy shows them to a
 * proxy (name and ID number, the mobile number masked), and the applicant's applications. The
 * platform decides whether the agent acts for anyone: when it finds no stored authorization in
 * force for this agent and this applicant, the graph gives nothing and the page says only that.
 */
import type { PageProps } from '../App';
import { useOperation } from '../data';
import { useLanguage } from '../i18n';
import { HallPage } from '../operations';
import { Problems } from './Problems';
import { ApplicationList } from './ApplicationList';

export function HallHome({ caller, graphqlPath, go }: PageProps) {
  const { t } = useLanguage();
  const { answer, failure } = useOperation(graphqlPath, caller, HallPage, {});
  if (failure) return <Problems messages={[failure]} />;
  if (!answer) return <p role="status">{t('loading')}</p>;
  const person = answer.data?.me;
  if (!person) {
    return (
      <section className="card" aria-labelledby="acting">
        <h2 id="acting">{t('actingFor')}</h2>
        <p role="alert" className="problem" data-testid="proxy-not-verified">
          {t('proxyNotVerified')}
        </p>
      </section>
    );
  }
  const applications = answer.data?.myLoanApplications ?? [];
  return (
    <>
      <Problems messages={answer.errors.map((e) => e.message)} />
      <section className="card" aria-labelledby="acting">
        <h2 id="acting">{t('actingFor')}</h2>
        <dl className="facts" data-testid="acting-for">
          <div className="fact">
            <dt>{t('name')}</dt>
            <dd>{person.name ?? '—'}</dd>
          </div>
          <div className="fact">
            <dt>{t('idNumber')}</dt>
            <dd className="mono">{person.idNumber ?? '—'}</dd>
          </div>
          <div className="fact">
            <dt>{t('mobile')}</dt>
            <dd className="mono">{person.mobile ?? '—'}</dd>
          </div>
        </dl>
      </section>
      <section className="card" aria-labelledby="theirs">
        <h2 id="theirs">{t('theirApplications')}</h2>
        <ApplicationList applications={applications} />
        <button type="button" onClick={() => go('/new')}>
          {t('newApplication')}
        </button>
      </section>
    </>
  );
}
