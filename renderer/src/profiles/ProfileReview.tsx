import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfilePreview } from '../../../common/contract/profiles';
import { ErrorNotice } from '../errors/ErrorNotice';
import { useProfilesStore } from './store';

interface ProfileReviewProps {
  preview: ProfilePreview;
  onInstalled?: () => void;
  onDiscarded?: () => void;
}

/**
 * Who signed a profile and what it will set up, BEFORE it is installed: "Install", or "This is not my organisation",
 * which forgets it.
 */
export const ProfileReview = ({ preview, onInstalled, onDiscarded }: ProfileReviewProps) => {
  const { t, i18n } = useTranslation();
  const installPreview = useProfilesStore((store) => store.installPreview);
  const discardPreview = useProfilesStore((store) => store.discardPreview);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const language = i18n.language === 'it' ? 'it' : 'en';
  const date = (iso: string): string => new Date(iso).toLocaleDateString(i18n.language, { dateStyle: 'long' });

  const act = async (work: () => Promise<void>, then?: () => void): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      then?.();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="profile-review stack" data-testid="profile-review" aria-busy={busy}>
      <p>{t('profiles.review.intro')}</p>
      <dl className="facts-grid" data-testid="profile-facts">
        <dt>{t('profiles.issuer')}</dt>
        <dd data-testid="review-organization">
          <strong>{preview.organization}</strong>
        </dd>
        <dt>{t('profiles.fingerprint')}</dt>
        <dd>
          <code className="fingerprint" data-testid="review-fingerprint">
            {preview.fingerprint}
          </code>
        </dd>
        <dt>{t('profiles.serial')}</dt>
        <dd>{preview.serial}</dd>
        <dt>{t('profiles.validity')}</dt>
        <dd>{t('profiles.validFromTo', { from: date(preview.issuedAt), to: date(preview.expiresAt) })}</dd>
      </dl>
      <p className="muted">{t('profiles.review.fingerprintHint')}</p>
      <h3>{t('profiles.willConfigure')}</h3>
      <ul className="facts" data-testid="configured-sections">
        {preview.sections.map((section) => (
          <li key={section.name}>
            {t(`profiles.sections.${section.name}`)}
            {section.detail && <span className="muted"> — {section.detail}</span>}
          </li>
        ))}
      </ul>
      {preview.userFields.length > 0 && (
        <p>{t('profiles.review.willAsk', { fields: preview.userFields.map((field) => field[language]).join(', ') })}</p>
      )}
      {preview.replaces && (
        <p className="warning-note" data-testid="review-replaces">
          {t('profiles.review.replaces', { organization: preview.replaces.organization })}
        </p>
      )}
      {preview.alreadyActive && <p className="muted">{t('profiles.review.alreadyActive')}</p>}
      {error !== undefined && <ErrorNotice error={error} testId="install-error" />}
      <div className="inline">
        <button type="button" disabled={busy} onClick={() => void act(() => installPreview(preview.previewId), onInstalled)}>
          {t('profiles.review.install')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => void act(() => discardPreview(preview.previewId), onDiscarded)}
        >
          {t('profiles.review.notMine')}
        </button>
      </div>
    </div>
  );
};

/** Said once the employee has turned a profile down: nothing changed, and who to tell. */
export const DiscardedNote = () => {
  const { t } = useTranslation();
  return (
    <p role="status" className="discarded-note" data-testid="profile-discarded">
      {t('profiles.review.discarded')}
    </p>
  );
};
