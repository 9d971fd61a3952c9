import { create } from 'zustand';
import type { CallHistory, CallRecordInput, FeatureState, PhoneConfigView, PhonePreferences, RegistrationReport } from '../../../common/contract/phone';
import { dialTarget } from '../../../common/phone/dial-target';
import { divertedFrom, type DivertedFrom } from '../../../common/phone/diverted-from';
import type { FeatureRequest } from '../../../common/phone/feature-codes';
import { getApi } from '../bridge/api';
import { useShellStore } from '../shell/store';
import { askForNotifications, notifyCall } from './notify';
import { Ringer } from './ringtone';
import type { DtmfMethod } from './sip/dtmf-transport';
import type { AgentState, CallEnd, CallState, SipCall, SipUserAgent } from './sip/sip-agent';
import { messageOf } from '../bridge/error-message';

export interface CallView {
  id: string;
  direction: 'incoming' | 'outgoing';
  state: CallState;
  number: string;
  name?: string;
  divertedFrom?: DivertedFrom;
  muted: boolean;
  /** The far end put the call on hold; this side may still resume its own hold or hang up. */
  heldByRemote: boolean;
  /** Digits the far end sent in the last few seconds, shown briefly on the card. */
  receivedDigits: string;
  /** ISO instant the call began ringing or was placed, for the history. */
  startedAt: string;
  /** Date.now() when it was answered: the call timer counts from here. */
  answeredAt?: number;
  /** performance.now() marks for the benchmark: INVITE arrival, the answer click, the first remote audio. */
  inviteAt: number;
  answerClickedAt?: number;
  firstAudioAt?: number;
  /** The call's SipCall.mediaVersion(): each new remote stream (first answer, every renegotiation) re-attaches the audio element. */
  mediaVersion: number;
  /** A feature-code call: not kept in the history, hung up once the PBX answered. */
  feature?: FeatureRequest;
  /** Tones to send once answered (a meeting's conference ID and PIN). */
  tones?: string;
  /** The call this one consults for an attended transfer. */
  consultationFor?: string;
  transferring?: boolean;
}

export type PasswordPrompt = { reason: string; canSave: boolean };
export interface Notice {
  key: string;
  params?: Record<string, string | number>;
}

interface PhoneStore {
  config?: PhoneConfigView;
  preferences?: PhonePreferences;
  features?: FeatureState;
  history?: CallHistory;
  registration: AgentState;
  passwordPrompt?: PasswordPrompt;
  calls: CallView[];
  /** The last action that failed, as a translation key of phone.notice and its values. */
  notice?: Notice;
  featureBusy?: FeatureRequest['feature'];
  signIn(): Promise<void>;
  signOut(): Promise<void>;
  usePassword(password: string, save: boolean): Promise<void>;
  dial(input: string, tones?: string): Promise<void>;
  redial(): Promise<void>;
  answer(id: string): void;
  decline(id: string): void;
  hangUp(id: string): void;
  setMuted(id: string, muted: boolean): void;
  setHeld(id: string, held: boolean): void;
  /** Returns the way the tones went: SIP INFO where the call's audio cannot carry them to be counted once. */
  sendDtmf(id: string, tones: string, method: DtmfMethod): DtmfMethod | undefined;
  transfer(id: string, target: string): Promise<void>;
  consult(id: string, target: string): Promise<void>;
  completeTransfer(consultationId: string): Promise<void>;
  setFeature(request: FeatureRequest): Promise<void>;
  clearHistory(): Promise<void>;
  markMissedSeen(): Promise<void>;
  setDevice(kind: 'microphone' | 'speaker' | 'ringer', deviceId: string): Promise<void>;
  dismissNotice(): void;
}

const FEATURE_HANGUP_DELAY_MS = 1_200;
const TONES_DELAY_MS = 1_000;
const RECEIVED_DIGITS_SHOWN_MS = 6_000;
const MAX_CALLS = 2;

