import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VpnState } from '../../common/contract/vpn';
import type { VpnTiming } from '../../common/vpn/vpn-config';
import { flapOpenVpnServer, percentile } from './vpn/flaps';
import { LabMonitor } from './vpn/lab-monitor';
import { labVpnConfig, openVpnDriver, startOpenVpnLab, type OpenVpnLab } from './vpn/openvpn-lab';
import { LabNetwork } from './vpn/lab-network';
import { vpnLabUnavailable } from './vpn/lab-peers';
import { INTRANET_NAME, startIntranetDns, startOfficePc, startOpenVpnClient, startWireGuard, type WireGuardPair } from './vpn/peers';

// Real tunnels in network namespaces this file creates (root). The monitor runs as a child process inside the
// client namespace (see vpn/monitor-runner.ts), so its probes see the tunnel; the test drives it over stdin/stdout.
const unavailable = vpnLabUnavailable();
if (unavailable) console.warn(`VPN lab skipped: ${unavailable}`);

/** Shorter than the product's defaults so the lab finishes in time; the bench measures the defaults. */
const labTiming = {
  stableIntervalMs: 3_000,
  fastIntervalMs: 500,
  probeTimeoutMs: 1_000,
  changePollMs: 500,
  connectTimeoutMs: 6_000,
  notifyMinIntervalMs: 3_000,
} satisfies Partial<VpnTiming>;

const reasonKeys = (state: VpnState | undefined): string[] => state?.reasons.map((reason) => reason.key) ?? [];
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The monitor process's TCP sockets as the kernel lists them (`ss` inside the client namespace). */
const tcpSocketsOf = async (network: LabNetwork, pid: number): Promise<string[]> =>
  (await network.exec(network.client, 'ss', ['-tanpH'])).split('\n').filter((line) => line.includes(`pid=${pid},`));

/** Active handles and requests by kind, e.g. { Timeout: 2, TCPSocketWrap: 1 }. */
const countByKind = (resources: readonly string[]): Record<string, number> =>
  resources.reduce<Record<string, number>>((counts, kind) => ({ ...counts, [kind]: (counts[kind] ?? 0) + 1 }), {});

