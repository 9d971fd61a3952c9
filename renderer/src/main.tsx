import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { changeLanguage, initI18n, systemLanguage } from './i18n';
import { useSettingsStore } from './settings/store';
import { App } from './shell/App';
import { connectProfiles } from './profiles/store';
import { connectShell } from './shell/store';
import './styles.css';

// The web host's token arrived in the address; the cookie now carries it, so it leaves the address bar and history.
if (new URLSearchParams(location.search).has('token')) history.replaceState(null, '', location.pathname);

const chosen = useSettingsStore.getState().language;
const language = chosen === 'system' ? systemLanguage() : chosen;
void initI18n(language).then(() => {
  changeLanguage(language);
  connectShell();
  connectProfiles();
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
