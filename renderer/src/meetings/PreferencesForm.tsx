import { useTranslation } from 'react-i18next';
import type { Agenda } from '../../../common/contract/meetings';
import { OpenChoice } from '../../../common/meetings/meetings-config';
import { ReminderField } from './ReminderField';
import { useMeetingsStore } from './store';

/** When to be reminded, and app or browser for each service in today's and tomorrow's meetings that has an app. */
export const PreferencesForm = ({ agenda }: { agenda: Agenda }) => {
  const { t } = useTranslation();
  const setOpenIn = useMeetingsStore((state) => state.setOpenIn);
  const services = [
    ...new Map(
      agenda.occurrences.flatMap((occurrence) =>
        occurrence.service?.hasApp ? [[occurrence.service.id, occurrence.service] as const] : [],
      ),
    ).values(),
  ];
  return (
    <section className="meeting-preferences" aria-labelledby="meeting-preferences-title">
      <h2 id="meeting-preferences-title">{t('meetings.preferences.title')}</h2>
      <ReminderField id="notify-minutes" agenda={agenda} />
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