describe.skipIf(unavailable !== undefined)('VPN monitor against a real OpenVPN tunnel in network namespaces', () => {
  let lab: OpenVpnLab;
  let monitor: LabMonitor;

  beforeAll(async () => {
    lab = await startOpenVpnLab({ hold: true });
    monitor = await LabMonitor.start(lab.network);
    await monitor.configure(labVpnConfig(lab.network, { driver: openVpnDriver, timing: labTiming }));
  }, 60_000);

  afterAll(async () => {
    await monitor?.stop();
    await lab?.network.dispose();
    if (lab) expect(await lab.network.exists()).toBe(false);
  }, 30_000);

  it('says disconnected while OpenVPN waits for hold release, naming the hold — never connected from a listening daemon', async () => {
    const held = await monitor.waitForState((state) => state.state === 'disconnected', { timeoutMs: 10_000, what: 'disconnected' });
    expect(reasonKeys(held.state)).toContain('vpn.reason.openvpnHeld');
    expect(held.state.driver).toEqual({ kind: 'openvpn', canConnect: true, canDisconnect: true });
    expect(monitor.events.some((event) => event.state.state === 'connected')).toBe(false);
  });

  it('connects through the management interface: connecting, then connected with every probe passing and the details', async () => {
    const from = monitor.events.length;
    const answer = await monitor.request<VpnState>('connect');
    expect(['connecting', 'connected']).toContain(answer.state);
    const connected = await monitor.waitForState((state) => state.state === 'connected', { from, timeoutMs: 20_000, what: 'connected' });
    expect(monitor.events.slice(from, connected.index).map((event) => event.state.state)).toContain('connecting');
    const { state } = connected;
    expect(state.reasons).toEqual([]);
    expect(state.probes.map((probe) => [probe.kind, probe.ok])).toEqual([
      ['tunnel', true],
      ['driver', true],
      ['route', true],
      ['dns', true],
      ['tcp', true],
    ]);
    const { addresses } = lab.network;
    expect(state.details).toMatchObject({
      interfaceName: 'tun0',
      gateway: addresses.serverVeth,
      tcpTarget: `Office PC (${addresses.officePc}:3389)`,
    });
    expect(state.details.assignedAddress).toMatch(
      new RegExp(`^${addresses.openVpnNetwork.replace(/\.0$/, '').replace(/\./g, '\\.')}\\.\\d+$`),
    );
    expect(state.details.tcpRoundTripMs).toBeGreaterThan(0);
    expect(Date.parse(state.details.connectedSince ?? '')).toBeGreaterThan(Date.now() - 60_000);
  }, 30_000);

  it('attaches to a password-protected management interface with the keychain’s password, and names a wrong one', async () => {
    const secret = 'lab-management-secret';
    const passwordFile = join(lab.network.dir, 'management.pw');
    await writeFile(passwordFile, `${secret}\n`, { mode: 0o600 });
    const guarded = await startOpenVpnClient(lab.network, lab.pki, {
      managementPort: 7506,
      hold: true,
      managementPasswordFile: passwordFile,
    });
    const second = await LabMonitor.start(lab.network);
    try {
      await second.request('password', { value: 'not-the-password' });
      await second.configure(
        labVpnConfig(lab.network, {
          tunnelInterfaces: ['none*'],
          driver: { ...openVpnDriver, managementPort: 7506, managementPassword: true },
          timing: labTiming,
        }),
      );
      const refused = await second.waitForState(
        (state) => state.probes.some((probe) => probe.reason?.key === 'vpn.reason.managementPassword'),
        { timeoutMs: 5_000, what: 'password refused' },
      );
      expect(refused.state.probes.find((probe) => probe.kind === 'driver')?.reason?.params).toEqual({
        address: '127.0.0.1:7506',
        error: 'OpenVPN rejected the management password',
      });
      await second.request('password', { value: secret });
      const held = await second.waitForState((state) => reasonKeys(state).includes('vpn.reason.openvpnHeld'), {
        from: refused.index,
        timeoutMs: 10_000,
        what: 'held (attached)',
      });
      expect(held.state.state).toBe('disconnected');
      expect(second.rawOutput.filter((line) => line.includes(secret))).toEqual([]);
    } finally {
      await second.stop();
      await guarded.stop();
    }
  }, 30_000);

  it('reports degraded naming DNS when the intranet DNS dies, and connected again when it returns', async () => {
    const from = monitor.events.length;
    await lab.dns.stop('SIGKILL');
    const degraded = await monitor.waitForState((state) => state.state === 'degraded', {
      from,
      timeoutMs: labTiming.stableIntervalMs + 5_000,
      what: 'degraded',
    });
    expect(reasonKeys(degraded.state)).toEqual(['vpn.reason.dnsUnreachable']);
    expect(degraded.state.reasons[0]?.params).toEqual({ name: INTRANET_NAME });
    expect(degraded.state.probes.filter((probe) => !probe.ok).map((probe) => probe.kind)).toEqual(['dns']);
    lab.dns = await startIntranetDns(lab.network);
    await monitor.waitForState((state) => state.state === 'connected', {
      from: degraded.index,
      timeoutMs: labTiming.stableIntervalMs + 5_000,
      what: 'connected',
    });
  }, 30_000);

  it('disconnects through the management interface (OpenVPN stays, held) and connects again', async () => {
    const from = monitor.events.length;
    await monitor.request('disconnect');
    const down = await monitor.waitForState((state) => state.state === 'disconnected', { from, timeoutMs: 5_000, what: 'disconnected' });
    expect(reasonKeys(down.state)).toContain('vpn.reason.openvpnHeld');
    expect(lab.client.running).toBe(true);
    expect(await lab.network.exec(lab.network.client, 'ip', ['-br', 'link'])).not.toMatch(/^tun0/m);

    await monitor.request('connect');
    await monitor.waitForState((state) => state.state === 'connected', { from: down.index, timeoutMs: 20_000, what: 'connected' });
  }, 30_000);

  it('follows 20 flaps in order, within 2 s each, with throttled notices and no leaked sockets or timers', async () => {
    // A quiet baseline: connected, the notification window over, nothing in flight (refresh answers after its round).
    await sleep(labTiming.notifyMinIntervalMs + 500);
    await monitor.request('refresh');
    const baseline = { resources: countByKind(await monitor.resources()), sockets: await tcpSocketsOf(lab.network, monitor.pid) };
    expect(baseline.sockets.filter((line) => line.includes('ESTAB') && line.includes(':7505'))).toHaveLength(1);
    const noticesBefore = monitor.notices.length;
    const from = monitor.events.length;

    const figures = await flapOpenVpnServer(lab, [monitor], 20, { detectTimeoutMs: 5_000, recoverTimeoutMs: 20_000 });

    const detection = figures.detectionMs[0] ?? [];
    console.info(
      `VPN lab: 20 flaps, detection median ${percentile(detection, 0.5)} ms, p95 ${percentile(detection, 0.95)} ms; recovery median ${percentile(figures.recoveryMs, 0.5)} ms`,
    );
    expect(detection).toHaveLength(20);
    expect(percentile(detection, 0.95)).toBeLessThan(2_000);
    for (const sequence of figures.sequences[0] ?? []) {
      expect(sequence[0]).not.toBe('connected');
      expect(sequence.at(-1)).toBe('connected');
    }
    const states = monitor.events.slice(from).map((event) => event.state.state);
    const losses = states.filter((state, index) => state !== 'connected' && (index === 0 || states[index - 1] === 'connected'));
    expect(losses).toHaveLength(20);
    const times = monitor.events.slice(from).map((event) => event.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));

    // 20 losses and recoveries in well under a minute: at most a notice per window, plus the final settle.
    await sleep(labTiming.notifyMinIntervalMs + 500);
    const notices = monitor.notices.slice(noticesBefore);
    const flappingSeconds = (Date.now() - (monitor.events[from]?.at ?? Date.now())) / 1000;
    expect(notices.length).toBeLessThanOrEqual(Math.ceil(flappingSeconds / (labTiming.notifyMinIntervalMs / 1000)) + 1);
    expect(notices.length).toBeLessThan(losses.length);
    expect(monitor.latest()?.state).toBe('connected');

    await monitor.request('refresh');
    expect(countByKind(await monitor.resources())).toEqual(baseline.resources);
    expect(await tcpSocketsOf(lab.network, monitor.pid)).toHaveLength(baseline.sockets.length);
  }, 150_000);

  it('when the server dies silently: degraded (probes fail, tun0 stays), then disconnected within the bound', async () => {
    const from = monitor.events.length;
    const killedAt = Date.now();
    await lab.server.stop('SIGKILL');
    const degraded = await monitor.waitForState((state) => state.state === 'degraded', {
      from,
      timeoutMs: labTiming.stableIntervalMs + 2 * labTiming.probeTimeoutMs + 1_000,
      what: 'degraded',
    });
    expect(reasonKeys(degraded.state)).toEqual(expect.arrayContaining(['vpn.reason.dnsTimeout', 'vpn.reason.tcpTimeout']));
    expect(degraded.state.probes.find((probe) => probe.kind === 'tunnel')?.ok).toBe(true);
    // OpenVPN notices after its ping-restart (10 s, pushed by the server); then the attempt is bounded by connectTimeoutMs.
    const bound = 10_000 + labTiming.connectTimeoutMs + labTiming.fastIntervalMs + labTiming.probeTimeoutMs + 2_000;
    const disconnected = await monitor.waitForState((state) => state.state === 'disconnected', {
      from: degraded.index,
      timeoutMs: bound,
      what: 'disconnected',
    });
    expect(disconnected.at - killedAt).toBeLessThan(bound);
    expect(reasonKeys(disconnected.state)[0]).toBe('vpn.reason.notReachingServer');
  }, 45_000);

  it('with disconnectWith sigterm, Disconnect ends OpenVPN, and Connect then says it must be started again', async () => {
    await monitor.configure(labVpnConfig(lab.network, { driver: { ...openVpnDriver, disconnectWith: 'sigterm' }, timing: labTiming }));
    await monitor.request('refresh');
    const from = monitor.events.length;
    await monitor.request('disconnect');
    expect(await lab.client.exited).toBe(0);
    const stopped = await monitor.waitForState((state) => reasonKeys(state).includes('vpn.reason.openvpnStopped'), {
      from,
      timeoutMs: 5_000,
      what: 'stopped',
    });
    expect(stopped.state.state).toBe('disconnected');
    await expect(monitor.request('connect')).rejects.toThrow(
      "OpenVPN's management interface at 127.0.0.1:7505 does not answer: start OpenVPN with --management 127.0.0.1 7505 and try again",
    );
  }, 20_000);
});

