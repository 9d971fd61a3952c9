import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CalendarState } from '../../../common/contract/meetings';
import { ErrorNotice } from '../errors/ErrorNotice';
import { shown } from '../errors/catalogue';
import { clockTime } from './format';
import { useMeetingsStore } from './store';

/** "Updated at 02:04", "Showing the copy read at 02:04": the state and when it was last read, said once. */
const stateText = (calendar: CalendarState, t: TFunction, language: string, timeZone: string): string => {
  const time = calendar.lastLoadedAt && clockTime(calendar.lastLoadedAt, language, timeZone);
  if (time && calendar.state === 'ok') return t('meetings.calendarState.okAt', { time });
  if (time && calendar.state === 'stale') return t('meetings.calendarState.staleAt', { time });
  return t(`meetings.calendarState.${calendar.state}`);
};

const CalendarItem = ({ calendar, timeZone }: { calendar: CalendarState; timeZone: string }) => {
  const { t, i18n } = useTranslation();
  const removeCalendar = useMeetingsStore((state) => state.removeCalendar);
  return (
    <li className={`calendar calendar-${calendar.state}`} data-calendar={calendar.id}>
      <span className="calendar-name">{calendar.name}</span> <span className="muted">{calendar.where}</span>{' '}
      <span className="calendar-state" data-state={calendar.state}>
        {stateText(calendar, t, i18n.language, timeZone)}
      </span>
      {calendar.state !== 'loading' && <span className="muted"> · {t('meetings.events', { count: calendar.events })}</span>}
      {calendar.error && (
        <div className="calendar-error-notice">
          <ErrorNotice error={calendar.problem ?? shown('meetings.calendar-failed', undefined, calendar.error)} live="none" />
        </div>
      )}
      {calendar.problems.length > 0 && (
        <details className="calendar-problems">
          <summary>{t('meetings.problems', { count: calendar.problems.length })}</summary>
          <ul>
            {calendar.problems.map((problem) => (
              <li key={problem}>
                <code>{problem}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
      {calendar.origin === 'user' && (
        <button
          type="button"
          className="link"
          aria-label={t('meetings.removeLabel', { name: calendar.name })}
          onClick={() => void removeCalendar(calendar.id)}
        >
          {t('meetings.remove')}
        </button>
      )}
    </li>
  );
};

export const CalendarList = ({ calendars, timeZone }: { calendars: readonly CalendarState[]; timeZone: string }) => {
  if (calendars.length === 0) return null;
  return (
    <ul className="calendars">
      {calendars.map((calendar) => (
        <CalendarItem key={calendar.id} calendar={calendar} timeZone={timeZone} />
      ))}
    </ul>
  );
};
