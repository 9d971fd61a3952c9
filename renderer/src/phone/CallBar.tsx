import { PhoneCall } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useShellStore } from '../shell/store';
import { CallButtons, CallTimer, primaryCall, shownCalls, whoOf } from './CallControls';
import { divertedLine } from './live-calls';
import { phone } from './connected';
import { usePhoneStore, type CallView } from './store';

const stateText = (call: CallView, t: (key: string) => string): string =>
  call.heldByRemote && call.state === 'active' ? t(`phone.call.heldByRemote.${call.direction}`) : t(`phone.call.state.${call.state}`);

/**
 * The call in progress on every pane: who, from which line, how long, and hold, mute and hang up (answer and decline
 * while it rings). In the top bar, or floating over an immersive pane, where the top bar is hidden.
 */
const CallBarContent = ({ call, others, floating }: { call: CallView; others: CallView[]; floating: boolean }) => {
  const { t } = useTranslation();
  const view = useShellStore((state) => state.view);
  const line = divertedLine(call);
  const connected = call.state === 'active' || call.state === 'held';
  const other = others[0];
  return (
    <section
      className={`call-bar surface call-bar-${call.state}${floating ? ' floating' : ''}`}
      aria-label={t('phone.call.bar')}
      data-testid="call-bar"
      data-call-state={call.state}
    >
      <PhoneCall className="call-bar-icon" aria-hidden="true" focusable="false" />
      <span className="call-bar-who">
        <span className="call-bar-state">{stateText(call, t)}</span> <strong data-testid="call-bar-caller">{whoOf(call)}</strong>
        {line && <span className="call-bar-line"> · {t('phone.call.divertedFrom', { line })}</span>}
        {other && <span className="call-bar-other"> · {t('phone.call.waiting', { who: whoOf(other) })}</span>}
      </span>
      {connected && call.answeredAt !== undefined && <CallTimer since={call.answeredAt} testId="call-bar-timer" />}
      {call.muted && <span className="call-bar-muted">{t('phone.call.muted')}</span>}
      <span className="call-bar-actions">
        <CallButtons call={call} />
        {view !== 'phone' && (
          <button type="button" className="secondary" onClick={() => phone().showPane()}>
            {t('phone.call.openPhone')}
          </button>
        )}
      </span>
    </section>
  );
};

/** The top bar's item: shown while a call rings, is in progress or held. */
export const CallBar = () => {
  const calls = usePhoneStore((store) => store.calls);
  const call = primaryCall(calls);
  if (!call) return null;
  return <CallBarContent call={call} others={shownCalls(calls).filter((other) => other.id !== call.id)} floating={false} />;
};

/** The same bar floating at the top of the window when a pane has taken it whole (the office PC). */
export const FloatingCallBar = () => {
  const immersive = useShellStore((state) => state.immersive);
  const calls = usePhoneStore((store) => store.calls);
  const call = primaryCall(calls);
  if (!immersive || !call) return null;
  return <CallBarContent call={call} others={shownCalls(calls).filter((other) => other.id !== call.id)} floating />;
};
