import { UA, WebSocketInterface, debug } from 'jssip';
import type { DTMF_TRANSPORT } from 'jssip/lib/Constants';
import type { IncomingDTMFEvent, OutgoingDTMFEvent, RTCSession } from 'jssip/lib/RTCSession';
import type { IncomingRequest, IncomingResponse } from 'jssip/lib/SIPMessage';
import type { RTCSessionEvent } from 'jssip/lib/UA';
import { uriUser } from '../../../../common/phone/name-addr';
import { dtmfMethodFor, type DtmfMethod } from './dtmf-transport';
import { ReceivedDtmf } from './received-dtmf';
import type {
  AgentState,
  CallEnd,
  CallState,
  CreateSipUserAgent,
  SipAgentOptions,
  SipCall,
  SipUserAgent,
  TransferResult,
} from './sip-agent';

/** This module is loaded with a dynamic import: JsSIP stays out of the main chunk. */

const REGISTER_EXPIRES_SECONDS = 300;
/** JsSIP retries a dropped WebSocket after 1 s, doubling up to 30 s. */
const RECONNECT_MIN_SECONDS = 1;
const RECONNECT_MAX_SECONDS = 30;
const TRANSFER_TIMEOUT_MS = 30_000;
const AUTH_CODES = new Set([401, 403, 407]);

debug.disable();

const causeName = (cause: string | undefined): string => (cause ?? 'failed').toLowerCase().replace(/\s+/g, '-');

/** Audio only, from the chosen microphone, over the profile's ICE servers alone. */
const mediaOptions = (options: SipAgentOptions) => {
  const audio: MediaTrackConstraints | boolean = options.microphone ? { deviceId: { exact: options.microphone } } : true;
  return {
    mediaConstraints: { audio, video: false },
    // Default (balanced) bundling: many PBXs offer no BUNDLE group, which max-bundle refuses.
    pcConfig: { iceServers: options.iceServers, rtcpMuxPolicy: 'require' as const },
  };
};

class JsSipCall implements SipCall {
  readonly id: string;
  readonly direction: 'incoming' | 'outgoing';
  readonly remote: SipCall['remote'];
  readonly diversion: SipCall['diversion'];
  readonly createdAt = performance.now();
  private current: CallState;
  private answered = false;
  private stream: MediaStream | undefined;
  private streams = 0;
  private remoteHold = false;
  private readonly listeners = new Set<(state: CallState, end?: CallEnd) => void>();
  private readonly digitListeners = new Set<(digit: string) => void>();
  private readonly watched = new WeakSet<RTCPeerConnection>();
  private readonly receivedDtmf = new ReceivedDtmf((digit) => this.digitReceived(digit));

  constructor(
    readonly session: RTCSession,
    private readonly options: SipAgentOptions,
    request?: IncomingRequest,
  ) {
    this.id = session.id;
    this.direction = session.direction === 'incoming' ? 'incoming' : 'outgoing';
    this.current = this.direction === 'incoming' ? 'ringing' : 'calling';
    const identity = session.remote_identity;
    const uri = identity.uri.toString();
    const name = identity.display_name;
    this.remote = { number: uriUser(uri) ?? uri, uri, ...(name ? { name } : {}) };
    this.diversion = { diversion: request?.getHeaders('Diversion') ?? [], historyInfo: request?.getHeaders('History-Info') ?? [] };
    this.listen();
  }

  state(): CallState {
    return this.current;
  }

  answer(): void {
    if (this.current !== 'ringing') return;
    this.session.answer(mediaOptions(this.options));
    this.watchPeerConnection();
  }

  hangUp(): void {
    if (this.session.isEnded()) return;
    this.session.terminate();
  }

  decline(): void {
    if (this.session.isEnded()) return;
    // 486 lets the PBX divert the call (to voicemail, the next member of a group) as if the desk phone were busy.
    if (this.current === 'ringing') this.session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
    else this.session.terminate();
  }

  setMuted(muted: boolean): void {
    if (muted) this.session.mute({ audio: true });
    else this.session.unmute({ audio: true });
  }

  isMuted(): boolean {
    return this.session.isMuted().audio === true;
  }

  setHeld(held: boolean): void {
    if (held) this.session.hold();
    else this.session.unhold();
  }

  heldByRemote(): boolean {
    return this.remoteHold;
  }

