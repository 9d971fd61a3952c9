import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagnosticsBundleInfo } from '../../../common/contract/help';
import { getApi } from '../bridge/api';
import { useProfilesStore } from '../profiles/store';
import { useShellStore } from '../shell/store';

const messageOf = (failure: unknown): string => (failure instanceof Error ? failure.message : String(failure));

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
  const size = new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 }).format(bundle.bytes / 1024);
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

/** "Create diagnostics bundle", what it wrote, and the ways to get it to the help desk. */
export const DiagnosticsSection = () => {
  const { t, i18n } = useTranslation();
  const host = useShellStore((state) => state.info?.host);
  const email = (useProfilesStore((state) => state.state?.effective.config['helpdesk']) as { email?: string } | undefined)?.email;
  const [bundle, setBundle] = useState<DiagnosticsBundleInfo>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [notShown, setNotShown] = useState(false);

  const act = async (action: () => Promise<void>, failed: string): Promise<void> => {
    setBusy(true);
    setProblem(undefined);
    try {
      await action();
    } catch (failure) {
      setProblem(t(failed, { message: messageOf(failure) }));
    } finally {
      setBusy(false);
    }
  };

  const create = () =>
    act(async () => {
      setNotShown(false);
      setBundle(await getApi().invoke('help.diagnostics.create', {}));
    }, 'help.diagnostics.failed');

  const reveal = (fileName: string) =>
    act(async () => {
      const { shown } = await getApi().invoke('help.diagnostics.reveal', { fileName });
      setNotShown(!shown);
    }, 'help.diagnostics.revealFailed');

  const inElectron = host === 'electron';
  const mailto = (made: DiagnosticsBundleInfo, address: string): string => {
    const subject = t('help.diagnostics.emailSubject', { fileName: made.fileName });
    const body = t('help.diagnostics.emailBody', { fileName: made.fileName, time: new Date(made.createdAt).toLocaleString(i18n.language) });
    return `mailto:${address}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
  };

  return (
    <section aria-labelledby="diagnostics-title" className="stack" data-testid="diagnostics">
      <h2 id="diagnostics-title">{t('help.diagnostics.title')}</h2>
      <p className="muted">{t('help.diagnostics.intro')}</p>
      <div className="inline">
        <button type="button" disabled={busy} onClick={() => void create()}>
          {busy && !bundle ? t('help.diagnostics.creating') : t('help.diagnostics.create')}
        </button>
      </div>
      {problem && (
        <p role="alert" className="alert">
          {problem}
        </p>
      )}
      {bundle && (
        <>
          <BundleFacts bundle={bundle} />
          <div className="inline">
            {inElectron ? (
              <button type="button" disabled={busy} onClick={() => void reveal(bundle.fileName)}>
                {t('help.diagnostics.showInFolder')}
              </button>
            ) : (
              <button type="button" disabled={busy} onClick={() => void act(() => downloadBundle(bundle.fileName), 'help.diagnostics.downloadFailed')}>
                {t('help.diagnostics.download')}
              </button>
            )}
            {email && (
              <a href={mailto(bundle, email)} onClick={() => (inElectron ? void reveal(bundle.fileName) : undefined)} data-testid="diagnostics-email">
                {t('help.diagnostics.email')}
              </a>
            )}
          </div>
          {email && <p className="muted">{t(inElectron ? 'help.diagnostics.emailNote.electron' : 'help.diagnostics.emailNote.web', { fileName: bundle.fileName })}</p>}
          {notShown && <p className="muted">{t('help.diagnostics.notShown', { path: bundle.path })}</p>}
        </>
      )}
    </section>
  );
};
