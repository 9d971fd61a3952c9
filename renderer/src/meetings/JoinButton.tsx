import { Video } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Occurrence } from '../../../common/contract/meetings';
import { ServiceIcon } from './ServiceIcon';
import { useMeetingsStore } from './store';

/**
 * Join, and where the host could not open the meeting, the link to open it by hand. `prominent` (the meeting is
 * within its join window) makes it the primary button; otherwise it stays secondary. `withService` puts the service's
 * icon on the button, where there is no room to name the service beside it.
 */
export const JoinButton = ({
  occurrence,
  prominent,
  withService = false,
}: {
  occurrence: Occurrence;
  prominent: boolean;
  withService?: boolean;
}) => {
  const { t } = useTranslation();
  const join = useMeetingsStore((state) => state.join);
  const joining = useMeetingsStore((state) => state.joining === occurrence.id);
  const handedOver = useMeetingsStore((state) => (state.handedOver?.occurrenceId === occurrence.id ? state.handedOver : undefined));
  if (!occurrence.joinUrl) return null;
  return (
    <span className="join">
      <button
        type="button"
        className={prominent ? 'join-button' : 'join-button secondary'}
        data-join={occurrence.id}
        data-prominent={prominent}
        aria-label={t('meetings.joinLabel', { title: occurrence.title })}
        disabled={joining}
        onClick={() => void join(occurrence)}
      >
        {withService && occurrence.service ? (
          <ServiceIcon service={occurrence.service} />
        ) : (
          <Video className="join-icon" aria-hidden="true" focusable="false" />
        )}
        {joining ? t('meetings.joining') : t('meetings.join')}
      </button>
      {handedOver && !handedOver.opened && (
        <span className="handed-over" role="status">
          {t('meetings.openHere')}{' '}
          <a href={handedOver.url} target="_blank" rel="noopener noreferrer" data-join-url={handedOver.url}>
            {t('meetings.openLink')}
          </a>
        </span>
      )}
    </span>
  );
};

export const JoinByPhoneButton = ({ occurrence }: { occurrence: Occurrence }) => {
  const { t } = useTranslation();
  const canJoinByPhone = useMeetingsStore((state) => state.agenda?.can.joinByPhone ?? false);
  const joinByPhone = useMeetingsStore((state) => state.joinByPhone);
  if (!canJoinByPhone || !occurrence.dialIn) return null;
  return (
    <button type="button" className="secondary" onClick={() => void joinByPhone(occurrence)}>
      {t('meetings.joinByPhone')}
    </button>
  );
};
