import { createStore } from 'zustand/vanilla';
import type { ByteStream, EventKey, EventOf, RequestKey, RequestOf, ResponseOf, ScrivaniaApi } from '../../../common/contract';
import type { FeatureState, PhoneConfigView, PhonePreferences } from '../../../common/contract/phone';
import type { DiversionHeaders } from '../../../common/phone/diverted-from';
import { PhoneController } from '../../../renderer/src/phone/controller';
import type { PhonePorts } from '../../../renderer/src/phone/ports';
import type { ToneKind } from '../../../renderer/src/phone/ringtone';
import type { DtmfMethod } from '../../../renderer/src/phone/sip/dtmf-transport';
import type {
  AgentState,
  CallEnd,
  CallParty,
  CallState,
  SipAgentOptions,
  SipCall,
  SipUserAgent,
  TransferResult,
} from '../../../renderer/src/phone/sip/sip-agent';
import { initialPhoneState, type PhoneState } from '../../../renderer/src/phone/store';
import { ManualTime } from '../../support/manual-time';

/** A call as the SipUserAgent port shows it, driven from the test as the far end and the network would. */
export class FakeSipCall implements SipCall {
  readonly remote: CallParty;
  readonly actions: string[] = [];
  readonly dtmfSent: { tones: string; method: DtmfMethod }[] = [];
  /** What the call's audio can carry: 'info' for an Opus call, where digits must go as SIP INFO. */
  streamCarriesDigits = true;
  /** What the next transfer comes to; a successful one ends this call, as the REFER's NOTIFY 200 does. */
  transferOutcome: TransferResult = { ok: true };
  referredTo: string | undefined;
  replacing: SipCall | undefined;
  private current: CallState;
  private answered = false;
  private muted = false;
  private remoteHold = false;
  private stream: MediaStream | undefined;
  private streams = 0;
  private readonly listeners = new Set<(state: CallState, end?: CallEnd) => void>();
  private readonly digitListeners = new Set<(digit: string) => void>();

  constructor(
    readonly id: string,
    readonly direction: 'incoming' | 'outgoing',
    remote: { number: string; name?: string },
    readonly diversion: DiversionHeaders = { diversion: [], historyInfo: [] },
    readonly createdAt = 100,
  ) {
    this.remote = { ...remote, uri: `sip:${remote.number}@127.0.0.1` };
    this.current = direction === 'incoming' ? 'ringing' : 'calling';
  }

  state(): CallState {
    return this.current;
  }

  answer(): void {
    this.actions.push('answer');
    if (this.current !== 'ringing') return;
    this.answered = true;
    this.set('active');
  }

  hangUp(): void {
    this.actions.push('hangUp');
    if (this.current !== 'ended') this.end({ by: 'local', cause: 'bye' });
  }

  decline(): void {
    this.actions.push('decline');
    if (this.current === 'ringing') this.end({ by: 'local', cause: 'rejected', code: 486 });
    else if (this.current !== 'ended') this.end({ by: 'local', cause: 'bye' });
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    this.set(this.current);
  }

  isMuted(): boolean {
    return this.muted;
  }

  setHeld(held: boolean): void {
    this.actions.push(held ? 'hold' : 'resume');
    this.set(held ? 'held' : 'active');
  }

  heldByRemote(): boolean {
    return this.remoteHold;
  }

  sendDtmf(tones: string, method: DtmfMethod): DtmfMethod {
    const used = method === 'rfc4733' && this.streamCarriesDigits ? 'rfc4733' : 'info';
    this.dtmfSent.push({ tones, method: used });
    return used;
  }

  onDigit(listener: (digit: string) => void): () => void {
    this.digitListeners.add(listener);
    return () => this.digitListeners.delete(listener);
  }

  async transfer(targetUri: string): Promise<TransferResult> {
    this.referredTo = targetUri;
    return this.transferred();
  }

  async transferTo(consultation: SipCall): Promise<TransferResult> {
    this.replacing = consultation;
    return this.transferred();
  }

  restartIce(): void {
    this.actions.push('restartIce');
  }

  remoteStream(): MediaStream | undefined {
    return this.stream;
  }

  mediaVersion(): number {
    return this.streams;
  }

  peerConnection(): RTCPeerConnection | undefined {
    return undefined;
  }

