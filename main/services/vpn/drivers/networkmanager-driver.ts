import type { NetworkManagerDriverConfig } from '../../../../common/vpn/vpn-config';
import { firstLine, type CommandRunner } from '../command-runner';
import { commandFailedStatus, commandUnavailableStatus, runDriverAction } from './driver-commands';
import type { DriverPhase, DriverStatus, VpnDriver } from './driver';
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
      return commandUnavailableStatus(error, 'nmcli');
    }
    if (result.code !== 0) return commandFailedStatus(result, 'nmcli');
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

  private nmcli(action: 'up' | 'down'): Promise<void> {
    const connection = this.options.config.connection;
    return runDriverAction(this.options.run, {
      file: 'nmcli',
      args: ['connection', action, 'id', connection],
      timeoutMs: this.options.connectTimeoutMs,
      failure: `nmcli connection ${action} "${connection}" failed`,
      detailOf: (result) => firstLine(result.stderr) || firstLine(result.stdout),
    });
  }
}
