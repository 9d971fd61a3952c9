import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecretId } from '../../../common/contract/credentials';
import type { NeededSecret } from '../../../common/profiles/secrets-needed';
import { useCredentialsStore, watchSecretScopes } from './store';
import { ErrorNotice } from '../errors/ErrorNotice';
import { shown } from '../errors/catalogue';

const PasswordField = ({ secret }: { secret: NeededSecret }) => {
  const { t } = useTranslation();
  const { saved, save, forget } = useCredentialsStore();
  const [value, setValue] = useState('');
  const [error, setError] = useState<unknown>();
  const label = t(secret.labelKey, secret.params ?? {});

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(undefined);
    try {
      await save(secret.id, value);
      setValue('');
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <form className="field" data-secret={secret.id} onSubmit={(event) => void submit(event)}>
      <label htmlFor={`secret-${secret.id}`}>{label}</label>
      <div className="inline">
        <input
          id={`secret-${secret.id}`}
          type="password"
          autoComplete="off"
          value={value}
          onChange={(event) => {
            setError(undefined);
            setValue(event.target.value);
          }}
        />
        <button type="submit" disabled={value === ''}>
          {t('secrets.save')}
        </button>
        {saved[secret.id] && (
          <button type="button" className="secondary" onClick={() => void forget(secret.id)}>
            {t('secrets.forget')}
          </button>
        )}
      </div>
      {saved[secret.id] && <p role="status">{t('secrets.saved')}</p>}
      {error !== undefined && <ErrorNotice error={error} />}
    </form>
  );
};

/** Asks for each password a configuration needs and keeps it in the OS keychain, never anywhere else. */
export const PasswordsForm = ({ secrets }: { secrets: readonly NeededSecret[] }) => {
  const { t } = useTranslation();
  const { availability, refresh } = useCredentialsStore();
  const scope = useCredentialsStore((store) => store.scopes?.active.scope);
  // Keyed on the ids, not the array, which is rebuilt on every render; and on the organisation, whose ids they are.
  const ids = secrets.map((secret) => secret.id).join(',');
  useEffect(() => watchSecretScopes(), []);
  useEffect(() => void refresh(ids.split(',') as SecretId[]), [ids, refresh, scope]);

  if (secrets.length === 0) return <p className="muted">{t('secrets.none')}</p>;
  if (availability && !availability.available)
    return <ErrorNotice error={shown('credentials.no-keychain', undefined, availability.reason)} testId="no-keychain" live="none" />;
  return (
    <div className="stack">
      <p className="muted">{t('secrets.explain')}</p>
      {secrets.map((secret) => (
        <PasswordField key={secret.id} secret={secret} />
      ))}
    </div>
  );
};