  sendDtmf(tones: string, wanted: DtmfMethod): DtmfMethod {
    const connection = this.session.connection;
    const sender = connection?.getSenders().find((candidate) => candidate.track?.kind === 'audio');
    const method = dtmfMethodFor(wanted, sender?.dtmf ? sender.getParameters().codecs : undefined);
    const transportType = (method === 'info' ? 'INFO' : 'RFC2833') as DTMF_TRANSPORT;
    const send = (): void => this.session.sendDTMF(tones, { transportType, duration: 120, interToneGap: 80 });
    // Tones in the RTP stream pressed while hold or resume is still being negotiated wait until it is done.
    if (method === 'info' || !connection || connection.signalingState === 'stable') {
      send();
      return method;
    }
    const whenStable = (): void => {
      if (connection.signalingState !== 'stable') return;
      connection.removeEventListener('signalingstatechange', whenStable);
      send();
    };
    connection.addEventListener('signalingstatechange', whenStable);
    return method;
  }

  onDigit(listener: (digit: string) => void): () => void {
    this.digitListeners.add(listener);
    return () => this.digitListeners.delete(listener);
  }

  transfer(targetUri: string): Promise<TransferResult> {
    return this.refer(targetUri);
  }

  transferTo(consultation: SipCall): Promise<TransferResult> {
    if (!(consultation instanceof JsSipCall)) return Promise.resolve({ ok: false, reason: 'the other call is not one of this phone' });
    return this.refer(consultation.session.remote_identity.uri.toString(), consultation.session);
  }

  restartIce(): void {
    if (!this.session.isEstablished()) return;
    this.session.renegotiate({ rtcOfferConstraints: { iceRestart: true } });
  }

  remoteStream(): MediaStream | undefined {
    return this.stream;
  }

  mediaVersion(): number {
    return this.streams;
  }

  peerConnection(): RTCPeerConnection | undefined {
    return this.session.connection ?? undefined;
  }

  onChange(listener: (state: CallState, end?: CallEnd) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The remote audio track, whichever of JsSIP's events comes first with the peer connection, and again after
   * every renegotiation that delivers it anew: when the far end answers a hold with recvonly, Chrome takes the
   * track out of its stream, and resuming brings it back with a new `track` event. A stream of our own per event
   * means the audio element always plays the track the call has now.
   */
  watchPeerConnection(connection: RTCPeerConnection | undefined = this.session.connection): void {
    if (!connection || this.watched.has(connection)) return;
    this.watched.add(connection);
    connection.addEventListener('track', (event: RTCTrackEvent) => {
      if (event.track.kind !== 'audio') return;
      this.receivedDtmf.watch(connection);
      this.stream = new MediaStream([event.track]);
      this.streams += 1;
      this.set(this.current);
    });
  }

  private refer(target: string, replaces?: RTCSession): Promise<TransferResult> {
    return new Promise((resolve) => {
      let settled = false;
      const done = (result: TransferResult): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (result.ok) this.hangUp();
        resolve(result);
      };
      const timer = setTimeout(() => done({ ok: false, reason: 'the transfer got no answer within 30 s' }), TRANSFER_TIMEOUT_MS);
      const statusOf = (line: { status_code?: number; reason_phrase?: string } | undefined, fallback: string): string =>
        line?.status_code ? `${line.status_code} ${line.reason_phrase ?? ''}`.trim() : fallback;
      this.session.refer(target, {
        ...(replaces ? { replaces } : {}),
        eventHandlers: {
          requestFailed: (event: { response?: IncomingResponse; cause?: string }) =>
            done({ ok: false, reason: statusOf(event.response, causeName(event.cause)) }),
          accepted: () => done({ ok: true }),
          failed: (event: { status_line?: { status_code?: number; reason_phrase?: string } }) =>
            done({ ok: false, reason: statusOf(event.status_line, 'the transfer target did not answer') }),
        },
      });
    });
  }

  private listen(): void {
    const session = this.session;
    session.on('peerconnection', (event) => this.watchPeerConnection(event.peerconnection));
    session.on('progress', () => {
      if (this.direction === 'outgoing' && this.current === 'calling') this.set('early');
    });
    session.on('accepted', () => {
      this.answered = true;
      this.set('active');
    });
    session.on('confirmed', () => {
      this.answered = true;
      if (this.current !== 'held') this.set('active');
    });
    session.on('hold', (event) => {
      if (event.originator === 'remote') this.remoteHold = true;
      this.set(event.originator === 'local' ? 'held' : this.current);
    });
    session.on('unhold', (event) => {
      if (event.originator === 'remote') this.remoteHold = false;
      this.set(event.originator === 'local' ? 'active' : this.current);
    });
    session.on('newDTMF', (event: IncomingDTMFEvent | OutgoingDTMFEvent) => {
      if (event.originator === 'remote') this.digitReceived(event.dtmf.tone);
    });
    // The moments the microphone track has just been added and no description is applied yet: an outgoing call
    // is about to make its offer, an incoming one to apply the caller's (see received-dtmf.ts).
    session.on('connecting', () => this.receivedDtmf.watch(session.connection));
    session.on('sdp', (event) => {
      if (event.originator === 'remote') this.receivedDtmf.watch(session.connection);
    });
    session.on('muted', () => this.set(this.current));
    session.on('unmuted', () => this.set(this.current));
    const ended = (event: { originator: string; cause: string; message?: unknown }): void => {
      const code = (event.message as { status_code?: number } | undefined)?.status_code;
      const by = event.originator === 'local' || event.originator === 'remote' ? event.originator : 'system';
      this.set('ended', { by, cause: causeName(event.cause), answered: this.answered, ...(code ? { code } : {}) });
    };
    session.on('ended', ended);
    session.on('failed', ended);
  }

