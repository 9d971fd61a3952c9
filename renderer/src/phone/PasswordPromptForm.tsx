import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../errors/ErrorNotice';
import { PasswordForm } from '../shell/PasswordForm';
import { phone } from './connected';
import type { PasswordPrompt } from './store';

/** Asked when the keychain has no SIP password, or the PBX refused the one it had; used once unless saved. */
export const PasswordPromptForm = ({ prompt }: { prompt: PasswordPrompt }) => {
  const { t } = useTranslation();
  return (
    <PasswordForm
      className="password-prompt"
      testId="phone-password"
      inputId="phone-password"
      label={t('phone.password.label')}
      autoComplete="off"
      canSave={prompt.canSave}
      saveLabel={t('phone.password.save')}
      submitLabel={t('phone.password.signIn')}
      onSubmit={(password, save) => void phone().usePassword(password, save)}
    >
      <ErrorNotice error={prompt.why} live="none" testId="phone-password-why" />
    </PasswordForm>
  );
};
