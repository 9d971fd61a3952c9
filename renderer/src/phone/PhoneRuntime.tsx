import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useShellStore } from '../shell/store';
import { AnswerOrDecline, DivertedLine } from './CallCard';
import { phone } from './connected';
import { usePhoneStore, type CallView } from './store';

type SinkCapable = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

/** Plays one call's remote audio on the chosen speaker; the stats' audio energy needs it to play in an element. */
const RemoteAudio = ({ call, speaker }: { call: CallView; speaker: string | undefined }) => {
  const element = useRef<SinkCapable>(null);
  useEffect(() => {
    const audio = element.current;
    if (!audio) return;
    const stream = phone().remoteStreamOf(call.id);
    if (stream && audio.srcObject !== stream) audio.srcObject = stream;
    void audio.play().catch(() => undefined);
  }, [call.id, call.mediaVersion]);
  useEffect(() => {
    if (element.current?.setSinkId) void element.current.setSinkId(speaker ?? '').catch(() => undefined);
  }, [speaker]);
  return <audio ref={element} autoPlay data-call-audio={call.id} />;
};

/** An incoming call shown over whatever pane is open, so it can be answered from anywhere. */
const IncomingBanner = ({ call }: { call: CallView }) => {
  const { t } = useTranslation();
  return (
    <aside className="incoming-banner" role="alertdialog" aria-label={t('phone.call.state.ringing')} data-testid="incoming-banner">
      <p>
        <strong>{call.name ?? call.number}</strong> {call.name && <span className="muted">{call.number}</span>}
      </p>
      <DivertedLine call={call} />
      <div className="inline">
        <AnswerOrDecline call={call} onAnswered={() => phone().showPane()} />
      </div>
    </aside>
  );
};

/** Always mounted: plays call audio and shows a ringing call outside the phone pane. */
export const PhoneRuntime = () => {
  const calls = usePhoneStore((store) => store.calls);
  const speaker = usePhoneStore((store) => store.preferences?.speaker);
  const view = useShellStore((state) => state.view);
  const ringing = view === 'phone' ? undefined : calls.find((call) => call.state === 'ringing' && call.direction === 'incoming');
  return (
    <>
      <div hidden>
        {calls
          .filter((call) => call.mediaVersion > 0)
          .map((call) => (
            <RemoteAudio key={call.id} call={call} speaker={speaker} />
          ))}
      </div>
      {ringing && <IncomingBanner call={ringing} />}
    </>
  );
};
