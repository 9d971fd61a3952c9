import { describe, expect, it } from 'vitest';
import type { CommandRunner } from '../../../main/services/vpn/command-runner';
import { endpointHost, parseWireGuardDump } from '../../../main/services/vpn/drivers/wireguard-dump';
import { WireGuardDriver } from '../../../main/services/vpn/drivers/wireguard-driver';

// `wg show wgc0 dump` captured in the lab (throw-away keys): the interface line, then one peer.
const PRIVATE_KEY = 'SCpUN/rT/c7PyREw4L589x+MSmooJGhqu7Qd8nBdHmU=';
const dump = `${PRIVATE_KEY}\tcINqgelA10x32AtIkMTeY++sShvDL6SuUhYey2kKmxg=\t37489\toff
VviBtegLqwDEQIywKTP4Ve8yu1rvlIoGrzl8XGeMOUg=\t(none)\t10.199.9.1:51820\t10.196.9.0/24,10.197.9.0/24\t1795435978\t92\t212\t1
`;
const neverShaken = `${PRIVATE_KEY}\tcINqgelA10x32AtIkMTeY++sShvDL6SuUhYey2kKmxg=\t37489\toff
VviBtegLqwDEQIywKTP4Ve8yu1rvlIoGrzl8XGeMOUg=\t(none)\t[fd00::1]:51820\t(none)\t0\t0\t148\toff
`;

describe('wg show dump', () => {
  it('reads each peer: endpoint, allowed IPs, latest handshake and counters', () => {
    expect(parseWireGuardDump(dump)).toEqual([
      {
        publicKey: 'VviBtegLqwDEQIywKTP4Ve8yu1rvlIoGrzl8XGeMOUg=',
        endpoint: '10.199.9.1:51820',
        allowedIps: ['10.196.9.0/24', '10.197.9.0/24'],
        latestHandshake: 1795435978,
        rxBytes: 92,
        txBytes: 212,
      },
    ]);
  });

  it('never carries the private key of the first line into what it returns', () => {
    expect(JSON.stringify(parseWireGuardDump(dump))).not.toContain(PRIVATE_KEY);
  });

  it('reads a peer that never completed a handshake and an IPv6 endpoint', () => {
    const [peer] = parseWireGuardDump(neverShaken);
    expect(peer).toMatchObject({ latestHandshake: 0, allowedIps: [], endpoint: '[fd00::1]:51820' });
    expect(endpointHost('[fd00::1]:51820')).toBe('fd00::1');
    expect(endpointHost('10.199.9.1:51820')).toBe('10.199.9.1');
  });
});

/** Answers `wg show … dump` with fixed text, as `wg` printed it: the driver's own logic is what is tested. */
const printing =
  (stdout: string, code = 0, stderr = ''): CommandRunner =>
  async () => ({ code, stdout, stderr });

const driverAt = (nowSeconds: number, run: CommandRunner) =>
  new WireGuardDriver({ config: { kind: 'wireguard', interface: 'wgc0' }, run, now: () => nowSeconds * 1000, handshakeMaxAgeSeconds: 180 });

describe('WireGuard driver', () => {
  it('is connected while the latest handshake is at most 180 s old', async () => {
    expect(await driverAt(1795435978 + 180, printing(dump)).status(1000)).toEqual({
      phase: 'connected',
      interfaceName: 'wgc0',
      bytesIn: 92,
      bytesOut: 212,
      gateway: '10.199.9.1',
    });
  });

  it('is down once the handshake is older than 180 s, saying how old — the interface alone proves nothing', async () => {
    expect(await driverAt(1795435978 + 181, printing(dump)).status(1000)).toMatchObject({
      phase: 'down',
      reason: { key: 'vpn.reason.wgHandshakeStale', params: { interface: 'wgc0', seconds: 181 } },
    });
    expect(await driverAt(1795435978, printing(neverShaken)).status(1000)).toMatchObject({
      phase: 'down',
      reason: { key: 'vpn.reason.wgNoHandshake' },
    });
  });

  it('names a missing interface and missing rights from wg’s error output', async () => {
    expect(await driverAt(0, printing('', 1, 'Unable to access interface: No such device')).status(1000)).toMatchObject({
      phase: 'down',
      reason: { key: 'vpn.reason.wgNotFound' },
    });
    expect(await driverAt(0, printing('', 1, 'Unable to access interface: Operation not permitted')).status(1000)).toMatchObject({
      phase: 'unknown',
      reason: { key: 'vpn.reason.wgNotPermitted' },
    });
  });

  it('cannot connect, and says who does in one line', async () => {
    await expect(driverAt(0, printing(dump)).connect()).rejects.toThrow(
      /^WireGuard wgc0 is connected from the WireGuard app \(or wg-quick\)[^\n]*$/,
    );
  });
});
