import { z } from 'zod';
import { formatPath } from '../contract/errors';
import { keyDescription, type KeyDescription } from '../profiles/key-description';
import { isLoopbackHost } from '../net/clear-text';

/**
 * The profile's `vpn` section: what proves the employee reaches the office (a tunnel interface, routes to the
 * corporate subnets through it, an intranet name that resolves, TCP services that accept) and which VPN client,
 * if any, Scrivania may drive. Unknown keys are dropped, so an older Scrivania reads a newer profile.
 */

/** Adapter names of the common VPN clients; `*` and `?` are wildcards, matched without regard to case. */
export const DEFAULT_TUNNEL_INTERFACES = [
  'tun*',
  'tap*',
  'wg*',
  'utun*',
  'ppp*',
  'ipsec*',
  'cscotun*',
  'gpd*',
  'PANGP*',
  'Cisco AnyConnect*',
  'FortiClient*',
  'OpenVPN*',
  'WireGuard*',
];

const Port = z
  .number()
  .int('expected a whole number')
  .min(1, 'expected a port from 1 to 65535')
  .max(65535, 'expected a port from 1 to 65535');
const Host = z.union([z.ipv4(), z.ipv6(), z.hostname()], { error: 'expected a host name or an IP address' });
const Label = z.string().min(1, 'expected a non-empty name').max(100, 'expected at most 100 characters');

/** OpenVPN's management protocol is plain text, its password included: it must never leave the machine. */
const LoopbackHost = z
  .string()
  .refine(isLoopbackHost, 'expected a loopback address such as 127.0.0.1 (the management interface is unencrypted)');

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
export const WireGuardDriver = z.object({
  kind: z.literal('wireguard'),
  interface: z.string().regex(/^[A-Za-z0-9_=+.-]{1,15}$/, 'expected a WireGuard interface name such as wg0'),
});
export const NetworkManagerDriver = z.object({
  kind: z.literal('networkmanager'),
  connection: z.string().min(1, 'expected the NetworkManager connection name').max(200),
});
export const WindowsRasDriver = z.object({
  kind: z.literal('windows-ras'),
  entry: z.string().min(1, 'expected the phonebook entry name').max(256),
});

export const DriverConfig = z.discriminatedUnion(
  'kind',
  [ProbeOnlyDriver, OpenVpnDriver, WireGuardDriver, NetworkManagerDriver, WindowsRasDriver],
  {
    error: 'expected a driver kind: probe-only, openvpn, wireguard, networkmanager or windows-ras',
  },
);
export type DriverConfig = z.infer<typeof DriverConfig>;
export type OpenVpnDriverConfig = z.infer<typeof OpenVpnDriver>;
export type WireGuardDriverConfig = z.infer<typeof WireGuardDriver>;
export type NetworkManagerDriverConfig = z.infer<typeof NetworkManagerDriver>;
export type WindowsRasDriverConfig = z.infer<typeof WindowsRasDriver>;
export type DriverKind = DriverConfig['kind'];
export const driverKinds: readonly DriverKind[] = ['probe-only', 'openvpn', 'wireguard', 'networkmanager', 'windows-ras'];

/** A timing value: a whole number from `min` to `max`, `fallback` where the profile leaves it out. */
const timingValue = (range: { min: number; max: number; fallback: number }, description: KeyDescription) =>
  z.number().int().min(range.min).max(range.max).default(range.fallback).meta(keyDescription(description));

export const VpnTiming = z.object({
  /** A stable connection is probed this often; the issue's budget is at most six rounds a minute. */
  stableIntervalMs: timingValue(
    { min: 2_000, max: 600_000, fallback: 10_000 },
    {
      en: 'Milliseconds between two rounds of checks while the VPN state is steady, 2000 to 600000. Default 10000.',
      it: 'Millisecondi tra due cicli di verifica quando lo stato della VPN è stabile, da 2000 a 600000. Predefinito 10000.',
    },
  ),
  fastIntervalMs: timingValue(
    { min: 200, max: 10_000, fallback: 1_000 },
    {
      en: 'Milliseconds between two rounds of checks while the state is changing (connecting, after a network change), 200 to 10000. Default 1000.',
      it: 'Millisecondi tra due cicli di verifica mentre lo stato cambia (connessione in corso, dopo un cambio di rete), da 200 a 10000. Predefinito 1000.',
    },
  ),
  probeTimeoutMs: timingValue(
    { min: 100, max: 30_000, fallback: 1_500 },
    {
      en: 'Milliseconds each check (route, DNS name, TCP service) waits for an answer before it counts as failed, 100 to 30000. Default 1500.',
      it: 'Millisecondi che ogni verifica (instradamento, nome DNS, servizio TCP) attende una risposta prima di considerarsi fallita, da 100 a 30000. Predefinito 1500.',
    },
  ),
  changePollMs: timingValue(
    { min: 200, max: 10_000, fallback: 1_000 },
    {
      en: 'Milliseconds between two comparisons of the network adapter list, to notice a network change at once, 200 to 10000. Default 1000.',
      it: "Millisecondi tra due confronti dell'elenco delle schede di rete, per accorgersi subito di un cambio di rete, da 200 a 10000. Predefinito 1000.",
    },
  ),
  connectTimeoutMs: timingValue(
    { min: 1_000, max: 600_000, fallback: 30_000 },
    {
      en: 'Milliseconds a connection attempt may take before the VPN is reported as disconnected rather than connecting, 1000 to 600000. Default 30000.',
      it: 'Millisecondi che un tentativo di connessione può durare prima che la VPN risulti disconnessa anziché in connessione, da 1000 a 600000. Predefinito 30000.',
    },
  ),
  handshakeMaxAgeSeconds: timingValue(
    { min: 1, max: 3_600, fallback: 180 },
    {
      en: "Seconds since a WireGuard peer's latest handshake after which the tunnel counts as down (WireGuard renews it every 2 minutes), 1 to 3600. Default 180.",
      it: "Secondi dall'ultimo handshake di un peer WireGuard oltre i quali il tunnel risulta non attivo (WireGuard lo rinnova ogni 2 minuti), da 1 a 3600. Predefinito 180.",
    },
  ),
  notifyMinIntervalMs: timingValue(
    { min: 0, max: 86_400_000, fallback: 60_000 },
    {
      en: 'Least milliseconds between two desktop notifications of a VPN change, so an unstable link does not flood the employee with them, 0 to 86400000. Default 60000.',
      it: 'Intervallo minimo in millisecondi tra due notifiche sul desktop di un cambio di stato della VPN, perché un collegamento instabile non sommerga il dipendente di avvisi, da 0 a 86400000. Predefinito 60000.',
    },
  ),
});
export type VpnTiming = z.infer<typeof VpnTiming>;

