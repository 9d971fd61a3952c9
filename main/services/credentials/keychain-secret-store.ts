import type { Logger } from '../logging/logger';
import { KeychainWorker, type KeychainAccess } from './keychain-worker';
import type { KeychainPrompt } from '../../../common/contract/credentials';
import { SecretServiceClient, SecretServiceError } from './secret-service-client';
import { sessionBusProbe, type BusAnswer, type SessionBusProbe } from './session-bus';
import {
  checkSecretId,
  KeychainError,
  KeychainLockedError,
  KeychainRefusedError,
  KeychainUnavailableError,
  type KeychainAvailability,
  type SecretId,
  type SecretStore,
} from './secret-store';
import { oneLineMessageOf } from '../../../common/error-message';

export const KEYCHAIN_SERVICE = 'Scrivania';

/** Not a valid secret id, so the probe can never touch a real secret; it is only ever read. */
const PROBE_ACCOUNT = 'availability-probe';
/** How long a bus that answered is taken to still answer, so a burst of calls does not open a socket each. */
const BUS_ANSWER_VALID_MS = 1_000;

const unavailableReasons: Partial<Record<NodeJS.Platform, string>> = {
  linux: "No keychain is available: install and start GNOME Keyring or KeePassXC's Secret Service, then try again.",
  darwin: 'The macOS Keychain is not available: unlock your login keychain in Keychain Access, then try again.',
  win32: 'Windows Credential Manager is not available: start the Credential Manager service, then try again.',
};
const otherPlatformReason = 'No keychain is available on this system, so Scrivania cannot keep passwords: ask the help desk.';
const noCollectionReason =
  'Your keychain has no default keyring for Scrivania: in KeePassXC, open your database and share a group with Secret Service in its settings; in GNOME, create a default keyring in Passwords and Keys; then try again.';
const lockedReason = 'Your keychain is still locked: unlock it in the window it opens, then try again.';
const refusedReason =
  'Your keychain did not allow Scrivania to use this password: allow Scrivania when your keychain asks, then try again.';

export interface KeychainSecretStoreOptions {
  log: Logger;
  platform?: NodeJS.Platform;
  /** The keychain itself; on Linux the Secret Service over D-Bus, elsewhere @napi-rs/keyring in a worker thread. */
  keychain?: KeychainAccess;
  /** For the availability check: a missing Secret Service can leave a D-Bus call unanswered. */
  probeTimeoutMs?: number;
  /** For each keychain answer of get, set and delete (a prompt the call opened is waited for apart from this). */
  callTimeoutMs?: number;
  /** How long a call waits for the person in an unlock or access window the call opened. */
  promptTimeoutMs?: number;
  /** Asked before every call of the worker's keychain (see session-bus.ts); only where that worker runs on Linux. */
  sessionBus?: SessionBusProbe;
  /** Told when a call starts and stops waiting for the person in the keychain's own window. */
  onPrompt?: (prompt: KeychainPrompt | null) => void;
  /** Where the Secret Service client finds the session bus; the process's environment by default. */
  env?: NodeJS.ProcessEnv;
}

/** Every secret in the OS keychain under service `Scrivania`, one account per secret id; never anywhere else. */
export class KeychainSecretStore implements SecretStore {
  private readonly log: Logger;
  private readonly keychain: KeychainAccess;
  private readonly unavailableReason: string;
  private readonly probeTimeoutMs: number;
  private readonly callTimeoutMs: number;
  private readonly sessionBus: SessionBusProbe | undefined;
  private confirmedAvailable = false;
  private probing: Promise<KeychainAvailability> | undefined;
  private busProbe: Promise<BusAnswer> | undefined;
  private busAnsweredUntil = 0;

  constructor(options: KeychainSecretStoreOptions) {
    const platform = options.platform ?? process.platform;
    this.log = options.log;
    const secretService =
      options.keychain === undefined && platform === 'linux'
        ? new SecretServiceClient(KEYCHAIN_SERVICE, {
            onPrompt: (prompt) => {
              this.log.info(prompt ? 'waiting for the person in the keychain' : 'keychain prompt closed', { prompt });
              options.onPrompt?.(prompt);
            },
            ...(options.promptTimeoutMs === undefined ? {} : { promptTimeoutMs: options.promptTimeoutMs }),
            ...(options.env === undefined ? {} : { env: options.env }),
          })
        : undefined;
    this.keychain = options.keychain ?? secretService ?? new KeychainWorker(KEYCHAIN_SERVICE);
    this.unavailableReason = unavailableReasons[platform] ?? otherPlatformReason;
    this.probeTimeoutMs = options.probeTimeoutMs ?? 3_000;
    this.callTimeoutMs = options.callTimeoutMs ?? 30_000;
    // The D-Bus client cannot block a thread, so only the worker's native library needs the bus checked first.
    this.sessionBus = options.sessionBus ?? (platform === 'linux' && !secretService && !options.keychain ? sessionBusProbe() : undefined);
  }

