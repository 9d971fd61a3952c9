import { useTranslation } from 'react-i18next';
import type { AppStatus, CapabilityId } from '../../../common/contract';
import type { SelfTestReport } from '../../../common/contract/help';
import { capabilityNames } from '../shell/capability-names';
import { useShellStore } from '../shell/store';
import { outcomeMarks } from '../../../common/help/self-test-summary';
import { summaryText, whenText } from './format';
import { useHelpStore } from './store';
import './help.css';

/** The capabilities whose level changed after the check finished: what the check no longer speaks for. */
const changedSince = (last: SelfTestReport, status: AppStatus | undefined): CapabilityId[] =>
  status
    ? (Object.entries(status.levelSince) as [CapabilityId, string][]).filter(([, since]) => since > last.finishedAt).map(([id]) => id)
    : [];

/** The dashboard's line about the last "Check my setup": when, how it went, and a way to check again. */
export const LastSelfTest = () => {
  const { t, i18n } = useTranslation();
  const last = useHelpStore((state) => state.last);
  const show = useShellStore((state) => state.show);
  const runSelfTest = useHelpStore((state) => state.runSelfTest);
  const status = useShellStore((state) => state.status);
  // Either button runs the check at once and opens Help, where its progress and results are shown.
  const checkNow = (): void => {
    void runSelfTest();
    show('help');
  };
  if (last === undefined) return null;
  const changed = last ? changedSince(last, status) : [];
  return (
    <section className="last-self-test" aria-labelledby="last-self-test-title" data-testid="last-self-test">
      <h2 id="last-self-test-title">{t('help.selfTest.dashboard.title')}</h2>
      {last ? (
        <>
          <span className={changed.length > 0 ? 'muted' : `outcome-${last.outcome}`} data-outcome={last.outcome}>
            <span aria-hidden="true">{outcomeMarks[last.outcome]} </span>
            {t(`help.selfTest.outcome.${last.outcome}`)}: {summaryText(last, t)}
          </span>
          <p className="muted">{t('help.selfTest.dashboard.at', { time: whenText(last.finishedAt, i18n.language) })}</p>
          {changed.length > 0 && (
            <p className="outdated" data-testid="self-test-outdated">
              {t('help.selfTest.dashboard.outdated', { count: changed.length, names: capabilityNames(changed, t, i18n.language) })}
            </p>
          )}
        </>
      ) : (
        <p className="muted">{t('help.selfTest.never')}</p>
      )}
      <button type="button" className="link" onClick={checkNow}>
        {last ? t('help.selfTest.dashboard.checkAgain') : t('help.selfTest.dashboard.checkNow')}
      </button>
    </section>
  );
};
