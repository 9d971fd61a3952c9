import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNNEL_INTERFACES, parseVpnConfig } from '../../../common/vpn/vpn-config';

describe('VpnConfig', () => {
  it('fills the defaults: common adapter names, probe-only, the timing the issue asks for', () => {
    const parsed = parseVpnConfig({});
    expect(parsed).toEqual({
      ok: true,
      config: {
        tunnelInterfaces: DEFAULT_TUNNEL_INTERFACES,
        corporateSubnets: [],
        tcpTargets: [],
        driver: { kind: 'probe-only' },
        timing: {
          stableIntervalMs: 10_000,
          fastIntervalMs: 1_000,
          probeTimeoutMs: 1_500,
          changePollMs: 1_000,
          connectTimeoutMs: 30_000,
          handshakeMaxAgeSeconds: 180,
          notifyMinIntervalMs: 60_000,
        },
      },
    });
  });

  it('reads a full section with an OpenVPN driver', () => {
    const parsed = parseVpnConfig({
      tunnelInterfaces: ['tun*', 'PANGP*'],
      corporateSubnets: ['10.20.0.0/16'],
      intranetName: 'intranet.comune.example.it',
      tcpTargets: [{ name: 'PC ufficio', host: 'pc-rossi.comune.local', port: 3389 }],
      driver: { kind: 'openvpn', managementPort: 7505 },
      futureField: true,
    });
    expect(parsed.ok && parsed.config.driver).toEqual({
      kind: 'openvpn',
      managementHost: '127.0.0.1',
      managementPort: 7505,
      managementPassword: false,
      disconnectWith: 'hold',
    });
    expect(parsed.ok && 'futureField' in parsed.config).toBe(false);
  });

  it('names the first problem in one line', () => {
    expect(parseVpnConfig({ tcpTargets: [{ name: 'PC', host: 'pc', port: 70000 }] })).toEqual({
      ok: false,
      reason: 'vpn.tcpTargets[0].port: expected a port from 1 to 65535',
    });
    expect(parseVpnConfig({ corporateSubnets: ['10.20.0.0'] })).toEqual({
      ok: false,
      reason: 'vpn.corporateSubnets[0]: expected an IPv4 subnet such as 10.20.0.0/16',
    });
    expect(parseVpnConfig({ driver: { kind: 'cisco' } })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^vpn\.driver(\.kind)?: expected a driver kind: probe-only, openvpn/),
    });
    expect(parseVpnConfig([])).toMatchObject({ ok: false, reason: expect.stringMatching(/^vpn: /) });
  });

  it('keeps the unencrypted management interface on this machine', () => {
    expect(parseVpnConfig({ driver: { kind: 'openvpn', managementHost: '10.0.0.5', managementPort: 7505 } })).toEqual({
      ok: false,
      reason: 'vpn.driver.managementHost: expected a loopback address such as 127.0.0.1 (the management interface is unencrypted)',
    });
    expect(parseVpnConfig({ driver: { kind: 'openvpn', managementHost: '::1', managementPort: 7505 } }).ok).toBe(true);
  });

  it('refuses a stable interval under 2 s and a WireGuard interface name that is not one', () => {
    expect(parseVpnConfig({ timing: { stableIntervalMs: 500 } }).ok).toBe(false);
    expect(parseVpnConfig({ driver: { kind: 'wireguard', interface: 'wg0; rm -rf /' } }).ok).toBe(false);
  });
});
