import { useTranslation } from 'react-i18next';
import type { CalendarState } from '../../../common/contract/meetings';
import { clockTime } from './format';
import { useMeetingsStore } from './store';

const CalendarItem = ({ calendar, timeZone }: { calendar: CalendarState; timeZone: string }) => {
  const { t, i18n } = useTranslation();
  const removeCalendar = useMeetingsStore((state) => state.removeCalendar);
  return (
    <li className={`calendar calendar-${calendar.state}`} data-calendar={calendar.id}>
      <span className="calendar-name">{calendar.name}</span> <span className="muted">{calendar.where}</span>{' '}
      <span className="calendar-state" data-state={calendar.state}>
        {t(`meetings.calendarState.${calendar.state}`)}
      </span>
      {calendar.lastLoadedAt && (
        <span className="muted"> · {t('meetings.loadedAt', { time: clockTime(calendar.lastLoadedAt, i18n.language, timeZone) })}</span>
      )}
      {calendar.state !== 'loading' && <span className="muted"> · {t('meetings.events', { count: calendar.events })}</span>}
      {calendar.error && (
        <p role="alert" className="calendar-error">
          {calendar.error}
        </p>
      )}
      {calendar.problems.length > 0 && (
        <details className="calendar-problems">
          <summary>{t('meetings.problems', { count: calendar.problems.length })}</summary>
          <ul>
            {calendar.problems.map((problem) => (
              <li key={problem}>{problem}</li>
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
