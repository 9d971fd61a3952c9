import { useTranslation } from 'react-i18next';
import { JoinButton } from './JoinButton';
import { countdown, timeRange } from './format';
import { ServiceIcon } from './ServiceIcon';
import { nextMeeting } from '../../../common/meetings/next-meeting';
import { useMeetingsStore } from './store';
import { useNow } from './use-now';
import './meetings.css';

/** The dashboard card's next meeting: when, a countdown, and Join. */
export const NextMeeting = () => {
  const { t, i18n } = useTranslation();
  const agenda = useMeetingsStore((state) => state.agenda);
  const reminder = useMeetingsStore((state) => state.reminder);
  const now = useNow(15_000);
  if (!agenda?.configured) return null;
  const next = agenda && nextMeeting(agenda.occurrences, now);
  if (!next) return <p className="next-meeting muted">{t('meetings.noneUpcoming')}</p>;
  const soon = reminder?.occurrenceId === next.id;
  return (
    <div className={`next-meeting${soon ? ' soon' : ''}`} data-next-meeting={next.id}>
      <span className="next-label">{t('meetings.next')}</span>
      <strong className="next-title">{next.title}</strong>
      <span className="next-when">{timeRange(next, t, i18n.language, agenda.timeZone)}</span>
      <span className="countdown">{countdown(next, now, t, i18n.language, agenda.timeZone)}</span>
      {next.service && (
        <span className="next-service">
          <ServiceIcon service={next.service} /> {next.service.name}
        </span>
      )}
      <JoinButton occurrence={next} />
    </div>
  );
};
