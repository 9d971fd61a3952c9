import { CircleDot, Clock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { MeetingMark } from '../../../common/meetings/meeting-timing';

/** "In progress" or "Next", in words beside an icon: the highlight's colour is never the only sign. */
export const MarkLabel = ({ mark }: { mark: MeetingMark }) => {
  const { t } = useTranslation();
  const Icon = mark === 'now' ? CircleDot : Clock;
  return (
    <span className={`mark mark-${mark}`}>
      <Icon className="mark-icon" aria-hidden="true" focusable="false" />
      {t(`meetings.mark.${mark}`)}
    </span>
  );
};
