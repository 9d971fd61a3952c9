import type { CallMedia, PhoneClock } from './ports';

export const browserMedia: CallMedia = {
  onFirstAudio(stream, listener) {
    const track = stream.getAudioTracks()[0];
    if (!track) return;
    // A remote track unmutes when its first RTP packet arrives.
    if (!track.muted) listener();
    else track.addEventListener('unmute', listener, { once: true });
  },
};

export const browserClock: PhoneClock = {
  now: () => Date.now(),
  mark: () => performance.now(),
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout> | undefined),
};
