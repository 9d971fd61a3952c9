import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, startProcess, type LabProcess } from './processes';

/**
 * Two network namespaces joined by a veth pair: `server` (the VPN server and the "intranet" behind it) and
 * `client` (the employee's PC, where the monitor runs). Nothing is routed outside them.
 *
 *   client 10.199.N.2/30 ──veth── 10.199.N.1/30 server
 *   intranet (on the server's loopback): office PC 10.197.N.10 (TCP), DNS 10.197.N.53 (dnsmasq)
 *   OpenVPN pool 10.198.N.0/24, WireGuard 10.196.N.0/24
 */
export interface LabAddresses {
  serverVeth: string;
  clientVeth: string;
  officePc: string;
  dns: string;
  /** The corporate subnet the profile names: the intranet's addresses. */
  corporateSubnet: string;
  openVpnNetwork: string;
  wireGuardServer: string;
  wireGuardClient: string;
}

export class LabNetwork {
  private readonly processes: LabProcess[] = [];

  private constructor(
    readonly id: string,
    readonly server: string,
    readonly client: string,
    readonly addresses: LabAddresses,
    /** A private temporary directory for keys, configs and logs. */
    readonly dir: string,
  ) {}

  static async create(): Promise<LabNetwork> {
    const id = randomBytes(2).toString('hex');
    const octet = 10 + (parseInt(id, 16) % 240);
    const addresses: LabAddresses = {
      serverVeth: `10.199.${octet}.1`,
      clientVeth: `10.199.${octet}.2`,
      officePc: `10.197.${octet}.10`,
      dns: `10.197.${octet}.53`,
      corporateSubnet: `10.197.${octet}.0/24`,
      openVpnNetwork: `10.198.${octet}.0`,
      wireGuardServer: `10.196.${octet}.1`,
      wireGuardClient: `10.196.${octet}.2`,
    };
    const dir = await mkdtemp(join(tmpdir(), `scv-vpn-${id}-`));
    const network = new LabNetwork(id, `scv-${id}-srv`, `scv-${id}-cli`, addresses, dir);
    try {
      await network.build();
    } catch (error) {
      await network.dispose();
      throw error;
    }
    return network;
  }

  /** Runs a program inside a namespace and resolves with its stdout. */
  exec(namespace: string, file: string, args: readonly string[], timeoutMs?: number): Promise<string> {
    return run('ip', ['netns', 'exec', namespace, file, ...args], timeoutMs);
  }

  /** Starts a long-running program inside a namespace; dispose() stops it if the test did not. */
  spawn(namespace: string, name: string, file: string, args: readonly string[], options: { stdin?: 'pipe' | 'ignore' } = {}): LabProcess {
    const peer = startProcess(name, 'ip', ['netns', 'exec', namespace, file, ...args], options);
    this.processes.push(peer);
    return peer;
  }

  /** Everything this network started, then the namespaces (their veth and tun devices go with them). */
  async dispose(): Promise<void> {
    await Promise.all(this.processes.map((peer) => peer.stop('SIGTERM', 2_000)));
    for (const namespace of [this.server, this.client]) {
      // Anything still inside (a daemon a test forgot) would keep the namespace alive.
      const pids = await run('ip', ['netns', 'pids', namespace]).catch(() => '');
      for (const pid of pids.split('\n').filter((line) => /^\d+$/.test(line))) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      await run('ip', ['netns', 'del', namespace]).catch(() => undefined);
      await rm(join('/etc/netns', namespace), { recursive: true, force: true });
    }
    // Only when empty: another lab or the system may keep its own namespaces' files there.
    await rmdir('/etc/netns').catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
    // wireguard-go's UAPI sockets live in one global directory; a killed one leaves its socket behind.
    const sockets = await readdir('/var/run/wireguard').catch(() => [] as string[]);
    await Promise.all(sockets.filter((name) => name.includes(this.id)).map((name) => rm(join('/var/run/wireguard', name), { force: true })));
  }

  /** Whether the namespaces still exist: the cleanup test checks they do not. */
  async exists(): Promise<boolean> {
    const list = await run('ip', ['netns', 'list']);
    return list.includes(this.server) || list.includes(this.client);
  }

  private async build(): Promise<void> {
    const { server, client, addresses: a } = this;
    const serverVeth = `scv${this.id}s`;
    const clientVeth = `scv${this.id}c`;
    await run('ip', ['netns', 'add', server]);
    await run('ip', ['netns', 'add', client]);
    // The client's resolver is the intranet DNS: `ip netns exec` bind-mounts this over /etc/resolv.conf.
    await mkdir(join('/etc/netns', client), { recursive: true });
    await writeFile(join('/etc/netns', client, 'resolv.conf'), `nameserver ${a.dns}\noptions timeout:1 attempts:1\n`);
    await run('ip', ['link', 'add', serverVeth, 'type', 'veth', 'peer', 'name', clientVeth]);
    await run('ip', ['link', 'set', serverVeth, 'netns', server]);
    await run('ip', ['link', 'set', clientVeth, 'netns', client]);
    await run('ip', ['-n', server, 'addr', 'add', `${a.serverVeth}/30`, 'dev', serverVeth]);
    await run('ip', ['-n', client, 'addr', 'add', `${a.clientVeth}/30`, 'dev', clientVeth]);
    for (const [namespace, device] of [
      [server, serverVeth],
      [client, clientVeth],
    ] as const) {
      await run('ip', ['-n', namespace, 'link', 'set', 'lo', 'up']);
      await run('ip', ['-n', namespace, 'link', 'set', device, 'up']);
    }
    // This kernel has no dummy interfaces: the intranet's addresses live on the server's loopback.
    await run('ip', ['-n', server, 'addr', 'add', `${a.officePc}/32`, 'dev', 'lo']);
    await run('ip', ['-n', server, 'addr', 'add', `${a.dns}/32`, 'dev', 'lo']);
    if (!existsSync(join('/var/run/netns', client))) throw new Error(`namespace ${client} was not created`);
  }
}
