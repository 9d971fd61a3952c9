import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfilePreview } from '../../../common/contract/profiles';
import { secretsNeeded } from '../../../common/profiles/secrets-needed';
import { PasswordsForm } from '../credentials/PasswordsForm';
import { ImportProfileForm } from './ImportProfileForm';
import { DiscardedNote, ProfileReview } from './ProfileReview';
import { useProfilesStore } from './store';
import { UserFieldsForm } from './UserFieldsForm';
import './profiles.css';

const steps = ['import', 'review', 'details', 'passwords', 'done'] as const;
type Step = (typeof steps)[number];

interface WizardStepProps {
  title?: string;
  /** The button that leaves the step, when the step has one of its own; `secondary` where it skips what the step asks. */
  action?: string;
  secondary?: boolean;
  onAction?: () => void;
  children: ReactNode;
}

/** One step of the wizard: its heading, what is done in it, and the button that moves on. */
const WizardStep = ({ title, action, secondary, onAction, children }: WizardStepProps) => (
  <>
    {title && <h3>{title}</h3>}
    {children}
    {action && (
      <button type="button" className={secondary ? 'secondary' : undefined} onClick={onAction}>
        {action}
      </button>
    )}
  </>
);

/**
 * First run, above the dashboard: read the help desk's profile, check who issued it and what it sets up before
 * installing it, type your details, save your passwords.
 */
export const OnboardingWizard = () => {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('import');
  const [preview, setPreview] = useState<ProfilePreview>();
  const [discarded, setDiscarded] = useState(false);
  const state = useProfilesStore((store) => store.state);
  const finish = useProfilesStore((store) => store.finishOnboarding);
  // A link or a file the OS handed over while the wizard shows is checked here, like one picked in it.
  const reviewing = step === 'import' ? (preview ?? state?.offered ?? undefined) : undefined;
  const current: Step = reviewing ? 'review' : step;
  const next = (): void => setStep(steps[steps.indexOf(current) + 1] ?? 'done');

  return (
    <section className="wizard surface" data-pane="onboarding" data-step={current} aria-labelledby="onboarding-title">
      <h2 id="onboarding-title">{t('onboarding.title')}</h2>
      <p className="muted">{t('onboarding.step', { current: steps.indexOf(current) + 1, total: steps.length })}</p>
      {current === 'import' && (
        <WizardStep action={t('onboarding.skip')} secondary onAction={finish}>
          <p>{t('onboarding.intro')}</p>
          {discarded && <DiscardedNote />}
          <ImportProfileForm
            onPreview={(received) => {
              setDiscarded(false);
              setPreview(received);
            }}
          />
        </WizardStep>
      )}
      {reviewing && (
        <WizardStep title={t('onboarding.reviewTitle')}>
          <ProfileReview
            preview={reviewing}
            onInstalled={() => {
              setPreview(undefined);
              setStep('details');
            }}
            onDiscarded={() => {
              setPreview(undefined);
              setDiscarded(true);
            }}
          />
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
