import { useTranslation } from 'react-i18next';
import type { StatusLevel } from '../../../common/contract';

export const StatusBadge = ({ level }: { level: StatusLevel }) => {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${level}`} data-level={level}>
      <span className="dot" aria-hidden="true" />
      {t(`status.${level}`)}
    </span>
  );
};
