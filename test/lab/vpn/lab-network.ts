import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, startProcess, type LabProcess } from './processes';

/**
 * Two network namespaces joined by a veth pair: `server` (the VPN server and the "intranet" behind it) and
 * `client` (the employee's PC, where the monitor runs). Nothing is routed outside them. With `clientOnHost` the
 * employee's PC is this machine's own namespace instead: it gets the client's veth end and its /30, nothing else.
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

export interface LabNetworkOptions {
  /** The client side is this machine's own namespace (the demo office, where the web host runs), not a new one. */
  clientOnHost?: boolean;
}

export class LabNetwork {
  private readonly processes: LabProcess[] = [];

  private constructor(
    readonly id: string,
    readonly server: string,
    /** The client namespace's name; with `clientOnHost`, a name no namespace has: the client is the host itself. */
    readonly client: string,
    readonly addresses: LabAddresses,
    /** A private temporary directory for keys, configs and logs. */
    readonly dir: string,
    readonly clientOnHost: boolean,
  ) {}

  /** The namespaces this network created (and dispose() deletes). */
  get namespaces(): string[] {
    return this.clientOnHost ? [this.server] : [this.server, this.client];
  }

  /** The client's end of the veth pair. */
  get clientVeth(): string {
    return `scv${this.id}c`;
  }

  static async create(options: LabNetworkOptions = {}): Promise<LabNetwork> {
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
    const network = new LabNetwork(id, `scv-${id}-srv`, `scv-${id}-cli`, addresses, dir, options.clientOnHost === true);
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
    return run(...this.inside(namespace, file, args), timeoutMs);
  }

  /** Starts a long-running program inside a namespace; dispose() stops it if the test did not. */
  spawn(namespace: string, name: string, file: string, args: readonly string[], options: { stdin?: 'pipe' | 'ignore' } = {}): LabProcess {
    const peer = startProcess(name, ...this.inside(namespace, file, args), options);
    this.processes.push(peer);
    return peer;
  }

  /** Everything this network started, then the namespaces (their veth and tun devices go with them). */
  async dispose(): Promise<void> {
    await Promise.all(this.processes.map((peer) => peer.stop('SIGTERM', 2_000)));
    for (const namespace of this.namespaces) {
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
    // A build that failed before the pair was split leaves the host's end behind; deleting the server's takes both.
    if (this.clientOnHost) await run('ip', ['link', 'del', this.clientVeth]).catch(() => undefined);
    // Only when empty: another lab or the system may keep its own namespaces' files there.
    await rmdir('/etc/netns').catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
    // wireguard-go's UAPI sockets live in one global directory; a killed one leaves its socket behind.
    const sockets = await readdir('/var/run/wireguard').catch(() => [] as string[]);
    await Promise.all(
      sockets.filter((name) => name.includes(this.id)).map((name) => rm(join('/var/run/wireguard', name), { force: true })),
    );
  }

  /** Whether the namespaces still exist: the cleanup test checks they do not. */
  async exists(): Promise<boolean> {
    const list = await run('ip', ['netns', 'list']);
    return this.namespaces.some((namespace) => list.includes(namespace));
  }

  /** The command line that runs `file` in `namespace`: directly when that is the host's own. */
  private inside(namespace: string, file: string, args: readonly string[]): [string, string[]] {
    if (this.clientOnHost && namespace === this.client) return [file, [...args]];
    return ['ip', ['netns', 'exec', namespace, file, ...args]];
  }

  private async build(): Promise<void> {
    const { server, client, clientVeth, addresses: a } = this;
    const serverVeth = `scv${this.id}s`;
    await run('ip', ['netns', 'add', server]);
    if (!this.clientOnHost) {
      await run('ip', ['netns', 'add', client]);
      // The client's resolver is the intranet DNS: `ip netns exec` bind-mounts this over /etc/resolv.conf.
      await mkdir(join('/etc/netns', client), { recursive: true });
      await writeFile(join('/etc/netns', client, 'resolv.conf'), `nameserver ${a.dns}\noptions timeout:1 attempts:1\n`);
    }
    await run('ip', ['link', 'add', serverVeth, 'type', 'veth', 'peer', 'name', clientVeth]);
    await run('ip', ['link', 'set', serverVeth, 'netns', server]);
    if (!this.clientOnHost) await run('ip', ['link', 'set', clientVeth, 'netns', client]);
    const on = (namespace: string, ...args: string[]): Promise<string> =>
      run('ip', this.clientOnHost && namespace === client ? args : ['-n', namespace, ...args]);
    await on(server, 'addr', 'add', `${a.serverVeth}/30`, 'dev', serverVeth);
    await on(client, 'addr', 'add', `${a.clientVeth}/30`, 'dev', clientVeth);
    await on(server, 'link', 'set', 'lo', 'up');
    if (!this.clientOnHost) await on(client, 'link', 'set', 'lo', 'up');
    await on(server, 'link', 'set', serverVeth, 'up');
    await on(client, 'link', 'set', clientVeth, 'up');
    // This kernel has no dummy interfaces: the intranet's addresses live on the server's loopback.
    await on(server, 'addr', 'add', `${a.officePc}/32`, 'dev', 'lo');
    await on(server, 'addr', 'add', `${a.dns}/32`, 'dev', 'lo');
    for (const namespace of this.namespaces)
      if (!existsSync(join('/var/run/netns', namespace))) throw new Error(`namespace ${namespace} was not created`);
  }
}
