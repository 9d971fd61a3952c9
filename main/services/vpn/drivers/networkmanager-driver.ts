import type { NetworkManagerDriverConfig } from '../../../../common/vpn/vpn-config';
import { CommandError, firstLine, type CommandRunner } from '../command-runner';
import { DriverError, type DriverPhase, type DriverStatus, type VpnDriver } from './driver';
import { parseActiveConnections } from './nmcli-parser';

export interface NetworkManagerDriverOptions {
  config: NetworkManagerDriverConfig;
  run: CommandRunner;
  /** How long `nmcli connection up` may take, secrets prompt included. */
  connectTimeoutMs: number;
}

const phaseOf: Record<string, DriverPhase> = { activated: 'connected', activating: 'connecting', deactivating: 'down' };

/** A NetworkManager VPN (or WireGuard) connection: `nmcli connection up/down id NAME`. */
export class NetworkManagerDriver implements VpnDriver {
  readonly kind = 'networkmanager';
  readonly canConnect = true;
  readonly canDisconnect = true;

  constructor(private readonly options: NetworkManagerDriverOptions) {}

  start(): void {}

  async status(timeoutMs: number): Promise<DriverStatus> {
    const connection = this.options.config.connection;
    let result;
    try {
      result = await this.options.run('nmcli', ['-t', '-f', 'NAME,TYPE,DEVICE,STATE', 'connection', 'show', '--active'], { timeoutMs });
    } catch (error) {
      const missing = error instanceof CommandError && error.kind === 'missing';
      return {
        phase: 'unknown',
        reason: missing
          ? { key: 'vpn.reason.commandMissing', params: { command: 'nmcli' } }
          : { key: 'vpn.reason.commandFailed', params: { command: 'nmcli', error: (error as Error).message } },
      };
    }
    if (result.code !== 0)
      return {
        phase: 'unknown',
        reason: {
          key: 'vpn.reason.commandFailed',
          params: { command: 'nmcli', error: firstLine(result.stderr) || `exit code ${result.code}` },
        },
      };
    const active = parseActiveConnections(result.stdout).find((entry) => entry.name === connection);
    if (!active) return { phase: 'down', reason: { key: 'vpn.reason.nmInactive', params: { connection } } };
    const phase = phaseOf[active.state] ?? 'unknown';
    if (phase === 'connected') return { phase, ...(active.device && active.type !== 'vpn' ? { interfaceName: active.device } : {}) };
    return { phase, reason: { key: 'vpn.reason.nmState', params: { connection, state: active.state } } };
  }

  connect(): Promise<void> {
    return this.nmcli('up');
  }

  disconnect(): Promise<void> {
    return this.nmcli('down');
  }

  dispose(): void {}

  private async nmcli(action: 'up' | 'down'): Promise<void> {
    const connection = this.options.config.connection;
    const result = await this.options
      .run('nmcli', ['connection', action, 'id', connection], { timeoutMs: this.options.connectTimeoutMs })
      .catch((error: Error) => {
        throw new DriverError(`nmcli connection ${action} "${connection}" failed: ${error.message}`);
      });
    if (result.code !== 0)
      throw new DriverError(
        `nmcli connection ${action} "${connection}" failed: ${firstLine(result.stderr) || firstLine(result.stdout) || `exit code ${result.code}`}`,
      );
  }
}
