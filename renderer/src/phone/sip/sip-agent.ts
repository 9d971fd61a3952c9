import type { DiversionHeaders } from '../../../../common/phone/diverted-from';
import type { DtmfMethod } from './dtmf-transport';

/**
 * Scrivania's own view of a SIP user agent: what the phone pane needs and nothing of the library behind it, so
 * JsSIP can be swapped for another without touching the store or the UI.
 */

export interface SipAgentOptions {
  /** ws:// or wss:// URL of the PBX (RFC 7118); the WebSocket asks for the `sip` subprotocol. */
  server: string;
  domain: string;
  extension: string;
  displayName?: string;
  password: string;
  /** Only the profile's; with none, no STUN server is contacted. */
  iceServers: RTCIceServer[];
  userAgent: string;
  /** The microphone to send, a MediaDevices id; the system default when absent. */
  microphone?: string;
}

export type AgentState =
  | { state: 'connecting' }
  | { state: 'registering' }
  | { state: 'registered' }
  /** `code`/`reason` from the registrar's answer, or the transport problem. `auth`: the password was refused. */
  | { state: 'failed'; code?: number; reason: string; auth: boolean }
  | { state: 'off' };

export type CallState = 'ringing' | 'calling' | 'early' | 'active' | 'held' | 'ended';

export interface CallEnd {
  /** Who ended it: this side, the other side, or the network/PBX. */
  by: 'local' | 'remote' | 'system';
  /** The library-independent cause: answered-elsewhere, busy, rejected, canceled, no-answer, unavailable, bye, failed… */
  cause: string;
  code?: number;
  answered: boolean;
}

export interface CallParty {
  /** The user part of the remote URI, e.g. 3001. */
  number: string;
  name?: string;
  uri: string;
}

export interface TransferResult {
  ok: boolean;
  /** One line when it failed: the SIP status of the REFER or of the transfer target. */
  reason?: string;
}

export interface SipCall {
  readonly id: string;
  readonly direction: 'incoming' | 'outgoing';
  readonly remote: CallParty;
  /** Raw Diversion and History-Info values of an incoming INVITE. */
  readonly diversion: DiversionHeaders;
  /** performance.now() when the INVITE arrived (incoming) or was sent (outgoing). */
  readonly createdAt: number;
  state(): CallState;
  answer(): void;
  /** Declines a ringing call (486 Busy Here, so the PBX can divert it) or hangs up any other. */
  hangUp(): void;
  decline(): void;
  setMuted(muted: boolean): void;
  isMuted(): boolean;
  setHeld(held: boolean): void;
  /** Whether the far end put this call on hold (its offer said sendonly or inactive). */
  heldByRemote(): boolean;
  /**
   * RFC 4733 telephone events in the RTP stream, or SIP INFO (application/dtmf-relay); the stream only where the
   * far end will count each digit once. Returns the way the tones went.
   */
  sendDtmf(tones: string, method: DtmfMethod): DtmfMethod;
  /** Digits the far end sent, by SIP INFO or as RFC 4733 telephone events in the RTP stream, one at a time. */
  onDigit(listener: (digit: string) => void): () => void;
  /** Blind transfer: REFER to `targetUri`; resolves once the target answered or the transfer failed. */
  transfer(targetUri: string): Promise<TransferResult>;
  /** Attended transfer: REFER with Replaces, joining the other side of this call with the other side of `consultation`. */
  transferTo(consultation: SipCall): Promise<TransferResult>;
  /** After the network changed: new ICE candidates without ending the call. */
  restartIce(): void;
  /** The far end's audio as it is now: a new stream each time a renegotiation (re)delivers its track. */
  remoteStream(): MediaStream | undefined;
  /** Counts the streams remoteStream() has returned: the audio element re-attaches when it changes. */
  mediaVersion(): number;
  peerConnection(): RTCPeerConnection | undefined;
  onChange(listener: (state: CallState, end?: CallEnd) => void): () => void;
}

export interface SipUserAgent {
  start(): void;
  /** Unregisters and closes the WebSocket; calls in progress end. */
  stop(): void;
  /** Registers again now, e.g. after the network came back. */
  reconnect(): void;
  call(targetUri: string): SipCall;
  onState(listener: (state: AgentState) => void): () => void;
  onIncoming(listener: (call: SipCall) => void): () => void;
}

export type CreateSipUserAgent = (options: SipAgentOptions) => SipUserAgent;
