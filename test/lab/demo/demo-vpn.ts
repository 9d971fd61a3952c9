import type { VpnConfigInput } from '../../../common/vpn/vpn-config';
import { freeLoopbackPort } from '../peers';
import { LabNetwork } from '../vpn/lab-network';
import { vpnLabUnavailable } from '../vpn/lab-peers';
import { labVpnConfig } from '../vpn/openvpn-lab';
import { INTRANET_NAME, OFFICE_PC_PORT, startIntranetDns, startOfficePc, startOpenVpnClient, startOpenVpnServer } from '../vpn/peers';
import { createPki } from '../vpn/pki';
import { run } from '../vpn/processes';
import type { PeerRestart } from './peer-restart';

export interface DemoVpn {
  mode: 'tunnel' | 'probe-only';
  /** Why there is no tunnel, in probe-only mode. */
  reason?: string;
  /** The profile's vpn section. */
  config: VpnConfigInput;
  /** One line per thing started, with its address. */
  lines: string[];
  namespaces: string[];
  /** With the tunnel: the OpenVPN server stopped and started again, and the route to the intranet removed and added back. */
  restarts: PeerRestart[];
  stop(): Promise<void>;
}

const TUNNEL_TIMEOUT_MS = 20_000;

/** The lab's peer checks throw with CI=true; the demo only reports the reason and goes on without the peer. */
export const unavailableReason = (check: () => string | undefined): string | undefined => {
  try {
    return check();
  } catch (error) {
    return (error as Error).message;
  }
};

/**
 * This machine is the employee's PC: an OpenVPN client here, with a named tun device and a route to the lab's
 * intranet subnet only; one `server` namespace holds the OpenVPN server, the intranet DNS and an intranet host.
 */
const startTunnel = async (): Promise<DemoVpn> => {
  const network = await LabNetwork.create({ clientOnHost: true });
  try {
    const pki = await createPki(network.dir);
    let [server] = await Promise.all([startOpenVpnServer(network, pki), startIntranetDns(network), startOfficePc(network)]);
    const managementPort = await freeLoopbackPort();
    const device = `scvtun${network.id}`;
    const client = await startOpenVpnClient(network, pki, { managementPort, hold: false, device });
    await client.waitForOutput(/Initialization Sequence Completed/, TUNNEL_TIMEOUT_MS);
    const { serverVeth, corporateSubnet, dns, officePc } = network.addresses;
    let route: string[] = [];
    const restarts: PeerRestart[] = [
      {
        name: 'openvpn',
        what: 'the OpenVPN server',
        // SIGTERM first: its explicit-exit-notify tells the client at once, as a server restart does.
        down: () => server.stop('SIGTERM', 2_000),
        up: async () => {
          server = await startOpenVpnServer(network, pki);
        },
      },
      {
        name: 'route',
        what: `the route to ${corporateSubnet}`,
        down: async () => {
          route = (await run('ip', ['route', 'show', corporateSubnet])).trim().split(/\s+/).filter(Boolean);
          if (route.length === 0) throw new Error(`no route to ${corporateSubnet} to remove`);
          await run('ip', ['route', 'del', corporateSubnet]);
        },
        up: async () => {
          await run('ip', ['route', 'add', ...route]);
        },
      },
    ];
    return {
      mode: 'tunnel',
      config: labVpnConfig(network, {
        tunnelInterfaces: [device],
        dnsServers: [dns],
        tcpTargets: [{ name: 'Intranet server', host: officePc, port: OFFICE_PC_PORT }],
        driver: { kind: 'openvpn', managementHost: '127.0.0.1', managementPort },
      }),
      lines: [
        `OpenVPN server in namespace ${network.server} on ${serverVeth}:1194/udp; intranet ${corporateSubnet}: DNS ${dns} (${INTRANET_NAME}), server ${officePc}:${OFFICE_PC_PORT}`,
        `OpenVPN client on this machine: tunnel ${device} routing ${corporateSubnet} only, management 127.0.0.1:${managementPort}`,
      ],
      namespaces: network.namespaces,
      restarts,
      stop: () => network.dispose(),
    };
  } catch (error) {
    await network.dispose();
    throw error;
  }
};

/**
 * A loopback address where no DNS server listens: without the tunnel the intranet's DNS is out of reach, and the
 * question about the intranet name never leaves this machine.
 */
export const UNREACHABLE_INTRANET_DNS = '127.53.0.1';

/**
 * No tunnel: the probes look for the lab's tunnel device (absent), ask the intranet name of a DNS server that is
 * not there, and reach the office PC on loopback.
 */
const probeOnly = (reason: string, loopbackTarget?: { name: string; port: number }): DemoVpn => ({
  mode: 'probe-only',
  reason,
  config: {
    tunnelInterfaces: ['scvtun*'],
    intranetName: INTRANET_NAME,
    dnsServers: [UNREACHABLE_INTRANET_DNS],
    tcpTargets: loopbackTarget ? [{ name: loopbackTarget.name, host: '127.0.0.1', port: loopbackTarget.port }] : [],
  },
  lines: [`probe-only against loopback: ${reason}`],
  namespaces: [],
  restarts: [],
  stop: async () => undefined,
});

export const startDemoVpn = async (options: { tunnel: boolean; loopbackTarget?: { name: string; port: number } }): Promise<DemoVpn> => {
  const reason = options.tunnel ? unavailableReason(vpnLabUnavailable) : 'started with --no-tunnel';
  if (reason) return probeOnly(reason, options.loopbackTarget);
  try {
    return await startTunnel();
  } catch (error) {
    return probeOnly(`the tunnel did not come up: ${(error as Error).message.split('\n')[0]}`, options.loopbackTarget);
  }
};