export const VpnConfig = z.object({
  tunnelInterfaces: z
    .array(InterfacePattern)
    .min(1, 'expected at least one interface name pattern')
    .max(50)
    .default(DEFAULT_TUNNEL_INTERFACES)
    .meta(
      keyDescription({
        en: 'Names of the network adapters the VPN client creates, with * and ? as wildcards and case ignored: the tunnel counts as up when one of them is, unless the VPN client itself says otherwise. Default: the adapters of the common clients (tun*, tap*, wg*, utun*, ppp*, ipsec*, PANGP*, FortiClient*, OpenVPN*, WireGuard*…).',
        it: 'Nomi delle schede di rete create dal client VPN, con * e ? come caratteri jolly e senza distinzione tra maiuscole e minuscole: il tunnel risulta attivo quando una di esse lo è, salvo che il client VPN indichi altrimenti. Predefinito: le schede dei client più diffusi (tun*, tap*, wg*, utun*, ppp*, ipsec*, PANGP*, FortiClient*, OpenVPN*, WireGuard*…).',
      }),
    ),
  corporateSubnets: z
    .array(z.cidrv4({ error: 'expected an IPv4 subnet such as 10.20.0.0/16' }))
    .max(50)
    .default([])
    .meta(
      keyDescription({
        en: "The office's IPv4 subnets, e.g. 10.20.0.0/16 and 10.30.0.0/16: each must be routed through the tunnel adapter, otherwise the VPN is reported as degraded. Default none.",
        it: "Sottoreti IPv4 dell'ufficio, per esempio 10.20.0.0/16 e 10.30.0.0/16: ciascuna deve essere instradata attraverso la scheda del tunnel, altrimenti la VPN risulta degradata. Predefinito: nessuna.",
      }),
    ),
  intranetName: z
    .hostname({ error: 'expected a DNS name such as intranet.comune.example.it' })
    .optional()
    .meta(
      keyDescription({
        en: "A name only the intranet's DNS resolves, e.g. intranet.comune.example.it: while it does not resolve, the VPN is reported as degraded. Default: not checked.",
        it: 'Nome che solo il DNS della rete interna risolve, per esempio intranet.comune.example.it: finché non viene risolto, la VPN risulta degradata. Predefinito: nessuna verifica.',
      }),
    ),
  dnsServers: z
    .array(z.union([z.ipv4(), z.ipv6()], { error: 'expected an IP address' }))
    .min(1)
    .max(5)
    .optional()
    .meta(
      keyDescription({
        en: "DNS servers, 1 to 5 IP addresses, asked for the intranet name instead of the system's, e.g. 10.20.0.53. Default: the system's.",
        it: 'Server DNS, da 1 a 5 indirizzi IP, da interrogare per il nome della rete interna al posto di quelli di sistema, per esempio 10.20.0.53. Predefinito: quelli di sistema.',
      }),
    ),
  tcpTargets: z
    .array(TcpTarget)
    .max(20)
    .default([])
    .meta(
      keyDescription({
        en: 'Office services that must accept a TCP connection through the VPN, at most 20, each {"name", "host", "port"}, e.g. [{"name":"Protocollo","host":"protocollo.comune.example.it","port":443}]; one that does not answer makes the VPN degraded. Default none.',
        it: 'Servizi dell\'ufficio che devono accettare una connessione TCP attraverso la VPN, al massimo 20, ciascuno {"name", "host", "port"}, per esempio [{"name":"Protocollo","host":"protocollo.comune.example.it","port":443}]; se uno non risponde, la VPN risulta degradata. Predefinito: nessuno.',
      }),
    ),
  driver: DriverConfig.prefault({ kind: 'probe-only' }).meta(
    keyDescription({
      en: 'Which VPN client Scrivania may connect and disconnect: {"kind":"probe-only"} only checks (default); {"kind":"openvpn","managementPort":7505} drives OpenVPN through its management interface on this machine (its password, if "managementPassword": true, stays in the system keychain); {"kind":"wireguard","interface":"wg0"}; {"kind":"networkmanager","connection":"Ufficio"}; {"kind":"windows-ras","entry":"Ufficio"}.',
      it: 'Quale client VPN Scrivania può connettere e disconnettere: {"kind":"probe-only"} si limita alle verifiche (predefinito); {"kind":"openvpn","managementPort":7505} comanda OpenVPN tramite la sua interfaccia di gestione su questo computer (la password, se "managementPassword": true, resta nel portachiavi di sistema); {"kind":"wireguard","interface":"wg0"}; {"kind":"networkmanager","connection":"Ufficio"}; {"kind":"windows-ras","entry":"Ufficio"}.',
    }),
  ),
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
