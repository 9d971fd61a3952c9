import type { LocalizedMessage } from '../../../common/contract/app';
import type { VpnProbe, VpnStateName } from '../../../common/contract/vpn';
import type { DriverStatus } from './drivers/driver';

export interface Observation {
  configured: boolean;
  tunnel: VpnProbe;
  /** Route, DNS and TCP probes; empty when the tunnel is down and they were not tried. */
  checks: readonly VpnProbe[];
  driver: DriverStatus;
  /** When the current connection attempt began (a Connect request, or the driver starting to connect). */
  attemptSince?: number;
  now: number;
  connectTimeoutMs: number;
}

export interface Decision {
  state: VpnStateName;
  /** Why not connected: each failing probe, then the driver's own word. */
  reasons: LocalizedMessage[];
}

/**
 * The tunnel counts as up when the VPN client says it is connected, or, when the client cannot be asked, when an
 * interface matching the profile's patterns is up. A client that says it is down or connecting overrides the
 * interface: OpenVPN keeps tun0 while reconnecting, WireGuard keeps its interface after the server died.
 */
export const tunnelIsUp = (tunnel: VpnProbe, driver: DriverStatus): boolean =>
  driver.phase === 'connected' || (driver.phase === 'unknown' && tunnel.ok);

const reasonsOf = (probes: readonly VpnProbe[]): LocalizedMessage[] =>
  probes.flatMap((probe) => (!probe.ok && probe.reason ? [probe.reason] : []));

export const decideState = (observation: Observation): Decision => {
  const { configured, tunnel, checks, driver, attemptSince, now, connectTimeoutMs } = observation;
  if (!configured) return { state: 'unknown', reasons: [{ key: 'vpn.reason.notConfigured' }] };
  const driverReasons = driver.reason ? [driver.reason] : [];
  const attemptRunning = attemptSince !== undefined && now - attemptSince < connectTimeoutMs;

  if (tunnelIsUp(tunnel, driver)) {
    const failing = reasonsOf([tunnel, ...checks]);
    if (failing.length === 0) return { state: 'connected', reasons: [] };
    return { state: attemptRunning ? 'connecting' : 'degraded', reasons: [...failing, ...driverReasons] };
  }
  if (driver.phase === 'connecting' || (attemptRunning && driver.phase !== 'down')) {
    if (attemptRunning) return { state: 'connecting', reasons: driverReasons };
    return {
      state: 'disconnected',
      reasons: [{ key: 'vpn.reason.notReachingServer', params: { seconds: Math.round(connectTimeoutMs / 1000) } }, ...driverReasons],
    };
  }
  return { state: 'disconnected', reasons: [...driverReasons, ...reasonsOf([tunnel])] };
};
