import { useTranslation } from 'react-i18next';
import { useSettingsStore, type LanguageChoice, type ThemeChoice } from './store';

export const SettingsPane = () => {
  const { t } = useTranslation();
  const { language, theme, setLanguage, setTheme } = useSettingsStore();
  return (
    <section className="pane" data-pane="settings" aria-labelledby="pane-title">
      <h1 id="pane-title">{t('settings.title')}</h1>
      <div className="field">
        <label htmlFor="setting-language">{t('settings.language')}</label>
        <select id="setting-language" value={language} onChange={(event) => setLanguage(event.target.value as LanguageChoice)}>
          <option value="system">{t('settings.system')}</option>
          <option value="en">{t('settings.english')}</option>
          <option value="it">{t('settings.italian')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="setting-theme">{t('settings.theme')}</label>
        <select id="setting-theme" value={theme} onChange={(event) => setTheme(event.target.value as ThemeChoice)}>
          <option value="system">{t('settings.system')}</option>
          <option value="light">{t('settings.light')}</option>
          <option value="dark">{t('settings.dark')}</option>
        </select>
      </div>
    </section>
  );
};
