/**
 * The app's frame: the language, the session, and which page the address names. Pages live under
 * /app/ by their fragment (#/, #/new, #/applications/<id>), so the gateway serves one document;
 * /app/signed-in is where the identity provider sends the person back. A fund officer signed in
 * gets the officer's workbench at the same addresses (#/ the centre's applications, #/applications/<id>
 * the review); a service-hall agent (帮代办) gets the applicant they act for (#/ the applicant and
 * their applications, #/applications/<id> the application, with the in-person identity check).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { currentSession, finishSignIn, signOut, startSignIn, type Session } from './auth';
import { readConfig } from './config';
import { Language, storeLanguage, storedLanguage, translator, type Language as LanguageCode } from './i18n';
import { HallHome } from './pages/HallHome';
import { Home } from './pages/Home';
import { NewApplication } from './pages/NewApplication';
import { ApplicationView } from './pages/ApplicationView';
import { OfficerReview } from './pages/OfficerReview';
import { Workbench } from './pages/Workbench';
import type { Caller } from './api';

const config = readConfig();

export interface PageProps {
  session: Session;
  caller: Caller;
  graphqlPath: string;
  go(route: string): void;
}

const routeOf = () => window.location.hash.replace(/^#/, '') || '/';

export function App() {
  const [language, setLanguage] = useState<LanguageCode>(storedLanguage);
  const [session, setSession] = useState<Session | null>(currentSession);
  const [route, setRoute] = useState(routeOf);
  const [problem, setProblem] = useState<string | null>(null);
  const t = useMemo(() => translator(language), [language]);

  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
    document.title = t('appTitle');
  }, [language, t]);
  useEffect(() => {
    const onHash = () => setRoute(routeOf());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // Back from the identity provider: trade the code for the token once, then go where the person was going.
  const landing = window.location.pathname === '/app/signed-in';
  useEffect(() => {
    if (!landing) return;
    finishSignIn(config, new URLSearchParams(window.location.search)).then(
      (returnTo) => {
        window.history.replaceState(null, '', `/app/#${returnTo}`);
        setSession(currentSession());
        setRoute(returnTo);
      },
      (error: unknown) => {
        window.history.replaceState(null, '', '/app/');
        setProblem(error instanceof Error ? error.message : String(error));
      },
    );
  }, [landing]);

  const go = useCallback((next: string) => {
    window.location.hash = next;
  }, []);
  const switchLanguage = () => {
    const next = language === 'zh' ? 'en' : 'zh';
    storeLanguage(next);
    setLanguage(next);
  };
  const caller: Caller = useMemo(() => ({ accessToken: session?.accessToken ?? null, language }), [session, language]);

  let page;
  if (landing && !problem) page = <p role="status">{t('signingIn')}</p>;
  else if (!session)
    page = (
      <section aria-labelledby="sign-in-title" className="card">
        <h2 id="sign-in-title">{t('signIn')}</h2>
        <p>{t('signInIntro')}</p>
        {problem && <p role="alert" className="problem">{t('signInFailed')}{problem}</p>}
        <button type="button" className="primary" onClick={() => void startSignIn(config, route).catch((error: unknown) => setProblem(String(error)))}>
          {t('signIn')}
        </button>
        <p>{t('hallSignInIntro')}</p>
        <button type="button" onClick={() => void startSignIn(config, '/', { fresh: true }).catch((error: unknown) => setProblem(String(error)))}>
          {t('hallSignIn')}
        </button>
      </section>
    );
  else {
    const props: PageProps = { session, caller, graphqlPath: config.graphqlPath, go };
    const application = /^\/applications\/([^/]+)$/.exec(route);
    if (session.role === 'FUND_OFFICER') page = application ? <OfficerReview {...props} id={decodeURIComponent(application[1]!)} /> : <Workbench {...props} />;
    else if (session.role === 'PROXY_AGENT' && !application) page = <HallHome {...props} />;
    else if (route === '/new') page = <NewApplication {...props} />;
    else if (application) page = <ApplicationView {...props} id={decodeURIComponent(application[1]!)} />;
    else page = <Home {...props} />;
  }

  return (
    <Language.Provider value={{ language, t }}>
      <header className="top">
        <h1>
          <a href="#/">{t('appTitle')}</a>
        </h1>
        <nav aria-label={t('appTitle')}>
          <button type="button" lang={language === 'zh' ? 'en' : 'zh-CN'} aria-label={t('languageLabel')} onClick={switchLanguage}>
            {t('language')}
          </button>
          {session && (
            <button
              type="button"
              onClick={() => {
                signOut();
                setSession(null);
                go('/');
              }}
            >
              {t('signOut')}
            </button>
          )}
        </nav>
      </header>
      <main id="main">{page}</main>
    </Language.Provider>
  );
}
