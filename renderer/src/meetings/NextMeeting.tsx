import { useTranslation } from 'react-i18next';
import { isJoinDue, isUnderWay } from '../../../common/meetings/meeting-timing';
import { nextMeeting } from '../../../common/meetings/next-meeting';
import { JoinButton } from './JoinButton';
import { MarkLabel } from './MarkLabel';
import { countdown, timeRange } from './format';
import { useMeetingsStore } from './store';
import { useNow } from './use-now';
import './meetings.css';

/**
 * The dashboard card's meeting, in three short lines so Join stays in view on a small screen: whether it is under
 * way or next with its countdown, the title, then the time beside Join (which bears the service's icon).
 */
export const NextMeeting = () => {
  const { t, i18n } = useTranslation();
  const agenda = useMeetingsStore((state) => state.agenda);
  const reminder = useMeetingsStore((state) => state.reminder);
  const now = useNow(15_000);
  if (!agenda?.configured) return null;
  const next = nextMeeting(agenda.occurrences, now);
  if (!next) return <p className="next-meeting muted">{t('meetings.noneUpcoming')}</p>;
  const underWay = isUnderWay(next, now);
  const soon = reminder?.occurrenceId === next.id;
  return (
    <div className={`next-meeting${soon ? ' soon' : ''}${underWay ? ' under-way' : ''}`} data-next-meeting={next.id}>
      <span className="next-head">
        <MarkLabel mark={underWay ? 'now' : 'next'} />
        <span className="countdown">{countdown(next, now, t, i18n.language, agenda.timeZone)}</span>
      </span>
      <strong className="next-title" title={next.title}>
        {next.title}
      </strong>
      <span className="next-foot">
        <span className="next-when">
          {timeRange(next, t, i18n.language, agenda.timeZone)}
          {next.service && <span className="visually-hidden">{next.service.name}</span>}
        </span>
        <JoinButton occurrence={next} prominent={isJoinDue(next, now)} withService />
      </span>
    </div>
  );
};
