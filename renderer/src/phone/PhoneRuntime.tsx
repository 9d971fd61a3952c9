import { useEffect, useRef } from 'react';
import { FloatingCallBar } from './CallBar';
import { phone } from './connected';
import { RingingDialog } from './RingingDialog';
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

/** Always mounted: plays call audio, shows a ringing call as a dialog, and the call bar over an immersive pane. */
export const PhoneRuntime = () => {
  const calls = usePhoneStore((store) => store.calls);
  const speaker = usePhoneStore((store) => store.preferences?.speaker);
  return (
    <>
      <div hidden>
        {calls
          .filter((call) => call.mediaVersion > 0)
          .map((call) => (
            <RemoteAudio key={call.id} call={call} speaker={speaker} />
          ))}
      </div>
      <FloatingCallBar />
      <RingingDialog />
    </>
  );
};
