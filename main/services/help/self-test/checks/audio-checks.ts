import type { AudioDeviceFindings } from '../../../../../common/contract/help';
import type { CheckVerdict, SelfTestCheckDefinition } from '../check';
import { hasContent, notConfigured, verdict } from '../check';

interface AudioCheck {
  id: 'microphone' | 'speaker';
  /** The verdict where there is no window to ask (the CLI). */
  withoutWindow: () => CheckVerdict;
  judge: (audio: AudioDeviceFindings) => CheckVerdict;
}

/** A check of the window's audio devices, which only matter with a phone configured. */
const audioCheck = ({ id, withoutWindow, judge }: AudioCheck): SelfTestCheckDefinition => ({
  id,
  timeoutMs: 1_000,
  run: async ({ audio, effective }) => {
    if (!hasContent(effective.config.phone)) return notConfigured();
    return audio ? judge(audio) : withoutWindow();
  },
});

/** The window's count of microphones and the microphone permission. */
export const microphoneCheck = audioCheck({
  id: 'microphone',
  withoutWindow: () => verdict('skipped', 'microphone', 'noWindow', { action: false }),
  judge: (audio) => {
    const detail = `${audio.microphones} microphone(s), permission ${audio.microphonePermission}`;
    if (audio.microphones === 0) return verdict('fail', 'microphone', 'none', { detail });
    if (audio.microphonePermission === 'denied') return verdict('fail', 'microphone', 'denied', { detail });
    return verdict('pass', 'microphone', 'ok', { params: { count: audio.microphones }, detail, action: false });
  },
});

export const speakerCheck = audioCheck({
  id: 'speaker',
  withoutWindow: () => verdict('skipped', 'speaker', 'noWindow', { action: false }),
  judge: (audio) => {
    const detail = `${audio.speakers} speaker(s)`;
    if (audio.speakers === 0) return verdict('fail', 'speaker', 'none', { detail });
    return verdict('pass', 'speaker', 'ok', { params: { count: audio.speakers }, detail, action: false });
  },
});
