import { dialTarget } from '../../../common/phone/dial-target';
import type { FeatureRequest } from '../../../common/phone/feature-codes';
import { CallBook } from './call-book';
import { callRecordOf } from './call-text';
import { FeatureCalls } from './feature-calls';
import { callForCommand, liveCallsOf } from './live-calls';
import type { PhonePorts } from './ports';
import { Registration } from './registration';
import type { CallCommand } from '../../../common/contract/phone';
import type { DtmfMethod } from './sip/dtmf-transport';
import type { CallEnd, SipCall } from './sip/sip-agent';
import type { CallView, Notice, PhoneState } from './store';
import { Transfers } from './transfers';
import { shown } from '../errors/catalogue';
import { callFailure } from './problems';

/** A meeting's dial-in answers, then listens for its conference ID a moment later. */
const TONES_DELAY_MS = 1_000;

/**
 * The softphone in the window: follows main's phone configuration and preferences, keeps the SIP user agent
 * registered while the employee wants it, and handles calls; the pane shows the store and calls these methods.
 */
export class PhoneController {
  private readonly calls: CallBook;
  private readonly registration: Registration;
  private readonly transfers: Transfers;
  private readonly features: FeatureCalls;

  constructor(private readonly ports: PhonePorts) {
    this.calls = new CallBook(ports, { answered: (call, view) => this.answered(call, view), ended: (view, end) => this.ended(view, end) });
    this.registration = new Registration(ports, (call) => this.calls.incoming(call));
    const place = (input: string, extra: Partial<CallView> = {}) => this.place(input, extra);
    this.transfers = new Transfers(ports.store, this.calls, place);
    this.features = new FeatureCalls(ports, this.calls, place);
  }

  /** Follows main's phone events, signing in and out as they say; returns the undo, which also stops the phone. */
  connect(): () => void {
    const { api } = this.ports;
    const stops = [
      api.on('phone.config', (config) => {
        this.set({ config });
        this.reconcile();
      }),
      api.on('phone.preferences', (preferences) => {
        this.set({ preferences });
        this.reconcile();
      }),
      api.on('phone.features', (features) => this.set({ features })),
      api.on('phone.history', (history) => this.set({ history })),
      api.on('phone.dialRequested', (request) => {
        this.ports.show('phone');
        this.dial(request.target, request.tones);
      }),
      api.on('phone.commandRequested', (command) => this.command(command)),
      this.reportCallsToMain(),
    ];
    return () => {
      stops.forEach((stop) => stop());
      this.registration.stop(false);
      this.calls.dispose();
    };
  }

  /** Turns the phone on from a click (which also lets the browser ask about notifications), and from now on at start. */
  async turnOn(): Promise<void> {
    void this.ports.notifications.ask();
    await this.ports.api.invoke('phone.setPreferences', { signIn: true });
    await this.registration.signIn();
  }

  signIn(): Promise<void> {
    return this.registration.signIn();
  }

  async signOut(): Promise<void> {
    this.calls.hangUpAll();
    this.registration.stop();
    this.set({ passwordPrompt: undefined });
    await this.ports.api.invoke('phone.setPreferences', { signIn: false });
  }

  usePassword(password: string, save: boolean): Promise<void> {
    return this.registration.usePassword(password, save);
  }

  /** The network came back. */
  networkBack(): void {
    this.registration.reconnect();
  }

  /** Calls a number or address; `tones` are sent once it is answered. */
  dial(input: string, tones?: string): void {
    this.set({ notice: undefined });
    this.place(input, tones ? { tones } : {});
  }

  redial(): void {
    const last = this.ports.store.getState().history?.entries.find((entry) => entry.direction === 'outgoing');
    if (!last) return this.set({ notice: shown('phone.nothing-to-redial') });
    this.place(last.number);
  }

  answer(id: string): void {
    this.calls.answer(id);
  }

  /** Answer, decline or hang up asked for from outside the window: the tray, a notification, a global shortcut. */
  command(command: CallCommand): void {
    const call = callForCommand(this.ports.store.getState().calls, command);
    if (!call) return;
    if (command.action === 'answer') return this.answer(call.id);
    if (command.action === 'decline') return this.decline(call.id);
    this.hangUp(call.id);
  }

  decline(id: string): void {
    this.calls.get(id)?.decline();
  }

  hangUp(id: string): void {
    this.calls.get(id)?.hangUp();
  }

  setMuted(id: string, muted: boolean): void {
    this.calls.setMuted(id, muted);
  }

