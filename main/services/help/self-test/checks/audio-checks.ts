import type { SelfTestCheckDefinition } from '../check';
import { hasContent, notConfigured, verdict } from '../check';

/** The window's count of microphones and the microphone permission; the CLI has no window to ask. */
export const microphoneCheck: SelfTestCheckDefinition = {
  id: 'microphone',
  timeoutMs: 1_000,
  run: async ({ audio, effective }) => {
    if (!hasContent(effective.config.phone)) return notConfigured();
    if (!audio) return verdict('skipped', 'microphone', 'noWindow', { action: false });
    const detail = `${audio.microphones} microphone(s), permission ${audio.microphonePermission}`;
    if (audio.microphones === 0) return verdict('fail', 'microphone', 'none', { detail });
    if (audio.microphonePermission === 'denied') return verdict('fail', 'microphone', 'denied', { detail });
    return verdict('pass', 'microphone', 'ok', { params: { count: audio.microphones }, detail, action: false });
  },
};

export const speakerCheck: SelfTestCheckDefinition = {
  id: 'speaker',
  timeoutMs: 1_000,
  run: async ({ audio, effective }) => {
    if (!hasContent(effective.config.phone)) return notConfigured();
    if (!audio) return verdict('skipped', 'speaker', 'noWindow', { action: false });
    const detail = `${audio.speakers} speaker(s)`;
    if (audio.speakers === 0) return verdict('fail', 'speaker', 'none', { detail });
    return verdict('pass', 'speaker', 'ok', { params: { count: audio.speakers }, detail, action: false });
  },
};
