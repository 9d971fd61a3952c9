import { Refusal } from '../refusal';
import { join } from 'node:path';
import type { CapabilityStatus } from '../../../common/contract';
import type {
  CallHistory,
  CallRecord,
  CallRecordInput,
  DialRequest,
  CallCommand,
  FeatureState,
  LiveCall,
  LiveCalls,
  PhoneConfigView,
  PhonePreferences,
  RegistrationReport,
} from '../../../common/contract/phone';
import { Emitter } from '../../../common/emitter';
import { featureDialString, type FeatureRequest } from '../../../common/phone/feature-codes';
import type { Logger } from '../logging/logger';
import { CallHistoryStore } from './call-history-store';
import { phoneConfigView, phoneConnectSources, phoneStatus } from './phone-config';
import { defaultPhoneState, knownAfter, PhoneStateStore, type PhoneState } from './phone-state-store';
import { registerSecret } from '../logging/secret-registry';
import { messageOf } from '../../../common/error-message';

export interface PhoneServicePorts {
  /** The app's data folder; the phone keeps `phone/call-history.jsonl` and `phone/state.json` there. */
  dataDir: string;
  log: Logger;
  clock: () => Date;
}

export interface PhoneEvents extends Record<string, unknown> {
  config: PhoneConfigView;
  history: CallHistory;
  features: FeatureState;
  preferences: PhonePreferences;
  status: CapabilityStatus;
  dialRequested: DialRequest;
  calls: LiveCalls;
  commandRequested: CallCommand;
}

/**
 * The softphone's main-process half: the profile's phone section for the pane, the card's status from what the
 * renderer's SIP user agent reports, the call history, PBX feature codes and their last-set state, preferences.
 * The SIP user agent and the audio live in the renderer; no password ever passes through here.
 */
export class PhoneService extends Emitter<PhoneEvents> {
  private section: unknown = undefined;
  private currentConfig: PhoneConfigView = phoneConfigView(undefined);
  private registration: RegistrationReport = { state: 'off' };
  private liveCalls: LiveCall[] = [];
  private calls: CallRecord[] = [];
  private historyProblem: string | undefined;
  private state: PhoneState = defaultPhoneState();
  private readonly historyStore: CallHistoryStore;
  private readonly stateStore: PhoneStateStore;
  private ready: Promise<void> | undefined;

  constructor(private readonly ports: PhoneServicePorts) {
    super();
    this.historyStore = new CallHistoryStore(join(ports.dataDir, 'phone', 'call-history.jsonl'));
    this.stateStore = new PhoneStateStore(join(ports.dataDir, 'phone', 'state.json'));
  }

  /** Reads the stored history and state; every other method waits for it. */
  start(): Promise<void> {
    this.ready ??= this.load();
    return this.ready;
  }

  config(): PhoneConfigView {
    return this.currentConfig;
  }

  status(): CapabilityStatus {
    return phoneStatus(this.section, this.currentConfig, this.registration, this.liveCalls);
  }

  callsInProgress(): LiveCalls {
    return { calls: this.liveCalls };
  }

  history(): CallHistory {
    const seenUntil = this.state.missedSeenUntil ? Date.parse(this.state.missedSeenUntil) : -Infinity;
    const missedUnseen = this.calls.filter((call) => call.outcome === 'missed' && Date.parse(call.startedAt) > seenUntil).length;
    return { entries: [...this.calls].reverse(), missedUnseen, ...(this.historyProblem ? { problem: this.historyProblem } : {}) };
  }

  features(): FeatureState {
    return this.state.features;
  }

  preferences(): PhonePreferences {
    return this.state.preferences;
  }

  /** Origins the renderer's Content-Security-Policy must allow for the PBX's WebSocket. */
  connectSources(): string[] {
    return phoneConnectSources(this.currentConfig);
  }

  /** The effective profile's phone section; undefined until a profile is installed. */
  configure(section: unknown): void {
    this.section = section;
    const next = phoneConfigView(section);
    next.iceServers.forEach((server) => registerSecret(server.credential));
    const serverChanged = next.server !== this.currentConfig.server || next.extension !== this.currentConfig.extension;
    this.currentConfig = next;
    // A registration belongs to one server and extension: another one starts from scratch.
    if (serverChanged) {
      this.registration = { state: 'off' };
      this.liveCalls = [];
    }
    this.emit('config', next);
    this.emit('status', this.status());
  }

  reportRegistration(report: RegistrationReport): void {
    const changed =
      report.state !== this.registration.state || report.code !== this.registration.code || report.reason !== this.registration.reason;
    this.registration = report;
    if (!changed) return;
    this.ports.log.info('phone registration', {
      state: report.state,
      ...(report.code ? { code: report.code } : {}),
      ...(report.reason ? { reason: report.reason } : {}),
    });
    this.emit('status', this.status());
  }

