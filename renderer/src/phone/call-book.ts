import { divertedFrom } from '../../../common/phone/diverted-from';
import { notificationOf } from './call-text';
import type { PhonePorts } from './ports';
import type { DtmfMethod } from './sip/dtmf-transport';
import type { CallEnd, CallState, SipCall } from './sip/sip-agent';
import type { CallView } from './store';

const RECEIVED_DIGITS_SHOWN_MS = 6_000;
const MAX_CALLS = 2;

/** Places a call; undefined (with a notice in the store) when it could not be placed. */
export type PlaceCall = (input: string, extra?: Partial<CallView>) => CallView | undefined;

/** What the phone does beyond the card when a call is answered (once) and when it ends. */
export interface CallHooks {
  answered(call: SipCall, view: CallView): void;
  /** The call is gone from the store by now; `view` is how it was last shown. */
  ended(view: CallView, end: CallEnd): void;
}

/**
 * The calls in progress: the SipCall behind each card, the card itself, the ringtone, the notification of a ringing
 * call and the timers that belong to a call (all cleared when it ends).
 */
export class CallBook {
  private readonly sipCalls = new Map<string, SipCall>();
  private readonly closeNotifications = new Map<string, () => void>();
  private readonly timers = new Map<string, Map<string, unknown>>();

  constructor(
    private readonly ports: PhonePorts,
    private readonly hooks: CallHooks,
  ) {}

  get(id: string): SipCall | undefined {
    return this.sipCalls.get(id);
  }

  view(id: string): CallView | undefined {
    return this.ports.store.getState().calls.find((call) => call.id === id);
  }

  live(): CallView[] {
    return this.ports.store.getState().calls.filter((call) => call.state !== 'ended');
  }

  /** Two calls at most: one in progress (or held) and one waiting or consulted. */
  isFull(): boolean {
    return this.live().length >= MAX_CALLS;
  }

  update(id: string, change: Partial<CallView>): void {
    const { store } = this.ports;
    store.setState({ calls: store.getState().calls.map((call) => (call.id === id ? { ...call, ...change } : call)) });
  }

  /** Shows a new call and follows it until it ends. */
  adopt(call: SipCall, extra: Partial<CallView> = {}): CallView {
    const { store, clock } = this.ports;
    this.sipCalls.set(call.id, call);
    const config = store.getState().config;
    const diverted =
      call.direction === 'incoming' ? divertedFrom(call.diversion, config?.extension, config?.answerGroups ?? []) : undefined;
    const view: CallView = {
      id: call.id,
      direction: call.direction,
      state: call.state(),
      number: call.remote.number,
      ...(call.remote.name ? { name: call.remote.name } : {}),
      ...(diverted ? { divertedFrom: diverted } : {}),
      muted: false,
      heldByRemote: false,
      receivedDigits: '',
      startedAt: new Date(clock.now()).toISOString(),
      inviteAt: call.createdAt,
      mediaVersion: 0,
      ...extra,
    };
    store.setState({ calls: [...store.getState().calls, view] });
    call.onChange((state, end) => this.changed(call, state, end));
    call.onDigit((digit) => this.digitReceived(call.id, digit));
    return view;
  }

  /** A call from outside: rings (or waits, beside a call in progress), with the window brought forward and a notification. */
  incoming(call: SipCall): void {
    if (this.isFull()) return call.decline();
    const view = this.adopt(call);
    this.refreshRinging();
    void this.ports.api.invoke('app.showWindow', {}).catch(() => undefined);
    const { title, body } = notificationOf(view);
    this.closeNotifications.set(
      call.id,
      this.ports.notifications.showCall(title, body, () => this.ports.show('phone')),
    );
  }

  answer(id: string): void {
    const call = this.get(id);
    if (!call) return;
    // Call waiting: the call in progress goes on hold while the new one is answered.
    this.holdActiveBesides(id);
    this.update(id, { answerClickedAt: this.ports.clock.mark() });
    call.answer();
  }