/** The user agent and its calls live outside the store: they are objects with behaviour, not state. */
let agent: SipUserAgent | undefined;
/** Detaches the store from the agent, so a stopping agent's last "off" does not overwrite why it was stopped. */
let detachAgent: (() => void) | undefined;
let agentKey: string | undefined;
let starting: Promise<void> | undefined;
/** A password typed into the prompt: kept only until the registrar accepts it, then offered to the keychain. */
let pendingSave: string | undefined;
const sipCalls = new Map<string, SipCall>();
const closeNotifications = new Map<string, () => void>();
const receivedDigitsTimers = new Map<string, ReturnType<typeof setTimeout>>();
const ringer = new Ringer();

export const remoteStreamOf = (id: string): MediaStream | undefined => sipCalls.get(id)?.remoteStream();
export const peerConnectionOf = (id: string): RTCPeerConnection | undefined => sipCalls.get(id)?.peerConnection();

const api = () => getApi();

const stopAgent = (report = true): void => {
  detachAgent?.();
  detachAgent = undefined;
  agent?.stop();
  agent = undefined;
  agentKey = undefined;
  if (!report) return;
  usePhoneStore.setState({ registration: { state: 'off' } });
  reportRegistration({ state: 'off' });
};
const message = (error: unknown): string => messageOf(error).replace(/^phone\.\w+: /, '');

const reportRegistration = (state: AgentState): void => {
  const report: RegistrationReport =
    state.state === 'failed' ? { state: 'failed', reason: state.reason.slice(0, 200), ...(state.code ? { code: state.code } : {}) } : { state: state.state };
  void api().invoke('phone.reportRegistration', report).catch(() => undefined);
};

/** Server and extension: a change of either means a new user agent. */
const keyOf = (config: PhoneConfigView): string => `${config.server}|${config.domain}|${config.extension}|${config.displayName ?? ''}`;

