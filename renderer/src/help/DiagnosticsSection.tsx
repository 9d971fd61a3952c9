import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagnosticsBundleInfo, DiagnosticsEmailResult } from '../../../common/contract/help';
import { getApi } from '../bridge/api';
import { useProfilesStore } from '../profiles/store';
import { useShellStore } from '../shell/store';
import { ErrorNotice } from '../errors/ErrorNotice';
import { shownErrorOr, type ShownError } from '../errors/catalogue';
import type { ProblemCode } from '../../../common/contract/problems';

/** The bundle's bytes over the contract's stream, saved by the browser as a download (the web host's only way). */
const downloadBundle = async (fileName: string): Promise<void> => {
  const stream = getApi().openStream('help.diagnostics.download', { fileName });
  const chunks: Uint8Array[] = [];
  stream.onData((chunk) => chunks.push(chunk));
  await new Promise<void>((resolve, reject) => {
    stream.onClose((reason) => (reason === undefined ? resolve() : reject(new Error(reason))));
    stream.opened.catch(reject);
  });
  const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};

const BundleFacts = ({ bundle }: { bundle: DiagnosticsBundleInfo }) => {
  const { t, i18n } = useTranslation();
  const size = new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 }).format(
    bundle.bytes / 1024,
  );
  return (
    <div data-testid="diagnostics-bundle">
      <p>
        {t('help.diagnostics.written', { fileName: bundle.fileName, size })}
        <br />
        <span className="muted">{t('help.diagnostics.where', { path: bundle.path })}</span>
      </p>
      <p>{t('help.diagnostics.entries')}</p>
      <ul className="facts">
        {bundle.entries.map((entry) => (
          <li key={entry}>
            <code>{entry}</code>
          </li>
        ))}
      </ul>
    </div>
  );
};

/** One sentence for what "Email to the help desk" did, and the email to open when the window must open it. */
const EmailOutcome = ({ outcome, bundle }: { outcome: DiagnosticsEmailResult; bundle: DiagnosticsBundleInfo }) => {
  const { t } = useTranslation();
  if (outcome.via === 'attached')
    return <p>{t('help.diagnostics.emailOutcome.attached', { address: outcome.to, fileName: bundle.fileName })}</p>;
  return (
    <p>
      {t(outcome.shown ? 'help.diagnostics.emailOutcome.byHand.shown' : 'help.diagnostics.emailOutcome.byHand.notShown', {
        fileName: bundle.fileName,
        path: bundle.path,
      })}
      {!outcome.opened && (
        <>
          {' '}
          <a href={outcome.url}>{t('help.diagnostics.openEmail')}</a>
        </>
      )}
    </p>
  );
};

/** "Create diagnostics bundle", what it wrote, and the ways to get it to the help desk. */
export const DiagnosticsSection = () => {
  const { t, i18n } = useTranslation();
  const host = useShellStore((state) => state.info?.host);
  const email = (useProfilesStore((state) => state.state?.effective.config['helpdesk']) as { email?: string } | undefined)?.email;
  const [bundle, setBundle] = useState<DiagnosticsBundleInfo>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ShownError>();
  const [notShown, setNotShown] = useState(false);
  const [emailing, setEmailing] = useState(false);
  const [emailed, setEmailed] = useState<DiagnosticsEmailResult>();

  const act = async (action: () => Promise<void>, failed: ProblemCode): Promise<void> => {
    setBusy(true);
    setProblem(undefined);
    try {
      await action();
    } catch (failure) {
      setProblem(shownErrorOr(failure, failed));
    } finally {
      setBusy(false);
    }
  };

  const create = () =>
    act(async () => {
      setNotShown(false);
      setEmailed(undefined);
      setBundle(await getApi().invoke('help.diagnostics.create', {}));
    }, 'help.bundle-not-written');

  const reveal = (fileName: string) =>
    act(async () => {
      const { shown } = await getApi().invoke('help.diagnostics.reveal', { fileName });
      setNotShown(!shown);
    }, 'help.reveal-failed');

  const sendByEmail = (fileName: string) =>
    act(async () => {
      setEmailed(undefined);
      setEmailing(true);
      try {
        setEmailed(await getApi().invoke('help.diagnostics.email', { fileName, language: i18n.language === 'it' ? 'it' : 'en' }));
      } finally {
        setEmailing(false);
      }
    }, 'help.email-failed');

  const inElectron = host === 'electron';

  return (
    <section aria-labelledby="diagnostics-title" className="stack" data-testid="diagnostics">
      <h2 id="diagnostics-title">{t('help.diagnostics.title')}</h2>
      <p className="muted">{t('help.diagnostics.intro')}</p>
      <div className="inline">
        <button type="button" disabled={busy} onClick={() => void create()}>
          {busy && !bundle ? t('help.diagnostics.creating') : t('help.diagnostics.create')}
        </button>
      </div>
      {problem && <ErrorNotice error={problem} testId="diagnostics-error" />}
      {bundle && (
        <>
          <BundleFacts bundle={bundle} />
          <div className="inline">
            {inElectron ? (
              <button type="button" disabled={busy} onClick={() => void reveal(bundle.fileName)}>
                {t('help.diagnostics.showInFolder')}
              </button>
            ) : (
              <button type="button" disabled={busy} onClick={() => void act(() => downloadBundle(bundle.fileName), 'help.download-failed')}>
                {t('help.diagnostics.download')}
              </button>
            )}
            {email && (
              <button type="button" disabled={busy} onClick={() => void sendByEmail(bundle.fileName)} data-testid="diagnostics-email">
                {emailing ? t('help.diagnostics.emailing') : t('help.diagnostics.email')}
              </button>
            )}
          </div>
          <div role="status">{emailed && <EmailOutcome outcome={emailed} bundle={bundle} />}</div>
          {notShown && <p className="muted">{t('help.diagnostics.notShown', { path: bundle.path })}</p>}
        </>
      )}
    </section>
  );
};
