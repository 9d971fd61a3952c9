import { useTranslation } from 'react-i18next';
import type { Agenda } from '../../../common/contract/meetings';
import { OpenChoice } from '../../../common/meetings/meetings-config';
import { useMeetingsStore } from './store';

const NOTIFY_CHOICES = [0, 1, 5, 10, 15, 30];

/** When to be reminded, and app or browser for each service in today's and tomorrow's meetings that has an app. */
export const PreferencesForm = ({ agenda }: { agenda: Agenda }) => {
  const { t } = useTranslation();
  const setNotifyMinutes = useMeetingsStore((state) => state.setNotifyMinutes);
  const setOpenIn = useMeetingsStore((state) => state.setOpenIn);
  const services = [
    ...new Map(
      agenda.occurrences.flatMap((occurrence) =>
        occurrence.service?.hasApp ? [[occurrence.service.id, occurrence.service] as const] : [],
      ),
    ).values(),
  ];
  const minutes = agenda.preferences.notifyMinutesBefore;
  const choices = NOTIFY_CHOICES.includes(minutes) ? NOTIFY_CHOICES : [...NOTIFY_CHOICES, minutes].sort((a, b) => a - b);
  return (
    <section className="meeting-preferences" aria-labelledby="meeting-preferences-title">
      <h2 id="meeting-preferences-title">{t('meetings.preferences.title')}</h2>
      <div className="field">
        <label htmlFor="notify-minutes">{t('meetings.preferences.notify')}</label>
        <select
          id="notify-minutes"
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
      {services.map((service) => (
        <div className="field" key={service.id}>
          <label htmlFor={`open-${service.id}`}>{t('meetings.preferences.openIn', { service: service.name })}</label>
          <select
            id={`open-${service.id}`}
            value={agenda.preferences.openIn[service.id] ?? 'auto'}
            disabled={!agenda.can.changePreferences}
            onChange={(event) => void setOpenIn(service.id, OpenChoice.parse(event.target.value))}
          >
            {OpenChoice.options.map((choice) => (
              <option key={choice} value={choice}>
                {t(`meetings.preferences.${choice}`)}
              </option>
            ))}
          </select>
        </div>
      ))}
    </section>
  );
};
