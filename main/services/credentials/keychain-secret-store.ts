import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger';
import { KeychainWorker, type KeychainAccess } from './keychain-worker';
import { sessionBusProbe, type BusAnswer, type SessionBusProbe } from './session-bus';
import {
  checkSecretId,
  KeychainError,
  KeychainUnavailableError,
  type KeychainAvailability,
  type SecretId,
  type SecretStore,
} from './secret-store';
import { oneLineMessageOf } from '../../../common/error-message';

export const KEYCHAIN_SERVICE = 'Scrivania';

/** Not a valid secret id, so the probe can never touch a real secret. */
const PROBE_ACCOUNT = 'availability-probe';
/** How long a bus that answered is taken to still answer, so a burst of calls does not open a socket each. */
const BUS_ANSWER_VALID_MS = 1_000;

const unavailableReasons: Partial<Record<NodeJS.Platform, string>> = {
  linux: "No keychain is available: install and start GNOME Keyring or KeePassXC's Secret Service, then restart Scrivania.",
  darwin: 'The macOS Keychain is not available: unlock your login keychain in Keychain Access, then try again.',
  win32: 'Windows Credential Manager is not available: start the Credential Manager service, then try again.',
};
const otherPlatformReason = 'No keychain is available on this system, so Scrivania cannot keep passwords: ask the help desk.';

export interface KeychainSecretStoreOptions {
  log: Logger;
  platform?: NodeJS.Platform;
  keychain?: KeychainAccess;
  /** For the availability probe: a missing Secret Service can leave a D-Bus call unanswered. */
  probeTimeoutMs?: number;
  /** For get, set and delete: generous, because the keychain may be waiting for the person to unlock it. */
  callTimeoutMs?: number;
  /** Asked before every keychain call on Linux (see session-bus.ts); the machine's own session bus by default. */
  sessionBus?: SessionBusProbe;
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
    this.log = options.log;
    this.keychain = options.keychain ?? new KeychainWorker(KEYCHAIN_SERVICE);
    this.unavailableReason = unavailableReasons[options.platform ?? process.platform] ?? otherPlatformReason;
    this.probeTimeoutMs = options.probeTimeoutMs ?? 3_000;
    this.callTimeoutMs = options.callTimeoutMs ?? 30_000;
    this.sessionBus = options.sessionBus ?? ((options.platform ?? process.platform) === 'linux' ? sessionBusProbe() : undefined);
  }

  /** Probes the keychain for real each time: writes, reads back and deletes a throwaway entry. */
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

  /** Settles once no keychain call runs any more; one stuck in native code keeps it pending. */
  dispose(): Promise<void> {
    return this.keychain.dispose();
  }

  private async probe(): Promise<KeychainAvailability> {
    const value = randomUUID();
    try {
      await this.busAnswers();
      await this.keychain.write(PROBE_ACCOUNT, value, this.probeTimeoutMs);
      const readBack = await this.keychain.read(PROBE_ACCOUNT, this.probeTimeoutMs);
      await this.keychain.remove(PROBE_ACCOUNT, this.probeTimeoutMs);
      if (readBack !== value) throw new Error('the probe entry read back differently from what was written');
    } catch (error) {
      this.confirmedAvailable = false;
      this.log.warn('no keychain', { detail: oneLine(error) });
      return { available: false, reason: this.unavailableReason };
    }
    if (!this.confirmedAvailable) this.log.info('keychain available');
    this.confirmedAvailable = true;
    return { available: true };
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

  /** A failure makes the next call probe again, so a keychain that went away is reported as such. */
  private async run<T>(what: string, operation: () => Promise<T>, secret?: string): Promise<T> {
    try {
      await this.busAnswers();
      return await operation();
    } catch (error) {
      this.confirmedAvailable = false;
      throw new KeychainError(`Could not ${what} the keychain: ${oneLine(error, secret)}`);
    }
  }
}

/** The library's message on one line, with the secret cut out should a platform ever echo it. */
const oneLine = (error: unknown, secret?: string): string => {
  const message = oneLineMessageOf(error);
  return secret ? message.split(secret).join('[secret]') : message;
};
