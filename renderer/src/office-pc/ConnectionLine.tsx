import { useTranslation } from 'react-i18next';
import { useOfficePcStore } from './store';

/** What the session is doing, in one line, announced as it changes. */
export const ConnectionLine = ({ hidden = false }: { hidden?: boolean }) => {
  const { t } = useTranslation();
  const { phase, reconnect, endedReason, clipboardNotice } = useOfficePcStore();
  return (
    <p className={hidden ? 'office-pc-phase visually-hidden' : 'office-pc-phase'} role="status" aria-live="polite" data-phase={phase}>
      {phase === 'reconnecting' && reconnect
        ? t('officePc.phase.reconnecting', { attempt: reconnect.attempt, max: reconnect.maxAttempts, seconds: reconnect.delaySeconds })
        : t(`officePc.phase.${phase}`, { reason: endedReason ?? '' })}
      {clipboardNotice && phase === 'connected' && <span className="muted"> {t(`officePc.clipboard.${clipboardNotice}`)}</span>}
    </p>
  );
};
