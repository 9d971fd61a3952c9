import { Mic, MicOff, Pause, Phone, PhoneOff, Play } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { phone } from './connected';
import type { CallView } from './store';

const clock = (seconds: number): string => {
  const minutes = Math.floor(seconds / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return minutes >= 60 ? `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
};

/** mm:ss since the call was answered, ticking once a second. */
export const CallTimer = ({ since, testId = 'call-timer' }: { since: number; testId?: string }) => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <span className="call-timer" data-testid={testId} role="timer">
      {clock(Math.max(0, Math.floor((now - since) / 1000)))}
    </span>
  );
};

/** "Mario Rossi (3001)", or the number alone. */
export const whoOf = (call: Pick<CallView, 'name' | 'number'>): string => (call.name ? `${call.name} (${call.number})` : call.number);

const icon = { 'aria-hidden': true, focusable: false, className: 'button-icon' } as const;

/** The buttons of a ringing incoming call, green and red, each with its keyboard shortcut. */
export const AnswerOrDecline = ({ call }: { call: CallView }) => {
  const { t } = useTranslation();
  return (
    <>
      <button type="button" className="success" aria-keyshortcuts="Alt+A" onClick={() => phone().answer(call.id)}>
        <Phone {...icon} /> {t('phone.call.answer')} <kbd>{t('phone.call.shortcutAnswer')}</kbd>
      </button>
      <button type="button" className="danger" aria-keyshortcuts="Alt+D" onClick={() => phone().decline(call.id)}>
        <PhoneOff {...icon} /> {t('phone.call.decline')} <kbd>{t('phone.call.shortcutDecline')}</kbd>
      </button>
    </>
  );
};

export const HangUpButton = ({ call }: { call: CallView }) => {
  const { t } = useTranslation();
  return (
    <button type="button" className="danger" onClick={() => phone().hangUp(call.id)}>
      <PhoneOff {...icon} /> {t('phone.call.hangUp')}
    </button>
  );
};

export const MuteButton = ({ call }: { call: CallView }) => {
  const { t } = useTranslation();
  return (
    <button type="button" className="secondary" aria-pressed={call.muted} onClick={() => phone().setMuted(call.id, !call.muted)}>
      {call.muted ? <MicOff {...icon} /> : <Mic {...icon} />} {call.muted ? t('phone.call.unmute') : t('phone.call.mute')}
    </button>
  );
};

export const HoldButton = ({ call }: { call: CallView }) => {
  const { t } = useTranslation();
  const held = call.state === 'held';
  return (
    <button type="button" className="secondary" aria-pressed={held} onClick={() => phone().setHeld(call.id, !held)}>
      {held ? <Play {...icon} /> : <Pause {...icon} />} {held ? t('phone.call.resume') : t('phone.call.hold')}
    </button>
  );
};

/** What a call offers wherever it is shown outside the pane: answer or decline while ringing, else hold, mute, hang up. */
export const CallButtons = ({ call }: { call: CallView }) => {
  if (call.state === 'ringing' && call.direction === 'incoming') return <AnswerOrDecline call={call} />;
  const connected = call.state === 'active' || call.state === 'held';
  return (
    <>
      {connected && <MuteButton call={call} />}
      {connected && <HoldButton call={call} />}
      <HangUpButton call={call} />
    </>
  );
};

/** Which call a bar or card outside the pane shows: the one that needs the employee most. */
export const primaryCall = (calls: readonly CallView[]): CallView | undefined => {
  const shown = calls.filter((call) => !call.feature && call.state !== 'ended');
  const order: CallView['state'][] = ['ringing', 'active', 'held', 'early', 'calling'];
  return order.flatMap((state) => shown.filter((call) => call.state === state))[0];
};

/** The calls shown outside the pane (not a feature-code call). */
export const shownCalls = (calls: readonly CallView[]): CallView[] => calls.filter((call) => !call.feature && call.state !== 'ended');
