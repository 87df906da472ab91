import { useId } from 'react';
import { instant } from '../data';
import { STEP_NAMES, TIMELINE_KINDS, pick, useLanguage } from '../i18n';

export interface TimelineEntryView {
  at: string;
  kind: string;
  step?: string | null;
  parties: ReadonlyArray<{ role: string; ordinal?: number | null }>;
  officerReason?: string | null;
}

/** The application's history (办理过程), as every page that shows an application words it. */
export function Timeline({ entries, partyName }: { entries: readonly TimelineEntryView[]; partyName: (party: { role: string; ordinal?: number | null }) => string }) {
  const { t, language } = useLanguage();
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-timeline`}>
      <h2 id={`${id}-timeline`}>{t('timeline')}</h2>
      <ol className="timeline">
        {entries.map((entry, index) => (
          <li key={index}>
            <time dateTime={entry.at}>{instant(entry.at, language)}</time> {pick(language, TIMELINE_KINDS[entry.kind], entry.kind)}
            {entry.step ? ` · ${pick(language, STEP_NAMES[entry.step], entry.step)}` : ''}
            {entry.parties.length > 0 ? ` · ${entry.parties.map(partyName).join(', ')}` : ''}
            {entry.officerReason ? ` · ${entry.officerReason}` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}