  /** The renderer's calls in progress; no number or name is logged. */
  reportCalls(report: LiveCalls): void {
    const before = this.status();
    const stateBefore = this.liveCalls.map((call) => `${call.id}:${call.state}`).join(',');
    this.liveCalls = report.calls;
    const stateAfter = this.liveCalls.map((call) => `${call.id}:${call.state}`).join(',');
    if (stateAfter !== stateBefore) this.ports.log.info('phone calls', { states: this.liveCalls.map((call) => call.state) });
    this.emit('calls', this.callsInProgress());
    const after = this.status();
    if (JSON.stringify(after) !== JSON.stringify(before)) this.emit('status', after);
  }

  /** Answer, decline or hang up from outside the window: the renderer's phone, where the calls are, does it. */
  command(command: CallCommand): void {
    if (this.liveCalls.length === 0) throw Refusal.because('phone.no-call', 'there is no call to answer or hang up');
    this.emit('commandRequested', command);
  }

  async recordCall(input: CallRecordInput): Promise<string> {
    await this.start();
    const record = await this.historyStore.append(input, () => this.calls);
    this.calls = [...this.calls, record].slice(-500);
    this.emit('history', this.history());
    return record.id;
  }

  async clearHistory(): Promise<void> {
    await this.start();
    await this.historyStore.clear();
    this.calls = [];
    this.historyProblem = undefined;
    this.ports.log.info('call history cleared');
    this.emit('history', this.history());
  }

  async markMissedSeen(): Promise<void> {
    await this.start();
    if (this.history().missedUnseen === 0) return;
    await this.saveState({ ...this.state, missedSeenUntil: this.ports.clock().toISOString() });
    this.emit('history', this.history());
  }

  featureDial(request: FeatureRequest): string {
    const codes =
      this.section && typeof this.section === 'object'
        ? ((this.section as { featureCodes?: Record<string, string> }).featureCodes ?? {})
        : {};
    const dial = featureDialString(codes, request, this.currentConfig.answerGroups);
    if (!dial.ok) throw Refusal.because('phone.feature-not-set-up', dial.reason);
    return dial.dial;
  }

  /** The PBX answered a feature code: what it set is what the pane shows from now on. */
  async featureApplied(request: FeatureRequest): Promise<FeatureState> {
    await this.start();
    this.featureDial(request);
    const known = knownAfter(this.state.features, request.feature);
    const features = { ...known, groups: { ...known.groups }, changedAt: this.ports.clock().toISOString() };
    switch (request.feature) {
      case 'dndOn':
      case 'dndOff':
        features.dnd = request.feature === 'dndOn';
        break;
      case 'forwardOn':
        features.forwardTo = request.target;
        break;
      case 'forwardOff':
        features.forwardTo = null;
        break;
      case 'groupLogin':
      case 'groupLogout':
        features.groups[request.group] = request.feature === 'groupLogin';
        break;
    }
    await this.saveState({ ...this.state, features });
    this.ports.log.info('phone feature set', { feature: request.feature });
    this.emit('features', features);
    return features;
  }

  async setPreferences(change: { [K in keyof PhonePreferences]?: PhonePreferences[K] | undefined }): Promise<PhonePreferences> {
    await this.start();
    const preferences: PhonePreferences = { ...this.state.preferences };
    if (change.signIn !== undefined) preferences.signIn = change.signIn;
    if (change.globalShortcuts !== undefined) preferences.globalShortcuts = change.globalShortcuts;
    for (const device of ['microphone', 'speaker', 'ringer'] as const) {
      const value = change[device];
      if (value === undefined) continue;
      // An empty id goes back to the system default.
      if (value === '') delete preferences[device];
      else preferences[device] = value;
    }
    await this.saveState({ ...this.state, preferences });
    this.emit('preferences', preferences);
    return preferences;
  }

  /** Asks the pane to place a call; the pane decides whether it can (signed in, not already in two calls). */
  dial(request: DialRequest): void {
    if (!this.currentConfig.configured)
      throw Refusal.because('phone.not-configured', 'the phone is not set up: install a profile with a phone section first');
    this.emit('dialRequested', request);
  }

  /** The phone as the meetings service dials a meeting's number: the conference ID and PIN go as tones once answered. */
  dialer(): { available(): boolean; dial(number: string, tones: string): Promise<void> } {
    return {
      available: () => this.currentConfig.configured && this.registration.state === 'registered',
      dial: async (number, tones) => this.dial({ target: number, ...(tones ? { tones } : {}) }),
    };
  }

  private async load(): Promise<void> {
    const unreadable = (what: string) => (error: unknown) => ({
      calls: [],
      state: defaultPhoneState(),
      problem: `the ${what} could not be read: ${messageOf(error)}`,
    });
    const [history, stored] = await Promise.all([
      this.historyStore.load().catch(unreadable('call history')),
      this.stateStore.load().catch(unreadable('phone settings')),
    ]);
    this.calls = history.calls;
    this.historyProblem = history.problem;
    this.state = stored.state;
    if (history.problem) this.ports.log.warn('call history damaged', { problem: history.problem });
    if (stored.problem) this.ports.log.warn('phone settings ignored', { problem: stored.problem });
    this.emit('history', this.history());
    this.emit('features', this.state.features);
    this.emit('preferences', this.state.preferences);
  }

  private async saveState(state: PhoneState): Promise<void> {
    await this.stateStore.save(state);
    this.state = state;
  }
}
