import type { LocalizedMessage } from '../../../../common/contract/app';
import type { OpenVpnDriverConfig } from '../../../../common/vpn/vpn-config';
import type { Logger } from '../../logging/logger';
import { DriverError, type DriverStatus, type VpnDriver } from './driver';
import { ManagementConnection, ManagementError } from './openvpn-management-connection';
import { parseStateFields, type ManagementLine, type OpenVpnState } from './openvpn-management-parser';
import { messageOf } from '../../../../common/error-message';

export interface OpenVpnDriverOptions {
  config: OpenVpnDriverConfig;
  /** For connecting to the management interface and for each command. */
  timeoutMs: number;
  /** The keychain's VPN secret, when the profile says the management interface has a password. */
  password?: () => Promise<string | undefined>;
  log: Logger;
  /** How often OpenVPN reports the byte counters. */
  bytecountSeconds?: number;
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 5_000;

/**
 * Drives OpenVPN through its management interface. Connecting is `hold off` + `hold release`: the hold flag
 * persists across OpenVPN's own restarts, so leaving it on would park every automatic reconnect until released.
 * Disconnecting is `hold on` + `signal SIGUSR1` (OpenVPN restarts into the hold, ready to connect again) or,
 * when the profile says so, `signal SIGTERM`.
 */
export class OpenVpnManagementDriver implements VpnDriver {
  readonly kind = 'openvpn';
  readonly canConnect = true;
  readonly canDisconnect = true;
  private connection: ManagementConnection | undefined;
  private opening: Promise<void> | undefined;
  private onChange: () => void = () => {};
  private state: OpenVpnState | undefined;
  private held = false;
  private needsCredentials = false;
  private bytes: { bytesIn: number; bytesOut: number } | undefined;
  private problem: LocalizedMessage | undefined;
  private stoppedByUs = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay = FIRST_RETRY_MS;
  private disposed = false;

  constructor(private readonly options: OpenVpnDriverOptions) {}

  private get address(): string {
    return `${this.options.config.managementHost}:${this.options.config.managementPort}`;
  }

  start(onChange: () => void): void {
    this.onChange = onChange;
    void this.open();
  }

  /** Waits for an attach in progress (bounded by the management timeout), so a first answer is not a guess. */
  async status(): Promise<DriverStatus> {
    if (this.opening) await this.opening;
    return this.currentStatus();
  }

  async connect(): Promise<void> {
    const connection = await this.openNow();
    this.stoppedByUs = false;
    await connection.command('hold off');
    await connection.command('hold release');
    // Released: the next >STATE: follows shortly; until then this is an attempt, not a hold.
    this.held = false;
  }

  async disconnect(): Promise<void> {
    const connection = await this.openNow();
    if (this.options.config.disconnectWith === 'sigterm') {
      this.stoppedByUs = true;
      await connection.command('signal SIGTERM');
      return;
    }
    await connection.command('hold on');
    await connection.command('signal SIGUSR1');
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.retryTimer);
    this.connection?.close();
    this.connection = undefined;
  }

  private currentStatus(): DriverStatus {
    if (!this.connection) {
      if (this.stoppedByUs) return { phase: 'down', reason: { key: 'vpn.reason.openvpnStopped' } };
      return { phase: 'unknown', ...(this.problem ? { reason: this.problem } : {}) };
    }
    if (this.needsCredentials) return { phase: 'down', reason: { key: 'vpn.reason.openvpnNeedsCredentials' } };
    if (this.held) return { phase: 'down', reason: { key: 'vpn.reason.openvpnHeld' } };
    if (this.problem) return { phase: 'down', reason: this.problem };
    const state = this.state;
    if (!state) return { phase: 'unknown' };
    if (state.name === 'CONNECTED') {
      return {
        phase: 'connected',
        connectedSince: new Date(state.time * 1000),
        ...(state.localAddress ? { assignedAddress: state.localAddress } : {}),
        ...(state.remoteAddress ? { gateway: state.remoteAddress } : {}),
        ...this.bytes,
      };
    }
    if (state.name === 'EXITING') return { phase: 'down', reason: { key: 'vpn.reason.openvpnExiting', params: { detail: state.detail } } };
    return { phase: 'connecting', reason: { key: 'vpn.reason.openvpnState', params: { state: state.name, detail: state.detail } } };
  }

  /** The open connection, or one opened now; a DriverError naming the address when OpenVPN does not answer. */
  private async openNow(): Promise<ManagementConnection> {
    await this.open();
    if (this.connection) return this.connection;
    throw new DriverError(
      `OpenVPN's management interface at ${this.address} does not answer: start OpenVPN with --management ${this.options.config.managementHost} ${this.options.config.managementPort} and try again`,
      { code: 'vpn.management-unreachable', params: { address: this.address } },
    );
  }

  private open(): Promise<void> {
    if (this.disposed || this.connection) return Promise.resolve();
    this.opening ??= this.attach().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  private async attach(): Promise<void> {
    clearTimeout(this.retryTimer);
    const { config, timeoutMs, password } = this.options;
    try {
      const connection = await ManagementConnection.open({
        host: config.managementHost,
        port: config.managementPort,
        timeoutMs,
        ...(config.managementPassword && password ? { password } : {}),
        onNotification: (line) => this.notified(line),
        onClosed: (reason) => this.lost(reason),
      });
      if (this.disposed) return connection.close();
      this.connection = connection;
      this.problem = undefined;
      this.retryDelay = FIRST_RETRY_MS;
      this.stoppedByUs = false;
      await connection.command('state on');
      const current = parseStateFields((await connection.query('state')).at(-1) ?? '');
      if (current && !this.state) this.state = current;
      await connection.command(`bytecount ${this.options.bytecountSeconds ?? 5}`);
      this.options.log.info('attached to the OpenVPN management interface', { address: this.address, state: this.state?.name });
    } catch (error) {
      const reason = messageOf(error);
      this.connection?.close();
      this.connection = undefined;
      this.problem = {
        key:
          error instanceof ManagementError && error.kind === 'password'
            ? 'vpn.reason.managementPassword'
            : 'vpn.reason.managementUnreachable',
        params: { address: this.address, error: reason },
      };
      this.options.log.debug('OpenVPN management interface not available', { address: this.address, reason });
      this.retryLater();
    }
    this.onChange();
  }

  private notified(line: ManagementLine): void {
    switch (line.type) {
      case 'state':
        this.state = line.state;
        this.held = false;
        if (line.state.name === 'CONNECTED') this.needsCredentials = false;
        break;
      case 'bytecount':
        this.bytes = { bytesIn: line.bytesIn, bytesOut: line.bytesOut };
        return;
      case 'hold':
        this.held = true;
        break;
      case 'password':
        // >PASSWORD:Need 'Auth' username/password, or Verification Failed: the VPN client's own app must ask.
        this.needsCredentials = true;
        break;
      case 'fatal':
        this.problem = { key: 'vpn.reason.openvpnFatal', params: { message: line.message } };
        break;
      default:
        return;
    }
    this.onChange();
  }

  private lost(reason: string): void {
    this.connection = undefined;
    this.state = undefined;
    this.held = false;
    this.needsCredentials = false;
    this.bytes = undefined;
    this.problem = { key: 'vpn.reason.managementUnreachable', params: { address: this.address, error: reason } };
    this.options.log.info('OpenVPN management connection lost', { address: this.address, reason });
    this.retryLater();
    this.onChange();
  }

  private retryLater(): void {
    if (this.disposed) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.open(), this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_MS);
  }
}
