import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { phone } from './connected';
import type { PasswordPrompt } from './store';

/** Asked when the keychain has no SIP password, or the PBX refused the one it had; used once unless saved. */
export const PasswordPromptForm = ({ prompt }: { prompt: PasswordPrompt }) => {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [save, setSave] = useState(prompt.canSave);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void phone().usePassword(password, save && prompt.canSave);
    setPassword('');
  };
  return (
    <form className="stack password-prompt" data-testid="phone-password" onSubmit={submit}>
      <p className="muted">{prompt.reason}</p>
      <div className="field">
        <label htmlFor="phone-password">{t('phone.password.label')}</label>
        <input
          id="phone-password"
          type="password"
          autoComplete="off"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </div>
      {prompt.canSave && (
        <label>
          <input type="checkbox" checked={save} onChange={(event) => setSave(event.target.checked)} /> {t('phone.password.save')}
        </label>
      )}
      <div className="inline">
        <button type="submit" disabled={password === ''}>
          {t('phone.password.signIn')}
        </button>
      </div>
    </form>
  );
};