describe.skipIf(unavailable !== undefined)('VPN monitor against a real WireGuard tunnel (wireguard-go) in network namespaces', () => {
  let network: LabNetwork;
  let wireGuard: WireGuardPair;
  let monitor: LabMonitor;
  const handshakeMaxAgeSeconds = 6;

  beforeAll(async () => {
    network = await LabNetwork.create();
    await Promise.all([startIntranetDns(network), startOfficePc(network)]);
    wireGuard = await startWireGuard(network);
    monitor = await LabMonitor.start(network);
    await monitor.configure(
      labVpnConfig(network, {
        tunnelInterfaces: ['wg*'],
        driver: { kind: 'wireguard', interface: wireGuard.clientInterface },
        timing: { ...labTiming, handshakeMaxAgeSeconds },
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await monitor?.stop();
    await network?.dispose();
    if (network) expect(await network.exists()).toBe(false);
  }, 30_000);

  it('is connected with a fresh handshake, the server as gateway and the byte counters', async () => {
    const connected = await monitor.waitForState((state) => state.state === 'connected', { timeoutMs: 10_000, what: 'connected' });
    expect(connected.state.details).toMatchObject({
      interfaceName: wireGuard.clientInterface,
      assignedAddress: network.addresses.wireGuardClient,
      gateway: network.addresses.serverVeth,
    });
    expect(connected.state.details.bytesIn).toBeGreaterThan(0);
    expect(connected.state.details.bytesOut).toBeGreaterThan(0);
  });

  it('when the server dies the interface stays up: degraded, then disconnected once the handshake is older than the limit', async () => {
    const from = monitor.events.length;
    const killedAt = Date.now();
    await wireGuard.server.stop('SIGKILL');
    const degraded = await monitor.waitForState((state) => state.state !== 'connected', {
      from,
      timeoutMs: labTiming.stableIntervalMs + 3_000,
      what: 'not connected',
    });
    expect(degraded.state.state).toBe('degraded');
    expect(await network.exec(network.client, 'ip', ['-br', 'link', 'show', wireGuard.clientInterface])).toContain(
      wireGuard.clientInterface,
    );
    const disconnected = await monitor.waitForState((state) => state.state === 'disconnected', {
      from: degraded.index,
      timeoutMs: handshakeMaxAgeSeconds * 1000 + labTiming.stableIntervalMs + 3_000,
      what: 'disconnected',
    });
    expect(reasonKeys(disconnected.state)).toContain('vpn.reason.wgHandshakeStale');
    expect(disconnected.at - killedAt).toBeGreaterThan(0);
  }, 30_000);

  it('is connected again when the tunnel is rebuilt, and never printed a private key', async () => {
    const from = monitor.events.length;
    await wireGuard.client.stop('SIGKILL');
    wireGuard = await startWireGuard(network);
    await monitor.waitForState((state) => state.state === 'connected', { from, timeoutMs: 15_000, what: 'connected' });
    const privateKeys = await Promise.all(
      ['wg-client', 'wg-server'].map(async (name) => (await readFile(join(network.dir, `${name}.key`), 'utf8')).trim()),
    );
    expect(privateKeys.every((key) => key.length === 44)).toBe(true);
    expect(monitor.rawOutput.length).toBeGreaterThan(0);
    expect(monitor.rawOutput.filter((line) => privateKeys.some((key) => line.includes(key)))).toEqual([]);
  }, 30_000);
});
