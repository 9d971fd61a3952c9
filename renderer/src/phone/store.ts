import { create } from 'zustand';
import type { CallHistory, FeatureState, PhoneConfigView, PhonePreferences } from '../../../common/contract/phone';
import type { DivertedFrom } from '../../../common/phone/diverted-from';
import type { FeatureRequest } from '../../../common/phone/feature-codes';
import type { AgentState, CallState } from './sip/sip-agent';
import type { ShownError } from '../errors/catalogue';

export interface CallView {
  id: string;
  direction: 'incoming' | 'outgoing';
  state: CallState;
  number: string;
  name?: string | undefined;
  divertedFrom?: DivertedFrom | undefined;
  muted: boolean;
  /** The far end put the call on hold; this side may still resume its own hold or hang up. */
  heldByRemote: boolean;
  /** Digits the far end sent in the last few seconds, shown briefly on the card. */
  receivedDigits: string;
  /** ISO instant the call began ringing or was placed, for the history. */
  startedAt: string;
  /** Milliseconds since the epoch when it was answered: the call timer counts from here. */
  answeredAt?: number | undefined;
  /** performance.now() marks for the benchmark: INVITE arrival, the answer click, the first remote audio. */
  inviteAt: number;
  answerClickedAt?: number | undefined;
  firstAudioAt?: number | undefined;
  /** The call's SipCall.mediaVersion(): each new remote stream (first answer, every renegotiation) re-attaches the audio element. */
  mediaVersion: number;
  /** A feature-code call: not kept in the history, hung up once the PBX answered. */
  feature?: FeatureRequest | undefined;
  /** Tones to send once answered (a meeting's conference ID and PIN). */
  tones?: string | undefined;
  /** The call this one consults for an attended transfer. */
  consultationFor?: string | undefined;
  transferring?: boolean | undefined;
}

/** Why the password is asked for (none saved, or the PBX refused it), with the technical line behind Details. */
export type PasswordPrompt = { why: ShownError; canSave: boolean };

/** The last action that failed, as the catalogue says it. */
export type Notice = ShownError;

/** What the phone pane shows; the PhoneController is the only writer. */
export interface PhoneState {
  config?: PhoneConfigView | undefined;
  preferences?: PhonePreferences | undefined;
  features?: FeatureState | undefined;
  history?: CallHistory | undefined;
  registration: AgentState;
  passwordPrompt?: PasswordPrompt | undefined;
  calls: CallView[];
  /** The last action that failed, or the last call that could not be made. */
  notice?: Notice | undefined;
  featureBusy?: FeatureRequest['feature'] | undefined;
}

export const initialPhoneState = (): PhoneState => ({ registration: { state: 'off' }, calls: [] });

export const usePhoneStore = create<PhoneState>()(initialPhoneState);
