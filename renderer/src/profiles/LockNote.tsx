import { useTranslation } from 'react-i18next';
import type { ProfileLock } from '../../../common/profiles/locks';

/** Why a setting cannot be changed here, and who to ask: the OS policy, or the organisation's profile. */
export const LockNote = ({ id, lock }: { id: string; lock: ProfileLock }) => {
  const { t } = useTranslation();
  return (
    <p id={id} className="muted lock">
      {lock.by === 'policy' ? t('profiles.lockedByPolicy') : t('profiles.lockedBy', { organization: lock.organization })}
    </p>
  );
};
