/**
 * The signed-in person's start: who they are, the applications that name them, a new one; and the
 * consent that lets their spouse include them in a couple's quota estimate (额度试算授权).
 */
import type { PageProps } from '../App';
import { useOperation } from '../data';
import { useLanguage } from '../i18n';
import { HomePage } from '../operations';
import { Problems } from './Problems';
import { ApplicationList } from './ApplicationList';
import { EstimateConsent } from './EstimateConsent';

export function Home({ caller, graphqlPath, go }: PageProps) {
  const { t } = useLanguage();
  const { answer, failure } = useOperation(graphqlPath, caller, HomePage, {});
  if (failure) return <Problems messages={[failure]} />;
  if (!answer) return <p role="status">{t('loading')}</p>;
  const applications = answer.data?.myLoanApplications ?? [];
  return (
    <>
      <Problems messages={answer.errors.map((e) => e.message)} />
      <section className="card" aria-labelledby="mine">
        <p className="greeting">
          {t('hello')}
          {answer.data?.me?.name ?? ''}
        </p>
        <h2 id="mine">{t('myApplications')}</h2>
        <ApplicationList applications={applications} />
        <button type="button" className="primary" onClick={() => go('/new')}>
          {t('newApplication')}
        </button>
      </section>
      <EstimateConsent caller={caller} graphqlPath={graphqlPath} />
    </>
  );
}
