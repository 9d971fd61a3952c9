import { useTranslation } from 'react-i18next';
import { AnswerOrDecline, CallTimer, HangUpButton, primaryCall, whoOf } from './CallControls';
import { divertedLine } from './live-calls';
import { usePhoneStore } from './store';

/** The dashboard's phone card during a call: who, from which line, the timer, and Hang up (or Answer) right there. */
export const PhoneCardCall = () => {
  const { t } = useTranslation();
  const call = usePhoneStore((store) => primaryCall(store.calls));
  if (!call) return null;
  const line = divertedLine(call);
  const connected = call.state === 'active' || call.state === 'held';
  return (
    <div className="card-call" data-testid="card-call" data-call-state={call.state}>
      <p className="card-call-who">
        <strong>{whoOf(call)}</strong>
        {line && <span className="muted"> · {t('phone.call.divertedFrom', { line })}</span>}{' '}
        {connected && call.answeredAt !== undefined && <CallTimer since={call.answeredAt} testId="card-call-timer" />}
      </p>
      <div className="inline card-call-actions">
        {call.state === 'ringing' && call.direction === 'incoming' ? <AnswerOrDecline call={call} /> : <HangUpButton call={call} />}
      </div>
    </div>
  );
};
