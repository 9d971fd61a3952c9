import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VpnState } from '../../../common/contract/vpn';
import { parseVpnConfig, type VpnConfig, type VpnConfigInput } from '../../../common/vpn/vpn-config';
import { runVpnCommand, type VpnCommandIo } from '../../../main/cli/vpn-command';
import type { CallContext } from '../../../main/services/handlers';
import { vpnRequestHandlers } from '../../../main/services/vpn/handlers';
import { VpnMonitor } from '../../../main/services/vpn/vpn-monitor';
import { memoryLog } from '../../support/memory-log';

// The monitor against this machine's own loopback standing in for a tunnel: `lo` as the tunnel interface,
// 127.0.0.0/8 as the corporate subnet (asked of the kernel with `ip route get`), a real TCP listener as the office PC.
const linuxWithIp = process.platform === 'linux';
const context: CallContext = { host: 'web', peer: 'vpn unit test' };

const listen = (): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer((socket) => socket.end());
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
const portOf = (server: Server): number => {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
};
const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

const config = (input: VpnConfigInput): VpnConfig => {
  const parsed = parseVpnConfig(input);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.config;
};

const loopbackConfig = (port: number, overrides: Partial<VpnConfigInput> = {}): VpnConfigInput => ({
  tunnelInterfaces: ['lo'],
  corporateSubnets: ['127.0.0.0/8'],
  tcpTargets: [{ name: 'Office PC', host: '127.0.0.1', port }],
  timing: { probeTimeoutMs: 1_000 },
  ...overrides,
});

describe.skipIf(!linuxWithIp)('VpnMonitor on the loopback', () => {
  let office: Server;
  let monitor: VpnMonitor;

  beforeAll(async () => {
    office = await listen();
  });
  afterEach(() => monitor?.dispose());
  afterAll(() => close(office));

  it('is unknown and not configured until a configuration arrives, and says so to a Connect', async () => {
    monitor = new VpnMonitor({ log: memoryLog().log });
    const handlers = vpnRequestHandlers(monitor);
    const state = VpnState.parse(await handlers['vpn.status']({}, context));
    expect(state).toMatchObject({ state: 'unknown', configured: false, reasons: [{ key: 'vpn.reason.notConfigured' }], checkedAt: null });
    await expect(handlers['vpn.connect']({}, context)).rejects.toMatchObject({
      kind: 'failed',
      message: 'The VPN is not configured yet: your help desk sends its settings in a configuration profile',
      problem: { code: 'vpn.not-configured' },
    });
  });

  it('is connected when the tunnel, the route and the TCP target all answer, with the details', async () => {
    monitor = new VpnMonitor({ log: memoryLog().log });
    monitor.configure(config(loopbackConfig(portOf(office))));
    const state = VpnState.parse(await vpnRequestHandlers(monitor)['vpn.status']({ refresh: true }, context));
    expect(state.state).toBe('connected');
    expect(state.probes.map((probe) => [probe.kind, probe.ok])).toEqual([
      ['tunnel', true],
      ['driver', true],
      ['route', true],
      ['tcp', true],
    ]);
    expect(state.details).toMatchObject({
      interfaceName: 'lo',
      assignedAddress: '127.0.0.1',
      tcpTarget: `Office PC (127.0.0.1:${portOf(office)})`,
    });
    expect(state.details.tcpRoundTripMs).toBeGreaterThanOrEqual(0);
    expect(monitor.stats()).toMatchObject({ rounds: expect.any(Number), probes: expect.any(Number) });
  });

  it('is degraded, naming the refused office PC, when nothing listens on its port', async () => {
    const gone = await listen();
    const port = portOf(gone);
    await close(gone);
    monitor = new VpnMonitor({ log: memoryLog().log });
    monitor.configure(config(loopbackConfig(port)));
    const state = await monitor.refresh();
    expect(state.state).toBe('degraded');
    expect(state.reasons).toEqual([{ key: 'vpn.reason.tcpRefused', params: { name: 'Office PC', host: '127.0.0.1', port } }]);
  });

  it('is disconnected when no interface matches, without trying what lies behind the tunnel', async () => {
    monitor = new VpnMonitor({ log: memoryLog().log });
    monitor.configure(config(loopbackConfig(portOf(office), { tunnelInterfaces: ['tun-none-*'] })));
    const state = await monitor.refresh();
    expect(state).toMatchObject({ state: 'disconnected', reasons: [{ key: 'vpn.reason.noTunnel', params: { patterns: 'tun-none-*' } }] });
    expect(state.probes.map((probe) => probe.kind)).toEqual(['tunnel', 'driver']);
  });

  it('keeps probing undisturbed when the same section is applied again, and starts over for a different one', async () => {
    monitor = new VpnMonitor({ log: memoryLog().log });
    monitor.configure(config(loopbackConfig(portOf(office))));
    await monitor.refresh();
    const restarts: VpnState[] = [];
    monitor.on('state', (state) => {
      if (state.checkedAt === null) restarts.push(state);
    });
    monitor.configure(config(loopbackConfig(portOf(office))));
    expect(monitor.state().state).toBe('connected');
    monitor.configure(config(loopbackConfig(portOf(office), { tunnelInterfaces: ['lo', 'tun*'] })));
    expect(restarts.map((state) => [state.state, state.configured])).toEqual([['unknown', true]]);
  });

  it('says in one line that a probe-only VPN is connected from its own app', async () => {
    monitor = new VpnMonitor({ log: memoryLog().log });
    monitor.configure(config(loopbackConfig(portOf(office))));
    await expect(vpnRequestHandlers(monitor)['vpn.connect']({}, context)).rejects.toMatchObject({
      message: 'This VPN is connected from its own app: Scrivania only checks whether it reaches the office',
      problem: { code: 'vpn.status-only' },
    });
  });

  it('names an OpenVPN management interface that does not answer, and refuses Connect with the address', async () => {
    const gone = await listen();
    const port = portOf(gone);
    await close(gone);
    monitor = new VpnMonitor({ log: memoryLog().log });
    monitor.configure(config(loopbackConfig(portOf(office), { driver: { kind: 'openvpn', managementPort: port } })));
    const state = await monitor.refresh();
    expect(state.probes.find((probe) => probe.kind === 'driver')).toMatchObject({
      ok: false,
      reason: { key: 'vpn.reason.managementUnreachable', params: { address: `127.0.0.1:${port}`, error: 'ECONNREFUSED' } },
    });
    expect(state.driver).toEqual({ kind: 'openvpn', canConnect: true, canDisconnect: true });
    await expect(vpnRequestHandlers(monitor)['vpn.connect']({}, context)).rejects.toMatchObject({
      message: `OpenVPN's management interface at 127.0.0.1:${port} does not answer: start OpenVPN with --management 127.0.0.1 ${port} and try again`,
      problem: { code: 'vpn.management-unreachable', params: { address: `127.0.0.1:${port}` } },
    });
  });
});

