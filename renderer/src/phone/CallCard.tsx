import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LabelledInput } from '../shell/TextField';
import { AnswerOrDecline, CallTimer, HangUpButton, HoldButton, MuteButton } from './CallControls';
import { CallQuality } from './CallStats';
import { DialPad } from './DialPad';
import type { DtmfMethod } from './sip/dtmf-transport';
import { phone } from './connected';
import type { CallView } from './store';

export const DivertedLine = ({ call }: { call: CallView }) => {
  const { t } = useTranslation();
  const diverted = call.divertedFrom;
  if (!diverted) return null;
  const line = diverted.group ?? diverted.displayName ?? diverted.number;
  return (
    <p className="diverted" data-testid="diverted-from">
      {t('phone.call.divertedFrom', { line })}
      {diverted.group && <span className="muted"> ({diverted.number})</span>}
    </p>
  );
};

const TransferForm = ({ call }: { call: CallView }) => {
  const { t } = useTranslation();
  const [target, setTarget] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void phone().transfer(call.id, target);
  };
  return (
    <form className="transfer" onSubmit={submit} aria-describedby={`transfer-hint-${call.id}`}>
      <div className="inline">
        <LabelledInput
          id={`transfer-${call.id}`}
          label={t('phone.call.transferTo')}
          inputMode="tel"
          autoComplete="off"
          value={target}
          onValue={setTarget}
        />
        <button type="submit" disabled={target === '' || call.transferring}>
          {t('phone.call.transfer')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={target === '' || call.transferring}
          onClick={() => phone().consult(call.id, target)}
        >
          {t('phone.call.consult')}
        </button>
      </div>
      <p className="muted transfer-hint" id={`transfer-hint-${call.id}`}>
        {t('phone.call.blindHint')} {t('phone.call.consultHint')}
      </p>
    </form>
  );
};

const InCallKeypad = ({ call }: { call: CallView }) => {
  const { t } = useTranslation();
  const [method, setMethod] = useState<DtmfMethod>('rfc4733');
  const [sent, setSent] = useState('');
  const [sentAs, setSentAs] = useState<DtmfMethod>();
  return (
    <div className="in-call-keypad">
      <DialPad
        label={t('phone.call.keypad')}
        onDigit={(digit) => {
          setSentAs(phone().sendDtmf(call.id, digit, method));
          setSent((before) => `${before}${digit}`.slice(-24));
        }}
      />
      <p className="muted" aria-live="polite" data-testid="dtmf-sent" data-dtmf-method={sentAs}>
        {sent}
      </p>
      {method === 'rfc4733' && sentAs === 'info' && <p className="muted">{t('phone.call.dtmfSentAsInfo')}</p>}
      <label>
        <input type="checkbox" checked={method === 'info'} onChange={(event) => setMethod(event.target.checked ? 'info' : 'rfc4733')} />{' '}
        {t('phone.call.dtmfInfo')}
      </label>
    </div>
  );
};

/** "On hold by the caller" (or by the person called) while the far end holds the call, else the call's state. */
const stateLabel = (call: CallView, t: (key: string) => string): string => {
  if (call.feature) return t('phone.call.featureCall');
  if (call.heldByRemote && call.state === 'active') return t(`phone.call.heldByRemote.${call.direction}`);
  return t(`phone.call.state.${call.state}`);
};

/** The digits the far end pressed, for a few seconds after each. */
const ReceivedDigits = ({ digits }: { digits: string }) => {
  const { t } = useTranslation();
  if (digits === '') return null;
  return (
    <p className="received-digits" role="status" data-testid="dtmf-received" data-digits={digits}>
      {t('phone.call.receivedDigits')} <strong>{digits}</strong>
    </p>
  );
};

/** One call: who and from which line, its state and timer, and what can be done with it now. */
export const CallCard = ({ call }: { call: CallView }) => {
  const { t } = useTranslation();
  const [keypadOpen, setKeypadOpen] = useState(false);
  const ringing = call.state === 'ringing';
  const connected = call.state === 'active' || call.state === 'held';
  return (
    <article
      className={`call call-${call.state}${call.heldByRemote ? ' call-held-by-remote' : ''}`}
      data-testid="call"
      data-call-state={call.state}
      data-held-by-remote={call.heldByRemote}
      data-direction={call.direction}
      data-invite-at={call.inviteAt}
      data-answer-clicked-at={call.answerClickedAt}
      data-first-audio-at={call.firstAudioAt}
      aria-label={stateLabel(call, t)}
    >
      <header>
        <p className="call-state" data-testid="call-state">
          {stateLabel(call, t)}
        </p>
        <h2 className="caller" data-testid="caller">
          {call.name ? (
            <>
              {call.name} <span className="muted">{call.number}</span>
            </>
          ) : (
            call.number
          )}
        </h2>
        <DivertedLine call={call} />
        {call.answeredAt !== undefined && connected && <CallTimer since={call.answeredAt} />}
        <ReceivedDigits digits={call.receivedDigits} />
      </header>
      {ringing && call.direction === 'incoming' ? (
        <div className="inline call-actions">
          <AnswerOrDecline call={call} />
        </div>
      ) : (
        <div className="inline call-actions">
          <HangUpButton call={call} />
          {connected && (
            <>
              <MuteButton call={call} />
              <HoldButton call={call} />
              <button type="button" className="secondary" aria-expanded={keypadOpen} onClick={() => setKeypadOpen(!keypadOpen)}>
                {t('phone.call.keypad')}
              </button>
            </>
          )}
          {call.consultationFor && call.state === 'active' && (
            <button type="button" onClick={() => void phone().completeTransfer(call.id)}>
              {t('phone.call.completeTransfer')}
            </button>
          )}
        </div>
      )}
      {connected && keypadOpen && <InCallKeypad call={call} />}
      {connected && !call.consultationFor && !call.feature && <TransferForm call={call} />}
      {call.transferring && <p role="status">{t('phone.call.transferring')}</p>}
      {connected && <CallQuality callId={call.id} />}
    </article>
  );
};
