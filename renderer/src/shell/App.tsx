import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { capabilityOrder } from '../capabilities/registry';
import { HelpPane } from '../help/HelpPane';
import { ProfilePane } from '../profiles/ProfilePane';
import { changeLanguage, systemLanguage } from '../i18n';
import { MeetingsPane } from '../meetings/MeetingsPane';
import { OfficePcPane } from '../office-pc/OfficePcPane';
import { PhonePane } from '../phone/PhonePane';
import { PhoneRuntime } from '../phone/PhoneRuntime';
import { SettingsPane } from '../settings/SettingsPane';
import { useSettingsStore } from '../settings/store';
import { VpnPane } from '../vpn/VpnPane';
import { Dashboard } from './Dashboard';
import { StatusBadge } from './StatusBadge';
import { useShellStore, type View } from './store';

const navItems: View[] = ['dashboard', ...capabilityOrder, 'profile', 'settings', 'help'];

const shellViews: readonly View[] = ['dashboard', 'profile', 'settings', 'help'];
const navLabelKey = (view: View): string => (shellViews.includes(view) ? `nav.${view}` : `capability.${view}.title`);

const CurrentView = ({ view }: { view: View }) => {
  switch (view) {
    case 'dashboard':
      return <Dashboard />;
    case 'profile':
      return <ProfilePane />;
    case 'settings':
      return <SettingsPane />;
    case 'help':
      return <HelpPane />;
    case 'vpn':
      return <VpnPane />;
    case 'meetings':
      return <MeetingsPane />;
    case 'officePc':
      return <OfficePcPane />;
    case 'phone':
      return <PhonePane />;
  }
};

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
          {navItems.map((item) => (
            <li key={item}>
              <button type="button" aria-current={item === view ? 'page' : undefined} data-nav={item} onClick={() => show(item)}>
                {t(navLabelKey(item))}
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
        <CurrentView view={view} />
      </main>
      {/* Calls ring, and their audio plays, whichever pane is open. */}
      <PhoneRuntime />
    </div>
  );
};
