import { KeyRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useKeychainPromptStore } from './keychain-prompt';
import './keychain-prompt.css';

/**
 * While a keychain call waits for the person in the keychain's own window (unlock, KeePassXC's access request),
 * says so over whatever pane is open, with a way to stop waiting.
 */
export const KeychainPromptNotice = () => {
  const { t } = useTranslation();
  const { waiting, cancel } = useKeychainPromptStore();
  return (
    <div className="keychain-prompt-region" role="status" aria-live="polite">
      {waiting && (
        <div className="keychain-prompt surface" data-testid="keychain-prompt" data-waiting={waiting}>
          <KeyRound aria-hidden="true" size={20} />
          <p>{t(`secrets.keychainPrompt.${waiting}`)}</p>
          <button type="button" className="secondary" onClick={() => void cancel()}>
            {t('secrets.keychainPrompt.cancel')}
          </button>
        </div>
      )}
    </div>
  );
};
