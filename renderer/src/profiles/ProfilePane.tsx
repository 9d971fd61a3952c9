import { PaneHeader } from '../capabilities/PaneHeader';
import { useTranslation } from 'react-i18next';
import { ImportProfileForm } from './ImportProfileForm';
import { ConfiguredSections, ProfileFacts } from './ProfileFacts';
import { useProfilesStore } from './store';
import { UserFieldsForm } from './UserFieldsForm';

/** The active profile: who issued it, its serial and expiry, where it came from, its last check and problems. */
export const ProfilePane = () => {
  const { t } = useTranslation();
  const state = useProfilesStore((store) => store.state);
  const problems = [...(state?.problems ?? []), ...(state?.effective.problems ?? [])];
  return (
    <section className="pane" data-pane="profile" aria-labelledby="pane-title">
      <PaneHeader view="profile" title={t('profiles.title')} />
      {state?.current ? (
        <>
          <ProfileFacts summary={state.current} />
          <h2>{t('profiles.configures')}</h2>
          <ConfiguredSections />
          <h2>{t('profiles.yourDetails')}</h2>
          <UserFieldsForm key={state.current.serial} />
        </>
      ) : (
        <p className="muted">{t('profiles.none')}</p>
      )}
      {problems.length > 0 && (
        <>
          <h2>{t('profiles.problems')}</h2>
          <ul className="facts" role="alert">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </>
      )}
      <h2>{state?.current ? t('profiles.importAnother') : t('profiles.title')}</h2>
      <ImportProfileForm />
    </section>
  );
};
