import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateQuestion } from '../../../common/contract/office-pc';
import { formatFingerprint } from '../../../common/office-pc/office-pc-config';

interface Props {
  question: CertificateQuestion;
  name: string;
  helpdeskPhone?: string;
  onAnswer(trust: boolean): void;
}

const Facts = ({ question }: { question: CertificateQuestion }) => {
  const { t } = useTranslation();
  const { presented } = question;
  return (
    <dl className="facts-grid">
      <dt>{t('officePc.certificate.subject')}</dt>
      <dd data-testid="certificate-subject">{presented.subject}</dd>
      <dt>{t('officePc.certificate.issuer')}</dt>
      <dd>{presented.issuer}</dd>
      <dt>{t('officePc.certificate.validTo')}</dt>
      <dd>{presented.validTo}</dd>
      <dt>{t('officePc.certificate.fingerprint')}</dt>
      <dd className="fingerprint" data-testid="certificate-fingerprint">
        {formatFingerprint(presented.sha256)}
      </dd>
      {question.expectedSha256 && (
        <>
          <dt>
            {t(question.kind === 'pin-mismatch' ? 'officePc.certificate.pinnedFingerprint' : 'officePc.certificate.previousFingerprint')}
          </dt>
          <dd className="fingerprint">{formatFingerprint(question.expectedSha256)}</dd>
        </>
      )}
    </dl>
  );
};

/**
 * The certificate the relay would not accept alone. A new one is a question (trust on first use); a changed one is
 * a blocking warning that needs an explicit confirmation; one that is not the help desk's pin cannot be accepted.
 */
export const CertificateDialog = ({ question, name, helpdeskPhone, onAnswer }: Props) => {
  const { t } = useTranslation();
  const [confirmed, setConfirmed] = useState(false);
  const warning = question.kind !== 'new';
  return (
    <div
      className={`office-pc-dialog${warning ? ' danger' : ''}`}
      role={warning ? 'alertdialog' : 'dialog'}
      aria-labelledby="certificate-title"
      aria-describedby="certificate-body"
      data-certificate={question.kind}
    >
      <h2 id="certificate-title">{t(`officePc.certificate.${question.kind}.title`, { name })}</h2>
      <p id="certificate-body">{t(`officePc.certificate.${question.kind}.body`, { name })}</p>
      <Facts question={question} />
      {question.kind === 'new' && (
        <div className="inline">
          <button type="button" onClick={() => onAnswer(true)}>
            {t('officePc.certificate.trust')}
          </button>
          <button type="button" className="secondary" onClick={() => onAnswer(false)}>
            {t('officePc.certificate.cancel')}
          </button>
        </div>
      )}
      {question.kind === 'changed' && (
        <div className="stack">
          <label className="inline">
            <input type="checkbox" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} />
            {t('officePc.certificate.changed.confirm')}
          </label>
          <div className="inline">
            <button type="button" onClick={() => onAnswer(false)}>
              {t('officePc.certificate.dontConnect')}
            </button>
            <button type="button" className="secondary" disabled={!confirmed} onClick={() => onAnswer(true)}>
              {t('officePc.certificate.changed.trustNew')}
            </button>
          </div>
        </div>
      )}
      {question.kind === 'pin-mismatch' && (
        <div className="inline">
          {helpdeskPhone && <p>{t('officePc.certificate.callHelpdesk', { phone: helpdeskPhone })}</p>}
          <button type="button" onClick={() => onAnswer(false)}>
            {t('officePc.certificate.dontConnect')}
          </button>
        </div>
      )}
    </div>
  );
};
