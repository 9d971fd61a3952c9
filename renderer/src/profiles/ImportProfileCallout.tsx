import { FileUp } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useShellStore } from '../shell/store';
import { StoredProfileNotice } from './StoredProfileNotice';
import { useProfilesStore } from './store';
import './profiles.css';

/**
 * On the dashboard: what became of a damaged stored profile, and, while nothing is configured and the first-run
 * wizard was put off, where to import the profile.
 */
export const ImportProfileCallout = () => (
  <>
    <StoredProfileNotice />
    <ImportCallout />
  </>
);

const ImportCallout = () => {
  const { t } = useTranslation();
  const onboarding = useProfilesStore((store) => store.onboarding);
  const configured = useProfilesStore((store) => store.state?.current != null);
  const show = useShellStore((shell) => shell.show);
  if (onboarding !== 'done' || configured) return null;
  return (
    <aside className="card import-callout" aria-labelledby="import-callout-title" data-testid="import-callout">
      <header className="card-header">
        <FileUp className="glyph" aria-hidden="true" focusable="false" />
        <h2 id="import-callout-title">{t('profiles.callout.title')}</h2>
      </header>
      <p>{t('profiles.callout.body')}</p>
      <button type="button" onClick={() => show('profile')}>
        {t('profiles.callout.action')}
      </button>
    </aside>
  );
};
