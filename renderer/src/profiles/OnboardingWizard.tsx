import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { secretsNeeded } from '../../../common/profiles/secrets-needed';
import { PasswordsForm } from '../credentials/PasswordsForm';
import { ImportProfileForm } from './ImportProfileForm';
import { ConfiguredSections, ProfileFacts } from './ProfileFacts';
import { useProfilesStore } from './store';
import { UserFieldsForm } from './UserFieldsForm';

const steps = ['import', 'review', 'details', 'passwords', 'done'] as const;
type Step = (typeof steps)[number];

/** First run, above the dashboard: install the help desk's profile, check who issued it, type your details, save your passwords. */
export const OnboardingWizard = () => {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('import');
  const state = useProfilesStore((store) => store.state);
  const finishOnboarding = useProfilesStore((store) => store.finishOnboarding);
  const next = (): void => setStep(steps[steps.indexOf(step) + 1] ?? 'done');
  const finish = finishOnboarding;

  return (
    <section className="wizard" data-pane="onboarding" aria-labelledby="onboarding-title">
      <h2 id="onboarding-title">{t('onboarding.title')}</h2>
      <p className="muted">{t('onboarding.step', { current: steps.indexOf(step) + 1, total: steps.length })}</p>
      {step === 'import' && (
        <>
          <p>{t('onboarding.intro')}</p>
          <ImportProfileForm onImported={next} />
          <button type="button" className="secondary" onClick={finish}>
            {t('onboarding.skip')}
          </button>
        </>
      )}
      {step === 'review' && state?.current && (
        <>
          <h3>{t('onboarding.reviewTitle')}</h3>
          <ProfileFacts summary={state.current} />
          <h3>{t('profiles.configures')}</h3>
          <ConfiguredSections />
          <button type="button" onClick={next}>
            {t('onboarding.next')}
          </button>
        </>
      )}
      {step === 'details' && (
        <>
          <h3>{t('onboarding.detailsTitle')}</h3>
          <UserFieldsForm onSaved={next} />
          <button type="button" className="secondary" onClick={next}>
            {t('onboarding.skip')}
          </button>
        </>
      )}
      {step === 'passwords' && (
        <>
          <h3>{t('onboarding.passwordsTitle')}</h3>
          <PasswordsForm secrets={secretsNeeded(state?.effective.config ?? {})} />
          <button type="button" onClick={next}>
            {t('onboarding.next')}
          </button>
        </>
      )}
      {step === 'done' && (
        <>
          <h3>{t('onboarding.doneTitle')}</h3>
          <p>{t('onboarding.doneBody')}</p>
          <button type="button" onClick={finish}>
            {t('onboarding.finish')}
          </button>
        </>
      )}
    </section>
  );
};
