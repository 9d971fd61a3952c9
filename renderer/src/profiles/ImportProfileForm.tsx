import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfilePreview } from '../../../common/contract/profiles';
import { ErrorNotice } from '../errors/ErrorNotice';
import { FieldMessage } from '../errors/FieldMessage';
import { shown, type ShownError } from '../errors/catalogue';
import { fileAsBase64, useProfilesStore } from './store';
import './profiles.css';

/** Our own check of the address before anything is fetched: the employee's slip gets a sentence, not a request. */
const addressProblem = (text: string): ShownError | undefined => {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? undefined : shown('profiles.address-scheme');
  } catch {
    return shown('profiles.address-invalid');
  }
};

/**
 * Reads a profile from a file the employee picks or from the address the help desk gave, and hands back the
 * verified preview: nothing is installed here.
 */
export const ImportProfileForm = ({ onPreview }: { onPreview: (preview: ProfilePreview) => void }) => {
  const { t } = useTranslation();
  const previewProfile = useProfilesStore((state) => state.previewProfile);
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [urlProblem, setUrlProblem] = useState<ShownError>();

  const run = async (request: Parameters<typeof previewProfile>[0]): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      onPreview(await previewProfile(request));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const submitUrl = (event: FormEvent): void => {
    event.preventDefault();
    const address = url.trim();
    const problem = addressProblem(address);
    setUrlProblem(problem);
    if (problem) return setError(undefined);
    void run({ kind: 'url', url: address });
  };

  return (
    <div className="import-profile stack" aria-busy={busy}>
      {/* The browser's own file button speaks the browser's language; this one speaks the employee's. */}
      <div className="field field-wide file-picker">
        <span id="profile-file-title">{t('profiles.fromFile')}</span>
        <input
          id="profile-file"
          className="visually-hidden"
          type="file"
          accept=".json,application/json"
          aria-labelledby="profile-file-title profile-file-button"
          disabled={busy}
          onChange={(event) => {
            const file = event.target.files?.[0];
            setError(undefined);
            setUrlProblem(undefined);
            if (file) void fileAsBase64(file).then((contentBase64) => run({ kind: 'file', contentBase64 }));
            event.target.value = '';
          }}
        />
        <label id="profile-file-button" htmlFor="profile-file" className="file-button" aria-hidden="true">
          {t('profiles.chooseFile')}
        </label>
      </div>
      <form className="field field-wide" onSubmit={submitUrl} noValidate>
        <label htmlFor="profile-url">{t('profiles.fromUrl')}</label>
        <div className="inline">
          <input
            id="profile-url"
            type="url"
            inputMode="url"
            autoComplete="url"
            value={url}
            aria-invalid={urlProblem ? true : undefined}
            aria-describedby={urlProblem ? 'profile-url-message' : 'profile-url-hint'}
            onChange={(event) => {
              setUrl(event.target.value);
              setUrlProblem(undefined);
              setError(undefined);
            }}
            disabled={busy}
          />
          <button type="submit" disabled={busy || url.trim() === ''}>
            {t('profiles.fetch')}
          </button>
        </div>
        {urlProblem ? (
          <FieldMessage id="profile-url-message" error={urlProblem} />
        ) : (
          <p id="profile-url-hint" className="field-hint">
            {t('profiles.urlHint')}
          </p>
        )}
      </form>
      {error !== undefined && <ErrorNotice error={error} testId="import-error" />}
    </div>
  );
};
