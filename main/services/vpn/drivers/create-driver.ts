import type { VpnConfig } from '../../../../common/vpn/vpn-config';
import type { CommandRunner } from '../command-runner';
import type { Logger } from '../../logging/logger';
import { ProbeOnlyDriver, type VpnDriver } from './driver';
import { NetworkManagerDriver } from './networkmanager-driver';
import { OpenVpnManagementDriver } from './openvpn-driver';
import { WindowsRasDriver } from './windows-ras-driver';
import { WireGuardDriver } from './wireguard-driver';

export interface DriverPorts {
  run: CommandRunner;
  now: () => number;
  log: Logger;
  /** The keychain's VPN secret (purpose vpn.connect), for a password-protected OpenVPN management interface. */
  managementPassword?: () => Promise<string | undefined>;
}

export const createDriver = (config: VpnConfig, ports: DriverPorts): VpnDriver => {
  const { driver, timing } = config;
  switch (driver.kind) {
    case 'probe-only':
      return new ProbeOnlyDriver();
    case 'openvpn':
      return new OpenVpnManagementDriver({
        config: driver,
        timeoutMs: timing.probeTimeoutMs,
        log: ports.log,
        ...(ports.managementPassword ? { password: ports.managementPassword } : {}),
      });
    case 'wireguard':
      return new WireGuardDriver({ config: driver, run: ports.run, now: ports.now, handshakeMaxAgeSeconds: timing.handshakeMaxAgeSeconds });
    case 'networkmanager':
      return new NetworkManagerDriver({ config: driver, run: ports.run, connectTimeoutMs: timing.connectTimeoutMs });
    case 'windows-ras':
      return new WindowsRasDriver({ config: driver, run: ports.run, connectTimeoutMs: timing.connectTimeoutMs });
  }
};
