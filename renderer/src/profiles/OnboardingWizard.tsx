import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { secretsNeeded } from '../../../common/profiles/secrets-needed';
import { PasswordsForm } from '../credentials/PasswordsForm';
import { ImportProfileForm } from './ImportProfileForm';
import { ConfiguredSections, ProfileFacts } from './ProfileFacts';
import { useProfilesStore } from './store';
import { UserFieldsForm } from './UserFieldsForm';

const steps = ['import', 'review', 'details', 'passwords', 'done'] as const;
type Step = (typeof steps)[number];

interface WizardStepProps {
  title?: string;
  /** The button that leaves the step; `secondary` where it skips what the step asks. */
  action: string;
  secondary?: boolean;
  onAction: () => void;
  children: ReactNode;
}

/** One step of the wizard: its heading, what is done in it, and the button that moves on. */
const WizardStep = ({ title, action, secondary, onAction, children }: WizardStepProps) => (
  <>
    {title && <h3>{title}</h3>}
    {children}
    <button type="button" className={secondary ? 'secondary' : undefined} onClick={onAction}>
      {action}
    </button>
  </>
);

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
        <WizardStep action={t('onboarding.skip')} secondary onAction={finish}>
          <p>{t('onboarding.intro')}</p>
          <ImportProfileForm onImported={next} />
        </WizardStep>
      )}
      {step === 'review' && state?.current && (
        <WizardStep title={t('onboarding.reviewTitle')} action={t('onboarding.next')} onAction={next}>
          <ProfileFacts summary={state.current} />
          <h3>{t('profiles.configures')}</h3>
          <ConfiguredSections />
        </WizardStep>
      )}
      {step === 'details' && (
        <WizardStep title={t('onboarding.detailsTitle')} action={t('onboarding.skip')} secondary onAction={next}>
          <UserFieldsForm onSaved={next} />
        </WizardStep>
      )}
      {step === 'passwords' && (
        <WizardStep title={t('onboarding.passwordsTitle')} action={t('onboarding.next')} onAction={next}>
          <PasswordsForm secrets={secretsNeeded(state?.effective.config ?? {})} />
        </WizardStep>
      )}
      {step === 'done' && (
        <WizardStep title={t('onboarding.doneTitle')} action={t('onboarding.finish')} onAction={finish}>
          <p>{t('onboarding.doneBody')}</p>
        </WizardStep>
      )}
    </section>
  );
};