export const usePhoneStore = create<PhoneStore>()((set, get) => {
  const update = (id: string, change: Partial<CallView>): void => set({ calls: get().calls.map((call) => (call.id === id ? { ...call, ...change } : call)) });
  const live = (): CallView[] => get().calls.filter((call) => call.state !== 'ended');

  const setRegistration = (state: AgentState): void => {
    set({ registration: state });
    reportRegistration(state);
  };

  const refreshRinging = (): void => {
    const ringing = live().filter((call) => call.state === 'ringing');
    if (ringing.length === 0) return ringer.stop();
    const busy = live().some((call) => call.state !== 'ringing');
    void ringer.start(busy ? 'waiting' : 'ring', get().preferences?.ringer);
  };

  const record = (view: CallView, end: CallEnd): void => {
    if (view.feature) return;
    const outcome: CallRecordInput['outcome'] = end.answered ? 'answered' : view.direction === 'outgoing' ? 'unanswered' : end.by === 'local' ? 'declined' : 'missed';
    const durationSeconds = view.answeredAt ? Math.max(0, Math.round((Date.now() - view.answeredAt) / 1000)) : 0;
    const input: CallRecordInput = {
      direction: view.direction,
      number: view.number.slice(0, 128) || '?',
      ...(view.name ? { name: view.name.slice(0, 200) } : {}),
      ...(view.divertedFrom ? { divertedFrom: view.divertedFrom } : {}),
      startedAt: view.startedAt,
      durationSeconds,
      outcome,
    };
    void api().invoke('phone.recordCall', input).catch(() => undefined);
  };

  const featureEnded = (view: CallView, end: CallEnd): void => {
    if (!view.feature) return;
    set({ featureBusy: undefined });
    if (end.answered) return;
    set({ notice: { key: 'featureRefused', params: { code: end.code ?? end.cause } } });
  };

  const onCallChange = (call: SipCall, state: CallState, end?: CallEnd): void => {
    const view = get().calls.find((candidate) => candidate.id === call.id);
    if (!view) return;
    if (state === 'ended') {
      sipCalls.delete(call.id);
      closeNotifications.get(call.id)?.();
      closeNotifications.delete(call.id);
      clearTimeout(receivedDigitsTimers.get(call.id));
      receivedDigitsTimers.delete(call.id);
      set({ calls: get().calls.filter((candidate) => candidate.id !== call.id) });
      refreshRinging();
      if (end) {
        record(view, end);
        featureEnded(view, end);
      }
      return;
    }
    const change: Partial<CallView> = { state, muted: call.isMuted(), heldByRemote: call.heldByRemote() };
    if ((state === 'active' || state === 'held') && view.answeredAt === undefined) {
      change.answeredAt = Date.now();
      closeNotifications.get(call.id)?.();
      onAnswered(call, view);
    }
    const stream = call.remoteStream();
    if (stream && call.mediaVersion() !== view.mediaVersion) {
      change.mediaVersion = call.mediaVersion();
      if (view.firstAudioAt === undefined) watchFirstAudio(call.id, stream);
    }
    update(call.id, change);
    refreshRinging();
  };

  const onAnswered = (call: SipCall, view: CallView): void => {
    if (view.feature) {
      const feature = view.feature;
      setTimeout(() => call.hangUp(), FEATURE_HANGUP_DELAY_MS);
      void api()
        .invoke('phone.featureApplied', feature)
        .catch((error: unknown) => set({ notice: { key: 'failed', params: { reason: message(error) } } }));
      return;
    }
    if (view.tones) {
      const tones = view.tones;
      setTimeout(() => call.sendDtmf(tones.replace(/,/g, ''), 'rfc4733'), TONES_DELAY_MS);
    }
  };

  const onDigit = (id: string, digit: string): void => {
    const before = get().calls.find((call) => call.id === id)?.receivedDigits ?? '';
    update(id, { receivedDigits: `${before}${digit}`.slice(-24) });
    clearTimeout(receivedDigitsTimers.get(id));
    receivedDigitsTimers.set(
      id,
      setTimeout(() => update(id, { receivedDigits: '' }), RECEIVED_DIGITS_SHOWN_MS),
    );
  };

  const watchFirstAudio = (id: string, stream: MediaStream): void => {
    const track = stream.getAudioTracks()[0];
    if (!track) return;
    const mark = (): void => {
      if (get().calls.find((call) => call.id === id)?.firstAudioAt === undefined) update(id, { firstAudioAt: performance.now() });
    };
    // A remote track unmutes when its first RTP packet arrives.
    if (!track.muted) mark();
    else track.addEventListener('unmute', mark, { once: true });
  };

  const adopt = (call: SipCall, extra: Partial<CallView> = {}): void => {
    sipCalls.set(call.id, call);
    const config = get().config;
    const diverted = call.direction === 'incoming' ? divertedFrom(call.diversion, config?.extension, config?.answerGroups ?? []) : undefined;
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
      startedAt: new Date().toISOString(),
      inviteAt: call.createdAt,
      mediaVersion: 0,
      ...extra,
    };
    set({ calls: [...get().calls, view] });
    call.onChange((state, end) => onCallChange(call, state, end));
    call.onDigit((digit) => onDigit(call.id, digit));
  };

  const onIncoming = (call: SipCall): void => {
    if (live().length >= MAX_CALLS) {
      call.decline();
      return;
    }
    adopt(call);
    refreshRinging();
    const view = get().calls.find((candidate) => candidate.id === call.id);
    if (!view) return;
    const who = view.name ? `${view.name} (${view.number})` : view.number;
    const line = view.divertedFrom ? ` · ${view.divertedFrom.group ?? view.divertedFrom.displayName ?? view.divertedFrom.number}` : '';
    void api()
      .invoke('app.showWindow', {})
      .catch(() => undefined);
    closeNotifications.set(
      call.id,
      notifyCall(`Scrivania: ${who}`, line.replace(/^ · /, ''), () => useShellStore.getState().show('phone')),
    );
  };

  const onAgentState = (state: AgentState): void => {
    setRegistration(state);
    if (state.state === 'registered' && pendingSave) {
      const secret = pendingSave;
      pendingSave = undefined;
      void api().invoke('credentials.save', { id: 'phone', secret }).catch(() => undefined);
    }
    if (state.state === 'failed' && state.auth) {
      // A refused password is not retried: the employee types it again.
      pendingSave = undefined;
      stopAgent(false);
      set({ passwordPrompt: { reason: state.code ? `${state.code} ${state.reason}` : state.reason, canSave: get().passwordPrompt?.canSave ?? false } });
    }
  };

  const startAgent = async (password: string): Promise<void> => {
    const config = get().config;
    if (!config?.configured || !config.server || !config.domain || !config.extension) return;
    const { createJsSipAgent } = await import('./sip/jssip-agent');
    stopAgent(false);
    const created = createJsSipAgent({
      server: config.server,
      domain: config.domain,
      extension: config.extension,
      ...(config.displayName ? { displayName: config.displayName } : {}),
      password,
      iceServers: config.iceServers,
      userAgent: `Scrivania/${useShellStore.getState().info?.version ?? '0'}`,
      ...(get().preferences?.microphone ? { microphone: get().preferences?.microphone } : {}),
    });
    agent = created;
    agentKey = keyOf(config);
    const listeners = [created.onState(onAgentState), created.onIncoming(onIncoming)];
    detachAgent = () => listeners.forEach((stop) => stop());
    created.start();
  };

  const place = (input: string, extra: Partial<CallView> = {}): void => {
    const config = get().config;
    if (!agent || get().registration.state !== 'registered' || !config?.domain) {
      set({ notice: { key: 'notSignedIn' } });
      return;
    }
    if (live().length >= MAX_CALLS) {
      set({ notice: { key: 'tooManyCalls' } });
      return;
    }
    const target = dialTarget(input, config.domain);
    if (!target.ok) {
      set({ notice: { key: 'notANumber', params: { input } } });
      return;
    }
    const call = agent.call(target.uri);
    adopt(call, { number: target.number, ...extra });
  };

  return {
    registration: { state: 'off' },
    calls: [],

    signIn: async () => {
      if (starting) return starting;
      starting = (async () => {
        const answer = await api().invoke('credentials.forPurpose', { purpose: 'phone.register' });
        if (answer.secret === null) {
          const availability = await api().invoke('credentials.status', {});
          set({ passwordPrompt: { reason: answer.reason, canSave: availability.available } });
          return;
        }
        set({ passwordPrompt: undefined });
        await startAgent(answer.secret);
      })().finally(() => {
        starting = undefined;
      });
      return starting;
    },

    signOut: async () => {
      for (const call of sipCalls.values()) call.hangUp();
      stopAgent();
      set({ passwordPrompt: undefined });
      await api().invoke('phone.setPreferences', { signIn: false });
    },

    usePassword: async (password, save) => {
      set({ passwordPrompt: undefined });
      pendingSave = save ? password : undefined;
      await api().invoke('phone.setPreferences', { signIn: true });
      await startAgent(password);
    },

    dial: async (input, tones) => {
      set({ notice: undefined });
      place(input, tones ? { tones } : {});
    },

    redial: async () => {
      const last = get().history?.entries.find((entry) => entry.direction === 'outgoing');
      if (!last) {
        set({ notice: { key: 'nothingToRedial' } });
        return;
      }
      place(last.number);
    },

    answer: (id) => {
      const call = sipCalls.get(id);
      if (!call) return;
      // Call waiting: the call in progress goes on hold while the new one is answered.
      for (const other of live()) if (other.id !== id && other.state === 'active') sipCalls.get(other.id)?.setHeld(true);
      update(id, { answerClickedAt: performance.now() });
      call.answer();
    },
    decline: (id) => sipCalls.get(id)?.decline(),
    hangUp: (id) => sipCalls.get(id)?.hangUp(),
    setMuted: (id, muted) => {
      sipCalls.get(id)?.setMuted(muted);
      update(id, { muted });
    },
    setHeld: (id, held) => {
      if (!held) for (const other of live()) if (other.id !== id && other.state === 'active') sipCalls.get(other.id)?.setHeld(true);
      sipCalls.get(id)?.setHeld(held);
    },
    sendDtmf: (id, tones, method) => sipCalls.get(id)?.sendDtmf(tones, method),

    transfer: async (id, input) => {
      const call = sipCalls.get(id);
      const domain = get().config?.domain;
      if (!call || !domain) return;
      const target = dialTarget(input, domain);
      if (!target.ok) return set({ notice: { key: 'notANumber', params: { input } } });
      update(id, { transferring: true });
      const result = await call.transfer(target.uri);
      if (!result.ok) {
        update(id, { transferring: false });
        set({ notice: { key: 'transferFailed', params: { reason: result.reason ?? '' } } });
      }
    },

    consult: async (id, input) => {
      const call = sipCalls.get(id);
      if (!call) return;
      if (call.state() === 'active') call.setHeld(true);
      place(input, { consultationFor: id });
    },

    completeTransfer: async (consultationId) => {
      const consultation = get().calls.find((call) => call.id === consultationId);
      const original = consultation?.consultationFor ? sipCalls.get(consultation.consultationFor) : undefined;
      const other = sipCalls.get(consultationId);
      if (!consultation || !original || !other) return;
      update(original.id, { transferring: true });
      const result = await original.transferTo(other);
      if (!result.ok) {
        update(original.id, { transferring: false });
        set({ notice: { key: 'transferFailed', params: { reason: result.reason ?? '' } } });
        return;
      }
      other.hangUp();
    },

    setFeature: async (request) => {
      set({ notice: undefined });
      try {
        const { dial } = await api().invoke('phone.featureDial', request);
        set({ featureBusy: request.feature });
        place(dial, { feature: request });
        if (!get().calls.some((call) => call.feature === request)) set({ featureBusy: undefined });
      } catch (error) {
        set({ featureBusy: undefined, notice: { key: 'failed', params: { reason: message(error) } } });
      }
    },

    clearHistory: async () => {
      await api().invoke('phone.clearHistory', {});
    },
    markMissedSeen: async () => {
      if ((get().history?.missedUnseen ?? 0) === 0) return;
      await api().invoke('phone.markMissedSeen', {});
    },
    setDevice: async (kind, deviceId) => {
      await api().invoke('phone.setPreferences', { [kind]: deviceId });
    },
    dismissNotice: () => set({ notice: undefined }),
  };
});