describe.skipIf(!linuxWithIp)('scrivania vpn status', () => {
  let office: Server;
  let dir: string;
  const previousLanguage = process.env['LC_ALL'];

  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    const commandIo: VpnCommandIo = {
      out: (text) => void out.push(text),
      err: (text) => void err.push(text),
      interrupted: () => new Promise(() => undefined),
    };
    return { out, err, commandIo };
  };
  const writeConfig = async (name: string, content: unknown): Promise<string> => {
    const file = join(dir, name);
    await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  beforeAll(async () => {
    process.env['LC_ALL'] = 'en_US.UTF-8';
    office = await listen();
    dir = await mkdtemp(join(tmpdir(), 'scv-vpn-cli-'));
  });
  afterAll(async () => {
    if (previousLanguage === undefined) delete process.env['LC_ALL'];
    else process.env['LC_ALL'] = previousLanguage;
    await close(office);
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 and says so when connected', async () => {
    const { out, commandIo } = io();
    expect(await runVpnCommand(['status', '--config', await writeConfig('ok.json', loopbackConfig(portOf(office)))], commandIo)).toBe(0);
    const text = out.join('');
    expect(text).toMatch(/^VPN: Connected to the office\n/);
    expect(text).toContain('  Interface: lo\n');
    expect(text).toContain(`  [ok  ] Service Office PC (127.0.0.1:${portOf(office)})`);
  });

  it('exits 1 with the reason when degraded, and prints the state as JSON with --json', async () => {
    const gone = await listen();
    const port = portOf(gone);
    await close(gone);
    const file = await writeConfig('refused.json', loopbackConfig(port));
    const text = io();
    expect(await runVpnCommand(['status', '--config', file], text.commandIo)).toBe(1);
    expect(text.out.join('')).toContain(`  - Office PC: 127.0.0.1:${port} refused the connection.\n`);
    const json = io();
    expect(await runVpnCommand(['status', '--config', file, '--json'], json.commandIo)).toBe(1);
    expect(VpnState.parse(JSON.parse(json.out.join(''))).state).toBe('degraded');
  });

  it('reads the vpn section of a profile, with ${user.KEY} values from --user', async () => {
    const gone = await listen();
    const port = portOf(gone);
    await close(gone);
    const file = await writeConfig('profile.signed.json', {
      profile: { schemaVersion: 1, vpn: { ...loopbackConfig(port), tcpTargets: [{ name: 'Office PC', host: '${user.host}', port }] } },
      signature: {},
    });
    const text = io();
    expect(await runVpnCommand(['status', '--profile', file, '--user', 'host=127.0.0.1'], text.commandIo)).toBe(1);
    expect(text.out.join('')).toContain(`  - Office PC: 127.0.0.1:${port} refused the connection.\n`);
    const missing = io();
    expect(await runVpnCommand(['status', '--profile', file], missing.commandIo)).toBe(1);
    expect(missing.err.join('')).toBe("scrivania vpn: the profile's vpn section uses ${user.host}: pass --user host=VALUE\n");
  });

  it('exits 2 on wrong usage, naming what was wrong, and 1 on an invalid configuration', async () => {
    const usage = io();
    expect(await runVpnCommand(['status'], usage.commandIo)).toBe(2);
    expect(usage.err.join('')).toMatch(/^scrivania vpn: give either --config VPN\.json or --profile SIGNED\.json\n/);
    const both = io();
    expect(await runVpnCommand(['status', '--profile', 'signed.json', '--config', 'x.json'], both.commandIo)).toBe(2);
    expect(await runVpnCommand(['status', '--config', 'x.json', '--colour'], io().commandIo)).toBe(2);
    expect(await runVpnCommand(['start'], io().commandIo)).toBe(2);
    const invalid = io();
    expect(
      await runVpnCommand(['status', '--config', await writeConfig('bad.json', { corporateSubnets: ['10.0.0.0'] })], invalid.commandIo),
    ).toBe(1);
    expect(invalid.err.join('')).toBe(
      `scrivania vpn: ${join(dir, 'bad.json')}: vpn.corporateSubnets[0]: expected an IPv4 subnet such as 10.20.0.0/16\n`,
    );
    const notJson = io();
    expect(await runVpnCommand(['status', '--config', await writeConfig('broken.json', '{ "tcpTargets": ')], notJson.commandIo)).toBe(1);
    expect(notJson.err.join('')).toMatch(/is not JSON: /);
  });
});
