import { useTranslation } from 'react-i18next';
import type { Occurrence } from '../../../common/contract/meetings';
import { JoinButton, JoinByPhoneButton } from './JoinButton';
import { timeRange } from './format';
import { ServiceIcon } from './ServiceIcon';
import { useNow } from './use-now';

const MeetingRow = ({ occurrence, timeZone, now }: { occurrence: Occurrence; timeZone: string; now: number }) => {
  const { t, i18n } = useTranslation();
  const over = Date.parse(occurrence.end) <= now;
  return (
    <li className={over ? 'meeting over' : 'meeting'} data-occurrence={occurrence.id}>
      <span className="meeting-time">{timeRange(occurrence, t, i18n.language, timeZone)}</span>
      <span className="meeting-what">
        <span className="meeting-title">{occurrence.title}</span>
        {occurrence.response && occurrence.response !== 'accepted' && (
          <span className={`response response-${occurrence.response}`}>{t(`meetings.response.${occurrence.response}`)}</span>
        )}
        {occurrence.service ? (
          <span className="meeting-service">
            <ServiceIcon service={occurrence.service} /> {occurrence.service.name}
          </span>
        ) : (
          occurrence.location && <span className="muted">{occurrence.location}</span>
        )}
      </span>
      <span className="meeting-actions">
        <JoinButton occurrence={occurrence} />
        <JoinByPhoneButton occurrence={occurrence} />
      </span>
    </li>
  );
};

export const AgendaDay = ({
  title,
  occurrences,
  timeZone,
  id,
}: {
  title: string;
  occurrences: readonly Occurrence[];
  timeZone: string;
  id: string;
}) => {
  const { t } = useTranslation();
  const now = useNow(60_000);
  return (
    <section className="agenda-day" aria-labelledby={id} data-day={id}>
      <h2 id={id}>{title}</h2>
      {occurrences.length === 0 ? (
        <p className="muted">{t('meetings.nothing')}</p>
      ) : (
        <ul className="meetings">
          {occurrences.map((occurrence) => (
            <MeetingRow key={occurrence.id} occurrence={occurrence} timeZone={timeZone} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
};
