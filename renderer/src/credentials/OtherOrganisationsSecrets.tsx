import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecretScopeEntry } from '../../../common/contract/credentials';
import { ErrorNotice } from '../errors/ErrorNotice';
import { useCredentialsStore, watchSecretScopes } from './store';
import './credentials.css';

const OrganisationRow = ({ entry }: { entry: SecretScopeEntry }) => {
  const { t } = useTranslation();
  const forgetScope = useCredentialsStore((store) => store.forgetScope);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const organization = entry.organization ?? t('secrets.others.personal');
  const headingId = `secrets-of-${entry.scope}`;

  const remove = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await forgetScope(entry.scope);
    } catch (failure) {
      setError(failure);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="other-organisation" data-scope={entry.scope} aria-labelledby={headingId}>
      <div className="other-organisation-row">
        <div>
          <h3 id={headingId}>{organization}</h3>
          <p className="muted">{t('secrets.others.count', { count: entry.saved })}</p>
        </div>
        {!confirming && (
          <button type="button" className="secondary" onClick={() => setConfirming(true)} aria-describedby={headingId}>
            {t('secrets.others.remove')}
          </button>
        )}
      </div>
      {confirming && (
        <div className="other-organisation-confirm" role="group" aria-label={t('secrets.others.confirmTitle', { organization })}>
          <p>{t('secrets.others.confirm', { organization })}</p>
          <div className="inline">
            <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
              {t('secrets.others.confirmRemove')}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => setConfirming(false)}>
              {t('secrets.others.cancel')}
            </button>
          </div>
        </div>
      )}
      {error !== undefined && <ErrorNotice error={error} />}
    </li>
  );
};

/**
 * Passwords still in the keychain for organisations whose profile is no longer the active one: Scrivania does not
 * use them now and finds them again if that profile comes back; the employee may remove them.
 */
export const OtherOrganisationsSecrets = () => {
  const { t } = useTranslation();
  const scopes = useCredentialsStore((store) => store.scopes);
  useEffect(() => watchSecretScopes(), []);
  const others = scopes?.others ?? [];
  if (others.length === 0) return null;
  return (
    <section className="stack other-organisations" aria-labelledby="other-organisations-title" data-testid="other-organisations-secrets">
      <h2 id="other-organisations-title">{t('secrets.others.title')}</h2>
      <p className="muted">{t('secrets.others.explain')}</p>
      <ul className="stack">
        {others.map((entry) => (
          <OrganisationRow key={entry.scope} entry={entry} />
        ))}
      </ul>
    </section>
  );
};
