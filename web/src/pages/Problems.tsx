import { useLanguage } from '../i18n';

/** Errors as the gateway words them (in the person's language), announced to screen readers. */
export function Problems({ messages }: { messages: readonly string[] }) {
  const { t } = useLanguage();
  if (messages.length === 0) return null;
  return (
    <div role="alert" className="problem">
      {messages.map((message, index) => (
        <p key={index}>
          {t('error')}
          {message}
        </p>
      ))}
    </div>
  );
}
