import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { changeLanguage, initI18n, systemLanguage } from './i18n';
import { useSettingsStore } from './settings/store';
import { getApi } from './bridge/api';
import { keepWebHostToken } from './bridge/web-bridge';
import { rendererCapabilities } from './capabilities/registry';
import { App } from './shell/App';
import { useShellStore } from './shell/store';
import './styles.css';

// The web host's token arrived in the address's fragment: it moves to this origin's sessionStorage, out of the
// address bar and the history.
keepWebHostToken();

const chosen = useSettingsStore.getState().language;
const language = chosen === 'system' ? systemLanguage() : chosen;
void initI18n(language).then(() => {
  changeLanguage(language);
  // Every capability connects once, now: its events reach its store whichever pane is open.
  const context = { api: getApi(), show: useShellStore.getState().show, info: () => useShellStore.getState().info };
  rendererCapabilities.forEach((capability) => capability.connect?.(context));
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
