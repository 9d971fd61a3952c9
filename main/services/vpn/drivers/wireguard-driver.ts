import type { WireGuardDriverConfig } from '../../../../common/vpn/vpn-config';
import type { CommandRunner } from '../command-runner';
import { commandFailedStatus, commandUnavailableStatus } from './driver-commands';
import { DriverError, type DriverStatus, type VpnDriver } from './driver';
import { endpointHost, parseWireGuardDump, type WireGuardPeer } from './wireguard-dump';

export interface WireGuardDriverOptions {
  config: WireGuardDriverConfig;
  run: CommandRunner;
  /** Unix milliseconds now. */
  now: () => number;
  handshakeMaxAgeSeconds: number;
}

/**
 * Reads WireGuard's own view: an interface stays up after its server dies, so a peer counts only while its latest
 * handshake is recent. Connecting is left to WireGuard's app or wg-quick, which need administrator rights.
 */
export class WireGuardDriver implements VpnDriver {
  readonly kind = 'wireguard';
  readonly canConnect = false;
  readonly canDisconnect = false;

  constructor(private readonly options: WireGuardDriverOptions) {}

  start(): void {}

  async status(timeoutMs: number): Promise<DriverStatus> {
    const iface = this.options.config.interface;
    let result;
    try {
      result = await this.options.run('wg', ['show', iface, 'dump'], { timeoutMs });
    } catch (error) {
      return commandUnavailableStatus(error, 'wg', 'wg show');
    }
    if (result.code !== 0) {
      // Only stderr is read here: stdout of `wg show dump` starts with the private key.
      if (/not permitted|permission denied/i.test(result.stderr))
        return { phase: 'unknown', reason: { key: 'vpn.reason.wgNotPermitted', params: { interface: iface } } };
      if (/no such device|unable to access interface/i.test(result.stderr))
        return { phase: 'down', interfaceName: iface, reason: { key: 'vpn.reason.wgNotFound', params: { interface: iface } } };
      return commandFailedStatus(result, 'wg show');
    }
    return this.fromPeers(parseWireGuardDump(result.stdout));
  }

  connect(): Promise<void> {
    return Promise.reject(
      new DriverError(
        `WireGuard ${this.options.config.interface} is connected from the WireGuard app (or wg-quick): Scrivania only checks it`,
        { code: 'vpn.status-only' },
      ),
    );
  }

  disconnect(): Promise<void> {
    return Promise.reject(
      new DriverError(
        `WireGuard ${this.options.config.interface} is disconnected from the WireGuard app (or wg-quick): Scrivania only checks it`,
        { code: 'vpn.status-only' },
      ),
    );
  }

  dispose(): void {}

  private fromPeers(peers: WireGuardPeer[]): DriverStatus {
    const iface = this.options.config.interface;
    const freshest = [...peers].sort((a, b) => b.latestHandshake - a.latestHandshake)[0];
    const totals = {
      bytesIn: peers.reduce((sum, peer) => sum + peer.rxBytes, 0),
      bytesOut: peers.reduce((sum, peer) => sum + peer.txBytes, 0),
    };
    if (!freshest || freshest.latestHandshake === 0)
      return { phase: 'down', interfaceName: iface, ...totals, reason: { key: 'vpn.reason.wgNoHandshake', params: { interface: iface } } };
    const ageSeconds = Math.max(0, Math.round(this.options.now() / 1000 - freshest.latestHandshake));
    const gateway = freshest.endpoint ? { gateway: endpointHost(freshest.endpoint) } : {};
    if (ageSeconds > this.options.handshakeMaxAgeSeconds) {
      return {
        phase: 'down',
        interfaceName: iface,
        ...totals,
        ...gateway,
        reason: { key: 'vpn.reason.wgHandshakeStale', params: { interface: iface, seconds: ageSeconds } },
      };
    }
    return { phase: 'connected', interfaceName: iface, ...totals, ...gateway };
  }
}