  /** Resuming a call holds the one in progress. */
  setHeld(id: string, held: boolean): void {
    this.calls.setHeld(id, held);
  }

  /** Returns the way the tones went: SIP INFO where the call's audio cannot carry them to be counted once. */
  sendDtmf(id: string, tones: string, method: DtmfMethod): DtmfMethod | undefined {
    return this.calls.sendDtmf(id, tones, method);
  }

  transfer(id: string, target: string): Promise<void> {
    return this.transfers.blind(id, target);
  }

  consult(id: string, target: string): void {
    this.transfers.consult(id, target);
  }

  completeTransfer(consultationId: string): Promise<void> {
    return this.transfers.complete(consultationId);
  }

  setFeature(request: FeatureRequest): Promise<void> {
    return this.features.set(request);
  }

  async clearHistory(): Promise<void> {
    await this.ports.api.invoke('phone.clearHistory', {});
  }

  async markMissedSeen(): Promise<void> {
    if ((this.ports.store.getState().history?.missedUnseen ?? 0) === 0) return;
    await this.ports.api.invoke('phone.markMissedSeen', {});
  }

  /** The desktop app's system-wide answer and hang-up shortcuts, on or off. */
  async setGlobalShortcuts(on: boolean): Promise<void> {
    await this.ports.api.invoke('phone.setPreferences', { globalShortcuts: on });
  }

  async setDevice(kind: 'microphone' | 'speaker' | 'ringer', deviceId: string): Promise<void> {
    await this.ports.api.invoke('phone.setPreferences', { [kind]: deviceId });
  }

  dismissNotice(): void {
    this.set({ notice: undefined });
  }

  /** Opens the phone's pane, e.g. after answering from the banner over another pane. */
  showPane(): void {
    this.ports.show('phone');
  }

  remoteStreamOf(id: string): MediaStream | undefined {
    return this.calls.get(id)?.remoteStream();
  }

  peerConnectionOf(id: string): RTCPeerConnection | undefined {
    return this.calls.get(id)?.peerConnection();
  }

  /** Tells main the calls in progress whenever what it shows of them changes, starting with none. */
  private reportCallsToMain(): () => void {
    let reported = '';
    const report = (state: PhoneState): void => {
      const live = liveCallsOf(state.calls);
      const text = JSON.stringify(live);
      if (text === reported) return;
      reported = text;
      void this.ports.api.invoke('phone.reportCalls', live).catch(() => undefined);
    };
    report(this.ports.store.getState());
    return this.ports.store.subscribe(report);
  }

  private set(change: Partial<PhoneState>): void {
    this.ports.store.setState(change);
  }

  /** Signed in exactly while the profile configures the phone and the employee wants it on. */
  private reconcile(): void {
    const { config, preferences } = this.ports.store.getState();
    if (!config || !preferences) return;
    if (!config.configured || !preferences.signIn) {
      if (this.registration.userAgent) this.registration.stop();
      return;
    }
    if (this.registration.runsFor(config)) return;
    void this.registration.signIn();
  }

  private place(input: string, extra: Partial<CallView> = {}): CallView | undefined {
    const { config, registration } = this.ports.store.getState();
    const agent = this.registration.userAgent;
    if (!agent || registration.state !== 'registered' || !config?.domain) return this.refuse(shown('phone.not-signed-in'));
    if (this.calls.isFull()) return this.refuse(shown('phone.too-many-calls'));
    const target = dialTarget(input, config.domain);
    if (!target.ok) return this.refuse(shown('phone.not-a-number', { input: input.slice(0, 128) }, target.reason));
    return this.calls.adopt(agent.call(target.uri), { number: target.number, ...extra });
  }

  private refuse(notice: Notice): undefined {
    this.set({ notice });
    return undefined;
  }

  private answered(call: SipCall, view: CallView): void {
    if (view.feature) return this.features.answered(call, view.feature);
    if (!view.tones) return;
    const tones = view.tones.replace(/,/g, '');
    this.calls.schedule(call.id, 'tones', TONES_DELAY_MS, () => call.sendDtmf(tones, 'rfc4733'));
  }

  private ended(view: CallView, end: CallEnd): void {
    if (view.feature) return this.features.ended(end);
    this.transfers.ended(view.id);
    const failure = callFailure(view.direction, end, view.number);
    if (failure) this.set({ notice: failure });
    void this.ports.api.invoke('phone.recordCall', callRecordOf(view, end, this.ports.clock.now())).catch(() => undefined);
  }
}
