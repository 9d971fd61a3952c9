import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { rendererCapabilities } from '../capabilities/registry';
import { changeLanguage, systemLanguage } from '../i18n';
import { useSettingsStore } from '../settings/store';
import { Dashboard } from './Dashboard';
import { StatusBadge } from './StatusBadge';
import { useShellStore } from './store';

const dashboard = { view: 'dashboard', Pane: Dashboard, labelKey: 'nav.dashboard' } as const;
const panes = [dashboard, ...rendererCapabilities.flatMap((capability) => (capability.pane ? [capability.pane] : []))];
const runtimes = rendererCapabilities.flatMap((capability) =>
  capability.Runtime ? [{ id: capability.id, Runtime: capability.Runtime }] : [],
);

/** Applies the chosen language and theme to the document. */
const usePreferences = (): void => {
  const { language, theme } = useSettingsStore();
  useEffect(() => changeLanguage(language === 'system' ? systemLanguage() : language), [language]);
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset['theme'];
    else document.documentElement.dataset['theme'] = theme;
  }, [theme]);
};

export const App = () => {
  const { t } = useTranslation();
  const { view, show, status, error } = useShellStore();
  usePreferences();
  const CurrentPane = panes.find((pane) => pane.view === view)?.Pane;
  // A pane opens at its top, not where the previous one was scrolled to.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [view]);
  return (
    <div className="shell">
      <a className="skip-link" href="#content">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <span className="tagline">{t('app.tagline')}</span>
        {status && (
          <span className="overall" aria-live="polite">
            <StatusBadge level={status.level} />
          </span>
        )}
      </header>
      <nav className="sidebar" aria-label={t('nav.label')}>
        <ul>
          {panes.map((pane) => (
            <li key={pane.view}>
              <button
                type="button"
                aria-current={pane.view === view ? 'page' : undefined}
                data-nav={pane.view}
                onClick={() => show(pane.view)}
              >
                {t(pane.labelKey)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main id="content" tabIndex={-1}>
        {error && (
          <p role="alert" className="alert">
            {t('error.load', { message: error })}
          </p>
        )}
        {CurrentPane && <CurrentPane />}
      </main>
      {/* What runs whichever pane is open: a ringing call's banner, call audio. */}
      {runtimes.map(({ id, Runtime }) => (
        <Runtime key={id} />
      ))}
    </div>
  );
};
