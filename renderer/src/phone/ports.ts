import type { StoreApi } from 'zustand';
import type { AppInfo, ScrivaniaApi } from '../../../common/contract';
import type { View } from '../capabilities/capability';
import type { ToneKind } from './ringtone';
import type { SipAgentOptions, SipUserAgent } from './sip/sip-agent';
import type { PhoneState } from './store';

/** Makes the user agent; a promise, so the SIP library can be loaded only when the phone is first turned on. */
export type SipUserAgentFactory = (options: SipAgentOptions) => Promise<SipUserAgent>;

export interface PhoneClock {
  /** Milliseconds since the epoch: when a call started, how long it lasted. */
  now(): number;
  /** A monotonic mark (performance.now()) for the benchmark's timings of a call. */
  mark(): number;
  /** Returns a handle for clearTimeout; what it is, is the clock's own business. */
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Desktop notifications of incoming calls. */
export interface CallNotifications {
  /** Asks for permission; only a click lets a browser ask. */
  ask(): Promise<void>;
  /** Shows a call until the returned function closes it; a click on it runs `onClick`. */
  showCall(title: string, body: string, onClick: () => void): () => void;
}

/** The ringtone and the call-waiting tone, on the ringer device. */
export interface Ringtone {
  start(kind: ToneKind, sinkId?: string): Promise<void>;
  stop(): void;
}

/** What the phone needs to know of a call's audio in the window. */
export interface CallMedia {
  /** Runs `listener` once the stream's audio carries its first packet. */
  onFirstAudio(stream: MediaStream, listener: () => void): void;
}

export interface PhonePorts {
  api: ScrivaniaApi;
  store: StoreApi<PhoneState>;
  createAgent: SipUserAgentFactory;
  notifications: CallNotifications;
  ringtone: Ringtone;
  media: CallMedia;
  clock: PhoneClock;
  /** Opens a pane: an incoming call's notification and a dial request open the phone's. */
  show(view: View): void;
  /** What main said this app is (its version goes into the SIP User-Agent). */
  info(): AppInfo | undefined;
}
