import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfilePreview } from '../../../common/contract/profiles';
import { PaneHeader } from '../capabilities/PaneHeader';
import { OtherOrganisationsSecrets } from '../credentials/OtherOrganisationsSecrets';
import { ErrorNotice } from '../errors/ErrorNotice';
import { problemReport } from '../../../common/contract/problems';
import { ImportProfileForm } from './ImportProfileForm';
import { ConfiguredSections, ProfileFacts } from './ProfileFacts';
import { DiscardedNote, ProfileReview } from './ProfileReview';
import { useProfilesStore } from './store';
import { UserFieldsForm } from './UserFieldsForm';
import './profiles.css';

/** The active profile: who issued it, its serial and expiry, where it came from, its last check and problems. */
export const ProfilePane = () => {
  const { t } = useTranslation();
  const state = useProfilesStore((store) => store.state);
  const [preview, setPreview] = useState<ProfilePreview>();
  const [discarded, setDiscarded] = useState(false);
  const reviewing = preview ?? state?.offered ?? undefined;
  const lastCheck = state?.lastCheck;
  const problems = [
    ...(state?.problems ?? []),
    ...(state?.effective.problems ?? []).map((line) => problemReport('profiles.configuration', line)),
  ];
  return (
    <section className="pane" data-pane="profile" aria-labelledby="pane-title">
      <PaneHeader view="profile" title={t('profiles.title')} />
      {reviewing && (
        <section className="surface review-box stack" aria-labelledby="review-title">
          <h2 id="review-title">{t('onboarding.reviewTitle')}</h2>
          <ProfileReview
            preview={reviewing}
            onInstalled={() => setPreview(undefined)}
            onDiscarded={() => {
              setPreview(undefined);
              setDiscarded(true);
            }}
          />
        </section>
      )}
      {discarded && !reviewing && <DiscardedNote />}
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
      {state?.current && lastCheck?.problem && (
        <ErrorNotice error={{ problem: lastCheck.problem, detail: lastCheck.reason }} live="none" testId="last-check-problem" />
      )}
      {problems.length > 0 && (
        <>
          <h2>{t('profiles.problems')}</h2>
          <div className="stack" data-testid="profile-problems">
            {problems.map((problem) => (
              <ErrorNotice key={`${problem.code}:${problem.detail}`} error={problem} live="none" />
            ))}
          </div>
        </>
      )}
      <OtherOrganisationsSecrets />
      {!reviewing && (
        <>
          <h2>{state?.current ? t('profiles.importAnother') : t('profiles.importTitle')}</h2>
          <ImportProfileForm
            onPreview={(received) => {
              setDiscarded(false);
              setPreview(received);
            }}
          />
        </>
      )}
    </section>
  );
};
