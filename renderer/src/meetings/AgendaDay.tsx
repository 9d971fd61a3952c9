import { useTranslation } from 'react-i18next';
import type { Occurrence } from '../../../common/contract/meetings';
import { isJoinDue, type MeetingMark } from '../../../common/meetings/meeting-timing';
import { JoinButton, JoinByPhoneButton } from './JoinButton';
import { MarkLabel } from './MarkLabel';
import { countdown, timeRange } from './format';
import { ServiceIcon } from './ServiceIcon';

interface MeetingRowProps {
  occurrence: Occurrence;
  timeZone: string;
  now: number;
  mark: MeetingMark | undefined;
}

const MeetingRow = ({ occurrence, timeZone, now, mark }: MeetingRowProps) => {
  const { t, i18n } = useTranslation();
  const over = Date.parse(occurrence.end) <= now;
  const classes = ['meeting', over && 'over', mark && `meeting-${mark}`].filter(Boolean).join(' ');
  return (
    <li className={classes} data-occurrence={occurrence.id} data-mark={mark}>
      <span className="meeting-time">
        {timeRange(occurrence, t, i18n.language, timeZone)}
        {mark && <span className="meeting-countdown">{countdown(occurrence, now, t, i18n.language, timeZone)}</span>}
      </span>
      <span className="meeting-what">
        {mark && <MarkLabel mark={mark} />}
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
        <JoinButton occurrence={occurrence} prominent={isJoinDue(occurrence, now)} />
        <JoinByPhoneButton occurrence={occurrence} />
      </span>
    </li>
  );
};

interface AgendaDayProps {
  title: string;
  occurrences: readonly Occurrence[];
  timeZone: string;
  id: string;
  now: number;
  marks: ReadonlyMap<string, MeetingMark>;
}

export const AgendaDay = ({ title, occurrences, timeZone, id, now, marks }: AgendaDayProps) => {
  const { t } = useTranslation();
  return (
    <section className="agenda-day" aria-labelledby={id} data-day={id}>
      <h2 id={id}>{title}</h2>
      {occurrences.length === 0 ? (
        <p className="muted">{t('meetings.nothing')}</p>
      ) : (
        <ul className="meetings">
          {occurrences.map((occurrence) => (
            <MeetingRow key={occurrence.id} occurrence={occurrence} timeZone={timeZone} now={now} mark={marks.get(occurrence.id)} />
          ))}
        </ul>
      )}
    </section>
  );
};