  setHeld(id: string, held: boolean): void {
    if (!held) this.holdActiveBesides(id);
    this.get(id)?.setHeld(held);
  }

  setMuted(id: string, muted: boolean): void {
    this.get(id)?.setMuted(muted);
    this.update(id, { muted });
  }

  sendDtmf(id: string, tones: string, method: DtmfMethod): DtmfMethod | undefined {
    return this.get(id)?.sendDtmf(tones, method);
  }

  hangUpAll(): void {
    for (const call of this.sipCalls.values()) call.hangUp();
  }

  /** Runs `run` after `ms` unless the call ended first; a later one of the same `purpose` replaces it. */
  schedule(id: string, purpose: string, ms: number, run: () => void): void {
    const { clock } = this.ports;
    const timers = this.timers.get(id) ?? new Map<string, unknown>();
    this.timers.set(id, timers);
    clock.clearTimeout(timers.get(purpose));
    timers.set(
      purpose,
      clock.setTimeout(() => {
        timers.delete(purpose);
        run();
      }, ms),
    );
  }

  /** The phone disconnects: nothing of a call may outlive it. */
  dispose(): void {
    for (const id of [...this.closeNotifications.keys()]) this.closeNotification(id);
    for (const id of [...this.timers.keys()]) this.clearTimers(id);
    this.ports.ringtone.stop();
  }

  private changed(call: SipCall, state: CallState, end?: CallEnd): void {
    const view = this.view(call.id);
    if (!view) return;
    if (state === 'ended') return this.ended(call.id, view, end);
    const change: Partial<CallView> = { state, muted: call.isMuted(), heldByRemote: call.heldByRemote() };
    if ((state === 'active' || state === 'held') && view.answeredAt === undefined) {
      change.answeredAt = this.ports.clock.now();
      this.closeNotification(call.id);
      this.hooks.answered(call, view);
    }
    const stream = call.remoteStream();
    if (stream && call.mediaVersion() !== view.mediaVersion) {
      change.mediaVersion = call.mediaVersion();
      if (view.firstAudioAt === undefined) this.ports.media.onFirstAudio(stream, () => this.firstAudio(call.id));
    }
    this.update(call.id, change);
    this.refreshRinging();
  }

  private ended(id: string, view: CallView, end: CallEnd | undefined): void {
    const { store } = this.ports;
    this.sipCalls.delete(id);
    this.closeNotification(id);
    this.clearTimers(id);
    store.setState({ calls: store.getState().calls.filter((call) => call.id !== id) });
    this.refreshRinging();
    if (end) this.hooks.ended(view, end);
  }

  private firstAudio(id: string): void {
    if (this.view(id)?.firstAudioAt === undefined) this.update(id, { firstAudioAt: this.ports.clock.mark() });
  }

  private digitReceived(id: string, digit: string): void {
    const before = this.view(id)?.receivedDigits ?? '';
    this.update(id, { receivedDigits: `${before}${digit}`.slice(-24) });
    this.schedule(id, 'received-digits', RECEIVED_DIGITS_SHOWN_MS, () => this.update(id, { receivedDigits: '' }));
  }

  private holdActiveBesides(id: string): void {
    for (const other of this.live()) if (other.id !== id && other.state === 'active') this.get(other.id)?.setHeld(true);
  }

  private refreshRinging(): void {
    const { ringtone, store } = this.ports;
    const live = this.live();
    if (!live.some((call) => call.state === 'ringing')) return ringtone.stop();
    const busy = live.some((call) => call.state !== 'ringing');
    void ringtone.start(busy ? 'waiting' : 'ring', store.getState().preferences?.ringer);
  }

  private closeNotification(id: string): void {
    this.closeNotifications.get(id)?.();
    this.closeNotifications.delete(id);
  }

  private clearTimers(id: string): void {
    for (const timer of this.timers.get(id)?.values() ?? []) this.ports.clock.clearTimeout(timer);
    this.timers.delete(id);
  }
}