  onChange(listener: (state: CallState, end?: CallEnd) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The called party picked up an outgoing call. */
  farEndAnswers(): void {
    this.answered = true;
    this.set('active');
  }

  farEndHolds(held: boolean): void {
    this.remoteHold = held;
    this.set(this.current);
  }

  farEndHangsUp(): void {
    this.end({ by: 'remote', cause: this.answered ? 'bye' : 'canceled' });
  }

  farEndSends(digit: string): void {
    for (const listener of [...this.digitListeners]) listener(digit);
  }

  /** A renegotiation (the answer, a resume) delivered the far end's track anew. */
  newRemoteTrack(): MediaStream {
    this.stream = { id: `stream-${this.streams + 1}` } as MediaStream;
    this.streams += 1;
    this.set(this.current);
    return this.stream;
  }

  end(end: Omit<CallEnd, 'answered'>): void {
    this.set('ended', { ...end, answered: this.answered });
  }

  private transferred(): TransferResult {
    if (this.transferOutcome.ok) this.hangUp();
    return this.transferOutcome;
  }

  private set(state: CallState, end?: CallEnd): void {
    this.current = state;
    for (const listener of [...this.listeners]) listener(state, end);
  }
}

export class FakeSipAgent implements SipUserAgent {
  started = 0;
  stopped = 0;
  reconnects = 0;
  readonly placed: FakeSipCall[] = [];
  private readonly stateListeners = new Set<(state: AgentState) => void>();
  private readonly incomingListeners = new Set<(call: SipCall) => void>();

  constructor(readonly options: SipAgentOptions) {}

  start(): void {
    this.started += 1;
    this.emit({ state: 'connecting' });
  }

  stop(): void {
    this.stopped += 1;
    this.emit({ state: 'off' });
  }

  reconnect(): void {
    this.reconnects += 1;
  }

  call(targetUri: string): FakeSipCall {
    const number = /^sips?:([^@;]+)/.exec(targetUri)?.[1] ?? targetUri;
    const call = new FakeSipCall(`out-${this.placed.length + 1}`, 'outgoing', { number });
    this.placed.push(call);
    return call;
  }

