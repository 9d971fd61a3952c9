import { useTranslation } from 'react-i18next';
import type { SelfTestCheck } from '../../../common/contract/help';
import { outcomeMarks } from '../../../common/help/self-test-summary';
import { summaryText, whenText } from './format';
import { useHelpStore } from './store';
import './help.css';
import { ErrorNotice } from '../errors/ErrorNotice';

const CheckItem = ({ check }: { check: SelfTestCheck }) => {
  const { t } = useTranslation();
  return (
    <li className="self-test-check" data-check={check.id} data-outcome={check.outcome}>
      <span className={`outcome-mark outcome-${check.outcome}`} aria-hidden="true">
        {outcomeMarks[check.outcome]}
      </span>
      <div>
        <p>
          <span className="check-name">{t(`help.selfTest.check.${check.id}`)}</span> —{' '}
          <span className={`outcome-${check.outcome}`}>{t(`help.selfTest.outcome.${check.outcome}`)}</span>
        </p>
        <p className="check-meaning">{t(check.meaning.key, check.meaning.params ?? {})}</p>
        {check.action && <p className="check-action">{t(check.action.key, check.action.params ?? {})}</p>}
      </div>
      {check.detail && (
        <details>
          <summary>{t('help.selfTest.details')}</summary>
          <code>{check.detail}</code>
        </details>
      )}
    </li>
  );
};

const NOT_CONFIGURED = 'help.selfTest.notConfigured.meaning';

/** A check that has nothing to look at (no such section in the profile, nothing more to say): named in one line. */
const isNotInSetup = (check: SelfTestCheck): boolean =>
  check.outcome === 'skipped' && check.meaning.key === NOT_CONFIGURED && !check.detail;

const NotInSetup = ({ checks }: { checks: SelfTestCheck[] }) => {
  const { t } = useTranslation();
  return (
    <p className="self-test-not-in-setup muted" data-testid="self-test-not-in-setup">
      {t('help.selfTest.notConfigured.grouped')}{' '}
      {checks.map((check, index) => (
        <span key={check.id} data-check={check.id} data-outcome={check.outcome}>
          {t(`help.selfTest.check.${check.id}`)}
          {index < checks.length - 1 ? ', ' : '.'}
        </span>
      ))}
    </p>
  );
};

/** "Check my setup": the button, progress while it runs, then each check with what it means and what to do. */
export const SelfTestSection = () => {
  const { t, i18n } = useTranslation();
  const last = useHelpStore((state) => state.last);
  const running = useHelpStore((state) => state.running);
  const progress = useHelpStore((state) => state.progress);
  const error = useHelpStore((state) => state.error);
  const run = useHelpStore((state) => state.runSelfTest);

  const shown = running ? progress.checks : (last?.checks ?? []);
  const listed = shown.filter((check) => !isNotInSetup(check));
  const notInSetup = shown.filter(isNotInSetup);
  const status = running
    ? progress.total
      ? t('help.selfTest.progress', { done: progress.checks.length, total: progress.total })
      : t('help.selfTest.starting')
    : last
      ? `${t('help.selfTest.finished', { summary: summaryText(last, t) })} ${t('help.selfTest.lastRun', { time: whenText(last.finishedAt, i18n.language) })}`
      : t('help.selfTest.never');
  return (
    <section aria-labelledby="self-test-title" className="self-test" data-testid="self-test" aria-busy={running}>
      <h2 id="self-test-title">{t('help.selfTest.title')}</h2>
      <p className="muted">{t('help.selfTest.intro')}</p>
      <div className="self-test-actions">
        <button type="button" onClick={() => void run()} disabled={running}>
          {t('help.selfTest.run')}
        </button>
        <p role="status" aria-live="polite" data-testid="self-test-status">
          {status}
        </p>
      </div>
      {error && <ErrorNotice error={error} testId="self-test-error" />}
      {listed.length > 0 && (
        <ul className="self-test-checks">
          {listed.map((check) => (
            <CheckItem key={check.id} check={check} />
          ))}
        </ul>
      )}
      {notInSetup.length > 0 && <NotInSetup checks={notInSetup} />}
    </section>
  );
};