  private digitReceived(digit: string): void {
    if (this.current === 'ended') return;
    for (const listener of [...this.digitListeners]) listener(digit);
  }

  private set(state: CallState, end?: CallEnd): void {
    this.current = state;
    if (state === 'ended') this.receivedDtmf.stop();
    for (const listener of [...this.listeners]) listener(state, end);
  }
}

class JsSipAgent implements SipUserAgent {
  private readonly ua: UA;
  private readonly stateListeners = new Set<(state: AgentState) => void>();
  private readonly incomingListeners = new Set<(call: SipCall) => void>();
  private readonly calls = new Set<JsSipCall>();
  private stopping = false;
  private wasDisconnected = false;

  constructor(private readonly options: SipAgentOptions) {
    this.ua = new UA({
      sockets: [new WebSocketInterface(options.server)],
      uri: `sip:${options.extension}@${options.domain}`,
      password: options.password,
      ...(options.displayName ? { display_name: options.displayName } : {}),
      register: true,
      register_expires: REGISTER_EXPIRES_SECONDS,
      session_timers: false,
      connection_recovery_min_interval: RECONNECT_MIN_SECONDS,
      connection_recovery_max_interval: RECONNECT_MAX_SECONDS,
      user_agent: options.userAgent,
    });
    this.listen();
  }

  start(): void {
    this.stopping = false;
    this.emit({ state: 'connecting' });
    this.ua.start();
  }

  stop(): void {
    this.stopping = true;
    this.ua.stop();
    this.emit({ state: 'off' });
  }

  reconnect(): void {
    if (this.stopping) return;
    if (this.ua.isConnected()) this.ua.register();
    else {
      this.ua.stop();
      this.ua.start();
    }
  }

  call(targetUri: string): SipCall {
    const call = new JsSipCall(this.ua.call(targetUri, mediaOptions(this.options)), this.options);
    // JsSIP made the peer connection inside ua.call(), before this wrapper could listen for it.
    call.watchPeerConnection();
    this.track(call);
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

  private track(call: JsSipCall): void {
    this.calls.add(call);
    call.onChange((state) => {
      if (state === 'ended') this.calls.delete(call);
    });
  }

  private listen(): void {
    this.ua.on('connecting', () => {
      if (!this.stopping) this.emit({ state: 'connecting' });
    });
    this.ua.on('connected', () => {
      if (this.stopping) return;
      this.emit({ state: 'registering' });
      // A call that lived through the drop needs new ICE candidates on the new network path.
      if (this.wasDisconnected) for (const call of this.calls) call.restartIce();
      this.wasDisconnected = false;
    });
    this.ua.on('disconnected', () => {
      if (this.stopping) return;
      this.wasDisconnected = true;
      this.emit({ state: 'failed', reason: `the PBX at ${this.options.server} does not answer; trying again`, auth: false });
    });
    this.ua.on('registered', () => this.emit({ state: 'registered' }));
    this.ua.on('unregistered', () => {
      if (!this.stopping) this.emit({ state: 'registering' });
    });
    this.ua.on('registrationFailed', (event) => {
      const code = event.response?.status_code;
      const reason = event.response?.reason_phrase || event.cause || 'registration failed';
      this.emit({
        state: 'failed',
        reason,
        auth: (code !== undefined && AUTH_CODES.has(code)) || event.cause === 'Authentication Error',
        ...(code ? { code } : {}),
      });
    });
    this.ua.on('newRTCSession', (event: RTCSessionEvent) => {
      if (event.originator !== 'remote') return;
      const call = new JsSipCall(event.session, this.options, event.request);
      this.track(call);
      for (const listener of [...this.incomingListeners]) listener(call);
    });
  }

  private emit(state: AgentState): void {
    for (const listener of [...this.stateListeners]) listener(state);
  }
}

export const createJsSipAgent: CreateSipUserAgent = (options) => new JsSipAgent(options);
