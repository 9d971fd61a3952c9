import { PaneHeader } from '../capabilities/PaneHeader';
import { useTranslation } from 'react-i18next';
import { secretsNeeded } from '../../../common/profiles/secrets-needed';
import { PasswordsForm } from '../credentials/PasswordsForm';
import { MeetingReminderSetting } from '../meetings/ReminderField';
import { ManagedSettings } from '../profiles/ManagedSettings';
import { useProfilesStore } from '../profiles/store';
import { UpdatesSection } from '../updates/UpdatesSection';
import { PhoneLinksSection } from './PhoneLinksSection';
import { PhoneShortcutsSection } from '../phone/PhoneShortcutsSection';
import { useSettingsStore, type LanguageChoice, type ThemeChoice } from './store';

interface ChoiceFieldProps<T extends string> {
  id: string;
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(value: T): void;
}

const ChoiceField = <T extends string>({ id, label, value, options, onChange }: ChoiceFieldProps<T>) => (
  <div className="field">
    <label htmlFor={id}>{label}</label>
    <select id={id} value={value} onChange={(event) => onChange(event.target.value as T)}>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  </div>
);

export const SettingsPane = () => {
  const { t } = useTranslation();
  const { language, theme, setLanguage, setTheme } = useSettingsStore();
  const config = useProfilesStore((store) => store.state?.effective.config);
  const languages: { value: LanguageChoice; label: string }[] = [
    { value: 'system', label: t('settings.system') },
    { value: 'en', label: t('settings.english') },
    { value: 'it', label: t('settings.italian') },
  ];
  const themes: { value: ThemeChoice; label: string }[] = [
    { value: 'system', label: t('settings.system') },
    { value: 'light', label: t('settings.light') },
    { value: 'dark', label: t('settings.dark') },
  ];
  return (
    <section className="pane" data-pane="settings" aria-labelledby="pane-title">
      <PaneHeader view="settings" title={t('settings.title')} />
      <ChoiceField id="setting-language" label={t('settings.language')} value={language} options={languages} onChange={setLanguage} />
      <ChoiceField id="setting-theme" label={t('settings.theme')} value={theme} options={themes} onChange={setTheme} />
      <ManagedSettings />
      <MeetingReminderSetting />
      {config && secretsNeeded(config).length > 0 && (
        <section aria-labelledby="passwords-title" className="stack">
          <h2 id="passwords-title">{t('secrets.title')}</h2>
          <PasswordsForm secrets={secretsNeeded(config)} />
        </section>
      )}
      <PhoneLinksSection />
      <PhoneShortcutsSection />
      <UpdatesSection />
    </section>
  );
};
