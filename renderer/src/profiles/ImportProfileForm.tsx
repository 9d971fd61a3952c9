import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fileAsBase64, useProfilesStore } from './store';
import { messageOf } from '../../../common/error-message';

/** Import a signed profile from a file the employee picks or from the URL the help desk gave. */
export const ImportProfileForm = ({ onImported }: { onImported?: () => void }) => {
  const { t } = useTranslation();
  const importProfile = useProfilesStore((state) => state.importProfile);
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const run = async (request: Parameters<typeof importProfile>[0]): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await importProfile(request);
      onImported?.();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const submitUrl = (event: FormEvent): void => {
    event.preventDefault();
    void run({ kind: 'url', url: url.trim() });
  };

  return (
    <div className="import-profile" aria-busy={busy}>
      <div className="field">
        <label htmlFor="profile-file">{t('profiles.fromFile')}</label>
        <input
          id="profile-file"
          type="file"
          accept=".json,application/json"
          disabled={busy}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void fileAsBase64(file).then((contentBase64) => run({ kind: 'file', contentBase64 }));
            event.target.value = '';
          }}
        />
      </div>
      <form className="field" onSubmit={submitUrl}>
        <label htmlFor="profile-url">{t('profiles.fromUrl')}</label>
        <div className="inline">
          <input
            id="profile-url"
            type="url"
            inputMode="url"
            placeholder="https://"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            disabled={busy}
          />
          <button type="submit" disabled={busy || url.trim() === ''}>
            {t('profiles.fetch')}
          </button>
        </div>
      </form>
      {error && (
        <p role="alert" className="alert" data-testid="import-error">
          {t('profiles.refused', { reason: error })}
        </p>
      )}
    </div>
  );
};