  onState(listener: (state: AgentState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onIncoming(listener: (call: SipCall) => void): () => void {
    this.incomingListeners.add(listener);
    return () => this.incomingListeners.delete(listener);
  }

  registers(): void {
    this.emit({ state: 'registering' });
    this.emit({ state: 'registered' });
  }

  ring(call: FakeSipCall): FakeSipCall {
    for (const listener of [...this.incomingListeners]) listener(call);
    return call;
  }

  emit(state: AgentState): void {
    for (const listener of [...this.stateListeners]) listener(state);
  }
}

type Handler = (request: never) => unknown;

/** Main as the phone sees it: requests answered by handlers the test may replace, events sent by the test. */
export class FakeApi implements ScrivaniaApi {
  readonly host = 'web' as const;
  readonly invoked: { key: RequestKey; request: unknown }[] = [];
  readonly handlers = new Map<RequestKey, Handler>();
  private readonly listeners = new Map<EventKey, Set<(payload: never) => void>>();

  async invoke<K extends RequestKey>(key: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
    this.invoked.push({ key, request });
    const handler = this.handlers.get(key);
    return (handler ? await handler(request as never) : {}) as ResponseOf<K>;
  }

  on<K extends EventKey>(key: K, listener: (payload: EventOf<K>) => void): () => void {
    const listeners = this.listeners.get(key) ?? new Set();
    this.listeners.set(key, listeners);
    listeners.add(listener as (payload: never) => void);
    return () => listeners.delete(listener as (payload: never) => void);
  }

  openStream(): ByteStream {
    throw new Error('the phone opens no stream');
  }

  handle<K extends RequestKey>(key: K, handler: (request: RequestOf<K>) => ResponseOf<K> | Promise<ResponseOf<K>>): void {
    this.handlers.set(key, handler as Handler);
  }

  emit<K extends EventKey>(key: K, payload: EventOf<K>): void {
    for (const listener of [...(this.listeners.get(key) ?? [])]) (listener as (payload: EventOf<K>) => void)(payload);
  }

  listening(key: EventKey): number {
    return this.listeners.get(key)?.size ?? 0;
  }

  requests<K extends RequestKey>(key: K): RequestOf<K>[] {
    return this.invoked.filter((entry) => entry.key === key).map((entry) => entry.request as RequestOf<K>);
  }
}

export class FakeNotifications {
  asked = 0;
  readonly shown: { title: string; body: string; open: boolean; click: () => void }[] = [];

  async ask(): Promise<void> {
    this.asked += 1;
  }

  showCall(title: string, body: string, onClick: () => void): () => void {
    const shown = { title, body, open: true, click: onClick };
    this.shown.push(shown);
    return () => {
      shown.open = false;
    };
  }

  open(): string[] {
    return this.shown.filter((shown) => shown.open).map((shown) => shown.title);
  }
}

export class FakeRingtone {
  playing: { kind: ToneKind; sinkId: string | undefined } | undefined;

  async start(kind: ToneKind, sinkId?: string): Promise<void> {
    this.playing = { kind, sinkId };
  }

  stop(): void {
    this.playing = undefined;
  }
}

/** The first packet of a stream arrives when the test says. */
export class FakeMedia {
  private readonly waiting = new Map<MediaStream, () => void>();

  onFirstAudio(stream: MediaStream, listener: () => void): void {
    this.waiting.set(stream, listener);
  }

  watched(): number {
    return this.waiting.size;
  }

  firstPacket(stream: MediaStream): void {
    this.waiting.get(stream)?.();
    this.waiting.delete(stream);
  }
}

export const labConfig: PhoneConfigView = {
  configured: true,
  missing: [],
  server: 'ws://127.0.0.1:8080',
  domain: '127.0.0.1',
  extension: '2041',
  iceServers: [],
  answerGroups: [{ name: 'Polizia Municipale', number: '600' }],
  features: ['dndOn', 'dndOff', 'forwardOn', 'forwardOff', 'groupLogin', 'groupLogout'],
};

export const PASSWORD = 'sip-password';

/** Lets every promise the controller chained settle. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface PhoneOptions {
  /** The keychain's SIP password; null: none saved. */
  keychain?: string | null;
  signIn?: boolean;
  config?: PhoneConfigView;
}

/** A PhoneController on fakes of all its ports, connected, with main's configuration and preferences sent. */
export const startPhone = async ({ keychain = PASSWORD, signIn = true, config = labConfig }: PhoneOptions = {}) => {
  const api = new FakeApi();
  let preferences: PhonePreferences = { signIn };
  let features: FeatureState = { dnd: false, forwardTo: null, groups: {} };
  api.handle('credentials.forPurpose', () =>
    keychain === null ? { secret: null, reason: 'No phone password is saved yet.' } : { secret: keychain },
  );
  api.handle('credentials.status', () => ({ available: true as const }));
  api.handle('credentials.save', () => ({ saved: true as const }));
  api.handle('phone.setPreferences', (change) => {
    preferences = { ...preferences, ...Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) };
    api.emit('phone.preferences', preferences);
    return preferences;
  });
  api.handle('phone.featureDial', (request) => ({
    dial: {
      dndOn: '*78',
      dndOff: '*79',
      forwardOn: `*72${'target' in request ? request.target : ''}`,
      forwardOff: '*73',
      groupLogin: '*45600',
      groupLogout: '*46600',
    }[request.feature],
  }));
  api.handle('phone.featureApplied', (request) => {
    if (request.feature === 'dndOn' || request.feature === 'dndOff') features = { ...features, dnd: request.feature === 'dndOn' };
    if (request.feature === 'forwardOn') features = { ...features, forwardTo: request.target };
    if (request.feature === 'forwardOff') features = { ...features, forwardTo: null };
    api.emit('phone.features', features);
    return features;
  });
  api.handle('phone.recordCall', () => ({ id: 'record' }));
  const store = createStore<PhoneState>()(initialPhoneState);
  const agents: FakeSipAgent[] = [];
  const time = new ManualTime('2026-03-02T09:00:00Z');
  const notifications = new FakeNotifications();
  const ringtone = new FakeRingtone();
  const media = new FakeMedia();
  const shown: string[] = [];
  const ports: PhonePorts = {
    api,
    store,
    createAgent: async (options) => {
      const agent = new FakeSipAgent(options);
      agents.push(agent);
      return agent;
    },
    notifications,
    ringtone,
    media,
    clock: {
      now: () => time.now,
      mark: () => time.now - Date.parse('2026-03-02T09:00:00Z'),
      setTimeout: (run, ms) => time.setTimeout(run, ms),
      clearTimeout: (handle) => time.clearTimeout(handle),
    },
    show: (view) => shown.push(view),
    info: () => ({ name: 'Scrivania', version: '1.4.0', platform: 'linux', arch: 'x64', host: 'web', versions: { node: '20.19.0' } }),
  };
  const phone = new PhoneController(ports);
  const disconnect = phone.connect();
  api.emit('phone.config', config);
  api.emit('phone.preferences', preferences);
  await settle();
  const agent = (): FakeSipAgent => {
    const last = agents.at(-1);
    if (!last) throw new Error('no user agent was made');
    return last;
  };
  const view = (id: string) => store.getState().calls.find((call) => call.id === id);
  return { phone, api, store, agents, agent, time, notifications, ringtone, media, shown, disconnect, view };
};

/** Signed in and registered, as after turning the phone on. */
export const registeredPhone = async (options: PhoneOptions = {}) => {
  const phone = await startPhone(options);
  phone.agent().registers();
  return phone;
};

let incomingCount = 0;

/** An outside caller through the answer group 600, which the PBX diverted to 2041. */
export const divertedCall = (number = '3001', name?: string): FakeSipCall =>
  new FakeSipCall(
    `in-${++incomingCount}`,
    'incoming',
    { number, ...(name ? { name } : {}) },
    { diversion: ['<sip:600@127.0.0.1>;reason=unconditional'], historyInfo: [] },
  );

export const directCall = (number = '2042'): FakeSipCall => new FakeSipCall(`in-${++incomingCount}`, 'incoming', { number });
