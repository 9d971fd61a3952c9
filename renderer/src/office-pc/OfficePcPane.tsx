import { PaneHeader } from '../capabilities/PaneHeader';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficePcState } from '../../../common/contract/office-pc';
import type { DisplayMode } from '../../../common/office-pc/office-pc-config';
import { getApi } from '../bridge/api';
import { useProfilesStore } from '../profiles/store';
import { PasswordForm } from '../shell/PasswordForm';
import { StatusBadge } from '../shell/StatusBadge';
import { TextField } from '../shell/TextField';
import { useShellStore } from '../shell/store';
import { CertificateDialog } from './CertificateDialog';
import { officePc } from './controller';
import { loadIronRdp } from './iron-rdp';
import { RemoteScreen } from './RemoteScreen';
import { useOfficePcStore } from './store';
import './office-pc.css';

const Reachability = ({ state }: { state: OfficePcState }) => {
  const { t } = useTranslation();
  const { reachability } = state;
  const text =
    reachability.state === 'reachable'
      ? t('officePc.reachability.reachable', { ms: reachability.ms ?? 0 })
      : reachability.state === 'unreachable'
        ? t('officePc.reachability.unreachable', { detail: reachability.detail ?? '' })
        : t(`officePc.reachability.${reachability.state}`);
  return (
    <p className="inline" data-testid="office-pc-reachability" data-state={reachability.state}>
      <span>{text}</span>
      <button
        type="button"
        className="secondary"
        disabled={reachability.state === 'checking'}
        onClick={() =>
          void getApi()
            .invoke('officePc.checkReachability', {})
            .catch(() => undefined)
        }
      >
        {t('officePc.reachability.check')}
      </button>
    </p>
  );
};

const PasswordPrompt = ({ canSave, username }: { canSave: boolean; username?: string }) => {
  const { t } = useTranslation();
  const [user, setUser] = useState(username ?? '');
  return (
    <PasswordForm
      className="office-pc-login"
      testId="office-pc-password-form"
      inputId="office-pc-password"
      label={t('officePc.password.label')}
      autoComplete="current-password"
      canSave={canSave}
      saveLabel={t('officePc.password.remember')}
      submitLabel={t('officePc.connect')}
      onSubmit={(password, savePassword) => void officePc.connect({ password, savePassword, ...(username ? {} : { username: user }) })}
    >
      <p>{t('officePc.password.explain')}</p>
      {!username && (
        <TextField id="office-pc-username" label={t('officePc.password.username')} autoComplete="username" value={user} onValue={setUser} />
      )}
    </PasswordForm>
  );
};

const FailureNotice = () => {
  const { t } = useTranslation();
  const failure = useOfficePcStore((state) => state.failure);
  const phase = useOfficePcStore((state) => state.phase);
  const vpn = useShellStore((state) => state.status?.capabilities.vpn);
  if (!failure || phase !== 'failed' || failure.kind.startsWith('certificate')) return null;
  return (
    <div role="alert" className="office-pc-failure" data-failure={failure.kind}>
      <h2>{t(`officePc.failure.${failure.kind}.title`)}</h2>
      <p>{t(`officePc.failure.${failure.kind}.next`)}</p>
      {failure.kind === 'unreachable' && vpn && (
        <p data-testid="office-pc-vpn">{t('officePc.failure.vpnBeside', { summary: t(vpn.summary.key, vpn.summary.params ?? {}) })}</p>
      )}
      {failure.detail && <p className="muted office-pc-detail">{failure.detail}</p>}
      <div className="inline">
        {failure.kind === 'wrong-credentials' ? (
          <button
            type="button"
            onClick={() => useOfficePcStore.setState({ failure: undefined, phase: 'idle', askPassword: { canSave: true, reason: '' } })}
          >
            {t('officePc.password.typeAgain')}
          </button>
        ) : (
          <button type="button" onClick={() => void officePc.connect()}>
            {t('officePc.tryAgain')}
          </button>
        )}
      </div>
    </div>
  );
};

const ConnectionLine = () => {
  const { t } = useTranslation();
  const { phase, reconnect, endedReason, clipboardNotice } = useOfficePcStore();
  return (
    <p className="office-pc-phase" role="status" aria-live="polite" data-phase={phase}>
      {phase === 'reconnecting' && reconnect
        ? t('officePc.phase.reconnecting', { attempt: reconnect.attempt, max: reconnect.maxAttempts, seconds: reconnect.delaySeconds })
        : t(`officePc.phase.${phase}`, { reason: endedReason ?? '' })}
      {clipboardNotice && phase === 'connected' && <span className="muted"> {t(`officePc.clipboard.${clipboardNotice}`)}</span>}
    </p>
  );
};

