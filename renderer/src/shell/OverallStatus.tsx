import { useTranslation } from 'react-i18next';
import type { AppStatus, CapabilityId } from '../../../common/contract';
import { capabilityNames } from './capability-names';
import { useShellStore } from './store';

/** The capabilities at the overall level: the ones that decide it, named so the employee knows where to look. */
const deciding = (status: AppStatus): CapabilityId[] =>
  (Object.entries(status.capabilities) as [CapabilityId, AppStatus['capabilities'][CapabilityId]][])
    .filter(([, capability]) => capability.level === status.level)
    .map(([id]) => id);

/**
 * The top bar's summary. It says "Everything works" only when nothing configured is failing, waiting or off;
 * otherwise it names what is not working and opens it.
 */
export const OverallStatus = ({ status }: { status: AppStatus }) => {
  const { t, i18n } = useTranslation();
  const show = useShellStore((state) => state.show);
  const { level } = status;
  if (level === 'ok' || level === 'idle' || level === 'unconfigured') {
    return (
      <span className={`badge badge-${level}`} data-level={level} data-testid="overall-status">
        <span className="dot" aria-hidden="true" />
        {t(level === 'unconfigured' ? 'status.unconfigured' : 'status.overallOk')}
      </span>
    );
  }
  const ids = deciding(status);
  // Busy means something different per capability: the phone is on a call, the office PC is connecting.
  const levelText = level === 'busy' && ids.length === 1 ? t(`status.busyBy.${ids[0]}`) : t(`status.${level}`);
  return (
    <button
      type="button"
      className={`badge badge-${level} overall-button`}
      data-level={level}
      data-testid="overall-status"
      onClick={() => ids[0] && show(ids[0])}
    >
      <span className="dot" aria-hidden="true" />
      {t('status.overallSome', { level: levelText, names: capabilityNames(ids, t, i18n.language) })}
    </button>
  );
};