  /** Looks at the keychain each time without writing anything: a locked keychain counts as there (calls unlock it). */
  availability(): Promise<KeychainAvailability> {
    this.probing ??= this.probe().finally(() => (this.probing = undefined));
    return this.probing;
  }

  async get(id: SecretId): Promise<string | null> {
    const account = checkSecretId(id);
    await this.ensureAvailable();
    return this.run(`read ${account} from`, () => this.keychain.read(account, this.callTimeoutMs));
  }

  async set(id: SecretId, secret: string): Promise<void> {
    const account = checkSecretId(id);
    await this.ensureAvailable();
    await this.run(`save ${account} in`, () => this.keychain.write(account, secret, this.callTimeoutMs), secret);
  }

  async delete(id: SecretId): Promise<boolean> {
    const account = checkSecretId(id);
    await this.ensureAvailable();
    return this.run(`delete ${account} from`, () => this.keychain.remove(account, this.callTimeoutMs));
  }

  /** Closes the unlock or access window calls are waiting on; they fail as locked or refused. false when none was open. */
  cancelPrompts(): boolean {
    return this.keychain.cancelPrompts?.() ?? false;
  }

  /** Settles once no keychain call runs any more; one stuck in native code keeps it pending. */
  dispose(): Promise<void> {
    return this.keychain.dispose();
  }

  private async probe(): Promise<KeychainAvailability> {
    let keepsDeleted = false;
    let locked = false;
    try {
      await this.busAnswers();
      if (this.keychain.state) {
        const state = await this.keychain.state(this.probeTimeoutMs);
        if (!state.ready)
          return this.unavailable(state.detail, state.problem === 'no-collection' ? noCollectionReason : this.unavailableReason);
        if (state.locked) this.log.info('keychain locked: the next call asks to unlock it');
        keepsDeleted = state.keepsDeleted;
        locked = state.locked;
      } else {
        await this.keychain.read(PROBE_ACCOUNT, this.probeTimeoutMs);
      }
    } catch (error) {
      return this.unavailable(oneLine(error), this.unavailableReason);
    }
    if (!this.confirmedAvailable) this.log.info('keychain available');
    this.confirmedAvailable = true;
    return { available: true, ...(locked ? { locked } : {}), ...(keepsDeleted ? { keepsDeleted } : {}) };
  }

  private unavailable(detail: string, reason: string): KeychainAvailability {
    this.confirmedAvailable = false;
    this.log.warn('no keychain', { detail });
    return { available: false, reason };
  }

  /** Calls arriving together share one look at the bus, and one that answered counts for a second. */
  private async busAnswers(): Promise<void> {
    if (!this.sessionBus || Date.now() < this.busAnsweredUntil) return;
    this.busProbe ??= this.sessionBus().finally(() => (this.busProbe = undefined));
    const answer = await this.busProbe;
    if (!answer.ok) throw new Error(answer.reason);
    this.busAnsweredUntil = Date.now() + BUS_ANSWER_VALID_MS;
  }

  private async ensureAvailable(): Promise<void> {
    if (this.confirmedAvailable) return;
    const availability = await this.availability();
    if (!availability.available) throw new KeychainUnavailableError(availability.reason);
  }

  /** A failure makes the next call look again, so a keychain that went away is reported as such. */
  private async run<T>(what: string, operation: () => Promise<T>, secret?: string): Promise<T> {
    try {
      await this.busAnswers();
      return await operation();
    } catch (error) {
      const detail = `Could not ${what} the keychain: ${oneLine(error, secret)}`;
      if (error instanceof SecretServiceError && error.problem === 'locked') throw new KeychainLockedError(lockedReason, detail);
      if (error instanceof SecretServiceError && error.problem === 'refused') throw new KeychainRefusedError(refusedReason, detail);
      this.confirmedAvailable = false;
      throw new KeychainError(detail);
    }
  }
}

/** The library's message on one line, with the secret cut out should a platform ever echo it. */
const oneLine = (error: unknown, secret?: string): string => {
  const message = oneLineMessageOf(error);
  return secret ? message.split(secret).join('[secret]') : message;
};