/** Turns the phone on at once from a click (which also lets the browser ask about notifications). */
export const turnPhoneOn = async (): Promise<void> => {
  void askForNotifications();
  await getApi().invoke('phone.setPreferences', { signIn: true });
  await usePhoneStore.getState().signIn();
};

const CSP_RELOAD_KEY = 'scrivania.phone.cspReload';

/**
 * The page's CSP names the PBX it was served with; a profile installed since then names another, which the
 * page may not reach until it is reloaded. Reload once per server.
 */
const reloadOnCspBlock = (event: SecurityPolicyViolationEvent): void => {
  const server = usePhoneStore.getState().config?.server;
  if (!server || !event.violatedDirective.startsWith('connect-src')) return;
  const origin = new URL(server).origin.replace(/^http/, 'ws');
  if (!event.blockedURI.startsWith(origin) || sessionStorage.getItem(CSP_RELOAD_KEY) === origin) return;
  sessionStorage.setItem(CSP_RELOAD_KEY, origin);
  location.reload();
};

/** Connects the phone to main: configuration, preferences, history, features; signs in when the employee wants it. */
export const connectPhone = (): (() => void) => {
  const store = usePhoneStore;
  const reconcile = (): void => {
    const { config, preferences } = store.getState();
    if (!config || !preferences) return;
    const wanted = config.configured && preferences.signIn;
    if (!wanted) {
      if (agent) stopAgent();
      return;
    }
    if (agent && agentKey === keyOf(config)) return;
    void store.getState().signIn();
  };
  const online = (): void => agent?.reconnect();
  const unsubscribers = [
    getApi().on('phone.config', (config) => {
      store.setState({ config });
      reconcile();
    }),
    getApi().on('phone.preferences', (preferences) => {
      store.setState({ preferences });
      reconcile();
    }),
    getApi().on('phone.features', (features) => store.setState({ features })),
    getApi().on('phone.history', (history) => store.setState({ history })),
    getApi().on('phone.dialRequested', (request) => {
      useShellStore.getState().show('phone');
      void store.getState().dial(request.target, request.tones);
    }),
  ];
  window.addEventListener('online', online);
  document.addEventListener('securitypolicyviolation', reloadOnCspBlock);
  return () => {
    unsubscribers.forEach((stop) => stop());
    window.removeEventListener('online', online);
    document.removeEventListener('securitypolicyviolation', reloadOnCspBlock);
  };
};
