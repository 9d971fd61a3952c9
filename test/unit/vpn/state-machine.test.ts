import { describe, expect, it } from 'vitest';
import type { VpnProbe } from '../../../common/contract/vpn';
import type { DriverStatus } from '../../../main/services/vpn/drivers/driver';
import { decideState, type Observation } from '../../../main/services/vpn/vpn-state-machine';

const tunnelUp: VpnProbe = { kind: 'tunnel', target: 'tun0', ok: true };
const noTunnel: VpnProbe = {
  kind: 'tunnel',
  target: 'tun*',
  ok: false,
  reason: { key: 'vpn.reason.noTunnel', params: { patterns: 'tun*' } },
};
const routeOk: VpnProbe = { kind: 'route', target: '10.20.0.0/16', ok: true };
const dnsFails: VpnProbe = {
  kind: 'dns',
  target: 'intranet.comune.example',
  ok: false,
  reason: { key: 'vpn.reason.dnsTimeout', params: { name: 'intranet.comune.example', seconds: 1.5 } },
};
const tcpFails: VpnProbe = {
  kind: 'tcp',
  target: 'Office PC',
  ok: false,
  reason: { key: 'vpn.reason.tcpRefused', params: { name: 'Office PC', host: '10.20.1.15', port: 3389 } },
};

const unknownDriver: DriverStatus = { phase: 'unknown' };
const reconnecting: DriverStatus = {
  phase: 'connecting',
  reason: { key: 'vpn.reason.openvpnState', params: { state: 'RECONNECTING', detail: 'ping-restart' } },
};
const held: DriverStatus = { phase: 'down', reason: { key: 'vpn.reason.openvpnHeld' } };

const observe = (overrides: Partial<Observation>): Observation => ({
  configured: true,
  tunnel: tunnelUp,
  checks: [routeOk],
  driver: unknownDriver,
  now: 100_000,
  connectTimeoutMs: 30_000,
  ...overrides,
});

describe('VPN state machine', () => {
  it('is unknown until configured', () => {
    expect(decideState(observe({ configured: false }))).toEqual({ state: 'unknown', reasons: [{ key: 'vpn.reason.notConfigured' }] });
  });

  it('is connected only when the tunnel is up and every probe passes', () => {
    expect(decideState(observe({}))).toEqual({ state: 'connected', reasons: [] });
  });

  it('is degraded, naming each failing probe in order, when the tunnel is up but something fails', () => {
    expect(decideState(observe({ checks: [routeOk, dnsFails, tcpFails] }))).toEqual({
      state: 'degraded',
      reasons: [dnsFails.reason, tcpFails.reason],
    });
  });

  it('is disconnected without a tunnel interface, and the probes behind it are not even reasons', () => {
    expect(decideState(observe({ tunnel: noTunnel, checks: [] }))).toEqual({ state: 'disconnected', reasons: [noTunnel.reason] });
  });

  it('does not trust an interface the VPN client says is down (WireGuard after its server died, OpenVPN on hold)', () => {
    const stale: DriverStatus = {
      phase: 'down',
      reason: { key: 'vpn.reason.wgHandshakeStale', params: { interface: 'wg0', seconds: 240 } },
    };
    expect(decideState(observe({ driver: stale }))).toEqual({ state: 'disconnected', reasons: [stale.reason] });
    expect(decideState(observe({ driver: held, tunnel: noTunnel, checks: [] }))).toEqual({
      state: 'disconnected',
      reasons: [held.reason, noTunnel.reason],
    });
  });

  it('is connecting while OpenVPN reconnects with tun0 still there, then disconnected once the attempt outlasts the limit', () => {
    expect(decideState(observe({ driver: reconnecting, attemptSince: 90_000 }))).toEqual({
      state: 'connecting',
      reasons: [reconnecting.reason],
    });
    expect(decideState(observe({ driver: reconnecting, attemptSince: 60_000 }))).toEqual({
      state: 'disconnected',
      reasons: [{ key: 'vpn.reason.notReachingServer', params: { seconds: 30 } }, reconnecting.reason],
    });
  });

  it('is connecting after a Connect request until the probes pass, even while a probe still fails', () => {
    expect(decideState(observe({ tunnel: noTunnel, checks: [], attemptSince: 95_000 }))).toEqual({ state: 'connecting', reasons: [] });
    expect(decideState(observe({ checks: [dnsFails], driver: { phase: 'connected' }, attemptSince: 95_000 }))).toEqual({
      state: 'connecting',
      reasons: [dnsFails.reason],
    });
    expect(decideState(observe({ checks: [dnsFails], driver: { phase: 'connected' } }))).toEqual({
      state: 'degraded',
      reasons: [dnsFails.reason],
    });
  });

  it('believes the VPN client that says connected even when no interface matches the patterns, and says so', () => {
    expect(decideState(observe({ tunnel: noTunnel, driver: { phase: 'connected' } }))).toEqual({
      state: 'degraded',
      reasons: [noTunnel.reason],
    });
  });

  it('adds the driver’s own problem after the failing probes', () => {
    const unreachable: DriverStatus = {
      phase: 'unknown',
      reason: { key: 'vpn.reason.managementUnreachable', params: { address: '127.0.0.1:7505', error: 'ECONNREFUSED' } },
    };
    expect(decideState(observe({ driver: unreachable, checks: [tcpFails] }))).toEqual({
      state: 'degraded',
      reasons: [tcpFails.reason, unreachable.reason],
    });
    expect(decideState(observe({ driver: unreachable }))).toEqual({ state: 'connected', reasons: [] });
  });
});
