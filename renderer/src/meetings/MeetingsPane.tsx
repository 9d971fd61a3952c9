import { PaneHeader } from '../capabilities/PaneHeader';
import { useTranslation } from 'react-i18next';
import { meetingMarks } from '../../../common/meetings/meeting-timing';
import { ErrorNotice } from '../errors/ErrorNotice';
import { StatusBadge } from '../shell/StatusBadge';
import { useShellStore } from '../shell/store';
import { AddCalendarForm } from './AddCalendarForm';
import { AgendaDay } from './AgendaDay';
import { CalendarList } from './CalendarList';
import { dayOf } from './format';
import { PreferencesForm } from './PreferencesForm';
import { useMeetingsStore } from './store';
import { useNow } from './use-now';
import './meetings.css';

/**
 * Today and tomorrow, each meeting with its service and Join, the one under way and the next one marked; the
 * calendars and what went wrong with them.
 */
export const MeetingsPane = () => {
  const { t } = useTranslation();
  const now = useNow(15_000);
  const status = useShellStore((state) => state.status?.capabilities.meetings);
  const { agenda, error, refreshing, refresh } = useMeetingsStore();
  const today = agenda ? dayOf(agenda.from, agenda.timeZone) : '';
  // What started before today (a meeting under way since yesterday, a conference all week) shows under today.
  const startsByToday = (start: string): boolean => agenda !== undefined && dayOf(start, agenda.timeZone) <= today;
  const todays = agenda?.occurrences.filter((occurrence) => startsByToday(occurrence.start)) ?? [];
  const tomorrows = agenda?.occurrences.filter((occurrence) => !startsByToday(occurrence.start)) ?? [];
  const marks = meetingMarks(agenda?.occurrences ?? [], now);

  return (
    <section className="pane meetings-pane" data-pane="meetings" aria-labelledby="pane-title">
      <PaneHeader view="meetings" title={t('capability.meetings.title')} />
      <StatusBadge level={status?.level ?? 'unconfigured'} />
      {error && <ErrorNotice error={error} testId="meetings-error" />}
      {agenda && !agenda.configured && <p className="muted">{t('meetings.notConfigured')}</p>}
      {agenda?.configured && (
        <>
          <div className="agenda-actions">
            <button type="button" className="secondary" disabled={refreshing} onClick={() => void refresh()}>
              {refreshing ? t('meetings.refreshing') : t('meetings.refresh')}
            </button>
          </div>
          <AgendaDay
            id="agenda-today"
            title={t('meetings.today')}
            occurrences={todays}
            timeZone={agenda.timeZone}
            now={now}
            marks={marks}
          />
          <AgendaDay
            id="agenda-tomorrow"
            title={t('meetings.tomorrow')}
            occurrences={tomorrows}
            timeZone={agenda.timeZone}
            now={now}
            marks={marks}
          />
          <h2>{t('meetings.calendars')}</h2>
          <CalendarList calendars={agenda.calendars} timeZone={agenda.timeZone} />
          <PreferencesForm agenda={agenda} />
        </>
      )}
      {agenda && (agenda.can.addCalendars ? <AddCalendarForm /> : <p className="muted">{t('meetings.add.locked')}</p>)}
    </section>
  );
};
