import { useTranslation } from 'react-i18next';
import type { Agenda } from '../../../common/contract/meetings';
import { useMeetingsStore } from './store';

const REMINDER_CHOICES = [0, 1, 5, 10, 15, 30];

/**
 * When meeting reminders come: the one control for the one stored value (the meetings service's choice), shown in
 * the Meetings pane's preferences and in Settings.
 */
export const ReminderField = ({ id, agenda }: { id: string; agenda: Agenda }) => {
  const { t } = useTranslation();
  const setNotifyMinutes = useMeetingsStore((state) => state.setNotifyMinutes);
  const minutes = agenda.preferences.notifyMinutesBefore;
  const choices = REMINDER_CHOICES.includes(minutes) ? REMINDER_CHOICES : [...REMINDER_CHOICES, minutes].sort((a, b) => a - b);
  return (
    <div className="field" data-reminder-field>
      <label htmlFor={id}>{t('meetings.preferences.notify')}</label>
      <select
        id={id}
        value={minutes}
        disabled={!agenda.can.changePreferences}
        onChange={(event) => void setNotifyMinutes(Number(event.target.value))}
      >
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {choice === 0 ? t('meetings.preferences.notifyAtStart') : t('meetings.preferences.notifyMinutes', { count: choice })}
          </option>
        ))}
      </select>
    </div>
  );
};

/** Settings' place for the reminder: the same control as the Meetings pane's, so there is one value to set. */
export const MeetingReminderSetting = () => {
  const { t } = useTranslation();
  const agenda = useMeetingsStore((state) => state.agenda);
  if (!agenda) return null;
  return (
    <section aria-labelledby="meeting-reminder-title" className="stack">
      <h2 id="meeting-reminder-title">{t('meetings.preferences.reminderTitle')}</h2>
      <ReminderField id="setting-notify-minutes" agenda={agenda} />
    </section>
  );
};
