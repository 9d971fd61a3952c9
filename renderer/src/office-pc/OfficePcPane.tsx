import { PaneHeader } from '../capabilities/PaneHeader';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficePcState } from '../../../common/contract/office-pc';
import { getApi } from '../bridge/api';
import { useProfilesStore } from '../profiles/store';
import { PasswordForm } from '../shell/PasswordForm';
import { TextField } from '../shell/TextField';
import { useShellStore } from '../shell/store';
import { ErrorNotice } from '../errors/ErrorNotice';
import { shown } from '../errors/catalogue';
import { CertificateDialog } from './CertificateDialog';
import { shownFailure } from './failures';
import { ConnectionLine } from './ConnectionLine';
import { officePc } from './controller';
import { loadIronRdp } from './iron-rdp';
import { RemoteScreen } from './RemoteScreen';
import { SessionToolbar } from './SessionToolbar';
import { sessionBadge } from './session-view';
import { showsWholeWindow, useOfficePcStore } from './store';
import { WholeWindowSession } from './WholeWindowSession';
import './office-pc.css';

const Reachability = ({ state }: { state: OfficePcState }) => {
  const { t } = useTranslation();
  const { reachability } = state;
  const text =
    reachability.state === 'reachable'
      ? t('officePc.reachability.reachable', { ms: reachability.ms ?? 0 })
      : reachability.state === 'unreachable'
        ? t('officePc.reachability.unreachable')
        : t(`officePc.reachability.${reachability.state}`);
  return (
    <span className="inline" data-testid="office-pc-reachability" data-state={reachability.state}>
      <span>{text}</span>
      {reachability.state === 'unreachable' && reachability.detail && (
        <details className="error-details">
          <summary>{t('error.details')}</summary>
          <code>{reachability.detail}</code>
        </details>
      )}
      <button
        type="button"
        className="secondary office-pc-small"
        disabled={reachability.state === 'checking'}
        onClick={() =>
          void getApi()
            .invoke('officePc.checkReachability', {})
            .catch(() => undefined)
        }
      >
        {t('officePc.reachability.check')}
      </button>
    </span>
  );
};

const SessionBadge = () => {
  const { t } = useTranslation();
  const phase = useOfficePcStore((state) => state.phase);
  const mainLevel = useShellStore((state) => state.status?.capabilities.officePc?.level ?? 'unconfigured');
  const badge = sessionBadge(phase, mainLevel);
  return (
    <span className={`badge badge-${badge.level}`} data-level={badge.level} data-testid="office-pc-badge">
      <span className="dot" aria-hidden="true" />
      {t(badge.key)}
    </span>
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
      <ErrorNotice error={shownFailure(failure)} live="none" testId="office-pc-error" />
      {failure.kind === 'unreachable' && vpn && (
        <p data-testid="office-pc-vpn">{t('officePc.failure.vpnBeside', { summary: t(vpn.summary.key, vpn.summary.params ?? {}) })}</p>
      )}
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

/** The office PC itself ended the session (signed out, another user took it): said once, its own words behind Details. */
const EndedNotice = () => {
  const phase = useOfficePcStore((state) => state.phase);
  const endedReason = useOfficePcStore((state) => state.endedReason);
  if (phase !== 'ended') return null;
  return <ErrorNotice error={shown('officePc.session-ended', undefined, endedReason || undefined)} live="none" testId="office-pc-ended" />;
};

/** Before a session: connect (or stop a connection under way). */
const ConnectBar = () => {
  const { t } = useTranslation();
  const { phase, state } = useOfficePcStore();
  const busy = phase === 'connecting' || phase === 'loading' || phase === 'reconnecting';
  return (
    <div className="inline office-pc-toolbar" role="toolbar" aria-label={t('officePc.toolbar')}>
      {busy ? (
        <button type="button" className="secondary" onClick={() => officePc.disconnect()}>
          {t('officePc.cancel')}
        </button>
      ) : (
        <button type="button" onClick={() => void officePc.connect()} disabled={state?.configuration !== 'ready'}>
          {t('officePc.connect')}
        </button>
      )}
    </div>
  );
};

/** Keeps the shell's whole-window mode in step with the session, and always gives the window back on leaving the pane. */
const useWholeWindow = (): boolean => {
  const whole = useOfficePcStore(showsWholeWindow);
  useEffect(() => {
    useShellStore.getState().setImmersive(whole);
  }, [whole]);
  useEffect(() => {
    // Coming back to the pane of a running session shows it over the whole window again.
    officePc.wholeWindow();
    return () => useShellStore.getState().setImmersive(false);
  }, []);
  return whole;
};

/** The office PC: its name and reachability, connecting with the keychain's password, and the remote screen. */
export const OfficePcPane = () => {
  const { t } = useTranslation();
  const helpdeskPhone = useProfilesStore((state) => (state.state?.effective.config['helpdesk'] as { phone?: string } | undefined)?.phone);
  const { state, askPassword, phase } = useOfficePcStore();
  const whole = useWholeWindow();
  const ready = state?.configuration === 'ready';
  // Fetch and compile IronRDP while the employee looks at the pane, not after they press Connect.
  useEffect(() => {
    if (ready) void loadIronRdp().catch(() => undefined);
  }, [ready]);

  const name = state?.name ?? state?.host ?? '';
  const question = state?.certificateQuestion;
  const live = phase === 'connected' || phase === 'reconnecting';
  if (whole)
    return (
      <section className="pane office-pc-pane whole-window" data-pane="officePc" aria-label={name}>
        <WholeWindowSession />
      </section>
    );
  return (
    <section className="pane office-pc-pane" data-pane="officePc" aria-labelledby="pane-title">
      <PaneHeader view="officePc" title={ready ? name : t('capability.officePc.title')} />
      <div className="inline office-pc-facts">
        <SessionBadge />
        {ready && (
          <>
            <span className="muted" data-testid="office-pc-address">
              {t('officePc.address', { host: state.host, port: state.port })}
              {state.username ? ` · ${state.domain ? `${state.domain}\\` : ''}${state.username}` : ''}
            </span>
            {!live && <Reachability state={state} />}
          </>
        )}
      </div>
      {(!state || state.configuration === 'absent') && <p className="muted">{t('pane.notConfiguredBody')}</p>}
      {state?.configuration === 'needs-details' && <p>{t('officePc.needsDetails')}</p>}
      {state?.configuration === 'invalid' && <p className="alert">{t('officePc.invalid', { detail: state.problem ?? '' })}</p>}
      {ready && (
        <>
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
          <EndedNotice />
          {live ? <SessionToolbar wholeWindow={false} /> : <ConnectBar />}
          <ConnectionLine />
          <RemoteScreen />
        </>
      )}
    </section>
  );
};
