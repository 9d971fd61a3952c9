import type { PhoneConfigView, RegistrationReport } from '../../../common/contract/phone';
import type { PhonePorts } from './ports';
import { shown } from '../errors/catalogue';
import type { AgentState, SipCall, SipUserAgent } from './sip/sip-agent';

/** Server, domain, extension and name: a change of any means a new user agent. */
const keyOf = (config: PhoneConfigView): string => `${config.server}|${config.domain}|${config.extension}|${config.displayName ?? ''}`;

const reportOf = (state: AgentState): RegistrationReport =>
  state.state === 'failed'
    ? { state: 'failed', reason: state.reason.slice(0, 200), ...(state.code ? { code: state.code } : {}) }
    : { state: state.state };

/**
 * The SIP user agent's life: signing in with the keychain's password or one typed into the prompt, where the
 * registration stands (in the store and told to main), and stopping.
 */
export class Registration {
  private agent: SipUserAgent | undefined;
  /** Detaches from the agent, so a stopping agent's last "off" does not overwrite why it was stopped. */
  private detach: (() => void) | undefined;
  private key: string | undefined;
  private starting: Promise<void> | undefined;
  /** A password typed into the prompt: kept only until the registrar accepts it, then offered to the keychain. */
  private pendingSave: string | undefined;
  /** Counts sign-ins and stops: a sign-in that a stop or a newer sign-in overtook starts no agent. */
  private generation = 0;

  constructor(
    private readonly ports: PhonePorts,
    private readonly incoming: (call: SipCall) => void,
  ) {}

  /** The running user agent, registered or not. */
  get userAgent(): SipUserAgent | undefined {
    return this.agent;
  }

  /** Whether the running user agent is the one `config` asks for. */
  runsFor(config: PhoneConfigView): boolean {
    return this.agent !== undefined && this.key === keyOf(config);
  }

  /** Signs in with the keychain's password, or asks for one; a call while a sign-in runs joins it. */
  signIn(): Promise<void> {
    return this.starting ?? this.begin((generation) => this.signInFromKeychain(generation));
  }

  /** Signs in with a password typed into the prompt, and from now on at start. */
  usePassword(password: string, save: boolean): Promise<void> {
    this.ports.store.setState({ passwordPrompt: undefined });
    this.pendingSave = save ? password : undefined;
    // Main answers with the preferences, which would sign in again from the keychain: this sign-in is the one.
    return this.begin(async (generation) => {
      if (generation !== this.generation) return;
      await this.ports.api.invoke('phone.setPreferences', { signIn: true });
      await this.start(password, generation);
    });
  }

  /** Stops the user agent; `report`: the phone shows, and main is told, that it is off. */
  stop(report = true): void {
    this.generation += 1;
    this.detach?.();
    this.detach = undefined;
    this.agent?.stop();
    this.agent = undefined;
    this.key = undefined;
    if (report) this.changed({ state: 'off' });
  }

  /** The network came back: register again now rather than at the next retry. */
  reconnect(): void {
    this.agent?.reconnect();
  }

  private begin(signIn: (generation: number) => Promise<void>): Promise<void> {
    const generation = ++this.generation;
    // Run from the next microtask, so that a sign-in asked for by what this one sets off finds it under way.
    const starting = Promise.resolve()
      .then(() => signIn(generation))
      .finally(() => {
        if (this.starting === starting) this.starting = undefined;
      });
    this.starting = starting;
    return starting;
  }

  private async signInFromKeychain(generation: number): Promise<void> {
    const { api, store } = this.ports;
    const answer = await api.invoke('credentials.forPurpose', { purpose: 'phone.register' });
    if (generation !== this.generation) return;
    if (answer.secret === null) {
      const availability = await api.invoke('credentials.status', {});
      if (generation !== this.generation) return;
      store.setState({
        passwordPrompt: { why: shown('phone.password-needed', undefined, answer.reason), canSave: availability.available },
      });
      return;
    }
    store.setState({ passwordPrompt: undefined });
    await this.start(answer.secret, generation);
  }

  private async start(password: string, generation: number): Promise<void> {
    const { store, createAgent, info } = this.ports;
    const { config, preferences } = store.getState();
    if (generation !== this.generation || !config?.configured || !config.server || !config.domain || !config.extension) return;
    const created = await createAgent({
      server: config.server,
      domain: config.domain,
      extension: config.extension,
      ...(config.displayName ? { displayName: config.displayName } : {}),
      password,
      iceServers: config.iceServers.map(({ urls, username, credential }) => ({
        urls,
        ...(username === undefined ? {} : { username }),
        ...(credential === undefined ? {} : { credential }),
      })),
      userAgent: `Scrivania/${info()?.version ?? '0'}`,
      ...(preferences?.microphone ? { microphone: preferences.microphone } : {}),
    });
    if (generation !== this.generation) return;
    this.stop(false);
    this.agent = created;
    this.key = keyOf(config);
    const listeners = [created.onState((state) => this.agentChanged(state)), created.onIncoming(this.incoming)];
    this.detach = () => listeners.forEach((stopListening) => stopListening());
    created.start();
  }

  private agentChanged(state: AgentState): void {
    const { api, store } = this.ports;
    this.changed(state);
    if (state.state === 'registered' && this.pendingSave) {
      const secret = this.pendingSave;
      this.pendingSave = undefined;
      void api.invoke('credentials.save', { id: 'phone', secret }).catch(() => undefined);
    }
    if (state.state === 'failed' && state.auth) {
      // A refused password is not retried: the employee types it again.
      this.pendingSave = undefined;
      this.stop(false);
      store.setState({
        passwordPrompt: {
          why: shown('phone.password-refused', undefined, state.code ? `${state.code} ${state.reason}` : state.reason),
          canSave: store.getState().passwordPrompt?.canSave ?? false,
        },
      });
    }
  }

  private changed(state: AgentState): void {
    this.ports.store.setState({ registration: state });
    void this.ports.api.invoke('phone.reportRegistration', reportOf(state)).catch(() => undefined);
  }
}
