import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LabNetwork } from './lab-network';
import type { LabPki } from './pki';
import type { LabProcess } from './processes';

export const OFFICE_PC_PORT = 3389;
export const INTRANET_NAME = 'intranet.scv.test';
const OPENVPN_PORT = 1194;
const WIREGUARD_PORT = 51820;
const START_TIMEOUT_MS = 10_000;

/** The "office PC": a TCP server on the intranet address that accepts and closes. */
export const startOfficePc = async (network: LabNetwork): Promise<LabProcess> => {
  const script = `require('node:net').createServer((socket) => socket.end()).listen(${OFFICE_PC_PORT}, '${network.addresses.officePc}', () => console.log('listening'))`;
  const peer = network.spawn(network.server, 'office PC', process.execPath, ['-e', script]);
  await peer.waitForOutput(/listening/, START_TIMEOUT_MS);
  return peer;
};

/** The intranet DNS: dnsmasq answering only for the intranet name, forwarding nothing anywhere. */
export const startIntranetDns = async (network: LabNetwork): Promise<LabProcess> => {
  const { dns, officePc } = network.addresses;
  const peer = network.spawn(network.server, 'dnsmasq', 'dnsmasq', [
    '--keep-in-foreground',
    '--conf-file=/dev/null',
    '--no-resolv',
    '--no-hosts',
    '--bind-interfaces',
    `--listen-address=${dns}`,
    `--address=/${INTRANET_NAME}/${officePc}`,
    `--pid-file=${join(network.dir, `dnsmasq-${Date.now()}.pid`)}`,
    '--user=root',
    '--log-facility=-',
  ]);
  await peer.waitForOutput(/started, version/, START_TIMEOUT_MS);
  return peer;
};

/** OpenVPN server (TLS, UDP) pushing the route to the intranet; on SIGTERM it tells clients to reconnect at once. */
export const startOpenVpnServer = async (network: LabNetwork, pki: LabPki): Promise<LabProcess> => {
  const { serverVeth, openVpnNetwork, corporateSubnet } = network.addresses;
  const [subnetAddress] = corporateSubnet.split('/');
  const peer = network.spawn(network.server, 'openvpn server', 'openvpn', [
    ...['--dev', 'tun', '--proto', 'udp', '--local', serverVeth, '--port', String(OPENVPN_PORT)],
    ...['--server', openVpnNetwork, '255.255.255.0', '--topology', 'subnet', '--push', `route ${subnetAddress} 255.255.255.0`],
    ...['--ca', pki.ca, '--cert', pki.serverCert, '--key', pki.serverKey, '--dh', 'none'],
    // The client pings every second and restarts after 10 s of silence (the silent-death scenario waits for it).
    ...['--keepalive', '1', '10', '--explicit-exit-notify', '1', '--verb', '3'],
  ]);
  await peer.waitForOutput(/Initialization Sequence Completed/, START_TIMEOUT_MS);
  return peer;
};

/**
 * OpenVPN client with its management interface on the namespace's loopback; `hold` starts it waiting for `hold release`.
 * `device` names its tun interface (on the host, where the first free tunN could be anyone's).
 */
export const startOpenVpnClient = async (
  network: LabNetwork,
  pki: LabPki,
  options: { managementPort: number; hold: boolean; managementPasswordFile?: string; device?: string },
): Promise<LabProcess> => {
  const device = options.device ? ['--dev', options.device, '--dev-type', 'tun'] : ['--dev', 'tun'];
  const peer = network.spawn(network.client, 'openvpn client', 'openvpn', [
    ...['--client', ...device, '--proto', 'udp', '--remote', network.addresses.serverVeth, String(OPENVPN_PORT), '--nobind'],
    ...['--ca', pki.ca, '--cert', pki.clientCert, '--key', pki.clientKey, '--remote-cert-tls', 'server'],
    ...[
      '--connect-retry',
      '1',
      '2',
      '--verb',
      '3',
      '--management',
      '127.0.0.1',
      String(options.managementPort),
      ...(options.managementPasswordFile ? [options.managementPasswordFile] : []),
    ],
    ...(options.hold ? ['--management-hold'] : []),
  ]);
  await peer.waitForOutput(/MANAGEMENT: TCP Socket listening/, START_TIMEOUT_MS);
  return peer;
};

