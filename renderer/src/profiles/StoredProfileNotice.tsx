import { ErrorNotice } from '../errors/ErrorNotice';
import { useProfilesStore } from './store';

/** What became of the profile saved on this computer, when it could not be used as it was. */
const STORED_PROFILE_CODES = new Set(['profiles.last-good-used', 'profiles.last-good-fetching', 'profiles.stored-not-applied']);

/** On the dashboard: the employee learns there why the configuration is older than expected, or missing. */
export const StoredProfileNotice = () => {
  const problems = useProfilesStore((store) => store.state?.problems);
  const told = (problems ?? []).filter((problem) => STORED_PROFILE_CODES.has(problem.code));
  if (told.length === 0) return null;
  return (
    <aside className="stored-profile-notice" data-testid="stored-profile-notice">
      {told.map((problem) => (
        <ErrorNotice key={problem.code} error={problem} live="none" />
      ))}
    </aside>
  );
};
