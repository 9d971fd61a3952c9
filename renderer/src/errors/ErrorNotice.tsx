import { useTranslation } from 'react-i18next';
import { sentenceOf, shownErrorOf } from './catalogue';
import './errors.css';

interface ErrorNoticeProps {
  /** Anything thrown by a request (a ContractError with or without a problem), a ProblemReport, or a ShownError. */
  error: unknown;
  id?: string;
  testId?: string;
  /** `alert` announces it at once (a failure of what the employee just did); `none` for one listed in a state. */
  live?: 'alert' | 'none';
}

/**
 * The one way an error is shown: a sentence in the employee's language of what happened and what to do, and the
 * technical line, which the help desk may ask for, behind "Details".
 */
export const ErrorNotice = ({ error, id, testId, live = 'alert' }: ErrorNoticeProps) => {
  const { t, i18n } = useTranslation();
  const shown = shownErrorOf(error);
  return (
    <div
      className="error-notice"
      role={live === 'alert' ? 'alert' : undefined}
      id={id}
      data-testid={testId}
      data-problem={shown.problem.code}
    >
      <p className="error-sentence">{sentenceOf(t, i18n.language, shown.problem)}</p>
      {shown.detail && (
        <details className="error-details">
          <summary>{t('error.details')}</summary>
          <code>{shown.detail}</code>
        </details>
      )}
    </div>
  );
};
