import { useEffect } from 'react';
import { ErrorNotice } from '../errors/ErrorNotice';
import { shown } from '../errors/catalogue';
import { useTranslation } from 'react-i18next';
import type { CallRecord } from '../../../common/contract/phone';
import { phone } from './connected';
import { usePhoneStore } from './store';

const duration = (seconds: number): string => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

const HistoryEntry = ({ entry }: { entry: CallRecord }) => {
  const { t, i18n } = useTranslation();
  const registration = usePhoneStore((store) => store.registration);
  const when = new Date(entry.startedAt).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const line = entry.divertedFrom ? (entry.divertedFrom.group ?? entry.divertedFrom.displayName ?? entry.divertedFrom.number) : undefined;
  return (
    <li
      className={`history-entry outcome-${entry.outcome}`}
      data-testid="history-entry"
      data-outcome={entry.outcome}
      data-direction={entry.direction}
    >
      <span className="who">
        {entry.name ? `${entry.name} · ` : ''}
        {entry.number}
      </span>
      <span className="what">
        {t(`phone.history.outcome.${entry.outcome}`)}
        {entry.outcome === 'answered' && ` · ${duration(entry.durationSeconds)}`}
      </span>
      <time dateTime={entry.startedAt}>{when}</time>
      <button type="button" className="secondary" disabled={registration.state !== 'registered'} onClick={() => phone().dial(entry.number)}>
        {t('phone.history.callBack')}
      </button>
      {line && (
        <span className="diverted" data-testid="history-diverted-from">
          {t('phone.call.divertedFrom', { line })}
        </span>
      )}
    </li>
  );
};

/** Newest first; looking at it marks missed calls seen, which clears the badge. */
export const CallHistoryList = () => {
  const { t } = useTranslation();
  const history = usePhoneStore((store) => store.history);
  const missed = history?.missedUnseen ?? 0;
  useEffect(() => {
    if (missed > 0) void phone().markMissedSeen();
  }, [missed]);
  if (!history) return null;
  return (
    <div className="stack">
      {history.problem && (
        <ErrorNotice error={shown('phone.history-damaged', undefined, history.problem)} live="none" testId="phone-history-problem" />
      )}
      {history.entries.length === 0 ? (
        <p className="muted">{t('phone.history.empty')}</p>
      ) : (
        <>
          <ul className="history" data-testid="call-history">
            {history.entries.map((entry) => (
              <HistoryEntry key={entry.id} entry={entry} />
            ))}
          </ul>
          <div className="inline">
            <button type="button" className="secondary" onClick={() => void phone().clearHistory()}>
              {t('phone.history.clear')}
            </button>
          </div>
        </>
      )}
    </div>
  );
};
