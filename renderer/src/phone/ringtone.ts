/**
 * The ringtone and the call-waiting tone, synthesised as small WAV blobs (no sound file to ship) and played by an
 * audio element, so they go to the ringer device the employee chose with setSinkId.
 */

const SAMPLE_RATE = 8_000;

/** Segments of [seconds, frequencies in Hz]; an empty frequency list is silence. */
type Cadence = [number, number[]][];

/** Two close tones, 1 s on and 3 s off, as a desk phone rings. */
const RING: Cadence = [
  [1, [425, 475]],
  [3, []],
];
/** Two short beeps, then quiet: the call-waiting tone heard over a call in progress. */
const WAITING: Cadence = [
  [0.15, [425]],
  [0.15, []],
  [0.15, [425]],
  [3.5, []],
];

const wavOf = (cadence: Cadence, volume: number): Blob => {
  const total = cadence.reduce((sum, [seconds]) => sum + Math.round(seconds * SAMPLE_RATE), 0);
  const view = new DataView(new ArrayBuffer(44 + total * 2));
  const text = (offset: number, value: string): void =>
    [...value].forEach((char, index) => view.setUint8(offset + index, char.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + total * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, SAMPLE_RATE, true);
  view.setUint32(28, SAMPLE_RATE * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, total * 2, true);
  let sample = 0;
  for (const [seconds, frequencies] of cadence) {
    const count = Math.round(seconds * SAMPLE_RATE);
    for (let index = 0; index < count; index++, sample++) {
      const t = index / SAMPLE_RATE;
      const value =
        frequencies.reduce((sum, frequency) => sum + Math.sin(2 * Math.PI * frequency * t), 0) / Math.max(1, frequencies.length);
      view.setInt16(44 + sample * 2, Math.round(value * volume * 32_767), true);
    }
  }
  return new Blob([view.buffer], { type: 'audio/wav' });
};

type SinkCapable = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

export type ToneKind = 'ring' | 'waiting';

export class Ringer {
  private element: SinkCapable | undefined;
  private playing: ToneKind | undefined;
  private readonly urls = new Map<ToneKind, string>();

  /** Starts (or switches to) a tone on `sinkId`; the system default device when absent. */
  async start(kind: ToneKind, sinkId?: string): Promise<void> {
    if (this.playing === kind) return;
    this.stop();
    this.playing = kind;
    const element: SinkCapable = new Audio(this.urlOf(kind));
    element.loop = true;
    this.element = element;
    if (sinkId && element.setSinkId) await element.setSinkId(sinkId).catch(() => undefined);
    // Autoplay may be refused before the first user gesture; the notification and the pane still show the call.
    await element.play().catch(() => undefined);
  }

  stop(): void {
    this.element?.pause();
    this.element = undefined;
    this.playing = undefined;
  }

  private urlOf(kind: ToneKind): string {
    const existing = this.urls.get(kind);
    if (existing) return existing;
    const url = URL.createObjectURL(wavOf(kind === 'ring' ? RING : WAITING, kind === 'ring' ? 0.5 : 0.25));
    this.urls.set(kind, url);
    return url;
  }
}