export interface WireGuardKeys {
  privateKey: string;
  publicKey: string;
}

/** A Curve25519 key pair in WireGuard's base64 form, without piping through `wg genkey`. */
export const wireGuardKeys = (): WireGuardKeys => {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  const raw = (jwk: { d?: string; x?: string }, part: 'd' | 'x'): string => Buffer.from(jwk[part] ?? '', 'base64url').toString('base64');
  return { privateKey: raw(privateKey.export({ format: 'jwk' }), 'd'), publicKey: raw(publicKey.export({ format: 'jwk' }), 'x') };
};

const waitForSocket = async (iface: string, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(`/var/run/wireguard/${iface}.sock`)) {
    if (Date.now() > deadline) throw new Error(`wireguard-go did not create ${iface} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** A userspace WireGuard interface (this kernel has no wireguard module); the UAPI socket directory is global, so names carry the lab id. */
const startWireGuardGo = async (network: LabNetwork, namespace: string, iface: string): Promise<LabProcess> => {
  // A wireguard-go ended by SIGKILL leaves its socket behind, which would pass for the new one.
  await rm(`/var/run/wireguard/${iface}.sock`, { force: true });
  const peer = network.spawn(namespace, `wireguard-go ${iface}`, 'wireguard-go', ['-f', iface]);
  await waitForSocket(iface, START_TIMEOUT_MS);
  return peer;
};

const keyFile = async (network: LabNetwork, name: string, key: string): Promise<string> => {
  const path = join(network.dir, `${name}.key`);
  await writeFile(path, `${key}\n`, { mode: 0o600 });
  return path;
};

export interface WireGuardPair {
  serverInterface: string;
  clientInterface: string;
  server: LabProcess;
  client: LabProcess;
}

export const startWireGuardServer = async (
  network: LabNetwork,
  iface: string,
  serverKeys: WireGuardKeys,
  clientKeys: WireGuardKeys,
): Promise<LabProcess> => {
  const { wireGuardServer, wireGuardClient } = network.addresses;
  const server = await startWireGuardGo(network, network.server, iface);
  const key = await keyFile(network, 'wg-server', serverKeys.privateKey);
  await network.exec(network.server, 'wg', [
    'set',
    iface,
    'listen-port',
    String(WIREGUARD_PORT),
    'private-key',
    key,
    'peer',
    clientKeys.publicKey,
    'allowed-ips',
    `${wireGuardClient}/32`,
  ]);
  await network.exec(network.server, 'ip', ['addr', 'add', `${wireGuardServer}/24`, 'dev', iface]);
  await network.exec(network.server, 'ip', ['link', 'set', iface, 'up']);
  return server;
};

/** WireGuard server and client; the client routes the intranet through the tunnel and keeps it alive every second. */
export const startWireGuard = async (network: LabNetwork): Promise<WireGuardPair> => {
  const { wireGuardServer, wireGuardClient, serverVeth, corporateSubnet } = network.addresses;
  const serverKeys = wireGuardKeys();
  const clientKeys = wireGuardKeys();
  const serverInterface = `wgs${network.id}`;
  const clientInterface = `wgc${network.id}`;
  const server = await startWireGuardServer(network, serverInterface, serverKeys, clientKeys);
  const client = await startWireGuardGo(network, network.client, clientInterface);
  const key = await keyFile(network, 'wg-client', clientKeys.privateKey);
  const wireGuardSubnet = `${wireGuardServer.split('.').slice(0, 3).join('.')}.0/24`;
  await network.exec(network.client, 'wg', [
    'set',
    clientInterface,
    'private-key',
    key,
    'peer',
    serverKeys.publicKey,
    'allowed-ips',
    `${wireGuardSubnet},${corporateSubnet}`,
    'endpoint',
    `${serverVeth}:${WIREGUARD_PORT}`,
    'persistent-keepalive',
    '1',
  ]);
  await network.exec(network.client, 'ip', ['addr', 'add', `${wireGuardClient}/24`, 'dev', clientInterface]);
  await network.exec(network.client, 'ip', ['link', 'set', clientInterface, 'up']);
  await network.exec(network.client, 'ip', ['route', 'add', corporateSubnet, 'dev', clientInterface]);
  return { serverInterface, clientInterface, server, client };
};
