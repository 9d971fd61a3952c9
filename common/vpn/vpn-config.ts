import { z } from 'zod';
import { formatPath } from '../contract/errors';

/**
 * The profile's `vpn` section: what proves the employee reaches the office (a tunnel interface, routes to the
 * corporate subnets through it, an intranet name that resolves, TCP services that accept) and which VPN client,
 * if any, Scrivania may drive. Unknown keys are dropped, so an older Scrivania reads a newer profile.
 */

/** Adapter names of the common VPN clients; `*` and `?` are wildcards, matched without regard to case. */
export const DEFAULT_TUNNEL_INTERFACES = ['tun*', 'tap*', 'wg*', 'utun*', 'ppp*', 'ipsec*', 'cscotun*', 'gpd*', 'PANGP*', 'Cisco AnyConnect*', 'FortiClient*', 'OpenVPN*', 'WireGuard*'];

const Port = z.number().int('expected a whole number').min(1, 'expected a port from 1 to 65535').max(65535, 'expected a port from 1 to 65535');
const Host = z.union([z.ipv4(), z.ipv6(), z.hostname()], { error: 'expected a host name or an IP address' });
const Label = z.string().min(1, 'expected a non-empty name').max(100, 'expected at most 100 characters');

const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
/** OpenVPN's management protocol is plain text, its password included: it must never leave the machine. */
const LoopbackHost = z.string().refine(isLoopback, 'expected a loopback address such as 127.0.0.1 (the management interface is unencrypted)');

export const InterfacePattern = z
  .string()
  .min(1, 'expected a non-empty interface name pattern')
  .max(100)
  .regex(/^[^\s/\\][^/\\]*$/, 'expected an interface name pattern such as tun* (no slashes, not starting with a space)');

export const TcpTarget = z.object({ name: Label, host: Host, port: Port });
export type TcpTarget = z.infer<typeof TcpTarget>;

export const ProbeOnlyDriver = z.object({ kind: z.literal('probe-only') });
export const OpenVpnDriver = z.object({
  kind: z.literal('openvpn'),
  managementHost: LoopbackHost.default('127.0.0.1'),
  managementPort: Port,
  /** The management password is the keychain's `vpn` secret (purpose vpn.connect), never part of the profile. */
  managementPassword: z.boolean().default(false),
  /** `hold` keeps OpenVPN running and ready to connect again; `sigterm` ends the OpenVPN process. */
  disconnectWith: z.enum(['hold', 'sigterm']).default('hold'),
});
export const WireGuardDriver = z.object({ kind: z.literal('wireguard'), interface: z.string().regex(/^[A-Za-z0-9_=+.-]{1,15}$/, 'expected a WireGuard interface name such as wg0') });
export const NetworkManagerDriver = z.object({ kind: z.literal('networkmanager'), connection: z.string().min(1, 'expected the NetworkManager connection name').max(200) });
export const WindowsRasDriver = z.object({ kind: z.literal('windows-ras'), entry: z.string().min(1, 'expected the phonebook entry name').max(256) });

export const DriverConfig = z.discriminatedUnion('kind', [ProbeOnlyDriver, OpenVpnDriver, WireGuardDriver, NetworkManagerDriver, WindowsRasDriver], {
  error: 'expected a driver kind: probe-only, openvpn, wireguard, networkmanager or windows-ras',
});
export type DriverConfig = z.infer<typeof DriverConfig>;
export type OpenVpnDriverConfig = z.infer<typeof OpenVpnDriver>;
export type WireGuardDriverConfig = z.infer<typeof WireGuardDriver>;
export type NetworkManagerDriverConfig = z.infer<typeof NetworkManagerDriver>;
export type WindowsRasDriverConfig = z.infer<typeof WindowsRasDriver>;
export type DriverKind = DriverConfig['kind'];
export const driverKinds: readonly DriverKind[] = ['probe-only', 'openvpn', 'wireguard', 'networkmanager', 'windows-ras'];

export const VpnTiming = z.object({
  /** A stable connection is probed this often; the issue's budget is at most six rounds a minute. */
  stableIntervalMs: z.number().int().min(2_000).max(600_000).default(10_000),
  /** How often to probe again while something is changing. */
  fastIntervalMs: z.number().int().min(200).max(10_000).default(1_000),
  probeTimeoutMs: z.number().int().min(100).max(30_000).default(1_500),
  /** How often the interface list is compared with the last one, to notice a network change. */
  changePollMs: z.number().int().min(200).max(10_000).default(1_000),
  /** A connection attempt longer than this is reported as disconnected rather than connecting. */
  connectTimeoutMs: z.number().int().min(1_000).max(600_000).default(30_000),
  /** A WireGuard peer whose latest handshake is older than this is down: WireGuard renews it every 2 minutes. */
  handshakeMaxAgeSeconds: z.number().int().min(1).max(3_600).default(180),
  /** At most one desktop notification per this interval, so a flapping link does not spam. */
  notifyMinIntervalMs: z.number().int().min(0).max(86_400_000).default(60_000),
});
export type VpnTiming = z.infer<typeof VpnTiming>;

export const VpnConfig = z.object({
  tunnelInterfaces: z.array(InterfacePattern).min(1, 'expected at least one interface name pattern').max(50).default(DEFAULT_TUNNEL_INTERFACES),
  corporateSubnets: z.array(z.cidrv4({ error: 'expected an IPv4 subnet such as 10.20.0.0/16' })).max(50).default([]),
  /** A name only the intranet's DNS resolves, e.g. intranet.comune.example.it. */
  intranetName: z.hostname({ error: 'expected a DNS name such as intranet.comune.example.it' }).optional(),
  /** DNS servers to ask instead of the system's, e.g. the intranet's own. */
  dnsServers: z.array(z.union([z.ipv4(), z.ipv6()], { error: 'expected an IP address' })).min(1).max(5).optional(),
  tcpTargets: z.array(TcpTarget).max(20).default([]),
  driver: DriverConfig.prefault({ kind: 'probe-only' }),
  timing: VpnTiming.prefault({}),
});
export type VpnConfig = z.infer<typeof VpnConfig>;
export type VpnConfigInput = z.input<typeof VpnConfig>;

export type VpnConfigParse = { ok: true; config: VpnConfig } | { ok: false; reason: string };

/** The section as the service reads it, or the first problem in one line: `vpn.tcpTargets[0].port: expected …`. */
export const parseVpnConfig = (section: unknown): VpnConfigParse => {
  const parsed = VpnConfig.safeParse(section);
  if (parsed.success) return { ok: true, config: parsed.data };
  const issue = parsed.error.issues[0];
  if (!issue) return { ok: false, reason: 'vpn: invalid section' };
  const where = issue.path.length === 0 ? 'vpn' : `vpn.${formatPath(issue.path)}`;
  return { ok: false, reason: `${where}: ${issue.message}` };
};