const Toolbar = ({ screen }: { screen: () => HTMLElement | null }) => {
  const { t } = useTranslation();
  const { phase, displayMode, state } = useOfficePcStore();
  const connected = phase === 'connected';
  const busy = phase === 'connecting' || phase === 'loading' || phase === 'reconnecting';
  const mode = displayMode ?? state?.display ?? 'fit';
  const fullScreen = (): void => {
    const element = screen();
    if (!element) return;
    void element
      .requestFullscreen()
      .then(() => (navigator as Navigator & { keyboard?: { lock?: () => Promise<void> } }).keyboard?.lock?.().catch(() => undefined));
    officePc.canvas.focus();
  };
  return (
    <div className="inline office-pc-toolbar" role="toolbar" aria-label={t('officePc.toolbar')}>
      {connected || busy ? (
        <button type="button" onClick={() => officePc.disconnect()}>
          {t('officePc.disconnect')}
        </button>
      ) : (
        <button type="button" onClick={() => void officePc.connect()} disabled={state?.configuration !== 'ready'}>
          {t('officePc.connect')}
        </button>
      )}
      <button type="button" className="secondary" disabled={!connected} onClick={() => officePc.ctrlAltDel()}>
        {t('officePc.ctrlAltDel')}
      </button>
      <button type="button" className="secondary" disabled={!connected} onClick={() => officePc.windowsKey()}>
        {t('officePc.windowsKey')}
      </button>
      <button
        type="button"
        className="secondary"
        disabled={!connected}
        onClick={() => void officePc.sendClipboard().catch(() => useOfficePcStore.setState({ clipboardNotice: 'copy-failed' }))}
      >
        {t('officePc.sendClipboard')}
      </button>
      <button type="button" className="secondary" disabled={!connected} onClick={fullScreen}>
        {t('officePc.fullScreen')}
      </button>
      <label className="inline">
        {t('officePc.display.label')}
        <select value={mode} onChange={(event) => officePc.setDisplayMode(event.target.value as DisplayMode)}>
          <option value="fit">{t('officePc.display.fit')}</option>
          <option value="resize">{t('officePc.display.resize')}</option>
          <option value="actual">{t('officePc.display.actual')}</option>
        </select>
      </label>
    </div>
  );
};

/** The office PC: its name and reachability, connecting with the keychain's password, and the remote screen. */
export const OfficePcPane = () => {
  const { t } = useTranslation();
  const status = useShellStore((state) => state.status?.capabilities.officePc);
  const helpdeskPhone = useProfilesStore((state) => (state.state?.effective.config['helpdesk'] as { phone?: string } | undefined)?.phone);
  const { state, askPassword } = useOfficePcStore();
  const screenRef = useRef<HTMLDivElement>(null);
  const ready = state?.configuration === 'ready';
  // Fetch and compile IronRDP while the employee looks at the pane, not after they press Connect.
  useEffect(() => {
    if (ready) void loadIronRdp().catch(() => undefined);
  }, [ready]);

  const name = state?.name ?? state?.host ?? '';
  const question = state?.certificateQuestion;
  return (
    <section className="pane office-pc-pane" data-pane="officePc" aria-labelledby="pane-title">
      <PaneHeader view="officePc" title={state?.configuration === 'ready' ? name : t('capability.officePc.title')} />
      <StatusBadge level={status?.level ?? 'unconfigured'} />
      {(!state || state.configuration === 'absent') && <p className="muted">{t('pane.notConfiguredBody')}</p>}
      {state?.configuration === 'needs-details' && <p>{t('officePc.needsDetails')}</p>}
      {state?.configuration === 'invalid' && <p className="alert">{t('officePc.invalid', { detail: state.problem ?? '' })}</p>}
      {state?.configuration === 'ready' && (
        <>
          <p className="muted" data-testid="office-pc-address">
            {t('officePc.address', { host: state.host, port: state.port })}
            {state.username ? ` · ${state.domain ? `${state.domain}\\` : ''}${state.username}` : ''}
          </p>
          <Reachability state={state} />
          {question && (
            <CertificateDialog
              question={question}
              name={name}
              {...(helpdeskPhone ? { helpdeskPhone } : {})}
              onAnswer={(trust) => void officePc.answerCertificate(trust)}
            />
          )}
          {askPassword && <PasswordPrompt canSave={askPassword.canSave} {...(state.username ? { username: state.username } : {})} />}
          <FailureNotice />
          <Toolbar screen={() => screenRef.current} />
          <ConnectionLine />
          <RemoteScreen ref={screenRef} />
        </>
      )}
    </section>
  );
};
