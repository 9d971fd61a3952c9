import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { capabilityIds, type CapabilityId } from '../../../common/contract';
import type { View } from '../capabilities/capability';
import { rendererCapabilities } from '../capabilities/registry';
import { viewIcons } from '../capabilities/view-icons';
import { changeLanguage, systemLanguage } from '../i18n';
import { useSettingsStore } from '../settings/store';
import { Dashboard } from './Dashboard';
import { OverallStatus } from './OverallStatus';
import { useShellStore } from './store';

const dashboard = { view: 'dashboard', Pane: Dashboard, labelKey: 'nav.dashboard' } as const;
const panes = [dashboard, ...rendererCapabilities.flatMap((capability) => (capability.pane ? [capability.pane] : []))];
const runtimes = rendererCapabilities.flatMap((capability) =>
  capability.Runtime ? [{ id: capability.id, Runtime: capability.Runtime }] : [],
);
const topbarItems = rendererCapabilities.flatMap((capability) =>
  capability.TopbarItem ? [{ id: capability.id, TopbarItem: capability.TopbarItem }] : [],
);
const hasStatus = (view: View): view is CapabilityId => (capabilityIds as readonly string[]).includes(view);

/** A navigation entry: the pane's icon and name, and for a capability the colour of its status. */
const NavEntry = ({ view, labelKey, current }: { view: View; labelKey: string; current: boolean }) => {
  const { t } = useTranslation();
  const show = useShellStore((state) => state.show);
  const level = useShellStore((state) => (hasStatus(view) ? (state.status?.capabilities[view]?.level ?? 'unconfigured') : undefined));
  const Icon = viewIcons[view];
  return (
    <button type="button" aria-current={current ? 'page' : undefined} data-nav={view} onClick={() => show(view)}>
      <Icon className="nav-icon" aria-hidden="true" focusable="false" />
      <span className="nav-label">{t(labelKey)}</span>
      {level && (
        <span className={`nav-status badge-${level}`} data-level={level}>
          <span className="dot" aria-hidden="true" />
          <span className="visually-hidden">{t(`status.${level}`)}</span>
        </span>
      )}
    </button>
  );
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
  const { view, status, error, immersive } = useShellStore();
  usePreferences();
  const CurrentPane = panes.find((pane) => pane.view === view)?.Pane;
  // A pane opens at its top, not where the previous one was scrolled to.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [view]);
  return (
    <div className={immersive ? 'shell immersive' : 'shell'}>
      <a className="skip-link" href="#content">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <span className="tagline">{t('app.tagline')}</span>
        {topbarItems.map(({ id, TopbarItem }) => (
          <TopbarItem key={id} />
        ))}
        {status && (
          <span className="overall" aria-live="polite">
            <OverallStatus status={status} />
          </span>
        )}
      </header>
      <nav className="sidebar" aria-label={t('nav.label')}>
        <ul>
          {panes.map((pane) => (
            <li key={pane.view}>
              <NavEntry view={pane.view} labelKey={pane.labelKey} current={pane.view === view} />
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
