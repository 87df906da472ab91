import { instant, money } from '../data';
import { useLanguage, type TextKey } from '../i18n';

export interface ApplicationListItem {
  id: string;
  status?: string | null;
  amount?: string | null;
  acceptedAt?: string | null;
  applicant?: { name?: string | null } | null;
}

/** A person's applications, each a link to its page: the citizen's home and the hall agent's alike. */
export function ApplicationList({ applications }: { applications: readonly ApplicationListItem[] }) {
  const { t, language } = useLanguage();
  if (applications.length === 0) return <p>{t('noApplications')}</p>;
  return (
    <ul className="applications">
      {applications.map((application) => (
        <li key={application.id}>
          <a href={`#/applications/${encodeURIComponent(application.id)}`}>
            <span className="status" data-status={application.status ?? ''}>
              {application.status ? t(application.status as TextKey) : '—'}
            </span>{' '}
            {application.applicant?.name} · {money(application.amount)} · {instant(application.acceptedAt, language)}
            <span className="muted"> · {t('applicationNo')} {application.id}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
